/**
 * Request input limits and checks: bodies past their limit get 413 (declared or counted while
 * streaming), files only on upload pages from signed-in staff, unreadable forms and JSON 400,
 * control characters 400 on both stores with nothing saved; and, over a real socket, a 50 MB
 * chunked body is refused without the process holding it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describeEachDialect } from '../../../test/databases.ts';
import { createTestApp, type Agent, type TestApp, SAMPLE_APPLICATION } from '../../../test/web-harness.ts';

const CJK = /[\u4e00-\u9fff]/;

/** A request body streamed in `chunks` pieces of `size` bytes, without a Content-Length. */
function streamed(chunks: number, size: number, byte = 0x61): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(byte));
    },
  });
}

/** The hidden fields of the first form on a page (CSRF and any other form token). */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return out;
}

const application = SAMPLE_APPLICATION;

describe('request body limits (in process)', () => {
  let t: TestApp;
  let a: Agent;
  before(async () => {
    t = await createTestApp();
    a = t.agent();
    await a.get('/xxgk/apply');
  });
  after(() => t.close());

  test('a form past 1 MB declared in Content-Length gets a Chinese 413 page, the connection closed', async () => {
    const body = '_csrf=' + a.csrf + '&description=' + 'a'.repeat(1024 * 1024 + 10);
    const res = await a.request('/xxgk/apply', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) }, body });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('connection'), 'close');
    const html = await res.text();
    assert.match(html, /提交的内容过大/);
    assert.match(html, /1 MB/);
  });

  test('a chunked form without Content-Length is counted while streaming: 413', async () => {
    const res = await a.request('/subscriptions', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: streamed(40, 64 * 1024), duplex: 'half' } as RequestInit);
    assert.equal(res.status, 413);
    assert.match(await res.text(), /提交的内容过大/);
  });

  test('a form under the limit still works (the body read once is parsed again downstream)', async () => {
    const res = await a.post('/xxgk/track', { trackingNumber: 'X'.repeat(500 * 1024), queryCode: 'y' });
    assert.ok(res.status < 500 && res.status !== 413 && res.status !== 403, String(res.status));
  });

  test('JSON past 64 KB on the API gets a Chinese JSON 413, declared or streamed', async () => {
    const big = JSON.stringify({ received: '2025-09-22', events: [], pad: 'a'.repeat(70 * 1024) });
    const res = await a.request('/api/v1/deadline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    assert.equal(res.status, 413);
    const json = (await res.json()) as { error: string };
    assert.match(json.error, /请求体过大/);
    const streamedRes = await a.request('/api/v1/deadline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: streamed(20, 4096, 0x20), duplex: 'half' } as RequestInit);
    assert.equal(streamedRes.status, 413);
    assert.match(((await streamedRes.json()) as { error: string }).error, CJK);
  });

  test('JSON under the limit still reaches the API', async () => {
    const res = await a.request('/api/v1/deadline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ received: '2025-09-22', events: [] }) });
    assert.equal(res.status, 200);
  });

  test('files on a page that takes none: 415, before the body is read', async () => {
    const form = new FormData();
    form.set('_csrf', a.csrf);
    form.set('file', new File([new Uint8Array(1000)], 'x.bin'));
    const res = await a.request('/xxgk/apply', { method: 'POST', body: form });
    assert.equal(res.status, 415);
    assert.match(await res.text(), /此处不接受文件上传/);
  });

  test('a one-click unsubscribe sent as multipart (RFC 8058) is still a small form, not refused as a file', async () => {
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const res = await t.agent().request('/api/v1/subscriptions/unsubscribe?token=nonsense', { method: 'POST', body: form });
    assert.notEqual(res.status, 415);
    assert.ok(res.status < 500, String(res.status));
  });

  test('files on an upload page from someone not signed in: 401, before the body is read', async () => {
    const form = new FormData();
    form.set('file', new File([new Uint8Array(1000)], 'x.csv'));
    const res = await a.request('/console/ledgers/import', { method: 'POST', body: form });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /请先登录/);
  });

  test('files past GONGKAI_MAX_UPLOAD_MB from signed-in staff: 413; a malformed multipart body: 400', async () => {
    const officer = await t.signedIn('officer');
    await officer.get('/console/ledgers');
    const max = t.application.config.maxUploadBytes;
    const form = new FormData();
    form.set('_csrf', officer.csrf);
    form.set('file', new File([new Uint8Array(max + 1024 * 1024 + 1)], 'big.csv'));
    const res = await officer.request('/console/ledgers/import', { method: 'POST', body: form });
    assert.equal(res.status, 413);
    assert.match(await res.text(), /上传的文件过大/);
    const broken = await officer.request('/console/ledgers/import', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz', 'x-csrf-token': officer.csrf }, body: '--xyz\r\nbroken' });
    assert.equal(broken.status, 400);
    assert.match(await broken.text(), /表单格式有误/);
  });

  test('a malformed multipart body on a public page: 415, not 500', async () => {
    const res = await a.request('/xxgk/apply', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\nbroken' });
    assert.equal(res.status, 415);
  });

  test('a bad Content-Length is a 400', async () => {
    const res = await a.request('/xxgk/apply', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '-5' }, body: 'a=b' });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /Content-Length 无效/);
  });
});

describeEachDialect('control characters and out-of-range record numbers are refused alike on both stores', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ db: ctx.db });
  });
  after(() => t.close());

  const stored = async () => Number((await ctx.db.selectFrom('requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function submit(values: Record<string, string>): Promise<Response> {
    const a = t.agent();
    const page = await a.get('/xxgk/apply');
    return a.post('/xxgk/apply', { ...hiddenFields(await page.text()), ...values });
  }

  test('a NUL in an application form: 400 with a Chinese message, nothing stored; the same form without it is stored', async () => {
    const before = await stored();
    for (const [field, value] of [['name', '张\u0000晓明'], ['description', '请公开\u0000补贴明细'], ['address', '板桥村\u001b3组']] as const) {
      const res = await submit({ ...application, [field]: value });
      assert.equal(res.status, 400, field);
      assert.match(await res.text(), /控制字符/, field);
    }
    assert.equal(await stored(), before, 'nothing stored');
    const ok = await submit({ ...application, description: '请公开补贴明细\r\n第一项\t板桥村' });
    assert.equal(ok.status, 303, 'line breaks and tabs in multi-line text are kept');
    assert.equal(await stored(), before + 1);
  });

  test('a record number past 32 bits in a path: a Chinese 404, never a store error', async () => {
    for (const path of ['/xxgk/items/99999999999999999999', '/xxgk/items/2147483648', '/xxgk/annual-reports/99999999999/docx']) {
      const res = await t.agent().request(path);
      assert.equal(res.status, 404, path);
      assert.match(await res.text(), /页面不存在/, path);
    }
    const api = await t.agent().request('/api/v1/items/99999999999999999999');
    assert.equal(api.status, 404);
    assert.match(((await api.json()) as { error: string }).error, /不存在/);
  });

  test('control characters in query strings and JSON: 400 with Chinese text, never 500', async () => {
    const a = t.agent();
    for (const path of ['/xxgk/search?q=a%00b', '/xxgk/catalogue?category=%01', '/feeds/1.atom?category=%00', '/api/v1/items?genre=%00', '/api/v1/workdays/check?date=2026-01-01%0A']) {
      const res = await a.request(path);
      assert.equal(res.status, 400, path);
      assert.match(await res.text(), /控制字符/, path);
    }
    const json = await a.request('/api/v1/deadline', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ received: '2025-09-22\u0000', events: [] }) });
    assert.equal(json.status, 400);
    assert.match(((await json.json()) as { error: string }).error, /控制字符/);
  });
});

describe('request body limits over a real socket', () => {
  let t: TestApp;
  let server: ReturnType<typeof serve>;
  let port = 0;
  before(async () => {
    t = await createTestApp();
    server = serve({ fetch: t.application.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });

  test('50 MB streamed chunked to a form: 413, the connection closed, memory flat', async () => {
    // Warm up the route and the allocator so the measurement sees only the body.
    for (let i = 0; i < 3; i++) await fetch(`http://127.0.0.1:${port}/xxgk/apply`);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const total = 50 * 1024 * 1024;
    const result = await new Promise<{ status: number; body: string; sent: number; closed: boolean }>((resolve, reject) => {
      let sent = 0;
      let status = 0;
      let body = '';
      let closed = false;
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/xxgk/apply', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } });
      const timer = setTimeout(() => reject(new Error('no answer in 20 s')), 20_000);
      const finish = () => {
        clearTimeout(timer);
        resolve({ status, body, sent, closed });
      };
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          closed = res.headers.connection === 'close';
          finish();
        });
      });
      req.on('error', () => {
        if (status) finish();
      });
      const pump = () => {
        while (sent < total && status === 0) {
          sent += chunk.length;
          peak = Math.max(peak, process.memoryUsage().rss);
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (sent >= total) req.end();
      };
      pump();
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    const grown = (peak - rssBefore) / 1048576;
    console.log(`50 MB chunked form: answered ${result.status} after the client sent ${(result.sent / 1048576).toFixed(1)} MB; RSS +${grown.toFixed(1)} MB`);
    assert.equal(result.status, 413);
    assert.match(result.body, /提交的内容过大/);
    assert.ok(result.closed, 'Connection: close');
    assert.ok(result.sent < total, `the client could not send all 50 MB (sent ${result.sent})`);
    assert.ok(grown < 30, `RSS grew by ${grown.toFixed(1)} MB`);
  });
});
