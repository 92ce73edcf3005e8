/** Composition root: configuration → database → services → web app. The CLI and tests start here. */
import type { Config } from './config.ts';
import { createLogger } from './log.ts';
import { createServices, type Services } from './services/services.ts';
import type { Clock } from './services/ports.ts';
import { openDatabase, pingDatabase, dialectOf, type Database, type Dialect } from './storage/database.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { createUnitOfWork } from './storage/unit-of-work.ts';
import { integrityKeyFor, secretBoxFor } from './storage/secret-box.ts';
import { loadShippedCalendar } from './storage/shipped-calendar.ts';
import { createAttachmentStore } from './files/attachment-store.ts';
import { createWorkerLedgerReader, createWorkerTextExtractor, type WorkerReadingOptions } from './documents/read-in-worker.ts';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './documents/zip-limits.ts';
import { sanitiseBodyHtml } from './documents/sanitise-html.ts';
import { createApp } from './web/app.tsx';
import { createPageCache } from './web/middleware/page-cache.ts';
import { isPublicPath } from './web/app.tsx';
import { canonicalPublicUrl } from './web/public-parameters.ts';

export const systemClock: Clock = { now: () => new Date() };

export interface Application {
  config: Config;
  db: Database;
  dialect: Dialect;
  services: Services;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

function zipLimitsOf(config: Config): ZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, maxUnpackedBytes: config.extraction.maxUnpackedBytes };
}

/** Uploads (attachments, ledgers, report files) are unpacked and read in worker processes under the configured limits. */
function workerOptionsOf(config: Config): WorkerReadingOptions {
  return {
    zipLimits: zipLimitsOf(config),
    timeoutMs: config.extraction.timeoutMs,
    memoryMb: config.extraction.memoryMb,
    ...(config.extraction.tesseractPath !== undefined && { tesseractPath: config.extraction.tesseractPath }),
  };
}

/** Opens the database, migrates it, and wires services and the web app. */
export async function openApplication(
  config: Config,
  options: { clock?: Clock; db?: Database; migrate?: boolean; referenceCache?: boolean; busyTimeoutMs?: number } = {},
): Promise<Application> {
  const logger = createLogger(config.logLevel);
  const db =
    options.db ??
    openDatabase({
      url: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      onIdleError: (e) => logger.warn(`数据库空闲连接断开，将自动重连：${e.message}`),
      ...(options.busyTimeoutMs !== undefined && { busyTimeoutMs: options.busyTimeoutMs }),
    });
  try {
    if (options.migrate !== false) await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  const pageCache = createPageCache({ isCacheable: isPublicPath, canonicalUrl: canonicalPublicUrl });
  const publicChange = { listeners: [() => pageCache.invalidate()] as Array<() => void> };
  const services = createServices({
    uow: createUnitOfWork(db, { secrets: secretBoxFor(config, (m) => logger.warn(m)), ...(options.referenceCache === false && { referenceCache: false }) }),
    clock: options.clock ?? systemClock,
    sessionHours: config.sessionHours,
    loadShippedCalendar,
    files: createAttachmentStore(config.attachmentsDir, { maxBytes: config.maxUploadBytes, zipLimits: zipLimitsOf(config) }),
    integrity: integrityKeyFor(config, (m) => logger.warn(m)),
    readLedger: createWorkerLedgerReader(workerOptionsOf(config)),
    extractText: createWorkerTextExtractor(workerOptionsOf(config)),
    sanitiseHtml: sanitiseBodyHtml,
    onPublicChange: () => publicChange.listeners.forEach((l) => l()),
    subscriptionConfirmationsPerHour: config.subscriptionConfirmationsPerHour,
  });
  if (options.migrate !== false) await services.calendar.syncShipped();
  const app = createApp({
    services,
    webConfig: { secureCookies: config.secureCookies, sessionHours: config.sessionHours, publicUrl: config.publicUrl, trustedProxies: config.trustedProxies, readingOptions: workerOptionsOf(config) },
    pingDatabase: () => pingDatabase(db),
    pageCache,
    maxUploadBytes: config.maxUploadBytes,
    logError: (reference, error) => logger.error(`请求处理失败，错误编号 ${reference}`, error),
  });
  return { config, db, dialect: dialectOf(db), services, app, close: () => db.destroy() };
}
