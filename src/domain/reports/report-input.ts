/**
 * What the compiler folds, as minimal structural types the shell maps its records to: published item
 * versions (the publishing domain's `ReportItem`), requests, appeal cases, delivery tallies, the previous
 * report and the inputs the system cannot know (条例第二十条第（五）（六）（八）项 counts, staffing …).
 */
import type { ReportItem } from '../publishing/index.ts';
import type { ApplicantType, IntakeChannel, Outcome, ReplyType } from '../requests/index.ts';
import type { ReportAgency, ReportSnapshot } from './annual-report.ts';
import type { AppealKind, AppealResult } from './appeals.ts';
import type { DeliveryChannel } from './delivery-channels.ts';
import type { DeliveryCounts, ItemCounts } from './record-query.ts';
import type { ReportFormat } from './report-formats.ts';

/** A disclosure request as the report sees it. */
export interface ReportRequest {
  readonly id: string;
  readonly agencyId: number;
  /** 条例第三十一条 receipt date; null while awaiting confirmation (not yet received, not counted). */
  readonly receivedOn: string | null;
  readonly applicantType: ApplicantType;
  readonly channel: IntakeChannel;
  /** The table 三 row; null while open. */
  readonly outcome: Outcome | null;
  /** For （一）予以公开: whether the information was already public (第三十六条（一）) or was provided (（二）). */
  readonly replyType?: ReplyType | null;
  readonly repliedOn: string | null;
  /** The reply deadline as the clock computed it; null for a reply on the spot. */
  readonly dueOn: string | null;
  /** The day the outcome took effect (reply, withdrawal, abandonment); null while open. */
  readonly closedOn: string | null;
  /** The fee (信息处理费, or before 2019 the 检索、复制、邮寄 cost) of the request, if any. */
  readonly fee?: { readonly amountYuan: number; readonly paidOn: string | null; readonly waivedOn: string | null } | null;
}

/** An administrative reconsideration or lawsuit over disclosure work. */
export interface ReportAppeal {
  readonly id: string;
  readonly agencyId: number;
  readonly kind: AppealKind;
  readonly filedOn: string;
  /** The result once concluded; 'pending' while not. */
  readonly result: AppealResult;
  readonly closedOn: string | null;
}

/** Messages sent on one channel (one per message, or a batch with its count). */
export interface DeliveryTally {
  readonly id: string;
  readonly agencyId?: number;
  readonly channel: DeliveryChannel;
  readonly sentOn: string;
  readonly count: number;
}

/** The extra inputs of the 2019 trial format's 表二 (上一年项目数量, 本年增/减, 其他对外管理服务事项, 政府集中采购). */
export interface TrialFormatInputs {
  readonly licensing?: { readonly previousItems: number; readonly change: number };
  readonly otherServices?: { readonly previousItems: number; readonly change: number; readonly decisions: number };
  readonly penalty?: { readonly previousItems: number; readonly change: number };
  readonly enforcement?: { readonly previousItems: number; readonly change: number };
  readonly administrativeFees?: { readonly previousItems: number; readonly change: number };
  readonly procurement?: { readonly projects: number; readonly amount: number };
}

/** What staff enter on the report form. */
export interface ManualReportInputs {
  /** 表二 第二十条第（五）项 行政许可 本年处理决定数量. */
  readonly licensingDecisions: number;
  /** 表二 第二十条第（六）项 行政处罚 本年处理决定数量. */
  readonly penaltyDecisions: number;
  /** 表二 第二十条第（六）项 行政强制 本年处理决定数量. */
  readonly enforcementDecisions: number;
  /** 表二 第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）. */
  readonly feesCollectedWanYuan: number;
  readonly staff: { readonly fullTime: number; readonly partTime: number } | null;
  /** 政府信息公开工作经费, 万元. */
  readonly funding: number | null;
  /** Printed materials handed out (党政报刊读物, 册). */
  readonly printedMaterials: number | null;
  readonly narrative: { readonly overview?: string; readonly problems?: string; readonly other?: string };
  readonly trialFormat?: TrialFormatInputs;
}

/** Everything the compiler needs. */
export interface CompileReportInput {
  readonly agency: ReportAgency;
  readonly year: number;
  /** Defaults to `defaultFormatFor(year)`. */
  readonly format?: ReportFormat;
  /** Published item versions; with `itemCounts`, only those of 规章 and 行政规范性文件 are needed. */
  readonly items: readonly ReportItem[];
  /** The year's item counts as the store computed them (SQL); their figures then carry query keys, not ids. */
  readonly itemCounts?: ItemCounts;
  /** The agencies whose records were read (the agency and, for 全镇, its sub-units): the scope in which figure queries are evaluated again. */
  readonly scopeAgencyIds?: readonly number[];
  readonly requests: readonly ReportRequest[];
  /** Whether requests received before the year are on record even if the store passed only those still relevant to it (open on 1 January). */
  readonly earlierRequestsOnRecord?: boolean;
  readonly appeals: readonly ReportAppeal[];
  readonly deliveries: readonly DeliveryTally[];
  /** The year's messages per channel as the store counted them (SQL); then `deliveries` is not read and the channel figures carry queries, not ids. */
  readonly deliveryCounts?: DeliveryCounts;
  /** Last year's report (compiled or imported), for 上年结转 when no earlier requests are on record. */
  readonly previousReport?: ReportSnapshot;
  readonly manual: ManualReportInputs;
}
