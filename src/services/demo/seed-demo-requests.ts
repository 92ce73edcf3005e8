/**
 * Puts the demo requests through the real workflow on the dates they would have happened — the
 * seed report's three requests of 2017 (1 online, 2 by letter; one 已主动公开, one 同意公开, the
 * third received in late December and carried into 2018) and a realistic mix for 2023–2025 — records
 * a reconsideration, logs the 152 text messages of 2017 (“短信消息152条”), and keeps the inputs the
 * system cannot know with draft reports (2017: about 400 printed materials; 2024, 2025: 表二 counts).
 */
import { createCalendarService } from '../manage-calendar.ts';
import { createReportService } from '../compile-annual-report.ts';
import { createRequestService, type StaffRequestCommand } from '../manage-requests.ts';
import { actorOf } from '../sign-in.ts';
import type { Outcome, WithheldPart } from '../../domain/requests/index.ts';
import type { Actor, UnitOfWork } from '../ports.ts';

/** A clock the seeding moves through history (Beijing time). */
function historicalClock() {
  let t = Date.parse('2017-01-01T01:00:00Z');
  return { now: () => new Date(t), set: (beijingDate: string, hour = 10) => (t = Date.parse(`${beijingDate}T${String(hour - 8).padStart(2, '0')}:00:00Z`)) };
}

type Step = readonly [on: string, who: 'officer' | 'approver', command: StaffRequestCommand];

interface DemoRequest {
  agency: string;
  /** Online requests are submitted on the portal and confirmed by the office on `confirmOn`. */
  channel: 'online' | 'letter_registered' | 'in_person' | 'fax';
  submittedOn: string;
  confirmOn?: string;
  applicant: { type: string; name: string; idNumber?: string; phone: string; email?: string; address?: string };
  description: string;
  steps: readonly Step[];
  appeal?: { filedOn: string; body: string; result: 'upheld' | 'corrected' | 'other' | 'pending'; closedOn: string | null; note: string; recordOn: string };
}

// 予以公开 is answered under 第三十六条第（一）项 (already public) or 第（二）项 (agreed to disclose); the office says which.
const reply = (summary: string, outcome: Outcome = 'disclosed', withheld: readonly WithheldPart[] = [], replyType: 'already_public' | 'provided' = 'provided'): StaffRequestCommand => ({
  type: 'draft_reply',
  outcome,
  summary,
  withheld,
  ...(outcome === 'disclosed' && { replyType }),
});
const approve: StaffRequestCommand = { type: 'approve_reply' };
const review: StaffRequestCommand = { type: 'start_review' };
const deliver = (method: 'post' | 'email' | 'collect_in_person', proof: string): StaffRequestCommand => ({ type: 'deliver', method, proof });
const archive: StaffRequestCommand = { type: 'archive' };

/** Reply, approval, delivery and archiving on one day, as a small office does it. */
const answered = (on: string, summary: string, outcome?: Outcome, method: 'post' | 'email' | 'collect_in_person' = 'post', withheld: readonly WithheldPart[] = [], replyType?: 'already_public'): Step[] => [
  [on, 'officer', reply(summary, outcome, withheld, replyType)],
  [on, 'approver', approve],
  [on, 'officer', deliver(method, method === 'email' ? `电子邮件发送回执 ${on.replaceAll('-', '')}-01` : method === 'post' ? `EMS 邮件号 11${on.replaceAll('-', '')}9` : '申请人到镇政府领取，当面签收送达回证')],
  [on, 'officer', archive],
];

function demoRequests(): DemoRequest[] {
  return [
    // --- 2017: the seed report's three requests -----------------------------------------------------
    {
      agency: 'town', channel: 'online', submittedOn: '2017-04-07', confirmOn: '2017-04-10',
      applicant: { type: 'natural_person', name: '杨建华', idNumber: '431281197905160511', phone: '13907451206', email: 'yangjh@example.com' },
      description: '黔城镇2017年耕地地力保护补贴实施方案',
      steps: [['2017-04-11', 'officer', review], ...answered('2017-04-20', '所申请信息已主动公开，告知获取该政府信息的方式和途径：黔城镇人民政府门户网站“政府信息公开—农业农村”栏目（条例第三十六条第（一）项）。', 'disclosed', 'email', [], 'already_public')],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2017-08-14',
      applicant: { type: 'natural_person', name: '向春梅', idNumber: '431281198302244227', phone: '13574521873', address: '湖南省洪江市黔城镇三江村五组' },
      description: '三江村2016年度“一事一议”筹资筹劳项目的资金使用情况',
      steps: [['2017-08-15', 'officer', review], ...answered('2017-08-30', '同意公开，提供三江村2016年度“一事一议”项目资金使用明细表复印件。')],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2017-12-27',
      applicant: { type: 'natural_person', name: '蒋德胜', idNumber: '431281196811020038', phone: '13787453390', address: '湖南省洪江市黔城镇岔头村二组' },
      description: '岔头村2017年农村危房改造补助对象名单及补助标准',
      steps: [['2017-12-28', 'officer', review], ...answered('2018-01-12', '同意公开，提供岔头村2017年农村危房改造补助对象名单（已隐去身份证号码）及补助标准。')],
    },
    // --- 2023 -------------------------------------------------------------------------------------
    {
      agency: 'town', channel: 'online', submittedOn: '2023-03-06', confirmOn: '2023-03-06',
      applicant: { type: 'natural_person', name: '舒晓燕', idNumber: '431281199210083627', phone: '13974521688', email: 'shuxy@example.com' },
      description: '黔城镇2023年度财政预算公开文本',
      steps: [['2023-03-07', 'officer', review], ...answered('2023-03-14', '该信息已主动公开，请在黔城镇人民政府门户网站“财政预决算”栏目查阅（条例第三十六条第（一）项）。', 'disclosed', 'email', [], 'already_public')],
    },
    {
      agency: 'cunzhen', channel: 'letter_registered', submittedOn: '2023-06-19',
      applicant: { type: 'commercial_enterprise', name: '洪江市沅水建筑工程有限公司', phone: '0745-7638211', address: '湖南省洪江市黔城镇玉壶路18号' },
      description: '黔城镇集镇污水管网改造工程的竣工验收资料',
      steps: [['2023-06-20', 'officer', review], ...answered('2023-07-10', '经检索，本机关未制作、获取该工程的竣工验收资料，该信息不存在（条例第三十六条第（四）项）。', 'unavailable_not_held')],
    },
    {
      agency: 'town', channel: 'in_person', submittedOn: '2023-09-04',
      applicant: { type: 'natural_person', name: '龙国强', idNumber: '431281197503120912', phone: '13517456230' },
      description: '本人家庭2022年度城乡低保审批表',
      steps: [['2023-09-04', 'officer', review], ...answered('2023-09-15', '同意公开，提供本人家庭2022年度城乡低保审批表复印件。', 'disclosed', 'collect_in_person')],
    },
    // --- 2024 -------------------------------------------------------------------------------------
    {
      agency: 'town', channel: 'online', submittedOn: '2024-02-26', confirmOn: '2024-02-26',
      applicant: { type: 'natural_person', name: '田永红', idNumber: '431281198708214458', phone: '18874521937', email: 'tianyh@example.com' },
      description: '有关情况',
      steps: [
        ['2024-02-27', 'officer', review],
        ['2024-02-28', 'officer', { type: 'request_clarification', points: ['请说明所需政府信息的名称、文号或者便于查询的特征性描述（如年份、村名、事项）'], deadlineOn: '2024-03-13' }],
        ['2024-03-05', 'officer', { type: 'receive_clarification', receivedOn: '2024-03-05' }],
        ...answered('2024-03-22', '同意公开，提供板桥村2023年农村公路建设项目的立项批复和资金拨付情况。', 'disclosed', 'email'),
      ],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2024-04-15',
      applicant: { type: 'research_institution', name: '怀化学院乡村振兴研究中心', phone: '0745-2851300', address: '湖南省怀化市鹤城区怀东路180号' },
      description: '黔城镇2021—2023年土地承包经营权流转合同汇总情况',
      steps: [
        ['2024-04-16', 'officer', review],
        ['2024-04-18', 'officer', { type: 'start_consultation', party: 'third_party', consultedName: '黔城镇农村土地承包经营权流转受让方（3家农业公司）', letterReceivedOn: '2024-04-19' }],
        ['2024-05-09', 'officer', { type: 'end_consultation', result: 'objected' }],
        ...answered('2024-05-24', '部分公开：提供流转面积、期限和用途的汇总情况；受让方的商业合同价格涉及商业秘密，第三方不同意公开，不予提供（条例第三十二条、第三十七条）。', 'partially_disclosed', 'post', [
          { description: '受让方与农户签订的流转合同中的价格条款', ground: 'withheld_third_party_rights', reason: '涉及商业秘密，第三方不同意公开，公开会对第三方合法权益造成损害' },
        ]),
      ],
    },
    {
      agency: 'town', channel: 'online', submittedOn: '2024-06-03', confirmOn: '2024-06-03',
      applicant: { type: 'natural_person', name: '粟立新', idNumber: '431281198001057735', phone: '13907458802', email: 'sulx@example.com' },
      description: '黔城镇2018年至2023年全部会议纪要和全部财务凭证',
      steps: [
        ['2024-06-04', 'officer', review],
        ['2024-06-25', 'approver', { type: 'approve_extension', workdays: 20, reason: '申请内容涉及六个年度的大量档案，需逐卷检索、审查' }],
        ['2024-07-16', 'officer', { type: 'send_fee_notice', fee: { basis: 'per_page', pages: 60 } }],
        ['2024-07-19', 'officer', { type: 'record_fee_payment', paidOn: '2024-07-19' }],
        ...answered('2024-07-30', '同意公开，提供2018—2023年镇政府常务会议纪要中可以公开的部分（共60页）。', 'disclosed', 'post'),
      ],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2024-08-12',
      applicant: { type: 'natural_person', name: '刘桂芝', idNumber: '43128119560618002X', phone: '13874519006', address: '湖南省洪江市黔城镇芙蓉社区新街12号' },
      description: '芙蓉社区老旧小区改造项目的设计图纸',
      steps: [['2024-08-13', 'officer', review], ['2024-08-20', 'officer', { type: 'withdraw', reason: '申请人来电表示已在社区公示栏看到设计图，撤回申请' }]],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2024-09-09',
      applicant: { type: 'natural_person', name: '唐明辉', idNumber: '431281197311263513', phone: '13907452264', address: '湖南省洪江市黔城镇大湾村三组' },
      description: '大湾村2024年征地补偿安置方案及补偿款发放明细',
      steps: [['2024-09-10', 'officer', review], ...answered('2024-10-11', '部分公开：提供征地补偿安置方案；补偿款发放明细涉及其他被征地农户个人信息，予以隐去（条例第十五条、第三十七条）。', 'partially_disclosed', 'post', [
        { description: '补偿款发放明细中其他农户的姓名、银行账号和补偿金额', ground: 'withheld_third_party_rights', reason: '属于其他被征地农户的个人信息，公开会对第三方合法权益造成损害' },
      ])],
      appeal: { filedOn: '2024-11-05', body: '洪江市人民政府', result: 'upheld', closedOn: '2024-12-20', note: '申请人认为隐去的补偿款明细应当公开；复议决定维持原答复。', recordOn: '2024-12-23' },
    },
    {
      agency: 'caizheng', channel: 'fax', submittedOn: '2024-11-25',
      applicant: { type: 'other_organisation', name: '洪江市黔城镇个体劳动者协会', phone: '0745-7731502' },
      description: '黔城镇2024年惠民惠农财政补贴资金发放情况',
      steps: [['2024-11-26', 'officer', review], ...answered('2024-12-12', '该信息已主动公开，请在黔城镇人民政府门户网站“惠民惠农财政补贴”专栏查阅（条例第三十六条第（一）项）。', 'disclosed', 'post', [], 'already_public')],
    },
    // --- 2025 -------------------------------------------------------------------------------------
    {
      agency: 'town', channel: 'online', submittedOn: '2025-03-10', confirmOn: '2025-03-10',
      applicant: { type: 'natural_person', name: '邓晓军', idNumber: '431281199005232216', phone: '15074526631', email: 'dengxj@example.com' },
      description: '《黔城镇农村建房管理办法》的起草说明和征求意见情况',
      steps: [['2025-03-11', 'officer', review], ...answered('2025-03-25', '同意公开，提供《黔城镇农村建房管理办法》起草说明及征求意见情况汇总。', 'disclosed', 'email')],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2025-05-12',
      applicant: { type: 'commercial_enterprise', name: '湖南怀化恒达砂石有限公司', phone: '0745-2736610', address: '湖南省怀化市鹤城区迎丰西路8号' },
      description: '沅江黔城段河道采砂规划及采砂权出让的内部审议记录',
      steps: [['2025-05-13', 'officer', review], ...answered('2025-05-30', '所申请的审议记录属于行政机关的讨论记录，属于过程性信息，不予公开（条例第十六条第二款）。', 'withheld_process_information')],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2025-07-07',
      applicant: { type: 'natural_person', name: '向志刚', idNumber: '431281198511300053', phone: '13974560118', address: '湖南省洪江市黔城镇清江村一组' },
      description: '清江村2025年村级公益事业建设项目的招投标文件',
      // 条例第三十三条：20个工作日内答复——this reply was late (overdue), which the report shows as 逾期答复.
      steps: [['2025-07-08', 'officer', review], ...answered('2025-08-15', '同意公开，提供清江村2025年村级公益事业建设项目招投标文件。')],
    },
    {
      agency: 'town', channel: 'online', submittedOn: '2025-09-15', confirmOn: '2025-09-15',
      applicant: { type: 'natural_person', name: '周丽萍', idNumber: '431281199403150742', phone: '18907456652', email: 'zhoulp@example.com' },
      description: '要求镇政府为本人出具2020年以来的土地承包经营情况统计分析报告',
      steps: [['2025-09-16', 'officer', review], ...answered('2025-09-29', '所申请的统计分析报告需要本机关对现有信息进行加工、分析，不予提供（条例第三十八条）。', 'unavailable_needs_creation', 'email')],
    },
    {
      agency: 'town', channel: 'letter_registered', submittedOn: '2025-12-22',
      applicant: { type: 'legal_service_provider', name: '湖南黔阳律师事务所', phone: '0745-7622760', address: '湖南省洪江市黔城镇玉壶路66号' },
      description: '黔城镇2025年度行政执法统计年报',
      steps: [['2025-12-23', 'officer', review], ...answered('2026-01-09', '同意公开，提供黔城镇2025年度行政执法统计年报。')],
    },
  ];
}

/** Seeds the demo requests, the reconsideration, the 2017 text messages and the draft reports; `agencyIds` maps demo agency keys to ids. Returns how many requests were created. */
export async function seedDemoRequests(deps: { uow: UnitOfWork }, agencyIds: ReadonlyMap<string, number>): Promise<number> {
  const clock = historicalClock();
  // Deadlines are counted on the calendar as stored (the shipped calendar is loaded before first start).
  const calendar = createCalendarService({ uow: deps.uow, clock, loadShipped: () => ({ version: 1, years: {} }) });
  const requests = createRequestService({ uow: deps.uow, clock, calendar });
  const reports = createReportService({ uow: deps.uow, clock });
  const actor = async (login: string): Promise<Actor> => {
    const user = await deps.uow.read.users.findByLogin(login);
    if (!user) throw new Error(`演示账号 ${login} 不存在`);
    return actorOf(user);
  };
  const actors = { officer: await actor('officer'), approver: await actor('approver') };
  const agencyId = (key: string) => agencyIds.get(key) ?? agencyIds.get('town')!;

  let created = 0;
  for (const d of demoRequests()) {
    clock.set(d.submittedOn, 9);
    const applicant = {
      type: d.applicant.type,
      name: d.applicant.name,
      identity: d.applicant.idNumber ? { kind: '居民身份证', number: d.applicant.idNumber } : null,
      contact: { phone: d.applicant.phone, ...(d.applicant.email && { email: d.applicant.email }), ...(d.applicant.address && { address: d.applicant.address }) },
    };
    const form = { agencyId: agencyId(d.agency), applicant, informationSought: { description: d.description }, formWanted: 'paper', deliveryMethod: d.applicant.email ? 'email' : 'post' };
    let id: number;
    if (d.channel === 'online') {
      id = (await requests.submitOnline({ ...form, formWanted: 'electronic' })).id;
      clock.set(d.confirmOn ?? d.submittedOn, 9);
      await requests.command(actors.officer, id, { type: 'confirm_receipt' });
    } else {
      const submission = d.channel === 'letter_registered' ? { signedForOn: d.submittedOn } : {};
      const registered = await requests.register(actors.officer, { ...form, channel: d.channel, submission });
      id = registered.request.id;
      // 条例第三十一条第（三）项: a fax is received on the day both sides confirm it.
      if (registered.request.state.status === 'awaiting_confirmation') await requests.command(actors.officer, id, { type: 'confirm_receipt' });
    }
    created += 1;
    for (const [on, who, command] of d.steps) {
      clock.set(on, who === 'approver' ? 11 : 10);
      await requests.command(actors[who], id, command);
    }
    if (d.appeal) {
      clock.set(d.appeal.recordOn, 15);
      const { recordOn: _recordOn, ...appeal } = d.appeal;
      await requests.recordAppeal(actors.officer, { requestId: id, kind: 'reconsideration', ...appeal });
    }
  }
  await seedMessages2017(deps.uow, agencyId('town'));

  // The inputs the system cannot know, kept with draft reports (the 全镇 report, as the seed's).
  const town = agencyId('town');
  clock.set('2018-01-20', 10);
  const draft2017 = await reports.saveDraft(actors.officer, { agencyId: town, year: 2017, includeSubunits: true }, {
    printedMaterials: 400,
    narrative: {
      overview:
        '2017年，在市委、市政府的坚强领导下，我镇紧紧围绕全镇中心工作，认真贯彻落实《中华人民共和国政府信息公开条例》和怀化市、洪江市有关信息公开文件精神，聚焦民生、热点，积极深化信息公开内容、创新信息公开形式、完善信息公开机制，不断推进透明政府建设。\n' +
        '我镇成立了政府信息公开和政务公开工作领导小组，由镇长任组长，分管领导任副组长，领导小组办公室设在宣传室，由专人负责日常工作；在公文运转和信息发布过程中与保密审查相结合，确保发布的每一条主动公开信息不违反保密规定。\n' +
        '我镇在门户网站设立依申请公开栏目，畅通网络、信函、传真等申请渠道，规范申请接收、登记、办理、审核、答复、归档等环节。板桥村、三江村、芙蓉社区等15个村和社区微信订阅号已正式启用，方便村（居）民手机查阅。',
      problems:
        '2017年，本镇政府信息公开工作取得了一些成绩和进步，但还存在一些不足和薄弱环节：一些部门政府信息公开的意识有待进一步增强；一些重点领域的公开程度与公众的要求和期待还存在一定差距；部分政府信息公开工作人员的业务能力还有待提高。\n' +
        '2018年本镇将着力抓好以下工作：一是加大主动公开力度，对群众普遍关心、涉及公众切身利益的领域加大公开力度，积极回应社会关切；二是扎实推进依申请公开，加强对复杂疑难申请的研究会商；三是加强制度体系建设，完善公文类信息公开的管理制度，逐步落实公开属性源头认定机制。',
    },
  });
  for (const [year, inputs] of [
    [2024, { licensingDecisions: 126, penaltyDecisions: 9, enforcementDecisions: 0, feesCollectedWanYuan: 0, staff: { fullTime: 1, partTime: 6 }, funding: 2.5 }],
    [2025, { licensingDecisions: 141, penaltyDecisions: 6, enforcementDecisions: 1, feesCollectedWanYuan: 0, staff: { fullTime: 1, partTime: 6 }, funding: 2.8 }],
  ] as const) {
    clock.set(`${String(year + 1)}-01-15`, 10);
    const draft = await reports.saveDraft(actors.officer, { agencyId: town, year, includeSubunits: true }, {
      ...inputs,
      narrative: {
        overview: `${String(year)}年，黔城镇坚持以公开为常态、不公开为例外，围绕乡村振兴、民生保障和基层治理，持续深化基层政务公开标准化规范化建设，全镇15个村（社区）均设立政务公开栏并按季度更新。`,
        problems: `${String(year)}年，我镇政府信息公开工作仍存在村级公开内容更新不够及时、政策解读形式较为单一等问题。下一步，将加强对村（社区）信息员的培训，丰富图解、问答等解读形式，按时更新公开内容。`,
        other: '本年度未收取信息处理费以外的其他费用。',
      },
    });
    // Finalised and published on the portal before the deadline the county sets (条例第四十九条).
    clock.set(`${String(year + 1)}-01-20`, 10);
    await reports.finalise(actors.officer, draft.stored!.id);
    await reports.publish(actors.officer, draft.stored!.id);
  }
  // The seed report itself was published on 2018-03-13 (“發布時間:2018-03-13”).
  clock.set('2018-03-13', 8);
  await reports.finalise(actors.officer, draft2017.stored!.id);
  await reports.publish(actors.officer, draft2017.stored!.id);
  return created;
}

/** The 152 text messages of 2017 (“短信消息152条”): notices of the town's publications to the village cadres' phones. */
async function seedMessages2017(uow: UnitOfWork, townId: number): Promise<void> {
  const published = (await uow.read.items.list({ agencyId: townId, year: 2017, liveOnly: true, limit: 200 })).items
    .filter((i) => i.publishedOn !== null && i.publishedOn.startsWith('2017'))
    .sort((a, b) => a.publishedOn!.localeCompare(b.publishedOn!) || Number(a.id) - Number(b.id));
  const recipients = ['13907451101', '13907451102', '13907451103', '13907451104'];
  const at = '2018-01-02T02:00:00.000Z';
  await uow.transaction(async (repos) => {
    for (let n = 0; n < 152; n++) {
      const item = published.length === 0 ? undefined : published[n % published.length];
      const day = item?.publishedOn ?? `2017-${String((n % 12) + 1).padStart(2, '0')}-15`;
      // Sent at 10:30 Beijing time on the day of publication.
      const sentAt = `${day}T02:30:00.000Z`;
      await repos.deliveries.insert({ agencyId: townId, channel: 'sms', itemId: item ? Number(item.id) : null, requestId: null, recipient: recipients[n % recipients.length]!, status: 'sent', sentAt, createdAt: sentAt });
    }
    await repos.audit.append({ actor: { userId: null, label: '系统', grants: [] }, at, entity: 'delivery', entityId: 'demo-2017-sms', agencyId: townId, action: 'import', change: { channel: 'sms', count: 152, year: 2017 } });
  });
}
