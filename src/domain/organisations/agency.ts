/**
 * Agencies (行政机关及其下属单位) form a tree: county government → town government or department
 * → stations and villages/communities. The fields are those the disclosure guide publishes
 * (条例第十二条：“政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式”).
 */
import { z } from 'zod';
import { isValidCreditCode, isValidOrgCode, normaliseCode } from './credit-code.ts';

export const AGENCY_KINDS = ['county_gov', 'town_gov', 'department', 'station', 'village', 'community'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** Whether a string is one of the agency kinds. */
export function isAgencyKind(value: string): value is AgencyKind {
  return (AGENCY_KINDS as readonly string[]).includes(value);
}

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  county_gov: '县（市、区）人民政府',
  town_gov: '乡镇人民政府（街道办事处）',
  department: '政府部门',
  station: '站所',
  village: '村',
  community: '社区',
};

/** Which kinds may sit directly under which (a village is not a parent of a town). */
const ALLOWED_CHILDREN: Record<AgencyKind, readonly AgencyKind[]> = {
  county_gov: ['town_gov', 'department'],
  town_gov: ['station', 'village', 'community', 'department'],
  department: ['station', 'department'],
  station: [],
  village: [],
  community: [],
};

/** Whether an agency of one kind may be placed under a parent of another kind (undefined: a root). */
export function canNest(parent: AgencyKind | undefined, child: AgencyKind): boolean {
  if (parent === undefined) return child === 'county_gov' || child === 'town_gov' || child === 'department';
  return ALLOWED_CHILDREN[parent].includes(child);
}

export interface Agency {
  id: number;
  parentId: number | null;
  /** Materialised path of ids, e.g. `/1/4/`: the subtree of X is every path starting with X's path. */
  path: string;
  kind: AgencyKind;
  name: string;
  shortName: string;
  creditCode: string | null;
  orgCode: string | null;
  address: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  officeHours: string;
  disclosureOffice: string;
  sortOrder: number;
}

const optionalText = (max: number) => z.preprocess((v) => v ?? '', z.string().trim().max(max, `不超过 ${max} 个字`));

/** Input accepted when creating or editing an agency; messages are shown to staff. */
export const agencyInputSchema = z
  .object({
    parentId: z.coerce.number().int().positive().nullable().default(null),
    kind: z.enum(AGENCY_KINDS, { message: '请选择机构类型' }),
    name: z.string().trim().min(2, '机构名称至少 2 个字').max(60, '机构名称不超过 60 个字'),
    shortName: optionalText(20),
    creditCode: z
      .preprocess((v) => v ?? '', z.string())
      .transform(normaliseCode)
      .refine((v) => v === '' || isValidCreditCode(v), '统一社会信用代码不正确（18 位，末位校验码须符合 GB 32100）')
      .transform((v) => (v === '' ? null : v)),
    orgCode: z
      .preprocess((v) => v ?? '', z.string())
      .transform(normaliseCode)
      .refine((v) => v === '' || isValidOrgCode(v), '组织机构代码不正确（9 位，末位校验码须符合 GB 11714）')
      .transform((v) => (v === '' ? null : v)),
    address: optionalText(120),
    postcode: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d{6}$/.test(v), '邮政编码为 6 位数字')
      .default(''),
    phone: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[0-9\-—–\s()（）转,，、]{7,40}$/.test(v), '电话号码格式不正确')
      .default(''),
    fax: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[0-9\-—–\s()（）]{7,30}$/.test(v), '传真号码格式不正确')
      .default(''),
    email: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), '电子邮箱格式不正确')
      .default(''),
    officeHours: optionalText(120),
    disclosureOffice: optionalText(60),
    sortOrder: z.coerce.number().int().min(0).max(100000).default(0),
  })
  .transform((v) => ({ ...v, shortName: v.shortName || v.name }));

export type AgencyInput = z.output<typeof agencyInputSchema>;

/** Builds a child's materialised path from its parent's path and its own id. */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Ids of an agency and its ancestors, nearest first (from the materialised path `/1/4/9/`). */
export function lineageIdsOf(agency: Pick<Agency, 'id' | 'path'>): number[] {
  const ids = agency.path.split('/').filter(Boolean).map(Number);
  return (ids.includes(agency.id) ? ids : [...ids, agency.id]).reverse();
}

/** The code an index number is built on: the credit code, else the organisation code (§5.1). */
export function indexCodeOf(agency: Pick<Agency, 'creditCode' | 'orgCode'>): string | null {
  return agency.creditCode ?? agency.orgCode;
}
