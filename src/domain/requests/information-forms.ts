/**
 * The form in which the applicant wants the information (条例第二十九条第（三）项“申请公开的政府信息的
 * 形式要求”); 条例第四十条 lets the agency fall back to electronic data or inspection and copying.
 */

/** The forms an applicant can ask for. */
export const INFORMATION_FORMS = ['paper', 'electronic', 'inspection', 'any'] as const;

/** One of `INFORMATION_FORMS`. */
export type InformationForm = (typeof INFORMATION_FORMS)[number];

/** Whether a value is one of the information forms. */
export function isInformationForm(value: unknown): value is InformationForm {
  return typeof value === 'string' && (INFORMATION_FORMS as readonly string[]).includes(value);
}

/** The Chinese label of each form, as on the application form. */
export const INFORMATION_FORM_LABELS: Readonly<Record<InformationForm, string>> = {
  paper: '纸质文本',
  electronic: '电子文档',
  // 条例第四十条：“……或者安排申请人查阅、抄录相关政府信息”
  inspection: '现场查阅、抄录',
  any: '不限',
};
