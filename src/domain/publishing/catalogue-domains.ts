/**
 * The domains of the 基层政务公开标准目录: 国办发〔2019〕54号 asks county and township governments to
 * compile their catalogue “对照国务院部门制定的26个试点领域基层政务公开标准指引”. The default list
 * is the 26 areas as local catalogues name them (domain-reference §4); the list as a whole is not
 * confirmed by one official source, so it is a configurable `Vocabulary`, not a closed union.
 */
import type { Vocabulary } from './vocabulary.ts';

/** The codes of the 26 default domains, in the usual order. */
export const DEFAULT_CATALOGUE_DOMAIN_CODES = [
  'major_construction_projects',
  'public_resource_trading',
  'budgets_final_accounts',
  'work_safety',
  'tax_administration',
  'land_expropriation',
  'housing_expropriation',
  'rural_dilapidated_housing',
  'urban_law_enforcement',
  'poverty_alleviation',
  'disaster_relief',
  'food_drug_regulation',
  'public_culture',
  'public_legal_services',
  'employment',
  'social_insurance',
  'social_assistance',
  'elderly_care',
  'household_registration',
  'agricultural_subsidies',
  'compulsory_education',
  'health',
  'ecological_environment',
  'urban_rural_planning',
  'municipal_services',
  'affordable_housing',
] as const;

/** One of `DEFAULT_CATALOGUE_DOMAIN_CODES`. */
export type DefaultCatalogueDomainCode = (typeof DEFAULT_CATALOGUE_DOMAIN_CODES)[number];

const LABELS: Record<DefaultCatalogueDomainCode, string> = {
  major_construction_projects: '重大建设项目',
  public_resource_trading: '公共资源交易',
  budgets_final_accounts: '财政预决算',
  work_safety: '安全生产',
  tax_administration: '税收管理',
  // 自然资源部的指引名为“农村集体土地征收基层政务公开标准指引”。
  land_expropriation: '征地补偿',
  housing_expropriation: '国有土地上房屋征收与补偿',
  rural_dilapidated_housing: '农村危房改造',
  urban_law_enforcement: '城市综合执法',
  poverty_alleviation: '扶贫',
  disaster_relief: '救灾',
  food_drug_regulation: '食品药品监管',
  public_culture: '公共文化服务',
  public_legal_services: '公共法律服务',
  employment: '就业',
  social_insurance: '社会保险',
  social_assistance: '社会救助',
  elderly_care: '养老服务',
  household_registration: '户籍管理',
  agricultural_subsidies: '涉农补贴',
  compulsory_education: '义务教育',
  health: '卫生健康',
  ecological_environment: '生态环境',
  urban_rural_planning: '城乡规划',
  municipal_services: '市政服务',
  affordable_housing: '保障性住房',
};

/** The default 基层政务公开标准目录 domains a new installation starts with. */
export const DEFAULT_CATALOGUE_DOMAINS: Vocabulary = {
  name: '标准目录领域',
  entries: DEFAULT_CATALOGUE_DOMAIN_CODES.map((code) => ({ code, label: LABELS[code], parentCode: null })),
};
