/**
 * A sample case for previewing a letter template (文书模板预览): an invented applicant and request with
 * every fact the letter of a template key prints — a reply of that outcome, a clarification, an
 * extension, a consultation, a fee notice or a delivery — so that staff see a whole letter before they
 * save the wording. No real person's data appears in a preview.
 */
import { assessInformationProcessingFee } from '../fees/index.ts';
import {
  consultationLetter,
  clarificationNotice,
  extensionNotice,
  feeNotice,
  replyLetter,
  serviceReceipt,
  terminationNotice,
  type Letter,
  type LetterContext,
} from './letters.ts';
import { letterKindOfTemplate, outcomeOfTemplate, type LetterTemplate, type LetterTemplateKey } from './letter-templates.ts';
import { evolve } from './evolve.ts';
import { OUTCOME_DEFINITIONS } from './outcomes.ts';
import type { RequestRecord } from './request.ts';
import type { RequestState } from './request-state.ts';

const SAMPLE_RECORD: RequestRecord = {
  id: 'sample',
  agencyId: 0,
  agencyPath: '/',
  applicant: {
    type: 'natural_person',
    name: '张三（示例）',
    identity: { kind: '居民身份证', number: '' },
    contact: { phone: '', address: '某县某镇某村3组' },
  },
  informationSought: { description: '某镇2024年农村危房改造补助资金发放名单', documentNumber: '某政发〔2024〕5号' },
  formWanted: 'paper',
  deliveryMethod: 'post',
  channel: 'letter_registered',
  submission: { signedForOn: '2025-03-03' },
};

/** A registered letter request in progress: the state `evolve` gives a submitted one, moved on as registration does. */
function baseState(): RequestState {
  const submitted = evolve(null, { type: 'Submitted', record: SAMPLE_RECORD, submittedOn: '2025-03-03', at: '2025-03-03T02:00:00.000Z', by: null });
  return { ...submitted, status: 'in_progress', receivedOn: '2025-03-03', receiptBasis: '条例第三十一条第（二）项', regime: '2019' };
}

/** The sample case a template key is previewed with. */
export function sampleStateFor(key: LetterTemplateKey): RequestState {
  const s = baseState();
  const outcome = outcomeOfTemplate(key);
  if (outcome === 'other_clarification_overdue' || outcome === 'other_fee_unpaid') {
    return {
      ...s,
      status: 'closed_no_action',
      outcome,
      abandoned: { reason: outcome === 'other_fee_unpaid' ? 'fee_unpaid' : 'clarification_overdue', deadlineOn: '2025-03-20', abandonedOn: '2025-03-21' },
    };
  }
  if (outcome !== null) {
    const def = OUTCOME_DEFINITIONS[outcome];
    return {
      ...s,
      status: 'replied',
      outcome,
      reply: {
        outcome,
        replyType: def.replyTypes.length === 1 ? def.replyTypes[0]! : null,
        withheld: def.requiresWithheldParts ? [{ description: '名单中其他农户的身份证号码', ground: 'withheld_third_party_rights', reason: '属于个人隐私，公开会损害第三方合法权益' }] : [],
        summary: '（此处为拟答复时填写的答复要点。）',
        repliedOn: '2025-03-28',
        onTheSpot: false,
        dueOn: '2025-03-31',
        late: false,
        approvedBy: null,
      },
    };
  }
  switch (letterKindOfTemplate(key)) {
    case 'clarification_notice':
      return { ...s, status: 'awaiting_clarification', clarification: { points: ['请明确所需信息的年份', '请提供身份证明'], sentOn: '2025-03-05', deadlineOn: '2025-03-20', noticeDueOn: '2025-03-12', late: false, receivedOn: null, justification: null } };
    case 'extension_notice':
      return { ...s, extension: { workdays: 20, reason: '所需信息涉及多个年度的档案，需要调取核对', approvedOn: '2025-03-28', approvedBy: null, dueOn: '2025-04-28' } };
    case 'consultation_letter':
      return {
        ...s,
        status: 'consulting',
        consultations: [
          {
            party: key === 'consultation_letter.other_agency' ? 'other_agency' : 'third_party',
            consultedName: key === 'consultation_letter.other_agency' ? '某县住房和城乡建设局' : '某建筑有限公司',
            startedOn: '2025-03-05',
            letterReceivedOn: '2025-03-05',
            responseDueOn: '2025-03-26',
            endedOn: null,
            result: null,
            deemedConsent: false,
          },
        ],
      };
    case 'fee_notice':
      return {
        ...s,
        status: 'awaiting_fee',
        fee: { assessment: assessInformationProcessingFee({ basis: 'per_page', pages: 120 }), sentOn: '2025-03-05', noticeReceivedOn: '2025-03-05', paymentDueOn: '2025-04-02', paidOn: null, waivedOn: null },
      };
    default:
      return { ...s, status: 'delivered', delivery: { method: 'post', deliveredOn: '2025-03-31', proof: 'EMS 1234567890', signedBy: '张三', scan: null } };
  }
}

/** The letter a template produces for the sample case (the editor's preview). */
export function previewLetterTemplate(key: LetterTemplateKey, template: LetterTemplate, ctx: LetterContext): Letter {
  const state = sampleStateFor(key);
  const use = () => template;
  const letter = (() => {
    switch (letterKindOfTemplate(key)) {
      case 'reply':
        return replyLetter(state, ctx, use);
      case 'termination_notice':
        return terminationNotice(state, ctx, use);
      case 'clarification_notice':
        return clarificationNotice(state, ctx, use);
      case 'extension_notice':
        return extensionNotice(state, ctx, use);
      case 'consultation_letter':
        return consultationLetter(state, ctx, use);
      case 'fee_notice':
        return feeNotice(state, ctx, use);
      case 'service_receipt':
        return serviceReceipt(state, '政府信息公开申请答复书', ctx, use);
      default:
        return null;
    }
  })();
  if (letter === null) throw new Error(`示例申请无法生成“${key}”文书`);
  return letter;
}
