/**
 * End-to-end helpers: serve a test app on a free loopback port and drive Debian's Chromium
 * with playwright-core. When Chromium is missing, tests skip loudly (npm test says so too).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { loadTestEnvironment } from '../src/config.ts';
import type { TestApp } from './web-harness.ts';

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
