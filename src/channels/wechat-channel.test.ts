import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createWechatChannel } from './wechat-channel.ts';
import type { AccountSettings, OutgoingMessage } from './channel-adapter.ts';

/** A local stand-in for api.weixin.qq.com with the published contracts and error codes of the endpoints used. */
const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'wechat-app-secret';
const state = {
  tokens: new Set<string>(),
  tokenCalls: 0,
  drafts: new Map<string, { articles: Array<Record<string, unknown>> }>(),
  published: [] as string[],
  templateMessages: [] as Array<Record<string, unknown>>,
};
const THUMB = 'THUMB_MEDIA_1';
const FOLLOWERS = new Set(['oFollower1', 'oBusy']);
const TEMPLATES = new Set(['TPL_REPLY']);
let server: Server;
let base = '';

function handle(path: string, query: URLSearchParams, body: Record<string, unknown> | undefined): Record<string, unknown> {
  const err = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: test` });
  if (path === '/cgi-bin/token') {
    state.tokenCalls += 1;
    if (query.get('grant_type') !== 'client_credential') return err(40002, 'invalid grant_type');
    if (query.get('appid') !== APP_ID) return err(40013, 'invalid appid');
    if (query.get('secret') !== APP_SECRET) return err(40125, 'invalid appsecret');
    const token = `TOKEN_${state.tokenCalls}`;
    state.tokens.add(token);
    return { access_token: token, expires_in: 7200 };
  }
  const token = query.get('access_token') ?? '';
  if (!token) return err(41001, 'access_token missing');
  if (token.startsWith('TOKEN_') && !state.tokens.has(token)) return err(42001, 'access_token expired');
  if (!state.tokens.has(token)) return err(40001, 'invalid credential, access_token is invalid or not latest');
  if (!body) return err(44002, 'empty post data');
  if (path === '/cgi-bin/draft/add') {
    const articles = body.articles as Array<Record<string, unknown>> | undefined;
    if (!Array.isArray(articles) || articles.length === 0) return err(44003, 'empty news data');
    for (const a of articles) {
      if (!a.content) return err(44004, 'empty content');
      if (!a.title || String(a.title).length > 64) return err(45003, 'title size out of limit');
      if (a.thumb_media_id !== THUMB) return err(40007, 'invalid media_id');
      if (a.digest && String(a.digest).length > 120) return err(45004, 'description size out of limit');
    }
    const mediaId = `DRAFT_${state.drafts.size + 1}`;
    state.drafts.set(mediaId, { articles });
    return { media_id: mediaId };
  }
  if (path === '/cgi-bin/freepublish/submit') {
    const mediaId = String(body.media_id ?? '');
    if (!state.drafts.has(mediaId)) return err(40007, 'invalid media_id');
    state.published.push(mediaId);
    return { errcode: 0, errmsg: 'ok', publish_id: 2247483647 + state.published.length, msg_data_id: 2247483647 };
  }
  if (path === '/cgi-bin/message/template/send') {
    if (body.touser === 'oBusy') return err(-1, 'system error');
    if (!FOLLOWERS.has(String(body.touser))) return err(40003, 'invalid openid');
    if (!TEMPLATES.has(String(body.template_id))) return err(40037, 'invalid template_id');
    state.templateMessages.push(body);
    return { errcode: 0, errmsg: 'ok', msgid: 200228332 + state.templateMessages.length };
  }
  return err(48001, 'api unauthorized');
}

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://localhost');
      const reply = handle(url.pathname, url.searchParams, req.method === 'POST' ? (JSON.parse(raw || '{}') as Record<string, unknown>) : undefined);
      res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const account = (secret = APP_SECRET): AccountSettings => ({
  enabled: true,
  config: { appId: APP_ID, apiBase: base, thumbMediaId: THUMB, templates: { request_replied: { templateId: 'TPL_REPLY', fields: { thing1: 'trackingNumber', time2: 'repliedOn', thing3: 'outcomeLabel' } } } },
  secrets: { appSecret: secret },
});
const article = (key: string): OutgoingMessage => ({
  idempotencyKey: key,
  channel: 'wechat',
  agencyId: 1,
  recipient: '微信公众号',
  template: 'item_published',
  payload: { title: '关于2026年冬季森林防火的通告', summary: '全镇进入森林防火紧要期，严禁野外用火。', agencyName: '黔城镇人民政府', indexNumber: '11431281MB1234567X/2026-00001', itemPath: '/xxgk/items/7' },
});
const reply = (openid: string): OutgoingMessage => ({
  idempotencyKey: `r-${openid}`,
  channel: 'wechat',
  agencyId: 1,
  recipient: openid,
  template: 'request_replied',
  payload: { trackingNumber: 'YSQ-2026-000001', repliedOn: '2026-12-01', outcomeLabel: '予以公开' },
});

test('a published item becomes a draft that is then published; the access token is fetched once and reused', async () => {
  const wechat = createWechatChannel({ publicUrl: 'https://xxgk.example.gov.cn' });
  const first = await wechat.send(article('item:7:v1:wechat'), account());
  assert.equal(first.kind, 'sent');
  assert.equal(first.kind === 'sent' && first.providerMessageId, '2247483648');
  const draft = state.drafts.get('DRAFT_1')!.articles[0]!;
  assert.equal(draft.title, '关于2026年冬季森林防火的通告');
  assert.equal(draft.content_source_url, 'https://xxgk.example.gov.cn/xxgk/items/7');
  assert.match(String(draft.content), /索引号：11431281MB1234567X\/2026-00001/);
  assert.deepEqual(state.published, ['DRAFT_1']);
  await wechat.send(article('item:8:v1:wechat'), account());
  assert.equal(state.tokenCalls, 1);
  assert.equal(wechat.isIdempotent(account()), false, 'the API has no idempotency key: an interrupted send is not repeated');
});

test('an expired token (42001) is renewed and the call repeated once', async () => {
  const wechat = createWechatChannel();
  await wechat.send(article('a'), account());
  const calls = state.tokenCalls;
  state.tokens.clear(); // the server expires every token
  const again = await wechat.send(article('b'), account());
  assert.equal(again.kind, 'sent');
  assert.equal(state.tokenCalls, calls + 1);
});

test('template messages to a follower; WeChat error codes decide final or retry', async () => {
  const wechat = createWechatChannel();
  const sent = await wechat.send(reply('oFollower1'), account());
  assert.equal(sent.kind, 'sent');
  assert.deepEqual(state.templateMessages.at(-1), { touser: 'oFollower1', template_id: 'TPL_REPLY', data: { thing1: { value: 'YSQ-2026-000001' }, time2: { value: '2026-12-01' }, thing3: { value: '予以公开' } } });
  const stranger = await wechat.send(reply('oStranger'), account());
  assert.ok(stranger.kind === 'failed' && !stranger.retryable && /40003/.test(stranger.error));
  const busy = await wechat.send(reply('oBusy'), account());
  assert.ok(busy.kind === 'failed' && busy.retryable && /微信接口错误 -1/.test(busy.error));
  const badSecret = await createWechatChannel().send(article('c'), account('wrong'));
  assert.ok(badSecret.kind === 'failed' && !badSecret.retryable && /40125/.test(badSecret.error));
  const noThumb = await wechat.send(article('d'), { ...account(), config: { ...account().config, thumbMediaId: undefined } });
  assert.ok(noThumb.kind === 'failed' && !noThumb.retryable && /微信接口错误 40007：invalid media_id/.test(noThumb.error));
  const noTemplate = await wechat.send({ ...reply('oFollower1'), template: 'fee_notice' }, account());
  assert.ok(noTemplate.kind === 'failed' && /渠道未配置/.test(noTemplate.error));
});
