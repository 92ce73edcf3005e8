/**
 * Synthetic data for benchmarks: agencies of a county (towns, stations, villages) and published
 * items with realistic Chinese titles, bodies and attachment text. Deterministic (seeded), so
 * runs are comparable. No real persons: names and numbers are made up.
 */

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = ['黔城', '托口', '安江', '岔头', '沅河', '塘湾', '湾溪', '龙船塘', '雪峰', '桂花园', '茅渡', '洗马', '大崇', '熟坪', '深渡', '群峰', '铁山', '双溪', '江市', '太平'];
const STATIONS = ['财政所', '农业综合服务站', '村镇建设站', '社会事务办', '综治办', '林业站', '水利站', '文化站'];
const VILLAGE_WORDS = ['板桥', '三江', '芙蓉', '红岩', '清江', '石门', '金竹', '新民', '桂花', '大湾', '长坡', '白马', '青山', '马田', '黄家'];
const TOPICS = ['耕地地力保护补贴', '城乡居民基本医疗保险', '农村危房改造', '森林防火', '防汛抗旱', '城乡低保', '特困人员供养', '高龄津贴', '农村人居环境整治', '乡村振兴', '安全生产', '义务教育', '退役军人优待', '土地承包经营权流转', '宅基地审批', '集体经济收益分配', '政府信息公开', '依申请公开', '保密审查', '行政复议案件', '财政预算', '财政决算', '重大建设项目', '公共资源交易', '疫情防控', '殡葬改革', '禁毒宣传', '食品安全'];
const TITLE_TEMPLATES = ['关于做好{y}年度{t}工作的通知', '{org}关于{t}实施方案的公告', '关于印发《{org}{t}管理办法》的通知', '{y}年{t}资金发放情况公示', '{org}{y}年{t}工作总结', '关于开展{t}专项检查的通知', '《{org}{t}管理办法》政策解读', '{org}召开{t}工作推进会'];
const SENTENCES = [
  '为深入贯彻落实党中央、国务院决策部署，切实做好{t}各项工作，结合我镇实际，现就有关事项通知如下。',
  '各村（社区）、镇直各单位要高度重视，明确专人负责，确保{t}工作按时保质完成。',
  '本年度共落实{t}资金{n}万元，惠及农户{m}户，资金全部通过“一卡通”发放到户。',
  '请各单位于{y}年{mo}月{d}日前将{t}工作开展情况报镇党政办，联系电话：0745-7731916。',
  '对工作推进不力、群众反映强烈的，将依法依规严肃追究相关人员责任。',
  '本通知自印发之日起施行，由{org}负责解释。',
  '公示期为5个工作日，如有异议，请在公示期内向镇纪委或{org}反映。',
  '依据《中华人民共和国政府信息公开条例》第二十条规定，现将{t}有关情况予以公开。',
  '会议指出，要坚持以人民为中心的发展思想，把{t}作为重要民生工程抓紧抓实。',
  '经村民代表会议讨论通过，报镇人民政府审核同意，现将{t}名单予以公示。',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国华明军平英芳秀兰桂花红梅玉珍丽娟强伟勇杰涛斌超波辉刚健永春海林云志成德文';

export interface SyntheticAgency {
  key: number;
  parentKey: number | null;
  kind: 'county_gov' | 'town_gov' | 'station' | 'village' | 'community';
  name: string;
}

export interface SyntheticItem {
  key: number;
  agencyKey: number;
  title: string;
  body: string;
  attachmentText: string;
  category: string;
  genre: string;
  publishedOn: string;
  validity: 'valid' | 'expired' | 'repealed';
}

/** A county with `towns` towns, each with stations and villages. */
export function syntheticAgencies(towns: number): SyntheticAgency[] {
  const out: SyntheticAgency[] = [{ key: 1, parentKey: null, kind: 'county_gov', name: '洪江市人民政府' }];
  let key = 2;
  for (let i = 0; i < towns; i++) {
    const townName = `${TOWNS[i % TOWNS.length]}${i >= TOWNS.length ? i : ''}镇人民政府`;
    const town = key++;
    out.push({ key: town, parentKey: 1, kind: 'town_gov', name: townName });
    for (const s of STATIONS.slice(0, 5)) out.push({ key: key++, parentKey: town, kind: 'station', name: townName.replace('人民政府', '') + s });
    for (let v = 0; v < 8; v++) out.push({ key: key++, parentKey: town, kind: v < 6 ? 'village' : 'community', name: `${VILLAGE_WORDS[(i * 8 + v) % VILLAGE_WORDS.length]}${v < 6 ? '村' : '社区'}${i}` });
  }
  return out;
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function fill(template: string, rnd: () => number, vars: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '')
    .replace(/\{n\}/g, () => String(Math.floor(rnd() * 900 + 10)));
}

/** `count` items spread over the agencies and over 2008–2025. */
export function* syntheticItems(count: number, agencies: readonly SyntheticAgency[], seed = 2017): Generator<SyntheticItem> {
  const rnd = seededRandom(seed);
  const categories = ['综合政务', '农业、林业、水利', '民政、扶贫、救灾', '城乡建设、环境保护', '财政、金融、审计', '卫生、体育', '教育', '劳动、人事、监察'];
  const genres = ['notice', 'announcement', 'normative_document', 'plan', 'statistics', 'news', 'interpretation'];
  for (let key = 1; key <= count; key++) {
    const agency = agencies[Math.floor(rnd() * agencies.length)]!;
    const year = 2008 + Math.floor(rnd() * 18);
    const mo = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    const vars = { y: String(year), t: pick(rnd, TOPICS), org: agency.name.replace('人民政府', ''), mo: String(mo), d: String(d), m: String(Math.floor(rnd() * 3000 + 20)) };
    const title = fill(pick(rnd, TITLE_TEMPLATES), rnd, vars);
    const sentences = 3 + Math.floor(rnd() * 8);
    const body = Array.from({ length: sentences }, () => fill(pick(rnd, SENTENCES), rnd, { ...vars, t: rnd() < 0.7 ? vars.t : pick(rnd, TOPICS) })).join('');
    const names = rnd() < 0.3 ? Array.from({ length: 5 + Math.floor(rnd() * 20) }, () => `${pick(rnd, [...SURNAMES])}${pick(rnd, [...GIVEN])}${rnd() < 0.5 ? pick(rnd, [...GIVEN]) : ''}\t${Math.floor(rnd() * 5000)}元`).join('\n') : '';
    yield {
      key,
      agencyKey: agency.key,
      title,
      body,
      attachmentText: names,
      category: pick(rnd, categories),
      genre: pick(rnd, genres),
      publishedOn: `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      validity: rnd() < 0.9 ? 'valid' : rnd() < 0.5 ? 'expired' : 'repealed',
    };
  }
}
