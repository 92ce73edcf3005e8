/**
 * The statutory clauses an item is proactively disclosed under: the fifteen items of 条例第二十条,
 * which bind every administrative organ, and the areas of 第二十一条, which add to them for
 * city and county governments and their departments and for township governments. Labels are the
 * text of the 2019 regulations (国务院令第711号), verbatim.
 */
import type { AgencyKind } from '../organisations/agency.ts';

/** Every clause, in the order of the regulations. */
export const STATUTORY_CLAUSES = [
  'art20_1',
  'art20_2',
  'art20_3',
  'art20_4',
  'art20_5',
  'art20_6',
  'art20_7',
  'art20_8',
  'art20_9',
  'art20_10',
  'art20_11',
  'art20_12',
  'art20_13',
  'art20_14',
  'art20_15',
  'art21_municipal_construction',
  'art21_public_services',
  'art21_public_welfare',
  'art21_agricultural_policy',
  'art21_irrigation_works',
  'art21_land_contract_transfer',
  'art21_homestead_review',
  'art21_land_expropriation',
  'art21_housing_expropriation',
  'art21_public_security',
  'art21_fundraising_labour',
  'art21_social_assistance',
] as const;

/** One of `STATUTORY_CLAUSES`. */
export type StatutoryClause = (typeof STATUTORY_CLAUSES)[number];

/** Whether a value is a known statutory clause. */
export function isStatutoryClause(value: unknown): value is StatutoryClause {
  return typeof value === 'string' && (STATUTORY_CLAUSES as readonly string[]).includes(value);
}

/**
 * The level of government a clause binds: every organ (第二十条), 设区的市级、县级人民政府及其部门
 * (第二十一条前段), or 乡（镇）人民政府 (第二十一条后段).
 */
export const CLAUSE_LEVELS = ['all', 'city_county', 'town'] as const;

/** One of `CLAUSE_LEVELS`. */
export type ClauseLevel = (typeof CLAUSE_LEVELS)[number];

/** A clause with its place in the regulations and its verbatim text. */
export interface StatutoryClauseInfo {
  readonly clause: StatutoryClause;
  readonly article: '第二十条' | '第二十一条';
  /** The item number of 第二十条, e.g. “（一）”; null for the areas of 第二十一条. */
  readonly item: string | null;
  /** The verbatim text of the item or the name of the area. */
  readonly label: string;
  /** How the clause is cited, e.g. “条例第二十条第（一）项”. */
  readonly citation: string;
  /** The levels of government the clause binds. */
  readonly levels: readonly ClauseLevel[];
}

const ARTICLE_20_ITEMS: readonly string[] = [
  // 条例第二十条：“行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息”
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
];

const CHINESE_ITEM_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'] as const;

// 条例第二十一条：“设区的市级、县级人民政府及其部门还应当根据本地方的具体情况，主动公开涉及市政建设、
// 公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等方面的政府信息；乡（镇）人民政府还应当根据
// 本地方的具体情况，主动公开贯彻落实农业农村政策、农田水利工程建设运营、农村土地承包经营权流转、宅基地
// 使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助等方面的政府信息”
const ARTICLE_21_AREAS: ReadonlyArray<readonly [StatutoryClause, string, readonly ClauseLevel[]]> = [
  ['art21_municipal_construction', '市政建设', ['city_county']],
  ['art21_public_services', '公共服务', ['city_county']],
  ['art21_public_welfare', '公益事业', ['city_county']],
  ['art21_agricultural_policy', '贯彻落实农业农村政策', ['town']],
  ['art21_irrigation_works', '农田水利工程建设运营', ['town']],
  ['art21_land_contract_transfer', '农村土地承包经营权流转', ['town']],
  ['art21_homestead_review', '宅基地使用情况审核', ['town']],
  ['art21_land_expropriation', '土地征收', ['city_county', 'town']],
  ['art21_housing_expropriation', '房屋征收', ['city_county', 'town']],
  ['art21_public_security', '治安管理', ['city_county']],
  ['art21_fundraising_labour', '筹资筹劳', ['town']],
  ['art21_social_assistance', '社会救助', ['city_county', 'town']],
];

function buildInfo(): Readonly<Record<StatutoryClause, StatutoryClauseInfo>> {
  const info = {} as Record<StatutoryClause, StatutoryClauseInfo>;
  ARTICLE_20_ITEMS.forEach((label, i) => {
    const clause = `art20_${i + 1}` as StatutoryClause;
    const item = `（${CHINESE_ITEM_NUMBERS[i]}）`;
    info[clause] = { clause, article: '第二十条', item, label, citation: `条例第二十条第${item}项`, levels: ['all'] };
  });
  for (const [clause, label, levels] of ARTICLE_21_AREAS) {
    info[clause] = { clause, article: '第二十一条', item: null, label, citation: `条例第二十一条（${label}）`, levels };
  }
  return info;
}

/** Each clause's article, item, verbatim text and binding levels. */
export const STATUTORY_CLAUSE_INFO: Readonly<Record<StatutoryClause, StatutoryClauseInfo>> = buildInfo();

/** The clauses that bind a level of government, in the order of the regulations (第二十条 always included). */
export function clausesFor(level: ClauseLevel): StatutoryClause[] {
  return STATUTORY_CLAUSES.filter((c) => {
    const levels = STATUTORY_CLAUSE_INFO[c].levels;
    return levels.includes('all') || levels.includes(level);
  });
}

/**
 * The level of government whose clauses apply to an agency, from its lineage (the agency first, then
 * its parent, up to the root): the nearest government above decides, so a station or department of a
 * town works under the town's 第二十一条 areas; a tree without a government is treated as county level.
 */
export function clauseLevelOf(lineage: readonly AgencyKind[]): Exclude<ClauseLevel, 'all'> {
  for (const kind of lineage) {
    switch (kind) {
      case 'town_gov':
        return 'town';
      case 'county_gov':
        return 'city_county';
      case 'department':
      case 'station':
      case 'village':
      case 'community':
        continue;
      default: {
        const unreachable: never = kind;
        return unreachable;
      }
    }
  }
  return 'city_county';
}

/** Whether an item of an agency at `level` may be filed under `clause`. */
export function isClauseApplicable(clause: StatutoryClause, level: ClauseLevel): boolean {
  const levels = STATUTORY_CLAUSE_INFO[clause].levels;
  return levels.includes('all') || levels.includes(level);
}
