/**
 * Who applies (申请人情况): the six data columns of table 三 (2021 format) — 自然人, and 法人或其他组织
 * split into 商业企业、科研机构、社会公益组织、法律服务机构、其他. 总计 is computed; the official table
 * has no “法人或其他组织小计” column, so none is offered here.
 */

/** The applicant types, in the column order of table 三. */
export const APPLICANT_TYPES = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'public_welfare_organisation',
  'legal_service_provider',
  'other_organisation',
] as const;

/** One of `APPLICANT_TYPES`. */
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** Whether a value is one of the applicant types. */
export function isApplicantType(value: unknown): value is ApplicantType {
  return typeof value === 'string' && (APPLICANT_TYPES as readonly string[]).includes(value);
}

/** The column heading of each applicant type in table 三, verbatim. */
export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, string>> = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  public_welfare_organisation: '社会公益组织',
  legal_service_provider: '法律服务机构',
  other_organisation: '其他',
};

/** The two top-level kinds of 条例第二十七条 “公民、法人或者其他组织” as table 三 groups them. */
export const APPLICANT_KINDS = ['natural_person', 'legal_person_or_other_organisation'] as const;

/** One of `APPLICANT_KINDS`. */
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** The top-level column heading of each kind in table 三. */
export const APPLICANT_KIND_LABELS: Readonly<Record<ApplicantKind, string>> = {
  natural_person: '自然人',
  legal_person_or_other_organisation: '法人或其他组织',
};

/** The top-level kind an applicant type belongs to. */
export function applicantKindOf(type: ApplicantType): ApplicantKind {
  switch (type) {
    case 'natural_person':
      return 'natural_person';
    case 'commercial_enterprise':
    case 'research_institution':
    case 'public_welfare_organisation':
    case 'legal_service_provider':
    case 'other_organisation':
      return 'legal_person_or_other_organisation';
    default: {
      const unreachable: never = type;
      throw new Error(`未知的申请人类型：${String(unreachable)}`);
    }
  }
}

/** Counts per applicant type plus the computed 总计, one row of table 三. */
export type ApplicantColumns = Readonly<Record<ApplicantType, number>> & { readonly total: number };

/** Tallies applicant types into the seven columns of one table 三 row (总计 = the sum of the six). */
export function tallyByApplicantType(types: Iterable<ApplicantType>): ApplicantColumns {
  const counts: Record<ApplicantType, number> = {
    natural_person: 0,
    commercial_enterprise: 0,
    research_institution: 0,
    public_welfare_organisation: 0,
    legal_service_provider: 0,
    other_organisation: 0,
  };
  let total = 0;
  for (const t of types) {
    counts[t] += 1;
    total += 1;
  }
  return { ...counts, total };
}
