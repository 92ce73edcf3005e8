/**
 * 公开属性源头认定: when an item is drafted, its unit decides whether it is 主动公开, 依申请公开 or
 * 不予公开. 条例第十三条：“除本条例第十四条、第十五条、第十六条规定的政府信息外，政府信息应当公开”，
 * so anything other than 主动公开 must name its legal ground from a closed list.
 */

/** The three disclosure attributes. */
export const DISCLOSURE_ATTRIBUTES = ['proactive', 'on_request', 'withheld'] as const;

/** One of `DISCLOSURE_ATTRIBUTES`. */
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];

/** Whether a value is a known disclosure attribute. */
export function isDisclosureAttribute(value: unknown): value is DisclosureAttribute {
  return typeof value === 'string' && (DISCLOSURE_ATTRIBUTES as readonly string[]).includes(value);
}

/** The label of each attribute (the 公开方式 field of the catalogue). */
export const DISCLOSURE_ATTRIBUTE_LABELS: Readonly<Record<DisclosureAttribute, string>> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

/** The legal grounds for not disclosing proactively. */
export const DISCLOSURE_GROUNDS = [
  'art14_state_secret',
  'art14_prohibited_by_law',
  'art14_security_stability',
  'art15_third_party_rights',
  'art16_internal_affairs',
  'art16_process_information',
  'art16_enforcement_files',
  'art19_outside_proactive_scope',
] as const;

/** One of `DISCLOSURE_GROUNDS`. */
export type DisclosureGround = (typeof DISCLOSURE_GROUNDS)[number];

/** Whether a value is a known disclosure ground. */
export function isDisclosureGround(value: unknown): value is DisclosureGround {
  return typeof value === 'string' && (DISCLOSURE_GROUNDS as readonly string[]).includes(value);
}

/** A ground with its article, a short verbatim quote and the attributes it can support. */
export interface DisclosureGroundInfo {
  readonly ground: DisclosureGround;
  readonly article: string;
  /** A short label for select boxes. */
  readonly label: string;
  /** The words of the article the ground rests on, verbatim. */
  readonly quote: string;
  readonly allows: readonly Exclude<DisclosureAttribute, 'proactive'>[];
}

/** Each ground's article, quote and the attributes it supports. */
export const DISCLOSURE_GROUND_INFO: Readonly<Record<DisclosureGround, DisclosureGroundInfo>> = {
  // 第十四条 says “不予公开” without exception: such information is withheld, never released on request.
  art14_state_secret: {
    ground: 'art14_state_secret',
    article: '条例第十四条',
    label: '属于国家秘密',
    quote: '依法确定为国家秘密的政府信息',
    allows: ['withheld'],
  },
  art14_prohibited_by_law: {
    ground: 'art14_prohibited_by_law',
    article: '条例第十四条',
    label: '法律、行政法规禁止公开',
    quote: '法律、行政法规禁止公开的政府信息',
    allows: ['withheld'],
  },
  art14_security_stability: {
    ground: 'art14_security_stability',
    article: '条例第十四条',
    label: '危及“三安全一稳定”',
    quote: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息',
    allows: ['withheld'],
  },
  // 第十五条 keeps the door open: “第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开”.
  art15_third_party_rights: {
    ground: 'art15_third_party_rights',
    article: '条例第十五条',
    label: '保护第三方合法权益（商业秘密、个人隐私）',
    quote: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息',
    allows: ['on_request', 'withheld'],
  },
  // 第十六条 says “可以不予公开” and “法律、法规、规章规定上述信息应当公开的，从其规定”.
  art16_internal_affairs: {
    ground: 'art16_internal_affairs',
    article: '条例第十六条第一款',
    label: '内部事务信息',
    quote: '行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息',
    allows: ['on_request', 'withheld'],
  },
  art16_process_information: {
    ground: 'art16_process_information',
    article: '条例第十六条第二款',
    label: '过程性信息',
    quote: '讨论记录、过程稿、磋商信函、请示报告等过程性信息',
    allows: ['on_request', 'withheld'],
  },
  art16_enforcement_files: {
    ground: 'art16_enforcement_files',
    article: '条例第十六条第二款',
    label: '行政执法案卷信息',
    quote: '行政执法案卷信息',
    allows: ['on_request', 'withheld'],
  },
  // Information that is public but outside 第十九条's proactive scope is released on request only.
  art19_outside_proactive_scope: {
    ground: 'art19_outside_proactive_scope',
    article: '条例第十九条',
    label: '不属于主动公开范围',
    quote: '涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当主动公开',
    allows: ['on_request'],
  },
};

/** The attribute decided for an item, with its ground when it is not 主动公开. */
export type DisclosureDecision =
  | { readonly attribute: 'proactive' }
  | {
      readonly attribute: 'on_request' | 'withheld';
      readonly ground: DisclosureGround;
      /** Free-text explanation for the reviewer, e.g. which third party is affected. */
      readonly note: string;
    };

/** The grounds that can support an attribute (none for 主动公开). */
export function groundsFor(attribute: DisclosureAttribute): DisclosureGround[] {
  if (attribute === 'proactive') return [];
  return DISCLOSURE_GROUNDS.filter((g) => (DISCLOSURE_GROUND_INFO[g].allows as readonly string[]).includes(attribute));
}

/** Checks an attribute and ground as entered, returning the decision or a Chinese problem. */
export function decideDisclosure(
  attribute: unknown,
  ground: unknown,
  note = '',
): { readonly ok: true; readonly decision: DisclosureDecision } | { readonly ok: false; readonly problem: string } {
  if (!isDisclosureAttribute(attribute)) return { ok: false, problem: '请认定公开属性：主动公开、依申请公开或不予公开。' };
  const noGround = ground === null || ground === undefined || ground === '';
  if (attribute === 'proactive') {
    return noGround ? { ok: true, decision: { attribute } } : { ok: false, problem: '主动公开的信息不需要填写不公开的依据。' };
  }
  const label = DISCLOSURE_ATTRIBUTE_LABELS[attribute];
  if (noGround) return { ok: false, problem: `认定为${label}的，须写明法定依据（条例第十四条、第十五条、第十六条等）。` };
  if (!isDisclosureGround(ground)) return { ok: false, problem: `公开属性依据“${String(ground)}”无效。` };
  const info = DISCLOSURE_GROUND_INFO[ground];
  if (!(info.allows as readonly string[]).includes(attribute)) {
    const reason =
      ground.startsWith('art14_')
        ? `${info.article}规定此类信息“不予公开”，不能认定为依申请公开`
        : `“${info.label}”不能作为${label}的依据`;
    return { ok: false, problem: `${reason}。` };
  }
  return { ok: true, decision: { attribute, ground, note: note.trim() } };
}

/** Whether an item with this decision may appear on the portal (only 主动公开 items may). */
export function isPublishable(decision: DisclosureDecision | null): boolean {
  return decision !== null && decision.attribute === 'proactive';
}
