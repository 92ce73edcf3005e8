/**
 * The outcome of a disclosure request (办理结果): exactly the data rows of table 三 “三、本年度办理结果”
 * of the annual report format (国办公开办函〔2021〕30号), 21 rows in table order, each with the
 * 第三十六条 reply type(s) and the article it rests on (domain-reference §1.6). The 2019 trial format
 * (国办公开办函〔2019〕60号) has the same rows except that （六）其他处理 is a single row.
 */

/** The row groups of table 三 under “三、本年度办理结果” (the merged group headings). */
export const OUTCOME_GROUPS = ['disclosed', 'partially_disclosed', 'withheld', 'unable_to_provide', 'not_processed', 'other'] as const;

/** One of `OUTCOME_GROUPS`. */
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/** The verbatim heading of each group in table 三 (2021 format). */
export const OUTCOME_GROUP_LABELS: Readonly<Record<OutcomeGroup, string>> = {
  disclosed: '（一）予以公开',
  partially_disclosed: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld: '（三）不予公开',
  unable_to_provide: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
};

/** The outcome codes, in the row order of table 三. */
export const OUTCOMES = [
  'disclosed',
  'partially_disclosed',
  'withheld_state_secret',
  'withheld_prohibited_by_law',
  'withheld_endangers_security_stability',
  'withheld_third_party_rights',
  'withheld_internal_affairs',
  'withheld_process_information',
  'withheld_enforcement_file',
  'withheld_administrative_inquiry',
  'unavailable_not_held',
  'unavailable_needs_creation',
  'unavailable_unclear_after_clarification',
  'not_processed_petition_complaint',
  'not_processed_repeat',
  'not_processed_publication',
  'not_processed_excessive',
  'not_processed_confirmation',
  'other_clarification_overdue',
  'other_fee_unpaid',
  'other_other',
] as const;

/** One of `OUTCOMES`. */
export type Outcome = (typeof OUTCOMES)[number];

/** Whether a value is one of the outcome codes. */
export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value);
}

/** The reply types of 条例第三十六条（一）—（七）. */
export const REPLY_TYPES = [
  'already_public',
  'provided',
  'withheld',
  'not_exist',
  'not_responsible',
  'repeat',
  'special_procedure',
] as const;

/** One of `REPLY_TYPES`. */
export type ReplyType = (typeof REPLY_TYPES)[number];

/** Whether a value is one of the 第三十六条 reply types. */
export function isReplyType(value: unknown): value is ReplyType {
  return typeof value === 'string' && (REPLY_TYPES as readonly string[]).includes(value);
}

/** The short Chinese label of each 第三十六条 reply type, as the reply form and the annual report name them. */
export const REPLY_TYPE_LABELS: Readonly<Record<ReplyType, string>> = {
  already_public: '属于已主动公开范围（第三十六条第（一）项）',
  provided: '同意公开（第三十六条第（二）项）',
  withheld: '不予公开（第三十六条第（三）项）',
  not_exist: '信息不存在（第三十六条第（四）项）',
  not_responsible: '不属于本机关负责公开（第三十六条第（五）项）',
  repeat: '重复申请（第三十六条第（六）项）',
  special_procedure: '依照有关法律、行政法规的规定办理（第三十六条第（七）项）',
};

/** An article of the regulations (or another instrument) with a short verbatim quote. */
export interface LegalGround {
  readonly article: string;
  readonly quote: string;
}

/** Each 第三十六条 item, with the reply it prescribes. */
export const REPLY_TYPE_GROUNDS: Readonly<Record<ReplyType, LegalGround>> = {
  already_public: {
    article: '条例第三十六条第（一）项',
    quote: '所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径',
  },
  provided: {
    article: '条例第三十六条第（二）项',
    quote: '所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、途径和时间',
  },
  withheld: {
    article: '条例第三十六条第（三）项',
    quote: '行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由',
  },
  not_exist: {
    article: '条例第三十六条第（四）项',
    quote: '经检索没有所申请公开信息的，告知申请人该政府信息不存在',
  },
  not_responsible: {
    article: '条例第三十六条第（五）项',
    quote:
      '所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式',
  },
  repeat: {
    article: '条例第三十六条第（六）项',
    quote: '行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理',
  },
  special_procedure: {
    article: '条例第三十六条第（七）项',
    quote:
      '所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，告知申请人依照有关法律、行政法规的规定办理',
  },
};

/** Everything the system knows about one outcome row. */
export interface OutcomeDefinition {
  readonly code: Outcome;
  readonly group: OutcomeGroup;
  /** The sub-item number within its group (1.–8.), or null for （一）（二）, which are rows themselves. */
  readonly item: number | null;
  /** The row label exactly as printed in table 三 (2021 format). */
  readonly rowLabel: string;
  /** The 第三十六条 reply types this outcome is answered with; empty where another article governs the reply. */
  readonly replyTypes: readonly ReplyType[];
  /** The articles the outcome rests on (domain-reference §1.6, partly 推导). */
  readonly grounds: readonly LegalGround[];
  /** 条例第三十七条: the reply must record what was withheld and why. */
  readonly requiresWithheldParts: boolean;
  /** The row of the 2019 trial format (国办公开办函〔2019〕60号) the outcome is counted in. */
  readonly trialFormatRowLabel: string;
  readonly note: string | null;
}

const ART14_SECRET: LegalGround = { article: '条例第十四条', quote: '依法确定为国家秘密的政府信息……不予公开' };
const ART14_LAW: LegalGround = { article: '条例第十四条', quote: '法律、行政法规禁止公开的政府信息……不予公开' };
const ART14_SAFETY: LegalGround = {
  article: '条例第十四条',
  quote: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开',
};
const ART15: LegalGround = {
  article: '条例第十五条',
  quote: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开',
};
const ART16_1: LegalGround = {
  article: '条例第十六条第一款',
  quote: '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开',
};
const ART16_2_PROCESS: LegalGround = {
  article: '条例第十六条第二款',
  quote: '讨论记录、过程稿、磋商信函、请示报告等过程性信息……可以不予公开',
};
const ART16_2_FILE: LegalGround = { article: '条例第十六条第二款', quote: '行政执法案卷信息，可以不予公开' };
const ART37: LegalGround = {
  article: '条例第三十七条',
  quote: '能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由',
};

type Row = Omit<OutcomeDefinition, 'code' | 'trialFormatRowLabel' | 'note'> & { readonly note?: string };

const ROWS: Readonly<Record<Outcome, Row>> = {
  disclosed: {
    group: 'disclosed',
    item: null,
    rowLabel: OUTCOME_GROUP_LABELS.disclosed,
    replyTypes: ['already_public', 'provided'],
    grounds: [REPLY_TYPE_GROUNDS.already_public, REPLY_TYPE_GROUNDS.provided],
    requiresWithheldParts: false,
  },
  partially_disclosed: {
    group: 'partially_disclosed',
    item: null,
    rowLabel: OUTCOME_GROUP_LABELS.partially_disclosed,
    replyTypes: ['provided', 'withheld'],
    grounds: [ART37],
    requiresWithheldParts: true,
    note: '条例第三十七条：区分处理的，须记录不予公开的内容及其理由；年报只计入本行，不再计入不予公开等其他情形。',
  },
  withheld_state_secret: {
    group: 'withheld', item: 1, rowLabel: '1.属于国家秘密',
    replyTypes: ['withheld'], grounds: [ART14_SECRET], requiresWithheldParts: false,
  },
  withheld_prohibited_by_law: {
    group: 'withheld', item: 2, rowLabel: '2.其他法律行政法规禁止公开',
    replyTypes: ['withheld'], grounds: [ART14_LAW], requiresWithheldParts: false,
  },
  withheld_endangers_security_stability: {
    group: 'withheld', item: 3, rowLabel: '3.危及“三安全一稳定”',
    replyTypes: ['withheld'], grounds: [ART14_SAFETY], requiresWithheldParts: false,
  },
  withheld_third_party_rights: {
    group: 'withheld', item: 4, rowLabel: '4.保护第三方合法权益',
    replyTypes: ['withheld'], grounds: [ART15], requiresWithheldParts: false,
  },
  withheld_internal_affairs: {
    group: 'withheld', item: 5, rowLabel: '5.属于三类内部事务信息',
    replyTypes: ['withheld'], grounds: [ART16_1], requiresWithheldParts: false,
  },
  withheld_process_information: {
    group: 'withheld', item: 6, rowLabel: '6.属于四类过程性信息',
    replyTypes: ['withheld'], grounds: [ART16_2_PROCESS], requiresWithheldParts: false,
  },
  withheld_enforcement_file: {
    group: 'withheld', item: 7, rowLabel: '7.属于行政执法案卷',
    replyTypes: ['withheld'], grounds: [ART16_2_FILE], requiresWithheldParts: false,
  },
  withheld_administrative_inquiry: {
    group: 'withheld', item: 8, rowLabel: '8.属于行政查询事项',
    replyTypes: ['special_procedure'], grounds: [REPLY_TYPE_GROUNDS.special_procedure], requiresWithheldParts: false,
    note: '对应第三十六条第（七）项的实践口径（推导）：告知申请人依照有关法律、行政法规的规定办理。',
  },
  unavailable_not_held: {
    group: 'unable_to_provide', item: 1, rowLabel: '1.本机关不掌握相关政府信息',
    replyTypes: ['not_exist', 'not_responsible'],
    grounds: [REPLY_TYPE_GROUNDS.not_exist, REPLY_TYPE_GROUNDS.not_responsible],
    requiresWithheldParts: false,
  },
  unavailable_needs_creation: {
    group: 'unable_to_provide', item: 2, rowLabel: '2.没有现成信息需要另行制作',
    replyTypes: [],
    grounds: [{ article: '条例第三十八条', quote: '需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供' }],
    requiresWithheldParts: false,
  },
  unavailable_unclear_after_clarification: {
    group: 'unable_to_provide', item: 3, rowLabel: '3.补正后申请内容仍不明确',
    replyTypes: [],
    grounds: [{ article: '条例第三十条', quote: '政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并……一次性告知申请人作出补正' }],
    requiresWithheldParts: false,
  },
  not_processed_petition_complaint: {
    group: 'not_processed', item: 1, rowLabel: '1.信访举报投诉类申请',
    replyTypes: [],
    grounds: [{
      article: '条例第三十九条第一款',
      quote: '申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为政府信息公开申请处理并可以告知通过相应渠道提出',
    }],
    requiresWithheldParts: false,
  },
  not_processed_repeat: {
    group: 'not_processed', item: 2, rowLabel: '2.重复申请',
    replyTypes: ['repeat'], grounds: [REPLY_TYPE_GROUNDS.repeat], requiresWithheldParts: false,
  },
  not_processed_publication: {
    group: 'not_processed', item: 3, rowLabel: '3.要求提供公开出版物',
    replyTypes: [],
    grounds: [{
      article: '条例第三十九条第二款',
      quote: '申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知获取的途径',
    }],
    requiresWithheldParts: false,
  },
  not_processed_excessive: {
    group: 'not_processed', item: 4, rowLabel: '4.无正当理由大量反复申请',
    replyTypes: [],
    grounds: [{
      article: '条例第三十五条',
      quote: '申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为申请理由不合理的，告知申请人不予处理',
    }],
    requiresWithheldParts: false,
  },
  not_processed_confirmation: {
    group: 'not_processed', item: 5, rowLabel: '5.要求行政机关确认或重新出具已获取信息',
    replyTypes: [],
    grounds: [{ article: '年报格式（国办公开办函〔2021〕30号）表三', quote: '要求行政机关确认或重新出具已获取信息' }],
    requiresWithheldParts: false,
    note: '条例无专条，属实践口径（推导）：要求确认或重新出具已获取的信息，不属于申请获取政府信息。',
  },
  other_clarification_overdue: {
    group: 'other', item: 1, rowLabel: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    replyTypes: [],
    grounds: [{ article: '条例第三十条', quote: '申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请' }],
    requiresWithheldParts: false,
  },
  other_fee_unpaid: {
    group: 'other', item: 2, rowLabel: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    replyTypes: [],
    grounds: [{
      article: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号，据四川省财政厅、发展改革委通知转述）',
      quote: '申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请',
    }],
    requiresWithheldParts: false,
  },
  other_other: {
    group: 'other', item: 3, rowLabel: '3.其他',
    replyTypes: [], grounds: [], requiresWithheldParts: false,
    note: '申请人撤回申请等其他情形（domain-reference §1.6：“撤回等”）。',
  },
};

/** The 2019 trial format's rows under “三、本年度办理结果”: as 2021, but （六）其他处理 is one row. */
export const TRIAL_2019_OUTCOME_ROW_LABELS: readonly string[] = [
  ...OUTCOMES.filter((o) => ROWS[o].group !== 'other').map((o) => ROWS[o].rowLabel),
  OUTCOME_GROUP_LABELS.other,
];

/** The definition of every outcome, keyed by code. */
export const OUTCOME_DEFINITIONS: Readonly<Record<Outcome, OutcomeDefinition>> = Object.fromEntries(
  OUTCOMES.map((code) => {
    const { note, ...row } = ROWS[code];
    const definition: OutcomeDefinition = {
      code,
      ...row,
      trialFormatRowLabel: row.group === 'other' ? OUTCOME_GROUP_LABELS.other : row.rowLabel,
      note: note ?? null,
    };
    return [code, definition];
  }),
) as Record<Outcome, OutcomeDefinition>;

/** The definition of one outcome. */
export function outcomeDefinition(outcome: Outcome): OutcomeDefinition {
  return OUTCOME_DEFINITIONS[outcome];
}

/** The outcomes of one group, in table order. */
export function outcomesInGroup(group: OutcomeGroup): readonly Outcome[] {
  return OUTCOMES.filter((o) => ROWS[o].group === group);
}

/** A short Chinese label for an outcome: the group heading for （一）（二）, else “group · item”, e.g. “不予公开·属于国家秘密”. */
export function outcomeLabelZh(outcome: Outcome): string {
  const row = ROWS[outcome];
  const groupName = OUTCOME_GROUP_LABELS[row.group].replace(/^（.）/, '').replace(/（.*）$/, '');
  if (row.item === null) return groupName;
  return `${groupName}·${row.rowLabel.replace(/^\d+\./, '')}`;
}

/** Accepts the row label as printed or with straight quotes (“三安全一稳定” is often typed "三安全一稳定"), returning the outcome. */
export function outcomeFromRowLabel(label: string): Outcome | null {
  const normalised = label.trim().replace(/"([^"]*)"/g, '“$1”');
  return OUTCOMES.find((o) => ROWS[o].rowLabel === normalised) ?? null;
}
