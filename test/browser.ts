/**
 * End-to-end helpers: serve a test app on a free loopback port and drive Debian's Chromium
 * with playwright-core. When Chromium is missing, tests skip loudly (npm test says so too).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { after, before } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { loadTestEnvironment } from '../src/config.ts';
import { createTestApp, type TestApp } from './web-harness.ts';

/** The Chromium executable, or undefined when it is not installed. */
export function chromiumPath(): string | undefined {
  const p = loadTestEnvironment().chromiumPath;
  return existsSync(p) ? p : undefined;
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Serves a test app on 127.0.0.1 with a free port; returns its base URL and a stop function. */
export async function serveTestApp(t: TestApp): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: t.application.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Why the browser suites are skipped, or false when Chromium is installed. */
export const browserSkip: string | false = chromiumPath() ? false : 'Chromium 未安装（apt-get install chromium fonts-noto-cjk）——端到端测试被跳过';

export interface BrowserSuite {
  readonly app: TestApp;
  readonly baseUrl: string;
  readonly browser: Browser;
}

/**
 * Registers the before/after hooks of an end-to-end file: a demo app on a real server (with the real
 * clock, since the browser talks to it over HTTP) and a headless Chromium. Read the fields inside tests.
 */
export function useBrowserSuite(): BrowserSuite {
  const suite = {} as { app: TestApp; baseUrl: string; browser: Browser; stop: () => Promise<void> };
  before(async () => {
    if (browserSkip) return;
    suite.app = await createTestApp({ clock: new Date().toISOString() });
    const server = await serveTestApp(suite.app);
    suite.baseUrl = server.baseUrl;
    suite.stop = server.stop;
    suite.browser = await launchBrowser();
  });
  after(async () => {
    if (browserSkip) return;
    await suite.browser?.close();
    await suite.stop?.();
    await suite.app?.close();
  });
  return suite;
}
