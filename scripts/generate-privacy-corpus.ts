/**
 * Writes the labelled privacy corpus (`src/domain/privacy/corpus/NN-*.txt`). Every identity is synthetic:
 * ID numbers use real 怀化市 region codes, valid birth dates and a computed GB 11643 check character;
 * bank cards use UnionPay prefixes and a computed Luhn digit; mobile numbers are random. Re-run with
 * `node bin/run-ts.js scripts/generate-privacy-corpus.ts` after changing a template; the
 * seeded generator reproduces the same files.
 */
import { writeFileSync } from 'node:fs';
import { computeIdCardCheck } from '../src/domain/privacy/id-card-number.ts';
import { computeCreditCodeCheck } from '../src/domain/organisations/credit-code.ts';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = mulberry32(20240611);
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const L = (kind: string, text: string): string => `⟦${kind}:${text}⟧`;
const fullWidth = (s: string): string => s.replace(/[0-9A-Za-z+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// ---------------------------------------------------------------- synthetic identities

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文向粟滕';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉志海燕金凤春生冬德光辉永福长松林青云翠花香菊荣富贵顺发成秋月冬元宝';
const REGIONS = ['431281', '431281', '431281', '431202', '431221', '431222', '431223', '431224', '431225', '431226', '431227', '431228', '431229', '431230', '522601'];
const VILLAGES = ['玉壶村', '清江村', '大坪村', '新民村', '长坡村', '岩门村', '金竹村', '双溪村', '桂花村', '老屋村', '黄家村', '杨柳村'];
const COMMUNITIES = ['玉壶社区', '芙蓉社区', '沅江社区'];
const ROADS = ['玉壶路', '沅江路', '芙蓉路', '桂花路', '新民街', '老街'];
const CARD_BINS_19 = ['622848', '623052', '621700', '622202', '621660', '622180', '621799', '623058', '622908'];
const CARD_BINS_16 = ['622588', '625965', '628288'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '173', '177', '180', '181', '183', '186', '187', '188', '189', '191', '198', '199'];
const CN_NUMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

const usedNames = new Set<string>();
function personName(): string {
  for (;;) {
    const name = pick([...SURNAMES]) + pick([...GIVEN]) + (rnd() < 0.7 ? pick([...GIVEN]) : '');
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return name;
    }
  }
}

function idNumber(minYear = 1935, maxYear = 2012): string {
  const year = int(minYear, maxYear);
  const month = int(1, 12);
  const day = int(1, [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!);
  const first17 = pick(REGIONS) + year + pad(month, 2) + pad(day, 2) + digits(3);
  return first17 + computeIdCardCheck(first17)!;
}

function legacyIdNumber(): string {
  const year = int(30, 82);
  const month = int(1, 12);
  return pick(REGIONS) + pad(year, 2) + pad(month, 2) + pad(int(1, 28), 2) + digits(3);
}

function invalidIdNumber(): string {
  const valid = idNumber();
  const wrong = '0123456789X'.replace(valid[17]!, '');
  return valid.slice(0, 17) + pick([...wrong]);
}

type IdStyle = 'plain' | 'lower' | 'full' | 'grouped';
function renderId(id: string, style: IdStyle): string {
  switch (style) {
    case 'plain':
      return id;
    case 'lower':
      return id.replace('X', 'x');
    case 'full':
      return fullWidth(id);
    case 'grouped':
      return `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  }
}

function luhnComplete(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

function bankCard(): string {
  return rnd() < 0.8 ? luhnComplete(pick(CARD_BINS_19) + digits(12)) : luhnComplete(pick(CARD_BINS_16) + digits(9));
}

type CardStyle = 'plain' | 'grouped' | 'full';
function renderCard(card: string, style: CardStyle): string {
  if (style === 'grouped') return card.replace(/(\d{4})(?=\d)/g, '$1 ');
  if (style === 'full') return fullWidth(card);
  return card;
}

function mobile(): string {
  return pick(MOBILE_PREFIXES) + digits(8);
}

type MobileStyle = 'plain' | 'spaced' | 'hyphen' | 'intl' | 'full';
function renderMobile(m: string, style: MobileStyle): string {
  switch (style) {
    case 'plain':
      return m;
    case 'spaced':
      return `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
    case 'hyphen':
      return `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;
    case 'intl':
      return `+86 ${m}`;
    case 'full':
      return fullWidth(m);
  }
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(prefix: string): string {
  const first17 = prefix + '431281' + 'MA4' + Array.from({ length: 6 }, () => pick([...CREDIT_CHARS])).join('');
  return first17 + computeCreditCodeCheck(first17)!;
}
const AGENCY_CODE = '11431281006140257K'.slice(0, 17) + computeCreditCodeCheck('11431281006140257')!;

const maskedId = (id: string): string => id.slice(0, 3) + '*'.repeat(11) + id.slice(-4);
const maskedMobile = (m: string): string => `${m.slice(0, 3)}****${m.slice(7)}`;
const amount = (lo: number, hi: number): string => (int(lo * 100, hi * 100) / 100).toFixed(2);
const houseAddress = (withCounty: boolean): string =>
  `${withCounty ? '洪江市' : ''}黔城镇${pick(VILLAGES)}${int(1, 12)}组${int(1, 60)}号`;
const groupAddress = (): string => `${pick(VILLAGES)}${rnd() < 0.5 ? int(1, 12) : pick(CN_NUMS)}组`;

const idStyles: IdStyle[] = ['plain', 'plain', 'plain', 'plain', 'lower', 'full', 'grouped'];
const cardStyles: CardStyle[] = ['plain', 'plain', 'plain', 'grouped', 'full'];
const mobileStyles: MobileStyle[] = ['plain', 'plain', 'plain', 'plain', 'spaced', 'hyphen', 'intl', 'full'];
const id18 = (): string => L('id_card', renderId(idNumber(), pick(idStyles)));
const idWithX = (): string => {
  for (;;) {
    const id = idNumber();
    if (id.endsWith('X')) return L('id_card', renderId(id, pick(['plain', 'lower'] as IdStyle[])));
  }
};
const card = (): string => L('bank_card', renderCard(bankCard(), pick(cardStyles)));
const phone = (): string => L('mobile', renderMobile(mobile(), pick(mobileStyles)));

// The agency's own published contacts; they are in options.json's allow-list.
const OFFICE_PHONE = '0745-7731916';
const OFFICE_FAX = '0745-7731917';
const DUTY_MOBILE = '13907450110';
const OFFICE_MAIL = 'qcznyb@163.com';
const OFFICE_ADDRESS = '洪江市黔城镇玉壶路88号';
let serial = 120;
const indexNumber = (year = 2023): string => `${AGENCY_CODE}/${year}-${pad(serial++, 5)}`;
const docNumber = (year = 2023): string => `黔政发〔${year}〕${int(1, 60)}号`;

const header = (title: string, year = 2023, month = int(1, 12)): string =>
  `索引号：${indexNumber(year)}\t主题分类：综合政务\t发布机构：洪江市黔城镇人民政府\n` +
  `文号：${docNumber(year)}\t发布日期：${year}-${pad(month, 2)}-${pad(int(1, 28), 2)}\n\n${title}\n`;

// ---------------------------------------------------------------- documents

const docs: Record<string, string> = {};

docs['01-farmland-subsidy-table'] = (() => {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const area = (int(50, 800) / 100).toFixed(2);
    return `${i + 1}\t${personName()}\t${groupAddress()}\t${id18()}\t${card()}\t${phone()}\t${area}\t${(Number(area) * 104.2).toFixed(2)}`;
  });
  return `${header('黔城镇2023年耕地地力保护补贴发放花名册（第一批）', 2023, 6)}
根据《湖南省2023年耕地地力保护补贴实施方案》（湘财农〔2023〕12号）和洪江市财政局、农业农村局《关于下达2023年耕地地力保护补贴资金的通知》（洪财农〔2023〕8号）要求，经各村（社区）申报、镇审核，现将第一批补贴发放名单公示如下：

序号\t姓名\t村组\t身份证号\t“一卡通”账号\t联系电话\t补贴面积（亩）\t补贴金额（元）
${rows.join('\n')}
合计\t\t\t\t\t\t${int(80, 120)}.35\t${amount(9000, 12000)}

公示期：2023年6月12日至6月18日（共7天）。如有异议，请在公示期内向镇农业综合服务中心反映。
监督电话：${OFFICE_PHONE}\t传真：${OFFICE_FAX}\t电子邮箱：${OFFICE_MAIL}
通信地址：${OFFICE_ADDRESS}\t邮政编码：418100

洪江市黔城镇人民政府
2023年6月12日
`;
})();

docs['02-elderly-allowance-list'] = (() => {
  const rows = Array.from({ length: 25 }, (_, i) => {
    const name = personName();
    const sex = pick(['男', '女']);
    const proxy = rnd() < 0.3 ? '（子女代领）' : '';
    return `${i + 1}. ${name}，${sex}，${int(1925, 1943)}年${int(1, 12)}月生，${pick(VILLAGES)}人，身份证号：${rnd() < 0.12 ? idWithX() : id18()}，社会保障卡金融账号：${card()}，联系电话：${phone()}${proxy}，本季度发放高龄津贴${pick(['300.00', '600.00', '900.00'])}元。`;
  });
  return `${header('关于2023年第三季度高龄老人津贴发放情况的公示', 2023, 9)}
根据《湖南省高龄津贴发放管理办法》（湘民发〔2019〕21号），对辖区内80周岁以上老年人按月发放高龄津贴，80至89周岁每人每月100元，90至99周岁每人每月200元，100周岁以上每人每月300元。本季度新增及调整对象如下：

${rows.join('\n')}

以上对象津贴已于2023年9月25日通过社会保障卡打卡发放到位，共计${int(10000, 20000)}.00元。
咨询电话：${OFFICE_PHONE}（镇社会事务办），值班手机：${DUTY_MOBILE}。
`;
})();

docs['03-minimum-living-masked'] = (() => {
  const rows = Array.from({ length: 24 }, (_, i) => {
    const id = idNumber();
    const m = mobile();
    // Row 7 and row 19 were typed in without masking: these are the findings.
    const idCell = i === 6 || i === 18 ? L('id_card', id) : maskedId(id);
    const mobileCell = i === 11 ? L('mobile', m) : maskedMobile(m);
    return `${i + 1}\t${personName()}\t${groupAddress()}\t${idCell}\t${mobileCell}\t${int(1, 5)}\t${pick(['A类', 'B类', 'C类'])}\t${int(200, 900)}`;
  });
  return `${header('黔城镇2023年10月城乡最低生活保障新增对象公示', 2023, 10)}
经个人申请、村（居）委会入户调查、民主评议、镇人民政府审核，拟新增以下城乡最低生活保障对象，现予以公示。为保护个人隐私，身份证号码和联系电话已作部分隐藏处理。

序号\t户主姓名\t村组\t身份证号码\t联系电话\t保障人口\t类别\t月保障金（元）
${rows.join('\n')}

公示时间：2023年10月16日至10月22日。对公示对象有异议的，可向镇社会救助服务站或市民政局反映，举报电话：${OFFICE_PHONE}，市民政局社会救助科：0745-7623356，全国民政服务热线12345。
`;
})();

docs['04-dangerous-housing-addresses'] = (() => {
  const rows = Array.from({ length: 22 }, (_, i) => {
    const isHouseLevel = i % 5 !== 4;
    const address = isHouseLevel ? L('address', houseAddress(rnd() < 0.4)) : `黔城镇${groupAddress()}`;
    return `${i + 1}\t${personName()}\t${address}\t${id18()}\t${phone()}\t${pick(['C级', 'D级'])}\t${pick(['修缮加固', '拆除重建'])}\t${pick(['15000', '20000', '35000'])}`;
  });
  return `${header('2023年农村危房改造补助对象公示', 2023, 5)}
根据《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象住房安全保障工作的实施意见》（建村〔2021〕35号）及省、市有关文件精神，经农户申请、村级评议、镇级审核，现将2023年农村危房改造补助对象公示如下：

序号\t户主\t家庭住址\t身份证号码\t联系电话\t危房等级\t改造方式\t补助标准（元）
${rows.join('\n')}

公示期7天。联系人：镇规划建设环保站 ${personName()}，电话：${OFFICE_PHONE}。
`;
})();

docs['05-flood-control-notice'] = `${header('黔城镇人民政府关于切实做好2023年防汛抗旱工作的通知', 2023, 4)}
各村（社区）、镇直各单位：
为切实做好今年防汛抗旱工作，确保人民群众生命财产安全，根据《中华人民共和国防洪法》《湖南省实施〈中华人民共和国防洪法〉办法》和洪江市防汛抗旱指挥部《关于做好2023年防汛抗旱工作的通知》（洪汛发〔2023〕3号）精神，现就有关事项通知如下：
一、提高思想认识。今年4月1日至9月30日为主汛期，各单位要严格执行24小时值班和领导带班制度。
二、落实防汛责任。镇防汛抗旱指挥部办公室设在镇应急管理办，值班电话：${OFFICE_PHONE}，传真：${OFFICE_FAX}，应急值班手机：${DUTY_MOBILE}。
三、强化物资保障。镇储备编织袋20000条、救生衣300件、冲锋舟2艘，资金预算125,600.00元，由镇财政所从2023年度预算科目2240106中列支。
四、加强信息报送。各村（社区）于每日17:00前报送雨情水情，遇紧急情况随时报告，迟报、漏报、瞒报的，按照《防汛条例》（国务院令第86号，2011年1月8日修订）第四十七条追究责任。
附件：1. 黔城镇2023年防汛抗旱责任人名单（详见索引号${indexNumber()}）
2. 防汛物资储备库位于${OFFICE_ADDRESS}，仓库管理电话${OFFICE_PHONE}。

洪江市黔城镇人民政府
2023年4月3日
（此件主动公开）
`;

docs['06-land-acquisition-announcement'] = `${header('洪江市人民政府征收土地公告', 2022, 11)}
洪政征告〔2022〕第15号
经湖南省人民政府《关于洪江市2022年度第3批次乡镇建设用地的批复》（湘政地〔2022〕1234号）批准，征收黔城镇玉壶村、清江村集体土地共计12.3456公顷（合185.18亩），现将有关事项公告如下：
一、征收土地位置：黔城镇玉壶村3组、5组，清江村二组。地块编号HJ2022-015、HJ2022-016，宗地代码431281104005JC00123。
二、征收补偿标准：按照《湖南省人民政府关于调整湖南省征地补偿标准的通知》（湘政发〔2021〕8号），区片综合地价为每亩48600元，青苗补偿费每亩1500元。
三、补偿总额：土地补偿费及安置补助费合计人民币9,000,048.00元，已存入征地补偿专户（开户行：中国农业银行洪江市支行，账号：18653101040001234）。
四、被征地农民社会保障费用按照每亩23760元标准计提，总额4399876.80元。
五、本公告张贴之日起30日内，被征收土地的所有权人、使用权人应持土地权属证书到黔城镇人民政府办理征地补偿登记。联系电话：${OFFICE_PHONE}，邮编418100。
六、对本公告有异议的，可在公告之日起60日内依法申请行政复议，或在6个月内向人民法院提起行政诉讼。
相关批准文件可在洪江市自然资源局网站查询，统一社会信用代码11431281006140265X的单位为本次征地组织实施单位。
洪江市人民政府
2022年11月20日
`;

docs['07-disclosure-reply-letter'] = (() => {
  const name = personName();
  return `${header('政府信息公开申请答复书', 2023, 3)}
黔政信复〔2023〕第7号

${name}：
你于2023年3月1日通过信函方式向本机关提出政府信息公开申请（申请编号：2023-0301-0007），要求公开“黔城镇玉壶村2021年至2022年危房改造补助资金发放明细”。
申请人：${name}，身份证号码：${id18()}，通信地址：${L('address', houseAddress(true))}，联系电话：${phone()}，电子邮箱：${L('email', `${pick(['zhangsan', 'lihong', 'wangfang', 'chenjun'])}${int(1970, 1999)}@qq.com`)}。
经审查，根据《中华人民共和国政府信息公开条例》第二十条、第三十六条第（二）项的规定，现答复如下：
一、你申请公开的补助资金发放汇总信息，本机关已经主动公开，可在洪江市人民政府门户网站“政府信息公开”栏目（索引号：${indexNumber(2022)}）查询。
二、你申请公开的发放明细中包含补助对象的身份证号码、银行账号等个人信息。根据条例第十五条“涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开”，本机关就此征求了第三方意见，第三方不同意公开，本机关对上述个人信息作区分处理后予以公开。
三、依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开（条例第十四条）。涉及国家秘密的不予公开。
如对本答复不服，可以在收到本答复书之日起60日内向洪江市人民政府申请行政复议，或者在6个月内向洪江市人民法院提起行政诉讼。

洪江市黔城镇人民政府（盖章）
2023年3月20日
联系人：${personName()}  联系电话：${OFFICE_PHONE}
`;
})();

docs['08-minutes-secret-1y'] = `${L('secret_marking', '秘密★1年')}
（${L('secret_marking', '内部资料 注意保密')}）

中共黔城镇委员会会议纪要
〔2023〕第5期

2023年5月10日上午，镇党委书记${personName()}同志主持召开镇党委会议，镇党委委员参加，镇人大主席、镇纪委副书记列席。会议研究了以下事项：
一、关于2023年城镇开发边界内征地拆迁工作。会议听取了镇征拆办关于玉壶村、清江村征地进展的汇报，补偿资金共计9,000,048.00元已到位。会议要求，各村要注意保密工作，严格执行征地信息发布纪律，涉及国家秘密和工作秘密的内容按照《中华人民共和国保守国家秘密法》管理。
二、关于信访维稳工作。会议指出，个别上访人员（${personName()}，身份证号${id18()}，电话${phone()}）多次越级上访，由镇综治办牵头做好稳控工作。
三、关于干部调整事项。会议同意${personName()}同志任镇党政综合办公室主任（试用期一年）。
出席：${personName()}、${personName()}、${personName()}、${personName()}、${personName()}
请假：${personName()}（外出学习）
记录：${personName()}

中共黔城镇委员会办公室\t2023年5月10日印发
`;

docs['09-minutes-secret-long'] = `洪江市黔城镇人民政府\t\t\t${L('secret_marking', '机密★长期')}
${L('secret_marking', '密级：机密')}\t${L('secret_marking', '保密期限：10年')}
${L('secret_marking', '机密')}

关于某重点项目选址的专题会议纪要
（2023年第3次）

会议传达学习了上级关于重点项目选址的指示，讨论了选址方案。与会同志一致认为，项目选址属于国家秘密，泄露会损害国家安全和利益，各单位应按照保密法律法规管理涉密载体，不得私自复制、摘抄。
【${L('secret_marking', '绝密')}】
附件：选址方案比选表（另附，${L('secret_marking', '内部资料，不得外传')}）

参会人员联系方式：
${personName()}\t${phone()}
${personName()}\t${phone()}
${personName()}\t${phone()}
`;

docs['10-administrative-penalty'] = (() => {
  const owner = personName();
  const owner2 = personName();
  return `${header('行政处罚决定书', 2023, 8)}
洪市监处罚〔2023〕第128号

当事人：洪江市黔城镇${owner}副食店（个体工商户）
统一社会信用代码：${L('business_credit_code', creditCode('92'))}
经营者：${owner}，男，身份证号码：${id18()}，住所：${L('address', houseAddress(true))}
经营场所：洪江市黔城镇沅江路${int(1, 200)}号
联系电话：${phone()}

2023年7月5日，本局执法人员对当事人经营场所进行检查，发现当事人销售超过保质期的食品（预包装饮料12瓶，标价3.50元/瓶），货值金额42.00元。
以上事实有现场检查笔录、询问笔录（${owner}）、照片等证据证明。当事人的行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定，依据该法第一百二十四条第一款第（五）项，决定：没收违法所得42.00元，并处罚款人民币5000元。
罚款于收到本决定书之日起15日内缴至指定银行，逾期不缴的，每日按罚款数额的3%加处罚款。
另：同批检查的湖南沅水建设有限公司（统一社会信用代码：${creditCode('91')}）无违法行为。
个体工商户${owner2}五金店，统一社会信用代码${L('business_credit_code', creditCode('92'))}，经营者${owner2}，责令改正。

洪江市市场监督管理局
2023年8月2日
`;
})();

docs['11-cadre-appointment-notice'] = (() => {
  const rows = Array.from({ length: 6 }, () =>
    `${personName()}，${pick(['男', '女'])}，汉族，${int(1975, 1995)}年${int(1, 12)}月生，${pick(['大学', '研究生', '大专'])}学历，${int(1998, 2018)}年${int(1, 12)}月参加工作，${int(2000, 2020)}年${int(1, 12)}月入党，现任黔城镇${pick(['党政综合办公室', '经济发展办公室', '社会事务办公室'])}${pick(['副主任', '一级科员', '四级主任科员'])}，拟任${pick(['主任', '副主任', '站长'])}。`,
  );
  return `${header('干部任前公示', 2023, 7)}
根据《党政领导干部选拔任用工作条例》（2019年3月修订）有关规定，经镇党委研究，拟对以下同志职务进行调整，现予以公示：
${rows.join('\n')}
公示时间：2023年7月10日至7月16日（5个工作日）。
公示期间，如对公示对象有不同意见，可通过来信、来电、来访等方式向镇纪委反映。
受理电话：${OFFICE_PHONE}，监督手机：${DUTY_MOBILE}，电子邮箱：${OFFICE_MAIL}，洪江市纪委监委网站举报：hjjw@hongjiang.gov.cn。
来信请寄：${OFFICE_ADDRESS}，邮编：418100。
`;
})();

docs['12-travel-documents'] = (() => {
  const rows = Array.from({ length: 12 }, (_, i) => {
    const isPassport = i % 2 === 0;
    const number = isPassport
      ? (rnd() < 0.5 ? `E${digits(8)}` : `E${pick([...'ABCDEFGHJK'])}${digits(7)}`)
      : (rnd() < 0.5 ? `C${digits(8)}` : `C${pick([...'ABCDEFGHJK'])}${digits(7)}`);
    const kind = isPassport ? 'passport' : 'hk_macau_permit';
    const type = isPassport ? '普通护照' : '往来港澳通行证';
    return `${i + 1}\t${personName()}\t${pick(['镇党政综合办公室', '镇财政所', '镇中学', '镇卫生院'])}\t${type}\t${L(kind, number)}\t${int(2024, 2033)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
  });
  return `${header('关于集中保管国家工作人员因私出入境证件的通知', 2023, 2)}
各站所、镇直各单位：
根据《关于进一步加强国家工作人员因私出入境证件管理的通知》（洪组通〔2023〕4号）要求，现将登记备案人员证件集中保管情况通报如下：
序号\t姓名\t单位\t证件类型\t证件号码\t有效期至
${rows.join('\n')}
另：${personName()}同志持有的护照（号码${L('passport', `E${digits(8)}`)}）已于2023年1月到期，请本人到公安机关出入境管理部门申请注销。
证件统一由镇党政综合办公室保管，借用须经镇党委书记审批。联系电话：${OFFICE_PHONE}。产品批号E2023（非证件）和型号C300不在登记范围内。
`;
})();

docs['13-temporary-relief-fullwidth'] = (() => {
  const rows = Array.from({ length: 20 }, (_, i) => {
    const id = rnd() < 0.5 ? L('id_card', fullWidth(idNumber())) : id18();
    const c = L('bank_card', renderCard(bankCard(), pick(['grouped', 'full', 'plain'] as CardStyle[])));
    const m = L('mobile', renderMobile(mobile(), pick(['intl', 'full', 'spaced', 'hyphen'] as MobileStyle[])));
    const reason = pick(['因病', '因灾', '因意外事故', '因学', `因患${L('sensitive_word', '精神障碍')}`]);
    return `${i + 1}\t${personName()}\t${id}\t${c}\t${m}\t${reason}\t${pick(['1000', '2000', '3000', '5000'])}`;
  });
  return `${header('黔城镇2023年第二季度临时救助对象名单', 2023, 7)}
序号\t姓名\t身份证号\t银行卡号\t联系电话\t救助原因\t救助金额（元）
${rows.join('\n')}
以上救助资金已于２０２３年７月１０日发放。咨询电话：０７４５－７７３１９１６。
`;
})();

docs['14-csv-export'] = (() => {
  const rows = Array.from({ length: 25 }, (_, i) =>
    `${i + 1},${personName()},${pick(VILLAGES)},${id18()},${L('bank_card', bankCard())},${L('mobile', mobile())},${amount(100, 3000)}`,
  );
  return `序号,姓名,村,身份证号,银行卡号,手机号,金额
${rows.join('\n')}
合计,,,,,,${amount(20000, 40000)}
`;
})();

docs['15-work-bulletin'] = `${L('secret_marking', '内部资料')} 2023年第3期

黔城镇工作简报
黔城镇党政综合办公室编\t2023年9月1日

【经济发展】1至8月，全镇完成固定资产投资3.56亿元，同比增长12.3%；规模工业增加值增长8.1%。
【民生保障】发放各类惠民补贴资金1,234.56万元，惠及群众2.3万人次。
【信访维稳】8月共受理信访件16件，办结15件，办结率93.75%。本期简报所载数据为${L('secret_marking', '内部资料')}，以统计部门正式公布数据为准。
本刊${L('secret_marking', '仅供内部参考')}。
报：市委办、市政府办\t送：镇党委、人大、政府领导\t发：各村（社区）、镇直各单位
（共印30份）
`;

docs['16-secrecy-law-excerpt'] = `${header('保密法律法规学习资料（摘编）', 2023, 11)}
《中华人民共和国保守国家秘密法》（2024年2月27日修订）摘编：
第十三条 国家秘密的密级分为绝密、机密、秘密三级。
绝密级国家秘密是最重要的国家秘密，泄露会使国家安全和利益遭受特别严重的损害；机密级国家秘密是重要的国家秘密，泄露会使国家安全和利益遭受严重的损害；秘密级国家秘密是一般的国家秘密，泄露会使国家安全和利益遭受损害。
第二十条 国家秘密的保密期限，除另有规定外，绝密级不超过三十年，机密级不超过二十年，秘密级不超过十年。
秘密级事项的保密期限届满的，自行解密。
《中华人民共和国政府信息公开条例》（国务院令第711号）摘编：
第十四条 依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。
第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。
第十六条 行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。
学习要求：各单位要注意保密，增强保密意识，做到“涉密不上网、上网不涉密”。机密文件、秘密文件的收发应当登记。
`;

docs['17-complaint-reply-email'] = (() => {
  const name = personName();
  return `${header('关于群众来信反映问题的办理情况回复', 2023, 6)}
${name}同志：
你通过电子邮件（${L('email', `${pick(['lisi_', 'wanghong', 'yf.chen', 'hjliu'])}${int(10, 99)}@${pick(['qq.com', '163.com', '126.com', 'sina.com'])}`)}）反映的清江村道路硬化工程质量问题已收悉。镇人民政府高度重视，于2023年6月5日组织镇规划建设环保站、清江村村委会现场核查。
经查，该工程合同编号HJQC-2022-0138，施工单位为湖南沅水建设有限公司，合同金额386,500.00元，工程于2022年12月竣工，质保期两年。核查发现路面存在3处裂缝，已责令施工单位于6月30日前整改到位。
整改完成后，镇人民政府将组织复验，并将结果通过电话或邮件告知你。你也可通过镇政府公开邮箱${OFFICE_MAIL}或市纪委邮箱hjjw@hongjiang.gov.cn反映问题。
同时抄送：村监委会主任${personName()}（${L('email', `cunjw${int(100, 999)}@163.com`)}）。
订单号：20231012138123456789；快递单号：SF1381234567801。
洪江市黔城镇人民政府
2023年6月8日
`;
})();

docs['18-letter-home-address'] = (() => {
  const name = personName();
  return `${header(`关于${name}同志申请宅基地建房的批复`, 2023, 4)}
${name}同志：
你家住${L('address', houseAddress(true))}，于2023年3月15日提出宅基地建房申请。经村民小组讨论、村委会审查、镇人民政府审核，现批复如下：
一、同意你在${pick(VILLAGES)}${int(1, 12)}组原宅基地拆旧建新，占地面积120平方米，建筑面积不超过360平方米，层数不超过3层。
二、建房须按照《湖南省农村住房建设管理办法》（湖南省人民政府令第308号）规定施工，严禁超面积、超高度建设。
三、你（身份证号码：${id18()}，联系电话：${phone()}）应在开工前通知镇规划建设环保站到场放样。
申请人配偶${personName()}，现住${L('address', `洪江市${pick(COMMUNITIES)}${pick(ROADS)}${int(1, 99)}号${int(1, 6)}栋${int(1, 4)}单元${int(1, 6)}0${int(1, 4)}室`)}，同意本次建房。
洪江市黔城镇人民政府
2023年4月6日
（此件主动公开）
`;
})();

docs['19-legacy-household-register'] = (() => {
  const rows = Array.from({ length: 16 }, (_, i) =>
    `${i + 1}\t${personName()}\t${pick(['户主', '妻', '子', '女', '父', '母'])}\t${L('id_card', legacyIdNumber())}\t${groupAddress()}`,
  );
  return `${header('2003年度农业税减免户名册（档案数字化）', 2023, 12)}
说明：本名册为2003年纸质档案扫描件的文字版，原册使用15位身份证号码。档案编号：431281-2003-001234，卷内页码12-15。
序号\t姓名\t与户主关系\t身份证号码\t村组
${rows.join('\n')}
（原件存镇档案室，档号 WS·2003-Y-0045）
`;
})();

docs['20-hard-negatives-finance'] = (() => {
  const invalids = Array.from({ length: 8 }, () => invalidIdNumber());
  return `${header('黔城镇2022年度部门决算公开说明', 2023, 8)}
一、收入支出决算总体情况：2022年度收入总计31,245,678.90元，支出总计30,987,654.32元，年末结转和结余258,024.58元。
二、“三公”经费支出：公务接待费12345.00元，公务用车运行维护费86400.00元，因公出国（境）费0元。
三、政府采购情况：全年政府采购支出总额1,386,500.00元，其中授予中小企业合同金额1,120,000.00元。采购项目编号HJCG2022-0138、HJCG2022-0139，合同备案号：43128120221381234。
四、国有资产占用情况：截至2022年12月31日，共有车辆3辆，单价50万元以上通用设备0台（套）。
五、专项资金：乡村振兴衔接资金预算科目编码2130504，项目库编号431281202213812345678。
六、数据核对中发现的问题：以下身份证号码校验位错误，已退回村级核实（不属于有效号码）：${invalids.join('、')}。
七、名词解释：“三公”经费是指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。
附：单位统一社会信用代码${AGENCY_CODE}，组织机构代码00614025-7，开户行账号1865 3101 0400 0123 4，邮编418100。
本决算经洪江市财政局审核（洪财预〔2023〕56号）。咨询电话：${OFFICE_PHONE}，(0745)7731918，12345政务服务热线。
统计时间：2022-01-01至2022-12-31；2023.08.15发布；批次号20230815001。
`;
})();

for (const [name, content] of Object.entries(docs)) {
  writeFileSync(new URL(`../src/domain/privacy/corpus/${name}.txt`, import.meta.url), content);
}
writeFileSync(
  new URL('../src/domain/privacy/corpus/options.json', import.meta.url),
  JSON.stringify(
    { allowList: [OFFICE_PHONE, OFFICE_FAX, DUTY_MOBILE, OFFICE_MAIL, OFFICE_ADDRESS], sensitiveWords: ['艾滋病', '精神障碍', '服刑人员'] },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${Object.keys(docs).length} documents`);
