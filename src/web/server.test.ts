/**
 * Requests that never reach the application still get a Chinese answer: Node's parser refuses a
 * raw (unencoded) Chinese address or a TAB in it, the adapter refuses a backslash path.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';
import { startWebServer } from './server.ts';

let t: TestApp;
let server: Server;
let port = 0;
before(async () => {
  t = await createTestApp();
  server = await startWebServer(t.application.app.fetch, { port: 0, hostname: '127.0.0.1' });
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

/** Sends a raw GET request line (bytes as given) and returns the whole answer. */
function rawGet(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target, 'utf8'), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)]));
    });
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

test('a 300-character query of raw Chinese characters: 400 with a Chinese page, not an empty answer', async () => {
  const answer = await rawGet('/xxgk/search?q=' + '公'.repeat(300));
  assert.match(answer, /^HTTP\/1\.1 400 /);
  assert.match(answer, /请求格式有误/);
});

test('a TAB in the address and a backslash path: 400 with a Chinese page', async () => {
  for (const target of ['/xxgk/search?q=a\tb', '/xxgk\\search']) {
    const answer = await rawGet(target);
    assert.match(answer, /^HTTP\/1\.1 400 /, target);
    assert.match(answer, /请求格式有误/, target);
  }
});

test('ordinary requests are served as before', async () => {
  const answer = await rawGet('/xxgk/search?q=' + encodeURIComponent('公'.repeat(300)));
  assert.match(answer, /^HTTP\/1\.1 200 /);
  assert.match(answer, /全文检索/);
});
