/**
 * The ports services depend on. `storage/` implements them; services never import storage,
 * web or the database drivers (enforced by ESLint).
 */
import type { Agency, AgencyInput } from '../domain/organisations/agency.ts';
import type { Role, RoleGrant } from '../domain/access/roles.ts';
import type { AuditEntry, ChainProblem } from '../domain/audit/hash-chain.ts';
import type { ItemEvent, ItemState, ValidityStatus, VocabularyEntry } from '../domain/publishing/index.ts';
import type { DisclosureRequestEvent, RequestState } from '../domain/requests/index.ts';
import type { ItemCountKey, ItemCounts, ManualReportInputs, ReportAppeal, ReportFormat, ReportSnapshot } from '../domain/reports/index.ts';
import type { RubricConfig } from '../domain/assessment/index.ts';
import type { RequestTrendCounts, RequestYearCount, RequestYearSpan, TrendGranularity } from '../domain/statistics/index.ts';

/** The source of instants; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}

export interface User {
  id: number;
  agencyId: number;
  login: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
}

export interface UserWithGrants extends User {
  grants: RoleGrant[];
}

export interface AgencyRepository {
  findById(id: number): Promise<Agency | undefined>;
  findByName(name: string): Promise<Agency | undefined>;
  findByCreditCode(code: string): Promise<Agency | undefined>;
  /** Every agency in tree order (path), optionally limited to subtrees. */
  list(options?: { within?: string[] }): Promise<Agency[]>;
  insert(input: AgencyInput, parentPath: string | null, at: string): Promise<Agency>;
  update(id: number, input: AgencyInput, at: string): Promise<Agency>;
  countChildren(id: number): Promise<number>;
  count(): Promise<number>;
}

export interface NewUser {
  agencyId: number;
  login: string;
  displayName: string;
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface UserRepository {
  findById(id: number): Promise<UserWithGrants | undefined>;
  findByLogin(login: string): Promise<UserWithGrants | undefined>;
  list(options?: { within?: string[] }): Promise<UserWithGrants[]>;
  insert(user: NewUser, at: string): Promise<User>;
  setGrants(userId: number, grants: Array<{ role: Role; agencyId: number }>): Promise<void>;
  update(
    id: number,
    fields: Partial<Pick<User, 'displayName' | 'passwordHash' | 'mustChangePassword' | 'failedLogins' | 'lockedUntil' | 'disabled' | 'lastLoginAt' | 'agencyId'>>,
    at: string,
  ): Promise<void>;
  count(): Promise<number>;
  /**
   * Counts a failed sign-in in one statement (parallel attempts cannot lose a count): an expired lock
   * starts the count afresh; reaching `maxFailures` locks until `lockUntil`; a live lock is kept as is.
   */
  recordFailedLogin(id: number, at: string, policy: { maxFailures: number; lockUntil: string }): Promise<{ failedLogins: number; lockedUntil: string | null }>;
  /** Records a successful sign-in (count and lock cleared) unless the account is locked at `at`; false if it is. */
  recordLogin(id: number, at: string): Promise<boolean>;
  /** Deletes a user with their roles and sessions. */
  delete(id: number): Promise<void>;
}

/** Hashes and checks passwords (scrypt in production; tests may count the calls). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface Session {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  findById(id: string): Promise<Session | undefined>;
  touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: number, exceptId?: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

export interface Actor {
  userId: number | null;
  label: string;
  grants: RoleGrant[];
}

export interface AuditRecord {
  actor: Actor;
  at: string;
  entity: string;
  entityId: string | number;
  action: string;
  change: unknown;
  /**
   * The agency the entry is about, which decides who may read it. Left out, the store finds it from
   * the entity (a user's, item's, request's … agency); null: the platform itself (root administrators only).
   */
  agencyId?: number | null;
}

/** Which entries a viewer may read: those about agencies in these subtrees, and those about the platform. */
export interface AuditScope {
  within: readonly string[];
  platform: boolean;
}

export interface AuditRepository {
  /** Appends an entry in the current transaction, chained to the previous one. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Entries for one entity, newest first. */
  forEntity(entity: string, entityId: string | number): Promise<AuditEntry[]>;
  /** Newest first; without a scope, every entry. */
  recent(limit: number, offset?: number, scope?: AuditScope): Promise<AuditEntry[]>;
  /** Whether any entry names this user as its actor. */
  hasEntriesBy(userId: number): Promise<boolean>;
  count(scope?: AuditScope): Promise<number>;
  /** Walks the whole chain in order; returns the first problem, if any, and how many entries were checked. */
  verify(): Promise<{ checked: number; problem: ChainProblem | undefined }>;
  /** The recorded chain head: the last entry's sequence number and hash (0 and the genesis hash when empty). */
  head(): Promise<{ lastSeq: number; lastHash: string }>;
  /** The entry at a sequence number, if there is one. */
  entryAt(seq: number): Promise<AuditEntry | undefined>;
}

export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, at: string): Promise<void>;
}

/** Agencies' own vocabularies (主题分类 `category`, 体裁 `kind`, 标准目录领域 `catalogue_domain`). */
export interface VocabularyRepository {
  /** The lists of a vocabulary that any of these agencies configured, by agency, each in order. */
  termsOf(vocabulary: string, agencyIds: readonly number[]): Promise<Map<number, VocabularyEntry[]>>;
  /** Every vocabulary's lists that any of these agencies configured, by agency then vocabulary, each in order: one query. */
  allTermsOf(agencyIds: readonly number[]): Promise<Map<number, Map<string, VocabularyEntry[]>>>;
  /** Serialises edits of one agency's lists (row lock on PostgreSQL). */
  lock(agencyId: number): Promise<void>;
  /** Replaces an agency's list of a vocabulary with entries in this order. */
  replace(agencyId: number, vocabulary: string, entries: readonly VocabularyEntry[], at: string): Promise<void>;
  /** Removes an agency's own list: it inherits its superior's again. */
  clear(agencyId: number, vocabulary: string): Promise<void>;
  /** How many items (counting any version) under an agency path carry each code of a vocabulary. */
  usage(vocabulary: string, agencyPath: string): Promise<Map<string, number>>;
}

/** One notice year of the holiday calendar as stored (data has the shape of a year in cn-holidays.json). */
export interface CalendarYearRecord {
  year: number;
  data: unknown;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface CalendarYearVersion {
  year: number;
  version: number;
  data: unknown;
  reason: string;
  changedAt: string;
  changedBy: string;
}

export interface CalendarRepository {
  listYears(): Promise<CalendarYearRecord[]>;
  /** A token that changes whenever any year changes (for cache invalidation across processes). */
  revision(): Promise<string>;
  /** Saves a year as a new version; returns the version number. */
  save(year: number, data: unknown, reason: string, at: string, by: string): Promise<number>;
  history(year: number): Promise<CalendarYearVersion[]>;
}

export interface ItemListFilter {
  /** Agency subtrees (materialised paths). */
  within?: string[];
  statuses?: string[];
  /** Only the version the portal shows. */
  liveOnly?: boolean;
  clause?: string;
  category?: string;
  genre?: string;
  catalogueDomain?: string;
  agencyId?: number;
  year?: number;
  /** 有效性 on a day (domain/publishing/validity.ts `validityOn`). */
  validity?: { status: ValidityStatus; on: string };
  interpretsItemId?: number;
  limit?: number;
  offset?: number;
  /** Count no further than this (the portal pages to 10 000 at most); `capped` then says there are more. 0: no count (a feed shows none). */
  countCap?: number;
}

export interface StoredReview {
  findings: unknown[];
  decisions: unknown[];
  scannedAt: string;
}

export interface ItemRepository {
  createItem(agencyId: number, at: string): Promise<number>;
  /** After a bulk load, outside a transaction: as {@link SearchIndex.settle}, for the item tables the portal lists read. */
  settle(): Promise<void>;
  item(itemId: number): Promise<{ id: number; agency_id: number; index_number: string | null; latest_version: number; live_version: number | null; created_at: string } | undefined>;
  version(itemId: number, version: number): Promise<ItemState | undefined>;
  latest(itemId: number): Promise<ItemState | undefined>;
  live(itemId: number): Promise<ItemState | undefined>;
  /** The live versions of several items (those published), by id, in one query per 5000 ids. */
  liveMany(itemIds: readonly number[]): Promise<Map<number, ItemState>>;
  versions(itemId: number): Promise<ItemState[]>;
  saveVersion(state: ItemState, at: string): Promise<void>;
  appendEvents(events: readonly ItemEvent[]): Promise<void>;
  events(itemId: number): Promise<Array<{ id: number; item_id: number; version: number; type: string; data: string; by_user: string; at: string }>>;
  setVersions(itemId: number, latest: number, live: number | null): Promise<void>;
  setIndexNumber(itemId: number, indexNumber: string): Promise<void>;
  nextSequence(agencyId: number, year: number): Promise<number>;
  list(filter: ItemListFilter): Promise<{ total: number; items: ItemState[]; capped?: boolean }>;
  indexNumbers(itemIds: number[]): Promise<Map<number, string | null>>;
  /** Published items with ids in (afterId, throughId] within agency subtrees, by id: one sitemap file, read by key range, never counted. */
  publishedInIdRange(range: { within: readonly string[]; afterId: number; throughId: number }): Promise<Array<{ itemId: number; publishedOn: string }>>;
  /** The highest item id yet (0 when none): how many sitemap files there are. */
  lastItemId(): Promise<number>;
  saveReview(itemId: number, version: number, review: StoredReview): Promise<void>;
  review(itemId: number, version: number): Promise<StoredReview | undefined>;
  attachmentText(sha256: string): Promise<string | undefined>;
  /** The stored reading of an attachment: its text and whether it was fully read (see TextExtraction). */
  attachmentReading(sha256: string): Promise<AttachmentReading | undefined>;
  saveAttachmentText(sha256: string, kind: string, text: string, reading?: { status: AttachmentReading['status']; note: string | null }): Promise<void>;
  /** Deletes an attachment's stored text (when no item version refers to the file any more). */
  removeAttachmentText(sha256: string): Promise<void>;
  /** Whether any item version, request document or delivery proof still refers to a stored file. */
  isFileReferenced(sha256: string): Promise<boolean>;
}

export interface AttachmentReading {
  text: string;
  status: 'read' | 'partial' | 'unreadable';
  note: string | null;
}

export interface SearchDocument {
  itemId: number;
  agencyId: number;
  agencyPath: string;
  title: string;
  body: string;
  category: string;
  genre: string;
  year: number;
  validity: string;
  publishedOn: string;
}

export interface SearchQuery {
  q: string;
  within?: string[];
  category?: string;
  genre?: string;
  year?: number;
  validity?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  itemId: number;
  titleMatch: boolean;
  publishedOn: string;
  snippet: string;
  marks: Array<[number, number]>;
}

export interface SearchResult {
  /** Matches counted, up to the search cap (src/search/search-index.ts SEARCH_RESULT_CAP). */
  total: number;
  /** More matches exist than were counted: show “N 条以上” and ask the reader to narrow the query. */
  capped?: boolean;
  hits: SearchHit[];
}

export interface SearchIndex {
  upsert(doc: SearchDocument): Promise<void>;
  /** Adds or replaces many entries in a few statements (the ledger import of thousands of items). */
  upsertMany(docs: readonly SearchDocument[]): Promise<void>;
  remove(itemId: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * After a bulk load (outside any transaction): brings the store's bookkeeping up to date, so that
   * searches are as fast at once as they will be after the store's own background maintenance.
   */
  settle(): Promise<void>;
}

/** What a keyed MAC protects; each purpose has its own key derived from the secret key. */
export type IntegrityPurpose = 'agency-backup' | 'audit-anchor';

/**
 * Keyed integrity (HMAC-SHA256 under a key derived from GONGKAI_SECRET_KEY or secret.key): a backup or an
 * audit anchor that someone with write access rewrote cannot carry a valid MAC without that key.
 */
export interface IntegrityKey {
  /** The MAC of a text, lower-case hex. */
  mac(purpose: IntegrityPurpose, text: string): string;
  /** Whether a MAC is the text's (constant-time comparison). */
  verify(purpose: IntegrityPurpose, text: string, mac: string): boolean;
}

/** Stored attachment files (the bytes); metadata lives with the item. */
export interface FileStore {
  maxBytes: number;
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; type: string; mediaType: string }>;
  /** Stores a file of any type under the size limit, by SHA-256 (a ledger kept between its dry run and confirmation). */
  putUpload(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array>;
  /** Deletes a stored file (once nothing refers to it); absent files are ignored. */
  remove(sha256: string): Promise<void>;
}

/**
 * What reading an upload's text came to (for the privacy scan and search): fully `read`; `partial` or
 * `unreadable` (an image without OCR, a scanned PDF page, a damaged file, text beyond the stored limit:
 * `note` says why, and a reviewer must check it by eye); or `refused` (over the unpacked-size, memory
 * or time limits: a likely zip bomb, not to be stored).
 */
export type TextExtraction =
  | { status: 'read' | 'partial' | 'unreadable'; kind: string; text: string; note: string | null }
  | { status: 'refused'; note: string };

/** Reads the text of an upload (off the main thread, under limits, in production). */
export type TextExtractor = (bytes: Uint8Array) => Promise<TextExtraction>;

/** A note on a request case for what the domain has no event for (visible to staff with the case). */
export interface CaseNote {
  kind: 'deadline_recomputed' | 'possible_repeat' | 'applicant_clarification' | 'imported';
  at: string;
  text: string;
  data?: unknown;
}

/** A disclosure request as stored: the derived state plus what the shell keeps beside it. */
export interface StoredRequest {
  id: number;
  trackingNumber: string;
  agencyId: number;
  state: RequestState;
  /** The reply deadline by the clock when last computed; null before the receipt date is known. */
  dueOn: string | null;
  provisional: boolean;
  closedOn: string | null;
  /** Identifies the applicant across requests (hash of the identity document number), or null. */
  applicantKey: string | null;
  pieces: number;
  notes: CaseNote[];
  createdAt: string;
  updatedAt: string;
}

/** What is saved after a decision: the new state and the shell's derived columns. */
export interface RequestSave {
  id: number;
  state: RequestState;
  dueOn: string | null;
  provisional: boolean;
  applicantKey: string | null;
  pieces: number;
  notes: CaseNote[];
  updatedAt: string;
}

export interface RequestListFilter {
  /** Agency subtrees (materialised paths). */
  within?: string[];
  statuses?: readonly string[];
  agencyId?: number;
  /** Stored due date bounds, inclusive. */
  dueFrom?: string;
  dueTo?: string;
  /** Receipt date bounds, inclusive. */
  receivedFrom?: string;
  receivedTo?: string;
  limit?: number;
  offset?: number;
}

export interface RequestRepository {
  /** Reserves the row of a new request (its id is the domain's request id); `save` fills it. */
  create(input: { agencyId: number; agencyPath: string; trackingNumber: string; queryCodeHash: string; submissionKeyHash?: string | null; submittedOn: string; at: string }): Promise<number>;
  /** The request an online form's one-time token filed (by the token's hash), if any. */
  findBySubmissionKey(submissionKeyHash: string): Promise<StoredRequest | undefined>;
  /** Takes the next tracking-number sequence of a year; atomic under concurrency on both stores. */
  nextTrackingSequence(year: number): Promise<number>;
  find(id: number): Promise<StoredRequest | undefined>;
  /** The request and its query-code hash, for the applicant's tracking page. */
  findByTrackingNumber(trackingNumber: string): Promise<{ request: StoredRequest; queryCodeHash: string } | undefined>;
  /** Saves state and columns; false when the stored version is not `expectedVersion` (a concurrent change). */
  save(request: RequestSave, expectedVersion: number | null): Promise<boolean>;
  /** Appends events; the first gets version `firstVersion`, the next one more, and so on. */
  appendEvents(requestId: number, firstVersion: number, events: readonly DisclosureRequestEvent[]): Promise<void>;
  events(requestId: number): Promise<DisclosureRequestEvent[]>;
  list(filter: RequestListFilter): Promise<{ total: number; items: StoredRequest[] }>;
  /** The next `limit` requests matching a filter with ids above `afterId`, by id (keyset paging: no count, no offset). */
  listAfter(filter: Omit<RequestListFilter, 'limit' | 'offset'>, afterId: number, limit: number): Promise<StoredRequest[]>;
  /** Every request of one applicant (by key) at an agency, oldest first. */
  ofApplicant(applicantKey: string, agencyId: number): Promise<StoredRequest[]>;
  /** Pieces one applicant filed in a calendar month (`YYYY-MM`, by receipt date) before a given request. */
  piecesInMonth(applicantKey: string, month: string, before: { receivedOn: string; id: number }): Promise<number>;
  /** Ids of open requests received by `to` whose stored due date is on or after `from` (or unknown). */
  openSpanning(from: string, to: string, statuses: readonly string[]): Promise<number[]>;
  /** Ids of requests in the given statuses (the daily abandonment check). */
  idsInStatuses(statuses: readonly string[]): Promise<number[]>;
}

/** 行政复议, 直接起诉, or 复议后起诉 (the columns of table 四 of the annual report). */
export type AppealKind = 'reconsideration' | 'litigation_direct' | 'litigation_after_reconsideration';
/** 结果维持, 结果纠正, 其他结果, 尚未审结. */
export type AppealResult = 'upheld' | 'corrected' | 'other' | 'pending';

/** A case of administrative reconsideration or litigation about disclosure (复议/诉讼). */
export interface Appeal {
  id: number;
  requestId: number | null;
  agencyId: number;
  agencyPath: string;
  kind: AppealKind;
  filedOn: string;
  /** 复议机关 or the court. */
  body: string;
  result: AppealResult;
  closedOn: string | null;
  note: string;
  createdAt: string;
  updatedAt: string;
}

export type AppealInput = Omit<Appeal, 'id' | 'agencyPath' | 'createdAt' | 'updatedAt'>;

export interface AppealRepository {
  insert(input: AppealInput, at: string): Promise<Appeal>;
  update(id: number, input: AppealInput, at: string): Promise<Appeal>;
  find(id: number): Promise<Appeal | undefined>;
  /** Cases filed or closed in a year within agency subtrees, by filing date. */
  list(filter: { within: string[]; year?: number }): Promise<Appeal[]>;
}

/** A message waiting for delivery by a channel adapter (the jobs worker sends it later). */
export interface OutboxMessage {
  id: number;
  requestId: number | null;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  status: string;
  createdAt: string;
}

export interface OutboxRepository {
  enqueue(message: Omit<OutboxMessage, 'id' | 'status'>): Promise<void>;
  forRequest(requestId: number): Promise<OutboxMessage[]>;
}

/** The channels a delivery goes out on (the report's channels plus village WeChat groups and QQ groups). */
export type DeliveryChannelCode = 'portal' | 'wechat' | 'weibo' | 'sms' | 'email' | 'notice_board' | 'village_wechat' | 'qq_group';

/** One message sent (or queued, or failed) on a channel: the log the annual report counts. */
export interface Delivery {
  id: number;
  agencyId: number;
  channel: DeliveryChannelCode;
  itemId: number | null;
  requestId: number | null;
  recipient: string;
  status: 'sent' | 'failed' | 'queued';
  /** The instant it was sent; null while queued. */
  sentAt: string | null;
  createdAt: string;
}

export interface DeliveryRepository {
  insert(delivery: Omit<Delivery, 'id'>): Promise<number>;
  /** Deliveries sent by some agencies in [fromAt, toAt) (instants). */
  sentBetween(filter: { agencyIds: readonly number[]; fromAt: string; toAt: string }): Promise<Delivery[]>;
}

/** The state of a stored annual report version. */
export type StoredReportStatus = 'draft' | 'final' | 'superseded';

/** An annual report version as stored. */
export interface StoredReport {
  id: number;
  agencyId: number;
  year: number;
  format: ReportFormat;
  includeSubunits: boolean;
  status: StoredReportStatus;
  /** Compiled from the records, or imported from a past report's JSON. */
  origin: 'compiled' | 'imported';
  manualInputs: ManualReportInputs;
  /** The report model: the last compilation of a draft, the frozen text of a final version; null before compiling. */
  compiled: ReportSnapshot | null;
  contentHash: string | null;
  finalisedAt: string | null;
  finalisedBy: string | null;
  supersedesId: number | null;
  published: boolean;
  createdAt: string;
  updatedAt: string;
}

export type NewStoredReport = Omit<StoredReport, 'id' | 'createdAt' | 'updatedAt'>;

/** What the compiler folds for agencies and a year: published item versions, requests received by the year's end, appeals open in the year. */
export interface ReportSources {
  items: ItemState[];
  requests: Array<{ state: RequestState; dueOn: string | null }>;
  /** Whether requests received before the year exist (whether or not they were read). */
  earlierRequestsOnRecord: boolean;
  appeals: ReportAppeal[];
}

/** An item behind a report figure, as the trace page lists it. */
export interface TracedItem {
  id: string;
  title: string;
  documentNumber: string | null;
  indexNumber: string | null;
  agencyName: string;
  firstPublishedOn: string;
  /** The latest published version's fields the counts read. */
  genre: string;
  hasElectronicFullText: boolean;
  formedOn: string;
  /** Validity dates, when read from the version's state (texts listed by id); null otherwise. */
  validity: { effectiveOn: string | null; expiresOn: string | null; repealedOn: string | null } | null;
}

/** A request, appeal or delivery behind a report figure, with its agency's name. */
export interface TracedRequest {
  id: string;
  trackingNumber: string;
  agencyName: string;
  state: RequestState;
  dueOn: string | null;
}
export interface TracedAppeal {
  id: string;
  agencyName: string;
  kind: string;
  body: string;
  filedOn: string;
  result: string;
  closedOn: string | null;
}
export interface TracedDelivery {
  id: string;
  agencyName: string;
  channel: string;
  recipient: string;
  sentAt: string | null;
}

/** Which agencies and year a report's figures are counted in, and the genres the counts test (passed in from the domain). */
export interface ItemCountScope {
  agencyIds: readonly number[];
  year: number;
  officialGenres: readonly string[];
}

/** Which agencies' messages a report counts, sent in [fromAt, toAt) (the year in China time). */
export interface DeliveryCountScope {
  agencyIds: readonly number[];
  fromAt: string;
  toAt: string;
}

export interface ReportRepository {
  insert(report: NewStoredReport, at: string): Promise<StoredReport>;
  update(
    id: number,
    fields: Partial<Pick<StoredReport, 'status' | 'manualInputs' | 'compiled' | 'contentHash' | 'finalisedAt' | 'finalisedBy' | 'published' | 'format' | 'includeSubunits'>>,
    at: string,
  ): Promise<void>;
  find(id: number): Promise<StoredReport | undefined>;
  /** Versions matching a filter, newest year first, then newest version first. */
  list(filter: { agencyIds?: readonly number[]; year?: number; statuses?: readonly StoredReportStatus[]; published?: boolean }): Promise<StoredReport[]>;
  /**
   * What the compiler folds for agencies and a year. Only requests still relevant to the year are read
   * (received in it, open on 1 January, or flawed); `earlierRequestsOnRecord` says whether any earlier
   * one exists. With `itemGenres`, only the items with a version of those genres are read (the others are
   * counted by `countItems`).
   */
  sources(filter: { agencyIds: readonly number[]; year: number; itemGenres?: readonly string[] }): Promise<ReportSources>;
  /** The year's items counted in SQL: first published in the year; of them 公文; of those with full text online. */
  countItems(scope: ItemCountScope): Promise<ItemCounts>;
  /** A page of the items behind one of those counts, by first publication date, and how many there are. */
  listItems(scope: ItemCountScope & { key: ItemCountKey; offset: number; limit: number }): Promise<{ total: number; rows: TracedItem[] }>;
  itemsByIds(ids: readonly number[]): Promise<TracedItem[]>;
  requestsByIds(ids: readonly number[]): Promise<TracedRequest[]>;
  appealsByIds(ids: readonly number[]): Promise<TracedAppeal[]>;
  deliveriesByIds(ids: readonly number[]): Promise<TracedDelivery[]>;
  /** Messages sent in the scope per channel code (staff mail left out), counted in SQL. */
  countDeliveries(scope: DeliveryCountScope): Promise<Array<{ channel: string; count: number }>>;
  /** A page of the messages sent in the scope on some channel codes, in the order sent, and how many there are. */
  listDeliveries(scope: DeliveryCountScope & { channels: readonly string[]; offset: number; limit: number }): Promise<{ total: number; rows: TracedDelivery[] }>;
}

/** A channel the outbox sends on: every channel of the report except the portal itself. */
export type OutboxChannel = 'email' | 'sms' | 'wechat' | 'weibo' | 'notice_board';

/**
 * queued → sending → sent; a failure goes back to queued with a later next attempt, or to failed
 * when attempts run out; `manual` waits for staff (a ready-to-paste Weibo post); cancelled by staff
 * or because the recipient opted out.
 */
/** `uncertain`: the provider may or may not have taken the message (结果不明); a person resends it or confirms it was delivered. */
export type QueuedDeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'manual' | 'uncertain';

/** A message in the outbox, as the worker and the delivery log see it. */
export interface QueuedDelivery {
  id: number;
  agencyId: number;
  channel: OutboxChannel;
  itemId: number | null;
  requestId: number | null;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  status: QueuedDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  providerMessageId: string | null;
  /** A ready-to-paste text (manual channels). */
  output: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface NewQueuedDelivery {
  agencyId: number;
  channel: OutboxChannel;
  itemId?: number | null;
  requestId?: number | null;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  /** Default queued; a notice-board sheet is logged as sent when printed. */
  status?: 'queued' | 'sent';
  sentAt?: string | null;
  at: string;
}

/** One line of a delivery's log. */
export interface DeliveryLogEvent {
  id: number;
  deliveryId: number;
  type: 'queued' | 'sending' | 'sent' | 'failed' | 'retry_scheduled' | 'deferred' | 'manual' | 'retried' | 'cancelled' | 'recovered' | 'uncertain' | 'confirmed_sent';
  detail: string;
  at: string;
}

export type DeliveryChange = Partial<Pick<QueuedDelivery, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'lockedBy' | 'lockedUntil' | 'providerMessageId' | 'output' | 'sentAt'>> & {
  updatedAt: string;
};

export interface DeliveryQueueFilter {
  agencyIds?: readonly number[];
  itemId?: number;
  requestId?: number;
  channel?: OutboxChannel;
  statuses?: readonly QueuedDeliveryStatus[];
  /** A period [fromAt, toAt) of instants, as the counts take it: sent messages by when sent, the others by when queued. */
  fromAt?: string;
  toAt?: string;
  limit?: number;
  offset?: number;
}

export interface DeliveryQueueRepository {
  /** Queues a message; returns its id, or null when a message with the same idempotency key exists. */
  enqueue(delivery: NewQueuedDelivery): Promise<number | null>;
  find(id: number): Promise<QueuedDelivery | undefined>;
  findByKey(idempotencyKey: string): Promise<QueuedDelivery | undefined>;
  list(filter: DeliveryQueueFilter): Promise<{ total: number; items: QueuedDelivery[] }>;
  events(deliveryId: number): Promise<DeliveryLogEvent[]>;
  appendEvent(deliveryId: number, type: DeliveryLogEvent['type'], detail: string, at: string): Promise<void>;
  /**
   * Leases up to `limit` due queued messages to a worker (on PostgreSQL with FOR UPDATE SKIP LOCKED,
   * so that several workers never claim the same row).
   */
  claim(options: { workerId: string; now: string; leaseUntil: string; limit: number; channels: readonly OutboxChannel[] }): Promise<QueuedDelivery[]>;
  /** Messages left in `sending` by a worker whose lease has run out (it crashed mid-send). */
  expiredSending(now: string, limit: number): Promise<QueuedDelivery[]>;
  /** Applies a change only if the row is still in one of the statuses (and held by `lockedBy`, when given). */
  transition(id: number, expected: { statuses: readonly QueuedDeliveryStatus[]; lockedBy?: string | null }, change: DeliveryChange): Promise<boolean>;
  /** Messages sent to a recipient on a channel after an instant (per-number rate limits). */
  countSentTo(channel: OutboxChannel, recipient: string, sinceAt: string): Promise<number>;
  /** Counts per agency, channel and status: sent by sent_at in [fromAt, toAt), the others by created_at. */
  counts(filter: { agencyIds?: readonly number[]; fromAt: string; toAt: string }): Promise<Array<{ agencyId: number; channel: string; status: string; count: number }>>;
  /** The last sent message per agency and channel. */
  lastSent(agencyIds?: readonly number[]): Promise<Array<{ agencyId: number; channel: string; lastSentAt: string }>>;
  optOut(channel: OutboxChannel, recipient: string, reason: string, at: string): Promise<void>;
  optIn(channel: OutboxChannel, recipient: string): Promise<void>;
  isOptedOut(channel: OutboxChannel, recipient: string): Promise<boolean>;
}

/** A public email subscription (double opt-in). */
export interface Subscription {
  id: number;
  agencyId: number;
  email: string;
  /** '' = every category. */
  categoryCode: string;
  status: 'pending' | 'confirmed' | 'unsubscribed';
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  updatedAt: string;
}

/** A mailed subscription token (stored by its SHA-256 hash only). */
export interface SubscriptionToken {
  tokenHash: string;
  subscriptionId: number;
  purpose: 'confirm' | 'unsubscribe';
  expiresAt: string | null;
  usedAt: string | null;
}

export interface SubscriptionRepository {
  find(id: number): Promise<Subscription | undefined>;
  findTarget(agencyId: number, email: string, categoryCode: string): Promise<Subscription | undefined>;
  insert(s: Omit<Subscription, 'id'>): Promise<Subscription>;
  setStatus(id: number, change: Pick<Subscription, 'status' | 'confirmedAt' | 'unsubscribedAt' | 'updatedAt'>): Promise<void>;
  addToken(token: SubscriptionToken, at: string): Promise<void>;
  findToken(tokenHash: string): Promise<(SubscriptionToken & { createdAt: string }) | undefined>;
  useToken(tokenHash: string, at: string): Promise<void>;
  /** Confirmed subscriptions to any of the agencies. */
  confirmedFor(agencyIds: readonly number[]): Promise<Subscription[]>;
  /** An address's pending subscriptions last requested in [from, until), oldest first. */
  pendingForEmail(email: string, from: string, until: string): Promise<Subscription[]>;
  /** Confirmation mails (their tokens) created since an instant, to one address or to all. */
  countConfirmationsSince(since: string, email?: string): Promise<number>;
}

/** An agency's account on a channel: settings, and secrets that no screen or API ever shows. */
export interface ChannelAccount {
  agencyId: number;
  channel: OutboxChannel;
  enabled: boolean;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  /** The stored secrets could not be decrypted (the encryption key changed): they must be entered again. */
  secretsUnreadable?: boolean;
  updatedAt: string;
}

export interface ChannelSettingsRepository {
  get(agencyId: number, channel: OutboxChannel): Promise<ChannelAccount | undefined>;
  /** Accounts of some agencies (all when omitted). */
  list(agencyIds?: readonly number[]): Promise<ChannelAccount[]>;
  save(account: ChannelAccount): Promise<void>;
}

/** A ledger (台账) read from an XLSX or CSV file: the header row and each data row's cells by header, with its row number. */
export interface LedgerTable {
  headers: string[];
  rows: Array<{ line: number; cells: Record<string, string> }>;
}

/** A ledger file between its dry run and the confirmation. */
export interface LedgerUpload {
  id: number;
  sha256: string;
  kind: 'items' | 'requests' | 'appeals';
  agencyId: number;
  fileName: string;
  sizeBytes: number;
  userId: number;
  uploadedAt: string;
  /** After this instant the confirmation is refused (the file must be uploaded and dry-run again). */
  expiresAt: string;
  importedAt: string | null;
}

/** Reads a ledger file (XLSX or CSV); rejects with a Chinese message when the file is not a readable table. */
export type LedgerReader = (bytes: Uint8Array) => Promise<LedgerTable>;

/** Look-ups the ledger import needs for idempotency. */
export interface LedgerRepository {
  /** Item ids by 索引号, for the numbers that exist. */
  itemIdsByIndexNumbers(indexNumbers: readonly string[]): Promise<Map<string, number>>;
  /** Request ids by tracking number (申请编号), for the numbers that exist. */
  requestIdsByTrackingNumbers(trackingNumbers: readonly string[]): Promise<Map<string, number>>;
  /** Creates the rows of items published elsewhere before (version 1 live, their 索引号 kept), in a few statements; returns the ids by 索引号. */
  createPublishedItems(rows: ReadonlyArray<{ agencyId: number; indexNumber: string }>, at: string): Promise<Map<string, number>>;
  /** Records a ledger file that passed its dry run, until its confirmation (the bytes are in the file store). */
  stageUpload(upload: Omit<LedgerUpload, 'id' | 'importedAt'>): Promise<LedgerUpload>;
  /** The latest upload of a file (by SHA-256) by a user. */
  /** The user's dry run of this file: the one named by `uploadId`, or the latest. */
  findUpload(sha256: string, userId: number, uploadId?: number): Promise<LedgerUpload | undefined>;
  /** Marks an upload as imported (its confirmation can be used once). */
  /** False when another confirm marked it first. */
  markUploadImported(id: number, at: string): Promise<boolean>;
  /** Saves many new item versions, their events and privacy reviews in a few statements (the import of thousands of rows). */
  insertItemVersions(batch: ReadonlyArray<{ state: ItemState; events: readonly ItemEvent[]; review: StoredReview }>, at: string): Promise<void>;
}

/**
 * The rows of an agency subtree, table by table, as the backup carries them. Deliberately opaque to
 * services (column names are the schema's): the backup is a faithful copy, not a domain view.
 */
export type BackupTables = Record<string, Array<Record<string, unknown>>>;

export interface BackupRepository {
  /** The rows of the agencies under `rootPath` (and their ancestors' agency rows) and everything that belongs to them. */
  dump(rootPath: string): Promise<BackupTables>;
  /** Whether the database holds no agencies, users, items, requests or appeals. */
  isEmpty(): Promise<boolean>;
  /** Inserts rows with their ids and moves the id sequences past them (PostgreSQL). */
  load(tables: BackupTables): Promise<void>;
}

/** A document released in reply to a request, with the privacy scan of its text. */
export interface RequestDocument {
  id: number;
  requestId: number;
  fileId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** Findings of the scan (src/domain/privacy), each with an id. */
  findings: Array<{ id: string; kind: string; text: string; masked: string; severity: string; start: number; end: number }>;
  /** Why a finding is released anyway (files cannot be masked online: replace the file or justify). */
  decisions: Array<{ id: string; reason: string; by: string; at: string }>;
  addedAt: string;
  addedBy: string;
}

export interface RequestDocumentRepository {
  add(doc: Omit<RequestDocument, 'id'>): Promise<RequestDocument>;
  list(requestId: number): Promise<RequestDocument[]>;
  saveDecisions(id: number, decisions: RequestDocument['decisions']): Promise<void>;
  remove(id: number): Promise<void>;
}

/** An assessing agency's rubric (考核细则) at its current version. */
export interface StoredRubric {
  id: number;
  agencyId: number;
  name: string;
  version: number;
  config: RubricConfig;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** One saved version of a rubric. */
export interface RubricVersion {
  rubricId: number;
  version: number;
  name: string;
  config: RubricConfig;
  reason: string;
  savedAt: string;
  savedBy: string;
}

/** The assessor's comment on a unit for one period (`periodKey` = `fromOn~toOn`). */
export interface AssessmentComment {
  rubricId: number;
  periodKey: string;
  unitId: number;
  text: string;
  updatedAt: string;
  updatedBy: string;
}

export interface AssessmentRepository {
  /** Saves a new rubric as version 1 (and its first version row). */
  insertRubric(input: { agencyId: number; name: string; config: RubricConfig; reason: string; at: string; by: string }): Promise<StoredRubric>;
  /** Saves the next version; false when the stored version is not `expectedVersion` (a concurrent change). */
  saveRubric(id: number, expectedVersion: number, input: { name: string; config: RubricConfig; reason: string; at: string; by: string }): Promise<boolean>;
  findRubric(id: number): Promise<StoredRubric | undefined>;
  /** Rubrics of some assessing agencies, by name. */
  listRubrics(agencyIds: readonly number[]): Promise<StoredRubric[]>;
  /** Every version of a rubric, newest first. */
  versions(rubricId: number): Promise<RubricVersion[]>;
  comments(rubricId: number, periodKey: string): Promise<AssessmentComment[]>;
  /** Saves (or replaces) a comment; an empty text removes it. */
  saveComment(comment: AssessmentComment): Promise<void>;
}

/** Aggregates for statistics pages (counted in SQL, not loaded record by record). */
export interface StatisticsRepository {
  /** Items first published on the days `fromOn`…`toOn`, per agency, month (`YYYY-MM`) and subject category, within agency subtrees. */
  publishedItemCounts(filter: { within: readonly string[]; fromOn: string; toOn: string }): Promise<Array<{ agencyId: number; month: string; categoryCode: string; count: number }>>;
  /** The earliest publication date within the subtrees (null without published items). */
  firstPublishedOn(filter: { within: readonly string[] }): Promise<string | null>;
  /** Live (published) versions per month of their publication date (`YYYY-MM`), from `fromMonth` on. */
  liveItemsByMonth(filter: { within: readonly string[]; fromMonth: string }): Promise<Array<{ month: string; count: number }>>;
  /** Every request within the subtrees, counted by the years it was received and closed in. */
  requestYearSpans(filter: { within: readonly string[] }): Promise<RequestYearSpan[]>;
  /** The requests that may count in `year`'s table 三 (received by its end, not closed before it began), grouped by their facts (years for dates) per agency. */
  requestYearCounts(filter: { within: readonly string[]; year: number }): Promise<Array<RequestYearCount & { agencyId: number }>>;
  /** Requests placed in the periods (`YYYY-MM` months or `YYYY` years) of the days `fromOn`…`toOn`, as a trend counts them. */
  requestTrendCounts(filter: { within: readonly string[]; granularity: TrendGranularity; fromOn: string; toOn: string }): Promise<RequestTrendCounts>;
  /** The earliest receipt date within the subtrees (null without received requests). */
  firstReceivedOn(filter: { within: readonly string[] }): Promise<string | null>;
  /** Open requests (not closed) per agency: all, those due in `dueFrom`…`dueTo`, those due before `overdueBefore`. */
  openRequestCounts(filter: { within: readonly string[]; dueFrom: string; dueTo: string; overdueBefore: string }): Promise<Array<{ agencyId: number; open: number; due: number; overdue: number }>>;
}

/** One saved version of an agency's letter template (文书模板). */
export interface StoredLetterTemplate {
  agencyId: number;
  key: string;
  version: number;
  title: string;
  body: string;
  /** This version dropped the agency's own wording: the agency inherits, or uses the built-in template. */
  isReset: boolean;
  createdAt: string;
  createdBy: string;
}

export interface LetterTemplateRepository {
  /** The latest version of every key at each of the agencies (e.g. an agency and its ancestors). */
  current(agencyIds: readonly number[]): Promise<StoredLetterTemplate[]>;
  /** Every version of one key at one agency, newest first. */
  history(agencyId: number, key: string): Promise<StoredLetterTemplate[]>;
  /** Adds the next version (latest + 1) and returns it. */
  add(version: Omit<StoredLetterTemplate, 'version'>): Promise<StoredLetterTemplate>;
}

/** The office's decision on a suggestion to publish proactively (条例第四十四条). */
export interface SuggestionDecision {
  id: number;
  agencyId: number;
  requestIds: number[];
  decision: 'published' | 'dismissed';
  itemId: number | null;
  reason: string;
  decidedAt: string;
  decidedBy: string;
}

export interface SuggestionDecisionRepository {
  add(decision: Omit<SuggestionDecision, 'id'>): Promise<SuggestionDecision>;
  /** Serialises decisions at one agency (a double submit must not decide a suggestion twice). */
  lock(agencyId: number): Promise<void>;
  /** The decisions at the given agencies. */
  list(agencyIds: readonly number[]): Promise<SuggestionDecision[]>;
}

export interface Repositories {
  letterTemplates: LetterTemplateRepository;
  suggestionDecisions: SuggestionDecisionRepository;
  assessments: AssessmentRepository;
  statistics: StatisticsRepository;
  requestDocuments: RequestDocumentRepository;
  items: ItemRepository;
  search: SearchIndex;
  calendar: CalendarRepository;
  agencies: AgencyRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  vocabularies: VocabularyRepository;
  requests: RequestRepository;
  appeals: AppealRepository;
  outbox: OutboxRepository;
  reports: ReportRepository;
  deliveries: DeliveryRepository;
  deliveryQueue: DeliveryQueueRepository;
  channelSettings: ChannelSettingsRepository;
  subscriptions: SubscriptionRepository;
  formTokens: FormTokenRepository;
  ledgers: LedgerRepository;
  backup: BackupRepository;
}

/** One-time form tokens (by SHA-256 hash): a form posted twice is applied once. */
export interface FormTokenRepository {
  /** Claims a token; false when it was claimed before (the form was already posted). */
  claim(tokenHash: string, at: string): Promise<boolean>;
  /** Gives a token back after its post failed, so that the corrected form can be sent again. */
  release(tokenHash: string): Promise<void>;
  /** Forgets tokens claimed before an instant. */
  prune(before: string): Promise<void>;
}

/**
 * A write met a unique key that another transaction holds (two posts of one form): the transaction
 * is rolled back and the caller reads what the other one stored.
 */
export class DuplicateKeyError extends Error {
  constructor(readonly key: string) {
    super(`duplicate key: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

/** Runs work in one transaction: every state change and its audit entry commit together. */
export interface UnitOfWork {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Repositories outside a transaction, for reads. */
  readonly read: Repositories;
}
