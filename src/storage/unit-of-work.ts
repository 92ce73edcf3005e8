/**
 * Implements the services' UnitOfWork port over Kysely: one transaction per use case. A use
 * case called inside another's transaction joins it (AsyncLocalStorage), so composite tasks
 * such as first-start initialisation commit or roll back as a whole.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories, UnitOfWork } from '../services/ports.ts';
import { createAgencyRepository } from './agency-repository.ts';
import { createCalendarRepository } from './calendar-repository.ts';
import { createItemRepository } from './item-repository.ts';
import { createRequestDocumentRepository } from './request-document-repository.ts';
import { createSearchIndex } from '../search/search-index.ts';
import { createAuditRepository } from './audit-repository.ts';
import type { Database, Executor } from './database.ts';
import { createSessionRepository } from './session-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createVocabularyRepository } from './vocabulary-repository.ts';
import { createUserRepository } from './user-repository.ts';
import { createRequestRepository } from './request-repository.ts';
import { createLetterTemplateRepository, createSuggestionDecisionRepository } from './letter-template-repository.ts';
import { createAppealRepository } from './appeal-repository.ts';
import { createOutboxRepository } from './outbox-repository.ts';
import { createReportRepository } from './report-repository.ts';
import { createDeliveryRepository } from './delivery-repository.ts';
import { createDeliveryQueueRepository } from './delivery-queue-repository.ts';
import { createChannelSettingsRepository } from './channel-settings-repository.ts';
import { createLedgerRepository } from './ledger-repository.ts';
import { createSubscriptionRepository } from './subscription-repository.ts';
import { createFormTokenRepository } from './form-token-repository.ts';
import { createBackupRepository } from './backup-repository.ts';
import { createAssessmentRepository } from './assessment-repository.ts';
import { createStatisticsRepository } from './statistics-repository.ts';
import type { SecretBox } from './secret-box.ts';
import { createReferenceCache } from './reference-cache.ts';

export interface RepositoryOptions {
  /** Encrypts the channel accounts' secrets at rest; without it, secrets cannot be saved. */
  secrets?: SecretBox;
  /** Hold agencies, settings and vocabularies in memory for reads outside transactions (default true; the benchmark compares without). */
  referenceCache?: boolean;
}

/** Builds every repository over one executor (the database or a transaction). */
export function createRepositories(db: Executor, options: RepositoryOptions = {}): Repositories {
  return {
    assessments: createAssessmentRepository(db),
    statistics: createStatisticsRepository(db),
    requestDocuments: createRequestDocumentRepository(db),
    items: createItemRepository(db),
    search: createSearchIndex(db),
    calendar: createCalendarRepository(db),
    agencies: createAgencyRepository(db),
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    audit: createAuditRepository(db),
    settings: createSettingsRepository(db),
    vocabularies: createVocabularyRepository(db),
    requests: createRequestRepository(db),
    letterTemplates: createLetterTemplateRepository(db),
    suggestionDecisions: createSuggestionDecisionRepository(db),
    appeals: createAppealRepository(db),
    outbox: createOutboxRepository(db),
    reports: createReportRepository(db),
    deliveries: createDeliveryRepository(db),
    deliveryQueue: createDeliveryQueueRepository(db),
    channelSettings: createChannelSettingsRepository(db, options.secrets),
    subscriptions: createSubscriptionRepository(db),
    formTokens: createFormTokenRepository(db),
    ledgers: createLedgerRepository(db),
    backup: createBackupRepository(db),
  };
}

/**
 * Creates the unit of work for a database. Reads outside a transaction take agencies, settings and
 * vocabularies from an in-memory cache (reference-cache.ts), dropped by any write to them.
 */
export function createUnitOfWork(db: Database, options: RepositoryOptions = {}): UnitOfWork {
  const current = new AsyncLocalStorage<Repositories>();
  const cache = createReferenceCache();
  const plain = createRepositories(db, options);
  const base = options.referenceCache === false ? plain : cache.cached(plain);
  return {
    // Inside a transaction, reads join it: on SQLite the transaction holds the only connection.
    get read() {
      return current.getStore() ?? base;
    },
    transaction: async (work) => {
      const joined = current.getStore();
      if (joined) return work(joined);
      let touched = () => false;
      try {
        return await db.transaction().execute((tx) => {
          const tracked = cache.tracked(createRepositories(tx, options));
          touched = tracked.touched;
          return current.run(tracked.repos, () => work(tracked.repos));
        });
      } finally {
        // Committed or rolled back: what was read while it ran may be stale either way.
        if (touched()) cache.clear();
      }
    },
  };
}
