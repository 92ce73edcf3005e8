/** Wires the use cases to their dependencies: the web and CLI shells call these. */
import { createAgency, disclosureSettingsOf, listManageableAgencies, saveDisclosureSettings, updateAgency, type DisclosureSettings } from './manage-agencies.ts';
import { createUser, listManageableUsers, removeUser, resetUserPassword, setUserDisabled, setUserRoles } from './manage-users.ts';
import { initialiseDatabase, type InitialiseOptions } from './initialise-database.ts';
import type { Actor, Clock, FileStore, IntegrityKey, LedgerReader, Session, TextExtractor, UnitOfWork, UserWithGrants } from './ports.ts';
import { createItemService } from './manage-items.ts';
import { changePassword, resolveSession, signIn, signOut } from './sign-in.ts';
import { anchorAuditLog, verifyAuditAnchor, verifyAuditLog } from './verify-audit-log.ts';
import { listVisibleAuditEntries } from './view-audit-log.ts';
import { buildOfficeDashboard } from './office-dashboard.ts';
import { createCalendarService } from './manage-calendar.ts';
import { createDeadlineService } from './compute-deadlines.ts';
import { createRequestService } from './manage-requests.ts';
import { createLetterTemplateService } from './manage-letter-templates.ts';
import { createSuggestionService } from './proactive-suggestions.ts';
import { createDeliveryService } from './manage-deliveries.ts';
import { createStaffReminderService } from './staff-reminders.ts';
import { createSubscriptionService } from './manage-subscriptions.ts';
import { createReportService } from './compile-annual-report.ts';
import { createLedgerImportService } from './import-ledgers.ts';
import { createLedgerExportService } from './export-ledgers.ts';
import { createLedgerUploadService } from './stage-ledger-imports.ts';
import { createBackupService } from './backup-agency.ts';
import { createAssessmentService } from './assess-units.ts';
import { buildTrends, type TrendOptions } from './build-trends.ts';
import { publicRequestStatistics } from './request-statistics.ts';
import { createVocabularyService } from './manage-vocabularies.ts';
import { createSingleSubmissionService } from './single-submission.ts';

export interface ServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  sessionHours: number;
  /** The calendar file shipped with the release, parsed. */
  loadShippedCalendar: () => unknown;
  files: FileStore;
  /** Keyed MACs for backups and audit anchors. */
  integrity: IntegrityKey;
  /** Reads ledger files (XLSX or CSV) for the console's import. */
  readLedger: LedgerReader;
  extractText: TextExtractor;
  sanitiseHtml: (html: string) => string;
  /** Told when what the public sees changes (page caches). */
  onPublicChange?: () => void;
  /** Platform-wide hourly cap on subscription confirmation mails. */
  subscriptionConfirmationsPerHour?: number;
}

/** Creates the services object for a set of dependencies. */
export function createServices(deps: ServiceDeps) {
  const calendar = createCalendarService({ uow: deps.uow, clock: deps.clock, loadShipped: deps.loadShippedCalendar });
  const requests = createRequestService({ uow: deps.uow, clock: deps.clock, calendar, files: deps.files, extractText: deps.extractText });
  const items = createItemService({ uow: deps.uow, clock: deps.clock, files: deps.files, extractText: deps.extractText, sanitiseHtml: deps.sanitiseHtml, onPublicChange: () => deps.onPublicChange?.() });
  // When a holiday notice is added or corrected, open reply deadlines move with it.
  calendar.onChange(async (years) => {
    await requests.recomputeDeadlines(years);
  });
  return {
    deps,
    calendar,
    deadlines: createDeadlineService(calendar),
    requests,
    letterTemplates: createLetterTemplateService({ uow: deps.uow, clock: deps.clock }),
    suggestions: createSuggestionService({ uow: deps.uow, clock: deps.clock, requests, items }),
    deliveries: createDeliveryService({ uow: deps.uow, clock: deps.clock }),
    formTokens: createSingleSubmissionService({ uow: deps.uow, clock: deps.clock }),
    reminders: createStaffReminderService({ uow: deps.uow, clock: deps.clock, calendar }),
    subscriptions: createSubscriptionService({ uow: deps.uow, clock: deps.clock, ...(deps.subscriptionConfirmationsPerHour !== undefined && { confirmationsPerHour: deps.subscriptionConfirmationsPerHour }) }),
    ledgers: { ...createLedgerImportService({ uow: deps.uow, clock: deps.clock, calendar }), ...createLedgerExportService({ uow: deps.uow, clock: deps.clock }) },
    ledgerUploads: createLedgerUploadService({ uow: deps.uow, clock: deps.clock, files: deps.files, readLedger: deps.readLedger, ledgers: createLedgerImportService({ uow: deps.uow, clock: deps.clock, calendar }) }),
    backup: createBackupService({ uow: deps.uow, clock: deps.clock, files: deps.files, integrity: deps.integrity }),
    assessment: createAssessmentService({ uow: deps.uow, clock: deps.clock, calendar }),
    reports: createReportService({ uow: deps.uow, clock: deps.clock, onPublicChange: () => deps.onPublicChange?.() }),
    vocabularies: createVocabularyService({ uow: deps.uow, clock: deps.clock, onPublicChange: () => deps.onPublicChange?.() }),
    items,
    initialise: (options: InitialiseOptions) =>
      initialiseDatabase(deps, { demoContent: { files: deps.files, extractText: deps.extractText, sanitiseHtml: deps.sanitiseHtml }, ...options }),
    signIn: (login: string, password: string) => signIn(deps, login, password),
    resolveSession: (token: string) => resolveSession(deps, token),
    signOut: (session: Session, user: UserWithGrants) => signOut(deps, session, user),
    changePassword: (user: UserWithGrants, session: Session, input: { current: string; next: string; confirm: string }) =>
      changePassword(deps, user, session, input),
    agencies: {
      list: (actor: Actor) => listManageableAgencies(deps, actor),
      create: (actor: Actor, raw: unknown) => createAgency(deps, actor, raw),
      update: (actor: Actor, id: number, raw: unknown) => updateAgency(deps, actor, id, raw),
      disclosureSettings: (id: number) => disclosureSettingsOf(deps, id),
      saveDisclosureSettings: (actor: Actor, id: number, input: DisclosureSettings) => saveDisclosureSettings(deps, actor, id, input),
      get: (id: number) => deps.uow.read.agencies.findById(id),
      all: () => deps.uow.read.agencies.list(),
    },
    users: {
      list: (actor: Actor) => listManageableUsers(deps, actor),
      create: (actor: Actor, raw: unknown) => createUser(deps, actor, raw),
      setRoles: (actor: Actor, userId: number, grants: unknown) => setUserRoles(deps, actor, userId, grants),
      resetPassword: (actor: Actor, userId: number) => resetUserPassword(deps, actor, userId),
      setDisabled: (actor: Actor, userId: number, disabled: boolean) => setUserDisabled(deps, actor, userId, disabled),
      remove: (actor: Actor, userId: number) => removeUser(deps, actor, userId),
      get: (id: number) => deps.uow.read.users.findById(id),
    },
    audit: {
      verify: (actor?: Actor) => verifyAuditLog(deps, actor),
      /** Signs the chain head for safekeeping outside the system (`gongkai audit anchor`). */
      anchor: (actor?: Actor) => anchorAuditLog(deps, actor),
      /** Checks a kept anchor against the chain (`gongkai audit verify --anchor`). */
      verifyAnchor: (text: string, actor?: Actor) => verifyAuditAnchor(deps, text, actor),
      /** The entries an actor may read (their subtree; the platform's for root administrators). */
      visible: (actor: Actor, limit: number, offset = 0) => listVisibleAuditEntries(deps, actor, limit, offset),
      /** Every entry (system use: tests, the CLI). */
      count: () => deps.uow.read.audit.count(),
    },
    dashboard: (actor: Actor) => buildOfficeDashboard({ uow: deps.uow, clock: deps.clock, calendar }, actor),
    trends: (actor: Actor, options: TrendOptions) => buildTrends({ uow: deps.uow, clock: deps.clock, calendar }, actor, options),
    requestStatistics: (rootAgencyId: number, wanted: { year?: number }) => publicRequestStatistics({ uow: deps.uow, clock: deps.clock }, rootAgencyId, wanted),
    settings: {
      get: (key: string) => deps.uow.read.settings.get(key),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
