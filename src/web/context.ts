/** What every request handler can read from the Hono context. */
import type { Config } from '../config.ts';
import type { WorkerReadingOptions } from '../documents/read-in-worker.ts';
import type { Actor, Session, UserWithGrants } from '../services/ports.ts';
import type { Services } from '../services/services.ts';

export type WebConfig = Pick<Config, 'secureCookies' | 'sessionHours' | 'publicUrl'> & Partial<Pick<Config, 'trustedProxies'>> & {
  /** URLs per sitemap file (default 10 000; tests use a few). */
  sitemapUrlsPerFile?: number;
  /** Limits of a report file read on the console (GONGKAI_MAX_UNPACKED_MB, _EXTRACT_SECONDS, _EXTRACT_MEMORY_MB, GONGKAI_TESSERACT); the defaults if absent. */
  readingOptions?: WorkerReadingOptions;
};

export interface AppEnv {
  Variables: {
    services: Services;
    webConfig: WebConfig;
    /** The CSRF token forms on this page must carry. */
    csrfToken: string;
    largeText: boolean;
    user?: UserWithGrants;
    session?: Session;
    actor?: Actor;
    /** A stricter page-specific CSP (e.g. a report document pinned to its stylesheet's hash). */
    cspOverride?: string;
    /** Checks the database once per request (set by the health route). */
    pingDatabase: () => Promise<void>;
  };
}
