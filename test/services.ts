/** Services wired to a test database with real parts (attachment store in a temp folder). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServices, type ServiceDeps } from '../src/services/services.ts';
import { createUnitOfWork } from '../src/storage/unit-of-work.ts';
import { createIntegrityKey, createSecretBox } from '../src/storage/secret-box.ts';
import { loadShippedCalendar } from '../src/storage/shipped-calendar.ts';
import { createAttachmentStore } from '../src/files/attachment-store.ts';
import { readForScan } from '../src/documents/extract-text.ts';
import { readLedger } from '../src/documents/ledger-xlsx.ts';
import { sanitiseBodyHtml } from '../src/documents/sanitise-html.ts';
import type { Database } from '../src/storage/database.ts';
import { fixedClock } from './clock.ts';

/** The key tests encrypt channel secrets with (pass it as GONGKAI_SECRET_KEY to child processes). */
export const TEST_SECRET_KEY = '6b9f2c1d8e7a4b3c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4';

/** One temporary folder per test process for the attachment stores, removed when the process exits. */
let filesRoot: string | undefined;
function filesFolder(): string {
  if (filesRoot === undefined) {
    const root = mkdtempSync(path.join(tmpdir(), 'gongkai-files-'));
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
    filesRoot = root;
  }
  return mkdtempSync(path.join(filesRoot, 'store-'));
}

/** Creates the services over a database, with a fixed clock (default 2026-11-26 10:00 Beijing time); `secretKey` (hex) stands for another server's key, `overrides` replace dependencies. */
export function testServices(db: Database, clock = fixedClock('2026-11-26T02:00:00.000Z'), options: Partial<ServiceDeps> & { secretKey?: string } = {}) {
  const { secretKey, ...overrides } = options;
  const key = Buffer.from(secretKey ?? TEST_SECRET_KEY, 'hex');
  return createServices({
    uow: createUnitOfWork(db, { secrets: createSecretBox(key) }),
    clock,
    sessionHours: 12,
    loadShippedCalendar,
    files: createAttachmentStore(filesFolder(), { maxBytes: 20 * 1048576 }),
    integrity: createIntegrityKey(key),
    readLedger,
    // In-thread and without OCR (images and scans come back unreadable); the web harness goes through the worker.
    extractText: (bytes) => readForScan(bytes),
    sanitiseHtml: sanitiseBodyHtml,
    ...overrides,
  });
}
