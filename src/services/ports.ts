/**
 * The ports services depend on. `storage/` implements them; services never import storage,
 * web or the database drivers (enforced by ESLint).
 */
import type { Agency, AgencyInput } from '../domain/organisations/agency.ts';
import type { Role, RoleGrant } from '../domain/access/roles.ts';
import type { AuditEntry, ChainProblem } from '../domain/audit/hash-chain.ts';
import type { ItemEvent, ItemState } from '../domain/publishing/index.ts';

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

export interface Repositories {
  items: ItemRepository;
  search: SearchIndex;
  calendar: CalendarRepository;
  agencies: AgencyRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditRepository;
  settings: SettingsRepository;
}

/** Runs work in one transaction: every state change and its audit entry commit together. */
export interface UnitOfWork {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Repositories outside a transaction, for reads. */
  readonly read: Repositories;
}
