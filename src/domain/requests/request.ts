/**
 * The facts of a disclosure request (政府信息公开申请) as the applicant gave them. 条例第二十九条第二款
 * lists what an application contains: “（一）申请人的姓名或者名称、身份证明、联系方式；（二）申请公开的
 * 政府信息的名称、文号或者便于行政机关查询的其他特征性描述；（三）申请公开的政府信息的形式要求，包括
 * 获取信息的方式、途径”. Everything that happens afterwards is an event (request-events.ts).
 */
import { isCalendarDate } from '../calendar/index.ts';
import { isApplicantType, type ApplicantType } from './applicants.ts';
import { isIntakeChannel, type IntakeChannel } from './channels.ts';
import { isRequestedDeliveryMethod, type RequestedDeliveryMethod } from './delivery-methods.ts';
import { isInformationForm, type InformationForm } from './information-forms.ts';

/** How the applicant can be reached (联系方式). */
export interface Contact {
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly postcode?: string;
  readonly fax?: string;
}

/** The applicant's proof of identity (身份证明): an ID document for a person, the credit code for an organisation. */
export interface IdentityDocument {
  /** e.g. 居民身份证、护照、统一社会信用代码. */
  readonly kind: string;
  readonly number: string;
}

/** Who applies. */
export interface Applicant {
  readonly type: ApplicantType;
  /** 姓名或者名称. */
  readonly name: string;
  readonly identity: IdentityDocument | null;
  readonly contact: Contact;
  /** 法定代表人或者联系人 of an organisation. */
  readonly representative?: string;
}

/** What is asked for (条例第二十九条第二款第（二）项). */
export interface InformationSought {
  /** 名称或者便于行政机关查询的其他特征性描述. */
  readonly description: string;
  /** 文号, when the applicant knows it. */
  readonly documentNumber?: string;
}

/** The dates known about the submission; which decides the receipt date depends on the channel (条例第三十一条). */
export interface SubmissionDates {
  /** 提交之日 (in person, oral), or the day the online form or fax was sent. */
  readonly submittedOn?: string;
  /** 签收之日 of registered mail. */
  readonly signedForOn?: string;
  /** The day an ordinary letter arrived. */
  readonly arrivedOn?: string;
}

/** A disclosure request as submitted. */
export interface RequestRecord {
  /** Assigned by the caller (the domain makes no ids). */
  readonly id: string;
  readonly agencyId: number;
  /** Materialised path of the agency (e.g. `/1/4/`), for permission scopes. */
  readonly agencyPath: string;
  readonly applicant: Applicant;
  /** The applicant's portal account, when there is one; lets the applicant withdraw online. */
  readonly applicantUserId?: string;
  readonly informationSought: InformationSought;
  readonly formWanted: InformationForm;
  readonly deliveryMethod: RequestedDeliveryMethod;
  readonly channel: IntakeChannel;
  readonly submission: SubmissionDates;
  /** 条例第四十三条: the applicant has reading difficulties or a visual or hearing impairment and needs help. */
  readonly needsAssistance?: boolean;
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function hasContact(c: Contact | undefined): boolean {
  return c !== undefined && [c.phone, c.email, c.address, c.fax].some((v) => !blank(v));
}

/** Problems that make a record unusable (not a matter for 补正): unknown codes, no name, no way to reach the applicant, bad dates. */
export function checkRequestRecord(record: RequestRecord): string[] {
  const problems: string[] = [];
  if (blank(record?.id)) problems.push('缺少申请编号。');
  if (blank(record?.agencyPath)) problems.push('缺少受理机关。');
  if (!isApplicantType(record?.applicant?.type)) problems.push(`申请人类型“${String(record?.applicant?.type)}”无效。`);
  if (blank(record?.applicant?.name)) problems.push('缺少申请人姓名或者名称（条例第二十九条第二款第（一）项）。');
  if (!hasContact(record?.applicant?.contact)) {
    problems.push('缺少申请人联系方式（条例第二十九条第二款第（一）项），无法告知补正或送达答复。');
  }
  if (blank(record?.informationSought?.description) && blank(record?.informationSought?.documentNumber)) {
    problems.push('缺少申请公开的政府信息的名称、文号或者特征性描述（条例第二十九条第二款第（二）项）。');
  }
  if (!isInformationForm(record?.formWanted)) problems.push(`信息形式“${String(record?.formWanted)}”无效。`);
  if (!isRequestedDeliveryMethod(record?.deliveryMethod)) problems.push(`获取方式“${String(record?.deliveryMethod)}”无效。`);
  if (!isIntakeChannel(record?.channel)) problems.push(`申请渠道“${String(record?.channel)}”无效。`);
  for (const [key, label] of [['submittedOn', '提交日期'], ['signedForOn', '签收日期'], ['arrivedOn', '信件到达日期']] as const) {
    const value = record?.submission?.[key];
    if (value !== undefined && !isCalendarDate(value)) problems.push(`${label}“${String(value)}”不是有效日期（YYYY-MM-DD）。`);
  }
  return problems;
}

/** The particulars of 条例第二十九条 that are missing, i.e. what a 补正告知 would ask for (whether a description is clear enough is for the officer). */
export function missingParticulars(record: RequestRecord): string[] {
  const missing: string[] = [];
  if (record.applicant.identity === null || blank(record.applicant.identity.number)) {
    missing.push('申请人身份证明（条例第二十九条第二款第（一）项）');
  }
  if (blank(record.informationSought.description)) {
    missing.push('申请公开的政府信息的名称或者便于行政机关查询的其他特征性描述（条例第二十九条第二款第（二）项）');
  }
  return missing;
}
