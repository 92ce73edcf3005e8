/**
 * Demo content for 黔城镇: the town's 2017 output as the seed report describes it — 43 公文类
 * items, all with electronic full text, plus work news and policies — recent years' items across
 * categories, policy interpretations, a withdrawn and an expired item, and each village's notices.
 * Titles follow the style of real town disclosure pages; names and numbers are invented.
 */
import { shiftDate } from '../china-time.ts';

export interface DemoItem {
  /** Agency key from demo-organisation.ts ('town', 'caizheng', 'village-1' …). */
  agency: string;
  title: string;
  summary: string;
  genre: string;
  category: string;
  clause: string | null;
  domain: string | null;
  formedOn: string;
  /** Days after formedOn the item is published (all within 20 working days). */
  publishAfterDays: number;
  documentNumber: string | null;
  body: string;
  effectiveOn?: string;
  repealedOn?: string;
  /** Key of another demo item this one interprets. */
  interprets?: string;
  key?: string;
  /** What happens after publication. */
  then?: { withdraw?: string; expire?: string };
}

const TOWN_2017_DOCUMENTS: Array<[string, string, string, string | null, string]> = [
  // [title, genre, category, clause, month-day]
  ['黔城镇人民政府关于印发《黔城镇2017年政府信息公开工作实施方案》的通知', 'notice', 'general_affairs', 'art20_15', '02-13'],
  ['黔城镇人民政府关于做好2017年春季森林防火工作的通知', 'notice', 'agriculture_forestry_water', 'art20_12', '02-20'],
  ['黔城镇2017年政府工作报告', 'report', 'general_affairs', 'art20_3', '02-24'],
  ['黔城镇人民政府关于2017年财政预算的报告', 'report', 'finance_audit', 'art20_7', '03-02'],
  ['黔城镇人民政府关于2016年财政决算的报告', 'report', 'finance_audit', 'art20_7', '03-02'],
  ['关于印发《黔城镇2017年安全生产工作要点》的通知', 'notice', 'market_safety_regulation', 'art20_13', '03-08'],
  ['关于调整黔城镇政府信息公开和政务公开工作领导小组成员的通知', 'notice', 'organisation', 'art20_2', '03-10'],
  ['黔城镇人民政府关于开展2017年城乡居民基本医疗保险征缴工作的通知', 'notice', 'health_sport', 'art20_11', '03-15'],
  ['黔城镇2017年耕地地力保护补贴实施方案', 'opinion', 'agriculture_forestry_water', 'art21_agricultural_policy', '03-22'],
  ['黔城镇人民政府关于做好2017年防汛抗旱工作的通知', 'notice', 'agriculture_forestry_water', 'art20_12', '04-05'],
  ['黔城镇2017年农村危房改造实施方案', 'opinion', 'urban_rural_environment', 'art20_11', '04-12'],
  ['黔城镇人民政府关于加强农村宅基地审批管理的通告', 'public_notice', 'land_energy', 'art21_homestead_review', '04-18'],
  ['黔城镇2017年城乡低保动态管理工作方案', 'opinion', 'civil_affairs_poverty_relief', 'art21_social_assistance', '04-25'],
  ['黔城镇人民政府关于开展农村人居环境整治的通知', 'notice', 'urban_rural_environment', 'art20_13', '05-04'],
  ['黔城镇2017年精准扶贫工作实施方案', 'opinion', 'civil_affairs_poverty_relief', 'art20_11', '05-10'],
  ['关于公布黔城镇行政事业性收费项目的公告', 'announcement', 'finance_audit', 'art20_8', '05-16'],
  ['黔城镇人民政府关于做好2017年高考期间环境保障工作的通知', 'notice', 'science_education', 'art20_11', '05-26'],
  ['黔城镇2017年土地承包经营权流转情况通报', 'bulletin', 'agriculture_forestry_water', 'art21_land_contract_transfer', '06-06'],
  ['黔城镇人民政府关于2017年第一次“一事一议”筹资筹劳方案的批复', 'reply', 'agriculture_forestry_water', 'art21_fundraising_labour', '06-13'],
  ['黔城镇2017年上半年政府信息公开工作情况通报', 'bulletin', 'general_affairs', 'art20_15', '07-04'],
  ['关于印发《黔城镇突发地质灾害应急预案》的通知', 'notice', 'public_security_justice', 'art20_12', '07-11'],
  ['黔城镇人民政府关于开展食品安全专项整治的通知', 'notice', 'market_safety_regulation', 'art20_13', '07-18'],
  ['黔城镇人民政府关于做好2017年秋季学期义务教育控辍保学工作的通知', 'notice', 'science_education', 'art20_11', '08-22'],
  ['黔城镇2017年度高龄津贴发放对象公示', 'announcement', 'civil_affairs_poverty_relief', 'art21_social_assistance', '08-29'],
  ['黔城镇人民政府关于征收沅江沿线部分集体土地的公告', 'announcement', 'land_energy', 'art21_land_expropriation', '09-05'],
  ['黔城镇人民政府关于做好国庆中秋期间值班工作的通知', 'notice', 'general_affairs', null, '09-20'],
  ['黔城镇2017年重大建设项目实施情况', 'report', 'economy', 'art20_10', '09-26'],
  ['关于黔城镇2017年政府集中采购项目实施情况的报告', 'report', 'finance_audit', 'art20_9', '10-12'],
  ['黔城镇人民政府关于进一步规范依申请公开办理流程的通知', 'notice', 'general_affairs', 'art20_15', '10-17'],
  ['黔城镇人民政府关于开展冬季消防安全大检查的通知', 'notice', 'market_safety_regulation', 'art20_13', '10-24'],
  ['黔城镇人民政府关于表彰2017年度美丽乡村建设先进村的决定', 'decision', 'urban_rural_environment', null, '10-31'],
  ['黔城镇2017年第三季度财政收支情况', 'report', 'finance_audit', 'art20_7', '11-02'],
  ['黔城镇人民政府关于做好2018年度城乡居民基本养老保险缴费工作的通知', 'notice', 'labour_personnel_supervision', 'art20_11', '11-07'],
  ['黔城镇人民政府关于公布2017年度农田水利建设项目的公告', 'announcement', 'agriculture_forestry_water', 'art21_irrigation_works', '11-14'],
  ['黔城镇人民政府关于开展禁毒宣传月活动的通知', 'notice', 'public_security_justice', null, '11-21'],
  ['黔城镇人民政府办公室关于2017年第四季度信访工作情况的通报', 'bulletin', 'general_affairs', null, '11-28'],
  ['黔城镇人民政府关于做好2018年元旦春节期间安全生产工作的通知', 'notice', 'market_safety_regulation', 'art20_13', '12-05'],
  ['黔城镇人民政府关于印发《黔城镇村级财务管理办法》的通知', 'normative_document', 'finance_audit', 'art20_1', '12-08'],
  ['黔城镇人民政府关于冬春农田水利基本建设的意见', 'opinion', 'agriculture_forestry_water', 'art21_irrigation_works', '12-12'],
  ['黔城镇人民政府关于2017年度殡葬改革工作的通告', 'public_notice', 'civil_affairs_poverty_relief', null, '12-14'],
  ['黔城镇2017年度特困人员供养情况公告', 'announcement', 'civil_affairs_poverty_relief', 'art21_social_assistance', '12-18'],
  ['黔城镇人民政府关于做好2018年春运工作的通知', 'notice', 'industry_transport', null, '12-20'],
  ['黔城镇人民政府2017年工作总结', 'report', 'general_affairs', 'art20_3', '12-22'],
];

const NEWS_2017: Array<[string, string]> = [
  ['黔城镇召开2017年政府信息公开工作推进会', '03-17'],
  ['黔城镇开展政务公开进村入户宣传活动', '04-21'],
  ['黔城镇组织站所、村（社区）信息员业务培训', '05-19'],
  ['黔城镇完成2017年春季植树造林任务', '04-07'],
  ['黔城镇迎接市政务公开工作督查', '09-15'],
  ['芙蓉社区开展“政务公开日”活动', '10-20'],
  ['黔城镇政务微信公众号开通运行', '06-16'],
  ['黔城镇召开2017年度政务公开工作总结会', '12-27'],
];

function documentBody(title: string, year: number): string {
  return [
    '各村（社区）、镇直各单位：',
    `为认真贯彻落实《中华人民共和国政府信息公开条例》和上级有关文件精神，结合我镇实际，现就${title.replace(/^黔城镇(人民政府)?(办公室)?关于/, '').replace(/的(通知|意见|通告|公告|决定|批复|报告)$/, '')}有关事项通知如下。`,
    '一、高度重视，加强领导。各单位要把此项工作列入重要议事日程，主要负责人亲自抓，明确专人负责，确保各项措施落到实处。',
    '二、明确任务，落实责任。镇直各相关单位按照职责分工，各司其职，密切配合；各村（社区）要及时将工作进展情况报镇党政办。',
    '三、加强督查，严格考核。镇政府将适时组织督查，督查结果纳入年度综合考核。',
    `联系人：镇党政办，联系电话：0745-7731916。`,
    `黔城镇人民政府`,
    `${year}年`,
  ].map((p) => `<p>${p}</p>`).join('');
}

/** Every demo item, oldest first. */
export function demoItems(): DemoItem[] {
  const items: DemoItem[] = [];
  TOWN_2017_DOCUMENTS.forEach(([title, genre, category, clause, md], i) => {
    const normative = genre === 'normative_document';
    items.push({
      agency: 'town',
      key: normative ? 'village-finance-rules' : undefined,
      title,
      summary: `${title}的全文。`,
      genre,
      category,
      clause,
      domain: clause === 'art20_7' ? 'budgets_final_accounts' : clause === 'art21_social_assistance' ? 'social_assistance' : null,
      formedOn: `2017-${md}`,
      publishAfterDays: 3 + (i % 5),
      documentNumber: genre === 'news' ? null : `黔政发〔2017〕${i + 1}号`,
      body: documentBody(title, 2017),
      ...(normative ? { effectiveOn: '2018-01-01' } : {}),
    });
  });
  for (const [title, md] of NEWS_2017) {
    items.push({
      agency: 'town', title, summary: title, genre: 'news', category: 'general_affairs', clause: null, domain: null,
      formedOn: `2017-${md}`, publishAfterDays: 1, documentNumber: null,
      body: `<p>${title}。镇党委、政府高度重视政务公开工作，${title.replace(/^黔城镇/, '')}，进一步提升了全镇政务公开工作水平。</p>`,
    });
  }
  items.push({
    agency: 'town', interprets: 'village-finance-rules', title: '《黔城镇村级财务管理办法》政策解读', summary: '解读村级财务管理办法的出台背景、主要内容和施行时间。',
    genre: 'interpretation', category: 'finance_audit', clause: null, domain: null, formedOn: '2017-12-08', publishAfterDays: 3, documentNumber: null,
    body: '<h2>一、出台背景</h2><p>为规范村级财务管理，保障村集体经济组织及其成员的合法权益，制定本办法。</p><h2>二、主要内容</h2><p>办法共五章二十四条，明确了村级财务收支审批、票据管理、财务公开等制度。</p><h2>三、施行时间</h2><p>本办法自2018年1月1日起施行。</p>',
  });
  // Recent years: a few items each year across categories, an interpretation, a withdrawn and an expired item.
  const recent: Array<[string, string, string, string | null, string, string]> = [
    ['黔城镇2023年城乡居民基本医疗保险缴费标准公告', 'announcement', 'health_sport', 'art20_11', '2023-09-12', 'town'],
    ['黔城镇2023年度财政预算公开', 'report', 'finance_audit', 'art20_7', '2023-02-20', 'caizheng'],
    ['黔城镇人民政府关于做好2024年防汛工作的通知', 'notice', 'agriculture_forestry_water', 'art20_12', '2024-04-08', 'town'],
    ['黔城镇2024年耕地地力保护补贴发放情况公示', 'announcement', 'agriculture_forestry_water', 'art21_agricultural_policy', '2024-07-16', 'nongye'],
    ['黔城镇2024年农村危房改造对象公示', 'announcement', 'urban_rural_environment', 'art20_11', '2024-05-21', 'cunzhen'],
    ['黔城镇2024年度特困人员救助供养情况', 'statistics', 'civil_affairs_poverty_relief', 'art21_social_assistance', '2024-12-10', 'shehui'],
    ['黔城镇人民政府关于印发《黔城镇农村建房管理办法》的通知', 'normative_document', 'urban_rural_environment', 'art20_1', '2025-03-03', 'town'],
    ['黔城镇2025年森林防火期封山公告', 'announcement', 'agriculture_forestry_water', 'art20_12', '2025-10-28', 'linye'],
    ['黔城镇2025年度城乡低保对象公示', 'announcement', 'civil_affairs_poverty_relief', 'art21_social_assistance', '2025-11-04', 'shehui'],
    ['黔城镇2026年政府工作报告', 'report', 'general_affairs', 'art20_3', '2026-02-10', 'town'],
    ['黔城镇2026年度财政预算公开', 'report', 'finance_audit', 'art20_7', '2026-03-05', 'caizheng'],
  ];
  for (const [title, genre, category, clause, formedOn, agency] of recent) {
    const normative = genre === 'normative_document';
    const year = Number(formedOn.slice(0, 4));
    items.push({
      agency, title, summary: `${title}。`, genre, category, clause, domain: null, formedOn, publishAfterDays: 5,
      key: normative ? 'building-rules' : undefined,
      documentNumber: genre === 'statistics' ? null : `黔政发〔${year}〕${10 + items.length % 30}号`,
      body: documentBody(title, year),
      ...(normative ? { effectiveOn: '2025-04-01' } : {}),
    });
  }
  items.push({
    agency: 'town', interprets: 'building-rules', title: '一图读懂《黔城镇农村建房管理办法》', summary: '以问答形式解读农村建房审批流程与要求。',
    genre: 'interpretation', category: 'urban_rural_environment', clause: null, domain: null, formedOn: '2025-03-03', publishAfterDays: 5, documentNumber: null,
    body: '<p>问：农村建房需要哪些审批？</p><p>答：村民建房须经村民小组、村委会审查，报镇人民政府审批（宅基地使用情况审核）。</p>',
  });
  items.push({
    agency: 'town', title: '黔城镇2024年春节期间烟花爆竹燃放管理通告', summary: '春节期间烟花爆竹燃放区域和时段。', genre: 'public_notice', category: 'public_security_justice',
    clause: null, domain: null, formedOn: '2024-01-22', publishAfterDays: 2, documentNumber: '黔政通〔2024〕1号', body: documentBody('烟花爆竹燃放管理', 2024),
    then: { expire: '春节期间的临时管理措施已到期' },
  });
  items.push({
    agency: 'town', title: '黔城镇2025年公益性岗位招聘公告（已更正）', summary: '公益性岗位招聘。', genre: 'announcement', category: 'labour_personnel_supervision',
    clause: 'art20_14', domain: null, formedOn: '2025-06-03', publishAfterDays: 2, documentNumber: null, body: documentBody('公益性岗位招聘', 2025),
    then: { withdraw: '报名时间有误，已另行发布更正公告' },
  });
  // Each village's notices.
  for (let v = 1; v <= 15; v++) {
    items.push({
      agency: `village-${v}`, title: `2025年第${(v % 4) + 1}季度村务公开`, summary: '村集体财务收支、惠民补贴发放和重大事项决策情况。', genre: 'other',
      category: 'civil_affairs_poverty_relief', clause: null, domain: 'social_assistance', formedOn: shiftDate('2025-10-08', v), publishAfterDays: 2, documentNumber: null,
      body: '<p>一、村集体收入：上级转移支付、集体资产发包收入。</p><p>二、村集体支出：村组道路维修、办公经费。</p><p>三、惠民补贴：按户发放到“一卡通”，明细在村公开栏张贴。</p><p>监督电话：0745-7731916</p>',
    });
  }
  return items.sort((a, b) => a.formedOn.localeCompare(b.formedOn));
}
