/**
 * The ports services depend on. `storage/` implements them; services never import storage,
 * web or the database drivers (enforced by ESLint).
 */
import type { Agency, AgencyInput } from '../domain/organisations/agency.ts';
import type { Role, RoleGrant } from '../domain/access/roles.ts';
import type { AuditEntry, ChainProblem } from '../domain/audit/hash-chain.ts';

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

export interface Repositories {
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
