/**
 * The ports services depend on. `storage/` implements them; services never import storage,
 * web or the database drivers (enforced by ESLint).
 */
import type { Agency, AgencyInput } from '../domain/organisations/agency.ts';
import type { Role, RoleGrant } from '../domain/access/roles.ts';
import type { AuditEntry, ChainProblem } from '../domain/audit/hash-chain.ts';
import type { ItemEvent, ItemState } from '../domain/publishing/index.ts';
import type { DisclosureRequestEvent, RequestState } from '../domain/requests/index.ts';

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
}

export interface AuditRepository {
  /** Appends an entry in the current transaction, chained to the previous one. */
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Entries for one entity, newest first. */
  forEntity(entity: string, entityId: string | number): Promise<AuditEntry[]>;
  recent(limit: number, offset?: number): Promise<AuditEntry[]>;
  count(): Promise<number>;
  /** Walks the whole chain in order; returns the first problem, if any, and how many entries were checked. */
  verify(): Promise<{ checked: number; problem: ChainProblem | undefined }>;
}

export interface SettingsRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, at: string): Promise<void>;
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
  interpretsItemId?: number;
  limit?: number;
  offset?: number;
}

export interface StoredReview {
  findings: unknown[];
  decisions: unknown[];
  scannedAt: string;
}

export interface ItemRepository {
  createItem(agencyId: number, at: string): Promise<number>;
  item(itemId: number): Promise<{ id: number; agency_id: number; index_number: string | null; latest_version: number; live_version: number | null; created_at: string } | undefined>;
  version(itemId: number, version: number): Promise<ItemState | undefined>;
  latest(itemId: number): Promise<ItemState | undefined>;
  live(itemId: number): Promise<ItemState | undefined>;
  versions(itemId: number): Promise<ItemState[]>;
  saveVersion(state: ItemState, at: string): Promise<void>;
  appendEvents(events: readonly ItemEvent[]): Promise<void>;
  events(itemId: number): Promise<Array<{ id: number; item_id: number; version: number; type: string; data: string; by_user: string; at: string }>>;
  setVersions(itemId: number, latest: number, live: number | null): Promise<void>;
  setIndexNumber(itemId: number, indexNumber: string): Promise<void>;
  nextSequence(agencyId: number, year: number): Promise<number>;
  list(filter: ItemListFilter): Promise<{ total: number; items: ItemState[] }>;
  indexNumbers(itemIds: number[]): Promise<Map<number, string | null>>;
  saveReview(itemId: number, version: number, review: StoredReview): Promise<void>;
  review(itemId: number, version: number): Promise<StoredReview | undefined>;
  attachmentText(sha256: string): Promise<string | undefined>;
  saveAttachmentText(sha256: string, kind: string, text: string): Promise<void>;
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
  total: number;
  hits: SearchHit[];
}

export interface SearchIndex {
  upsert(doc: SearchDocument): Promise<void>;
  remove(itemId: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}

/** Stored attachment files (the bytes); metadata lives with the item. */
export interface FileStore {
  maxBytes: number;
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number; type: string; mediaType: string }>;
  get(sha256: string): Promise<Uint8Array>;
}

/** Reads the text of a stored document (for the privacy scan and search). */
export type TextExtractor = (bytes: Uint8Array) => Promise<{ kind: string; text: string }>;

/** A note on a request case for what the domain has no event for (visible to staff with the case). */
export interface CaseNote {
  kind: 'deadline_recomputed' | 'possible_repeat' | 'applicant_clarification';
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
  create(input: { agencyId: number; agencyPath: string; trackingNumber: string; queryCodeHash: string; submittedOn: string; at: string }): Promise<number>;
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

export interface Repositories {
  items: ItemRepository;
  search: SearchIndex;
  calendar: CalendarRepository;
  agencies: AgencyRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
  requests: RequestRepository;
  appeals: AppealRepository;
  outbox: OutboxRepository;
}

/** Runs work in one transaction: every state change and its audit entry commit together. */
export interface UnitOfWork {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Repositories outside a transaction, for reads. */
  readonly read: Repositories;
}
