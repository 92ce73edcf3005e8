/**
 * Fuzzing every public route and form, and the console login, in process on both stores: random,
 * oversized, control-character and wrong-type input (repeated fields, JSON to forms, files to
 * pages without uploads, odd methods and content types). Whatever comes in, the answer is never
 * a 5xx, and every 4xx says what went wrong in Chinese.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeEachDialect } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/web-harness.ts';

const CJK = /[\u4e00-\u9fff]/;
/** Runs per store: a few thousand requests in all, well under a minute. */
const RUNS = 1500;

const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '', ' ', '1e300', '-1', '0', '1', '2', 'NaN', 'Infinity', '99999999999999999999', '2147483648', '9007199254740993', '1.5', '0x10',
      '%', '%00', '%zz', '\u0000', 'a\u0000b', '\u001b[31m', '\r\n', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '\\',
      '2025-02-30', '2026-01-01', '9999-12-31', '0000-00-00', '2026-13-01', '[]', '{}', '[{"type":"extended"}]', '[{"type":"paused","from":"x"}]', 'null', 'true',
      '公开', '依申请公开', '保密', '黔城镇', 'large', 'valid', 'repealed', 'policy', 'interpretation', 'article20_1', '//evil.example', '/console',
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 3000 }) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 4 }).map((codes) => 'x' + String.fromCharCode(...codes) + 'y') },
);

const QUERY_NAMES = ['q', 'page', 'agency', 'category', 'year', 'validity', 'clause', 'domain', 'genre', 'offset', 'limit', 'received', 'events', 'paused', 'extended', 'clarification_requested', 'n', 'from', 'date', 'token', 'back', 'size', 'next', 'kind'];
const FORM_NAMES = ['type', 'name', 'identityKind', 'identityNumber', 'representative', 'phone', 'email', 'address', 'postcode', 'description', 'documentNumber', 'formWanted', 'deliveryMethod', 'needsAssistance', 'trackingNumber', 'queryCode', 'reply', 'documentId', 'letterId', 'agencyIds', 'categories', 'login', 'password', 'next', 'List-Unsubscribe'];

const id = fc.oneof(fc.nat({ max: 50 }).map(String), fc.constantFrom('0', '99999999999999999999', '2147483648', '1e3', 'abc', '-1'));

const GET_PATHS = fc.oneof(
  fc.constantFrom('/', '/xxgk/guide', '/xxgk/rules', '/xxgk/catalogue', '/xxgk/search', '/xxgk/interpretations', '/xxgk/village-affairs', '/xxgk/annual-reports', '/xxgk/apply', '/xxgk/track', '/xxgk/request-statistics', '/subscriptions', '/subscriptions/confirm', '/subscriptions/unsubscribe', '/api/v1/items', '/api/v1/deadline', '/api/v1/workdays/add', '/api/v1/workdays/check', '/sitemap.xml', '/robots.txt', '/text-size', '/console/login', '/healthz', '/static/site.css'),
  id.map((x) => `/xxgk/items/${x}`),
  fc.tuple(id, fc.constantFrom('a'.repeat(64), 'f'.repeat(64), '0')).map(([x, f]) => `/xxgk/items/${x}/files/${f}`),
  id.map((x) => `/xxgk/village-affairs/${x}`),
  id.map((x) => `/xxgk/annual-reports/${x}`),
  id.map((x) => `/xxgk/annual-reports/${x}/docx`),
  id.map((x) => `/api/v1/items/${x}`),
  fc.oneof(id, fc.constantFrom('1.atom', 'x.atom', '99999999999999999999.atom')).map((x) => `/feeds/${x}`),
  nasty.map((x) => `/xxgk/${encodeURIComponent(x)}`),
);

const POST_PATHS = fc.constantFrom('/xxgk/apply', '/xxgk/track', '/xxgk/track/clarify', '/xxgk/track/document', '/xxgk/track/letter', '/subscriptions', '/subscriptions/confirm', '/subscriptions/unsubscribe', '/api/v1/subscriptions/unsubscribe', '/api/v1/deadline', '/console/login', '/text-size', '/xxgk/catalogue');

/** The query parameters each route reads, so that a random case often reaches the code behind them. */
const NAMES_BY_PATH: ReadonlyArray<[string, string[]]> = [
  ['/xxgk/search', ['q', 'page', 'agency', 'category', 'year', 'validity']],
  ['/xxgk/catalogue', ['page', 'agency', 'clause', 'category', 'domain', 'year', 'validity']],
  ['/api/v1/items', ['agency', 'clause', 'category', 'genre', 'year', 'limit', 'offset']],
  ['/api/v1/deadline', ['received', 'events', 'paused', 'extended', 'clarification_requested', 'clarification_received']],
  ['/api/v1/workdays', ['from', 'n', 'date']],
  ['/feeds/', ['category']],
  ['/text-size', ['size', 'back']],
  ['/console/login', ['next']],
  ['/subscriptions', ['token']],
  ['/api/v1/subscriptions', ['token']],
];
const namesFor = (path: string) => NAMES_BY_PATH.find(([prefix]) => path.startsWith(prefix))?.[1] ?? ['page'];

const params = (names: string[]) => fc.array(fc.tuple(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: nasty }), nasty), { maxLength: 6 });

/** A query string: usually well encoded, sometimes raw (bad percent-escapes and all). */
const queryString = (path: string) =>
  fc.oneof(
    { weight: 4, arbitrary: params(namesFor(path)).map((pairs) => new URLSearchParams(pairs).toString()) },
    { weight: 1, arbitrary: params(QUERY_NAMES).map((pairs) => new URLSearchParams(pairs).toString()) },
    { weight: 1, arbitrary: nasty.map((s) => s.replace(/[#\s]/g, '')) },
  );

type Body = { kind: 'form' | 'json' | 'multipart' | 'raw-form' | 'raw-multipart' | 'raw-json' | 'text' | 'none'; pairs: Array<[string, string]>; json: unknown; raw: string };

const body: fc.Arbitrary<Body> = fc.record({
  kind: fc.constantFrom('form', 'form', 'form', 'json', 'multipart', 'raw-form', 'raw-multipart', 'raw-json', 'text', 'none'),
  raw: nasty,
  pairs: params(FORM_NAMES),
  json: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ received: nasty, events: fc.oneof(fc.array(fc.record({ type: nasty, on: nasty, workdays: fc.oneof(fc.integer(), fc.double()) })), nasty) })),
});

/** Origin headers: mostly none, sometimes foreign, null or not a URL at all. */
const origin = fc.option(fc.constantFrom('http://localhost', 'http://evil.example', 'null', 'http://[bad', '::::', 'http://', 'http://localhost:99999'), { freq: 3 });

const requestCase = fc.oneof(
  { weight: 5, arbitrary: GET_PATHS.chain((path) => fc.record({ method: fc.constant('GET'), path: fc.constant(path), query: queryString(path), body: fc.constant<Body>({ kind: 'none', pairs: [], json: null, raw: '' }), validCsrf: fc.constant(true), origin: fc.constant(null) })) },
  { weight: 4, arbitrary: POST_PATHS.chain((path) => fc.record({ method: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'), path: fc.constant(path), query: queryString(path), body, validCsrf: fc.boolean(), origin })) },
);

describeEachDialect('fuzzing the public web', (ctx) => {
  let t: TestApp;
  let cookie = '';
  let csrf = '';
  before(async () => {
    t = await createTestApp({ db: ctx.db });
    const agent = t.agent();
    await agent.get('/xxgk/apply');
    csrf = agent.csrf;
    cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  });
  after(() => t.close());

  test(`${RUNS} random requests: no 5xx, every 4xx answered in Chinese`, { timeout: 120_000 }, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(requestCase, async (r) => {
        n += 1;
        const headers = new Headers({ host: 'localhost', cookie });
        if (r.origin !== null) headers.set('origin', r.origin);
        let payload: RequestInit['body'];
        const token = r.validCsrf ? csrf : 'forged';
        if (r.method !== 'GET' && r.body.kind !== 'none') {
          if (r.body.kind === 'form') {
            const form = new URLSearchParams(r.body.pairs);
            form.append('_csrf', token);
            payload = form;
          } else if (r.body.kind === 'multipart') {
            const form = new FormData();
            for (const [k, v] of r.body.pairs) form.append(k, v);
            form.append('_csrf', token);
            form.append('file', new File([new TextEncoder().encode('附件')], 'a.txt', { type: 'text/plain' }));
            payload = form;
          } else if (r.body.kind === 'raw-form') {
            headers.set('content-type', 'application/x-www-form-urlencoded');
            payload = `_csrf=${token}&${r.body.raw}`;
          } else if (r.body.kind === 'raw-multipart') {
            headers.set('content-type', r.body.raw.length % 2 ? 'multipart/form-data; boundary=xyz' : 'multipart/form-data');
            headers.set('x-csrf-token', token);
            payload = `--xyz\r\n${r.body.raw}`;
          } else if (r.body.kind === 'raw-json') {
            headers.set('content-type', 'application/json');
            payload = r.body.raw;
          } else if (r.body.kind === 'json') {
            headers.set('content-type', 'application/json');
            headers.set('x-csrf-token', token);
            payload = JSON.stringify(r.body.json);
          } else {
            headers.set('content-type', 'text/plain');
            payload = r.body.pairs.map(([k, v]) => `${k}=${v}`).join('\n');
          }
        }
        // A distinct client address per request, so that the per-address rate limits do not mask the routes.
        const env = { incoming: { socket: { remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, remotePort: 40000, remoteFamily: 'IPv4' } } };
        const url = `http://localhost${r.path}${r.query ? `?${r.query}` : ''}`;
        const res = await t.application.app.request(url, { method: r.method, headers, body: payload }, env);
        const text = await res.text();
        const where = `${r.method} ${url.slice(0, 300)} → ${res.status}: ${text.slice(0, 200)}`;
        assert.ok(res.status < 500, where);
        if (res.status >= 400) {
          assert.ok(text.length > 0, `empty ${where}`);
          assert.match(text, CJK, `not Chinese: ${where}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
