import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { composeWeiboPost, createWeiboChannel } from './weibo-channel.ts';
import type { OutgoingMessage } from './channel-adapter.ts';

const message = (title: string, summary = ''): OutgoingMessage => ({ idempotencyKey: 'item:1:v1:weibo', channel: 'weibo', agencyId: 1, recipient: '政务微博', template: 'item_published', payload: { title, summary, itemPath: '/xxgk/items/1' } });

test('without a token: a ready-to-paste post with the link, within 140 characters', async () => {
  const weibo = createWeiboChannel({ publicUrl: 'https://xxgk.example.gov.cn/' });
  const outcome = await weibo.send(message('关于2026年冬季森林防火的通告', '全镇进入森林防火紧要期。'), undefined);
  assert.deepEqual(outcome, { kind: 'manual', text: '【关于2026年冬季森林防火的通告】全镇进入森林防火紧要期。 https://xxgk.example.gov.cn/xxgk/items/1' });
  const long = composeWeiboPost(message('长'.repeat(200)).payload, 'https://xxgk.example.gov.cn');
  assert.ok(long.endsWith('… https://xxgk.example.gov.cn/xxgk/items/1'));
  assert.equal([...long.split(' ')[0]!].length, 128, '140 less a short link');
});

test('with a token: statuses/share; a repeated text counts as posted; rate limits are retried', async () => {
  const posts: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url !== '/2/statuses/share.json') return reply(404, { error: 'not found', error_code: 10014 });
      if (form.get('access_token') !== 'weibo-token') return reply(403, { error: 'invalid_access_token', error_code: 21332, request: req.url });
      const status = form.get('status')!;
      if (status.includes('限流')) return reply(403, { error: 'User requests out of rate limit!', error_code: 10023, request: req.url });
      if (posts.some((p) => p.get('status') === status)) return reply(400, { error: 'repeated weibo text!', error_code: 20019, request: req.url });
      posts.push(form);
      reply(200, { id: 5000000000000000 + posts.length, idstr: String(5000000000000000 + posts.length), text: status });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const account = { enabled: true, config: { apiBase: `http://127.0.0.1:${(server.address() as { port: number }).port}` }, secrets: { accessToken: 'weibo-token' } };
    const weibo = createWeiboChannel({ publicUrl: 'https://xxgk.example.gov.cn' });
    assert.deepEqual(await weibo.send(message('森林防火通告'), account), { kind: 'sent', providerMessageId: '5000000000000001' });
    assert.equal(posts[0]!.get('status'), '【森林防火通告】 https://xxgk.example.gov.cn/xxgk/items/1');
    assert.deepEqual(await weibo.send(message('森林防火通告'), account), { kind: 'sent', detail: '微博提示内容重复，此前已发布' });
    const limited = await weibo.send(message('限流'), account);
    assert.ok(limited.kind === 'failed' && limited.retryable && /10023/.test(limited.error));
    const bad = await weibo.send(message('通告'), { ...account, secrets: { accessToken: 'expired' } });
    assert.ok(bad.kind === 'failed' && !bad.retryable && /21332/.test(bad.error));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
