/**
 * 主题分类 (subject categories): the default list follows the top level of the State Council's subject
 * classification of documents as the 中国政府网 policy library shows it (综合政务、财政、金融、审计 …).
 * The list is configurable (`Vocabulary`): an agency may add second-level entries (e.g. 综合政务\政务公开)
 * or retire entries. The names are modelled on that classification and not checked against an
 * official text; administrators can correct them without touching code.
 */
import type { Vocabulary } from './vocabulary.ts';

/** The codes of the default subject categories, in display order. */
export const DEFAULT_CATEGORY_CODES = [
  'organisation',
  'general_affairs',
  'economy',
  'finance_audit',
  'land_energy',
  'agriculture_forestry_water',
  'industry_transport',
  'commerce_customs_tourism',
  'market_safety_regulation',
  'urban_rural_environment',
  'science_education',
  'culture_media',
  'health_sport',
  'population_women_children',
  'labour_personnel_supervision',
  'public_security_justice',
  'civil_affairs_poverty_relief',
  'ethnic_religious_affairs',
  'foreign_affairs',
  'hk_macao_taiwan_overseas',
  'national_defence',
  'other',
] as const;

/** One of `DEFAULT_CATEGORY_CODES`. */
export type DefaultCategoryCode = (typeof DEFAULT_CATEGORY_CODES)[number];

const LABELS: Record<DefaultCategoryCode, string> = {
  organisation: '政府组织机构',
  general_affairs: '综合政务',
  economy: '国民经济管理、国有资产监管',
  finance_audit: '财政、金融、审计',
  land_energy: '国土资源、能源',
  agriculture_forestry_water: '农业、林业、水利',
  industry_transport: '工业、交通',
  commerce_customs_tourism: '商贸、海关、旅游',
  market_safety_regulation: '市场监管、安全生产监管',
  urban_rural_environment: '城乡建设、环境保护',
  science_education: '科技、教育',
  culture_media: '文化、广电、新闻出版',
  health_sport: '卫生、体育',
  population_women_children: '人口与计划生育、妇女儿童工作',
  labour_personnel_supervision: '劳动、人事、监察',
  public_security_justice: '公安、安全、司法',
  civil_affairs_poverty_relief: '民政、扶贫、救灾',
  ethnic_religious_affairs: '民族、宗教',
  foreign_affairs: '对外事务',
  hk_macao_taiwan_overseas: '港澳台侨工作',
  national_defence: '国防',
  other: '其他',
};

/** The default 主题分类 vocabulary a new installation starts with. */
export const DEFAULT_CATEGORIES: Vocabulary = {
  name: '主题分类',
  entries: DEFAULT_CATEGORY_CODES.map((code) => ({ code, label: LABELS[code], parentCode: null })),
};
