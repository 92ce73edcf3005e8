/**
 * The database schema as Kysely sees it. Row types never leave `storage/`: repositories map
 * them to domain objects. Calendar dates are `YYYY-MM-DD` text and instants ISO-8601 UTC text
 * on both stores, so both return identical values and lexical order is chronological.
 * Booleans are integers 0/1 on both stores for the same reason.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AgencyTable {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  kind: string;
  name: string;
  short_name: string;
  credit_code: string | null;
  org_code: string | null;
  address: string;
  postcode: string;
  phone: string;
  fax: string;
  email: string;
  office_hours: string;
  disclosure_office: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  agency_id: number;
  login: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  agency_id: number;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the browser's cookie. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_label: string;
  entity: string;
  entity_id: string;
  action: string;
  change: string;
  prev_hash: string;
  hash: string;
  /** The agency the entry is about (null: the platform itself); outside the hash chain. */
  agency_id: number | null;
}

export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** One term of an agency's configured vocabulary (主题分类、体裁、标准目录领域); its units inherit the list. */
export interface VocabularyTermTable {
  id: Generated<number>;
  agency_id: number;
  /** `category`, `kind` or `catalogue_domain`. */
  vocabulary: string;
  code: string;
  label: string;
  parent_code: string | null;
  /** 体裁 only: the statutory genre the kind counts as. */
  genre: string | null;
  position: number;
  retired: number;
  updated_at: string;
}

export interface CalendarYearTable {
  year: number;
  /** The year's notices, holidays, sources and note as JSON (the shape of cn-holidays.json). */
  data: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface CalendarYearVersionTable {
  id: Generated<number>;
  year: number;
  version: number;
  data: string;
  reason: string;
  changed_at: string;
  changed_by: string;
}

export interface SearchDocumentTable {
  item_id: number;
  agency_id: number;
  agency_path: string;
  title_norm: string;
  body_norm: string;
  category: string;
  genre: string;
  year: number;
  validity: string;
  published_on: string;
  /** Newest first (src/search/search-terms.ts). */
  sort_key: number;
  /** PostgreSQL only: the one- and two-character grams. */
  title_grams?: string[];
  body_grams?: string[];
}

export interface ItemTable {
  id: Generated<number>;
  agency_id: number;
  index_number: string | null;
  latest_version: number;
  /** The version the portal shows (published), if any. */
  live_version: number | null;
  created_at: string;
}

export interface ItemVersionTable {
  item_id: number;
  version: number;
  status: string;
  agency_id: number;
  agency_path: string;
  title: string;
  document_number: string | null;
  formed_on: string;
  changed_on: string | null;
  published_on: string | null;
  genre: string;
  /** The configured 体裁 code (null on rows restored from backups made before vocabularies). */
  kind_code?: string | null;
  category_code: string;
  clause: string | null;
  catalogue_domain: string | null;
  interprets_item_id: number | null;
  /** 1 when the version's full text is online (ItemState.hasElectronicFullText), for the annual report's counts in SQL. */
  full_text: number;
  /** The version's validity dates (ItemState.validity), for the catalogue's 有效性 filter in SQL (optional on rows restored from older backups). */
  effective_on?: string | null;
  expires_on?: string | null;
  repealed_on?: string | null;
  /** The version's ItemState as JSON, derived from its events. */
  state: string;
  updated_at: string;
}

export interface ItemEventTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  type: string;
  data: string;
  by_user: string;
  at: string;
}

export interface IndexSequenceTable {
  agency_id: number;
  year: number;
  last_seq: number;
}

export interface AttachmentTextTable {
  sha256: string;
  kind: string;
  text: string;
  /** read | partial | unreadable (migration 0026). */
  status: Generated<string>;
  note: string | null;
}

export interface PrivacyReviewTable {
  item_id: number;
  version: number;
  findings: string;
  decisions: string;
  scanned_at: string;
}

export interface RequestTable {
  id: Generated<number>;
  agency_id: number;
  agency_path: string;
  /** Human-friendly public number, e.g. YSQ-2026-000123. */
  tracking_number: string;
  /** SHA-256 (hex) of the tracking number and the applicant's query code; the code itself is never stored. */
  query_code_hash: string;
  /** SHA-256 of the online form's one-time token (unique): the same form posted twice files one request. */
  submission_key_hash: string | null;
  status: string;
  outcome: string | null;
  channel: string;
  applicant_type: string;
  applicant_name: string;
  /** SHA-256 of the applicant's identity document number (same applicant = same key), or null. */
  applicant_key: string | null;
  /** Pieces (件) the request counts for in the per-piece fee (109号第四条). */
  pieces: number;
  submitted_on: string;
  received_on: string | null;
  /** The reply deadline by the clock (`deadlineOf`), stored for queues. */
  due_on: string | null;
  provisional: number;
  closed_on: string | null;
  /** The day of the reply (RequestState.reply.repliedOn), for the statistics in SQL (optional on rows restored from older backups). */
  replied_on?: string | null;
  /** 1 when the reply came within its deadline, 0 when late, null without a reply (domain/reports `isRepliedOnTime`). */
  replied_on_time?: number | null;
  /** RequestState.version, for optimistic concurrency. */
  version: number;
  /** The derived RequestState as JSON. */
  state: string;
  /** The RequestRecord (the facts as submitted) as JSON. */
  record: string;
  /** Case notes the domain has no event for (deadline recomputed, repeat flags, applicant's clarification text), JSON array. */
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface RequestEventTable {
  id: Generated<number>;
  request_id: number;
  /** The request's version after this event. */
  version: number;
  type: string;
  data: string;
  by_user: string | null;
  at: string;
}

export interface RequestSequenceTable {
  year: number;
  last_seq: number;
}

export interface AppealTable {
  id: Generated<number>;
  request_id: number | null;
  agency_id: number;
  kind: string;
  filed_on: string;
  body: string;
  result: string;
  closed_on: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface OutboxMessageTable {
  id: Generated<number>;
  request_id: number | null;
  channel: string;
  recipient: string;
  template: string;
  payload: string;
  status: string;
  created_at: string;
}

export interface AnnualReportTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** '2008' | '2019' | '2021'. */
  format: string;
  include_subunits: number;
  /** 'draft' | 'final' | 'superseded'. */
  status: string;
  /** 'compiled' (from the records) or 'imported' (a past report's JSON). */
  origin: string;
  /** ManualReportInputs as JSON. */
  manual_inputs: string;
  /** The report model as JSON: the last compilation of a draft, the frozen text of a final version. */
  compiled: string | null;
  /** SHA-256 (hex) of `compiled`, recorded when finalised. */
  content_hash: string | null;
  finalised_at: string | null;
  finalised_by: string | null;
  /** The final version this one corrects. */
  supersedes_id: number | null;
  published: number;
  created_at: string;
  updated_at: string;
}

export interface DeliveryTable {
  id: Generated<number>;
  agency_id: number;
  channel: string;
  item_id: number | null;
  request_id: number | null;
  recipient: string;
  status: string;
  sent_at: string | null;
  created_at: string;
  // The columns below come with the channels' outbox (migration 0007); rows logged without them keep the defaults.
  /** Unique per message: the provider and the worker use it so that nothing is sent twice. */
  idempotency_key: Generated<string | null>;
  /** The message template (request_received, item_published …). */
  template: Generated<string>;
  /** What the template needs, JSON. */
  payload: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Generated<string | null>;
  /** The provider's message of the last failure (or why it was cancelled). */
  last_error: Generated<string | null>;
  /** The worker holding the row, and until when (a crashed worker's lease simply expires). */
  locked_by: Generated<string | null>;
  locked_until: Generated<string | null>;
  provider_message_id: Generated<string | null>;
  /** A ready-to-paste text for a channel staff post by hand (Weibo without an account token). */
  output: Generated<string | null>;
  updated_at: Generated<string | null>;
}

/** The log of one delivery: queued, sending, sent, failed (with the provider's message), retry, cancelled … */
export interface DeliveryEventTable {
  id: Generated<number>;
  delivery_id: number;
  type: string;
  detail: string;
  at: string;
}

/** A channel account of an agency (SMTP, SMS gateway, WeChat official account, Weibo, notice board). */
export interface ChannelSettingTable {
  agency_id: number;
  channel: string;
  enabled: number;
  /** Non-secret settings, JSON. */
  config: string;
  /** Secrets (passwords, app secrets, keys), JSON; never returned to a screen. */
  secrets: string;
  updated_at: string;
}

/** A recipient who asked not to receive messages on a channel (短信退订). */
export interface ChannelOptOutTable {
  channel: string;
  recipient: string;
  reason: string;
  at: string;
}

/** A public email subscription (double opt-in); `category_code` '' means every category. */
export interface SubscriptionTable {
  id: Generated<number>;
  agency_id: number;
  email: string;
  category_code: string;
  status: string;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  updated_at: string;
}

/** A mailed subscription token, by its SHA-256 hash only. */
export interface SubscriptionTokenTable {
  token_hash: string;
  subscription_id: number;
  purpose: string;
  expires_at: string | null;
  used_at: string | null;
  created_at: string;
}

/** A one-time console form token, claimed by the first POST that carries it (SHA-256 hash only). */
export interface FormTokenTable {
  token_hash: string;
  used_at: string;
}

export interface RequestDocumentTable {
  id: Generated<number>;
  request_id: number;
  file_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  findings: string;
  decisions: string;
  added_at: string;
  added_by: string;
}

/** An assessing agency's rubric (考核细则): the current version; earlier ones are in assessment_rubric_versions. */
export interface AssessmentRubricTable {
  id: Generated<number>;
  agency_id: number;
  name: string;
  version: number;
  /** The RubricConfig as JSON (indicators, weights, rules, periods). */
  config: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** Every saved version of a rubric, with the reason for the change. */
export interface AssessmentRubricVersionTable {
  rubric_id: number;
  version: number;
  name: string;
  config: string;
  reason: string;
  saved_at: string;
  saved_by: string;
}

/** The assessor's comment (评语) on a unit for one period of a rubric (period_key = `fromOn~toOn`). */
export interface AssessmentCommentTable {
  rubric_id: number;
  period_key: string;
  unit_id: number;
  comment: string;
  updated_at: string;
  updated_by: string;
}

/** One saved version of an agency's letter template (文书模板); `is_reset` 1 drops the agency's own wording. */
export interface LetterTemplateTable {
  id: Generated<number>;
  agency_id: number;
  template_key: string;
  version: number;
  title: string;
  body: string;
  is_reset: number;
  created_at: string;
  created_by: string;
}

/** The office's decision on a 第四十四条 suggestion: the cluster's request ids (JSON), published as a draft item or dismissed. */
export interface RequestSuggestionDecisionTable {
  id: Generated<number>;
  agency_id: number;
  request_ids: string;
  decision: string;
  item_id: number | null;
  reason: string;
  decided_at: string;
  decided_by: string;
}

/** A ledger file between its dry run and the confirmation (the bytes are in the file store, by SHA-256). */
export interface LedgerUploadTable {
  id: Generated<number>;
  sha256: string;
  kind: string;
  agency_id: number;
  file_name: string;
  size_bytes: number;
  uploaded_by: number;
  uploaded_at: string;
  expires_at: string;
  imported_at: string | null;
}

export interface DB {
  ledger_uploads: LedgerUploadTable;
  assessment_rubrics: AssessmentRubricTable;
  assessment_rubric_versions: AssessmentRubricVersionTable;
  assessment_comments: AssessmentCommentTable;
  request_documents: RequestDocumentTable;
  items: ItemTable;
  item_versions: ItemVersionTable;
  item_events: ItemEventTable;
  index_sequences: IndexSequenceTable;
  attachment_texts: AttachmentTextTable;
  privacy_reviews: PrivacyReviewTable;
  search_documents: SearchDocumentTable;
  calendar_years: CalendarYearTable;
  calendar_year_versions: CalendarYearVersionTable;
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  settings: SettingTable;
  vocabulary_terms: VocabularyTermTable;
  requests: RequestTable;
  request_events: RequestEventTable;
  request_sequences: RequestSequenceTable;
  letter_templates: LetterTemplateTable;
  request_suggestion_decisions: RequestSuggestionDecisionTable;
  appeals: AppealTable;
  outbox_messages: OutboxMessageTable;
  annual_reports: AnnualReportTable;
  deliveries: DeliveryTable;
  delivery_events: DeliveryEventTable;
  channel_settings: ChannelSettingTable;
  channel_opt_outs: ChannelOptOutTable;
  subscriptions: SubscriptionTable;
  subscription_tokens: SubscriptionTokenTable;
  form_tokens: FormTokenTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type NewAgencyRow = Insertable<AgencyTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRow = Selectable<AuditLogTable>;
