/**
 * The demo organisation: 黔城镇人民政府 (Hongjiang City, Huaihua, Hunan) under 洪江市人民政府,
 * with its stations and 15 villages and communities, as in the seed 2017 annual report.
 * Contact details of the town are those the seed report publishes; unified social credit
 * codes are demo values with valid check characters (not the real registrations), and the
 * village list beyond 板桥村, 三江村 and 芙蓉社区 is illustrative.
 */
import type { AgencyKind } from './agency.ts';
import { computeCreditCodeCheck, computeOrgCodeCheck } from './credit-code.ts';

export interface DemoAgency {
  key: string;
  parentKey: string | null;
  kind: AgencyKind;
  name: string;
  shortName: string;
  creditCode: string | null;
  address: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  officeHours: string;
  disclosureOffice: string;
}

/** Builds a credit code with valid check characters from a 2-char registration type, region and 8-digit serial. */
export function demoCreditCode(type: string, region: string, serial: string): string {
  const org = serial + computeOrgCodeCheck(serial)!;
  const first17 = type + region + org;
  return first17 + computeCreditCodeCheck(first17)!;
}

const HONGJIANG = '431281';
const OFFICE_HOURS = '周一至周五 上午8:00—12:00，下午14:30—17:30（法定节假日除外）';

const stations: Array<[string, string, string]> = [
  ['caizheng', '黔城镇财政所', '财政所'],
  ['nongye', '黔城镇农业综合服务站', '农业综合服务站'],
  ['cunzhen', '黔城镇村镇建设站', '村镇建设站'],
  ['shehui', '黔城镇社会事务办公室', '社会事务办'],
  ['zongzhi', '黔城镇社会治安综合治理办公室', '综治办'],
  ['linye', '黔城镇林业站', '林业站'],
];

const villages: Array<[string, AgencyKind]> = [
  ['板桥村', 'village'], ['三江村', 'village'], ['芙蓉社区', 'community'], ['岔头村', 'village'], ['大湾村', 'village'],
  ['红岩村', 'village'], ['清江村', 'village'], ['石门村', 'village'], ['金竹村', 'village'], ['双溪村', 'village'],
  ['新民村', 'village'], ['桂花村', 'village'], ['黔阳社区', 'community'], ['舞水社区', 'community'], ['玉壶社区', 'community'],
];

/** The demo agencies, parents before children. */
export function demoAgencies(): DemoAgency[] {
  const base = { fax: '', email: '', officeHours: OFFICE_HOURS };
  const out: DemoAgency[] = [
    {
      key: 'city', parentKey: null, kind: 'county_gov', name: '洪江市人民政府', shortName: '洪江市政府',
      creditCode: demoCreditCode('11', HONGJIANG, '00618830'), address: '湖南省洪江市黔城镇沅江路', postcode: '418100',
      phone: '0745-7622001', disclosureOffice: '洪江市人民政府办公室', ...base,
    },
    {
      key: 'town', parentKey: 'city', kind: 'town_gov', name: '黔城镇人民政府', shortName: '黔城镇',
      creditCode: demoCreditCode('11', HONGJIANG, '00618921'), address: '湖南省洪江市黔城镇人民政府', postcode: '418100',
      phone: '0745-7731916', fax: '0745-7731916', email: 'qcz_xxgk@example.gov.cn', officeHours: OFFICE_HOURS,
      disclosureOffice: '黔城镇人民政府宣传室',
    },
  ];
  stations.forEach(([key, name, shortName], i) => {
    out.push({
      key, parentKey: 'town', kind: 'station', name, shortName,
      creditCode: demoCreditCode('12', HONGJIANG, String(44500110 + i * 7)), address: '湖南省洪江市黔城镇人民政府院内',
      postcode: '418100', phone: '0745-7731916', disclosureOffice: '', ...base,
    });
  });
  villages.forEach(([name, kind], i) => {
    out.push({
      key: `village-${i + 1}`, parentKey: 'town', kind, name, shortName: name, creditCode: null,
      address: `湖南省洪江市黔城镇${name}`, postcode: '418100', phone: '', disclosureOffice: '', ...base,
      officeHours: kind === 'community' ? OFFICE_HOURS : '工作日办公，农忙时节请先电话联系',
    });
  });
  return out;
}

export interface DemoUser {
  login: string;
  displayName: string;
  agencyKey: string;
  role: 'officer' | 'editor' | 'reviewer' | 'approver';
  password: string;
}

/** One demo user per role (demo-only passwords, listed in the README). */
export const DEMO_USERS: readonly DemoUser[] = [
  { login: 'officer', displayName: '公开办 李敏', agencyKey: 'town', role: 'officer', password: 'Gongkaiban#2017' },
  { login: 'editor', displayName: '信息员 王芳', agencyKey: 'town', role: 'editor', password: 'Xinxiyuan#2017' },
  { login: 'reviewer', displayName: '保密审查员 张强', agencyKey: 'town', role: 'reviewer', password: 'Baomi-shencha#2017' },
  { login: 'approver', displayName: '分管领导 刘洋', agencyKey: 'town', role: 'approver', password: 'Fenguan-lingdao#2017' },
];
