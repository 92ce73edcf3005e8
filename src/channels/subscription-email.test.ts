import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { createEmailChannel } from './email-channel.ts';
import type { AccountSettings, OutgoingMessage } from './channel-adapter.ts';

const received: string[] = [];
let server: SMTPServer;
let port = 0;

before(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback(null, 'Queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as { port: number }).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const account = (): AccountSettings => ({ enabled: true, config: { host: '127.0.0.1', port, secure: false, from: '黔城镇政务公开 <xxgk@example.gov.cn>' }, secrets: {} });

const notice = (key: string, extra: Record<string, unknown> = {}): OutgoingMessage => ({
  idempotencyKey: key,
  channel: 'email',
  agencyId: 1,
  recipient: 'reader@example.com',
  template: 'item_published',
  payload: { agencyName: '黔城镇人民政府', title: '冬季防火通告', summary: '', itemPath: '/xxgk/items/7', ...extra },
});

test('a subscriber’s notice carries List-Unsubscribe with RFC 8058 one-click; other mail does not', async () => {
  const channel = createEmailChannel({ publicUrl: 'https://xxgk.example.gov.cn' });
  const sent = await channel.send(
    notice('item:7:v1:subscription:3', { unsubscribePath: '/subscriptions/unsubscribe?token=TOKEN_abc_123', oneClickUnsubscribePath: '/api/v1/subscriptions/unsubscribe?token=TOKEN_abc_123' }),
    account(),
  );
  assert.equal(sent.kind, 'sent');
  const raw = received.at(-1)!.replace(/\r?\n[ \t]+/g, ' ');
  assert.match(raw, /^List-Unsubscribe: <https:\/\/xxgk\.example\.gov\.cn\/api\/v1\/subscriptions\/unsubscribe\?token=TOKEN_abc_123>$/m);
  assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

  assert.equal((await channel.send(notice('item:7:v1:email:staff@example.com'), account())).kind, 'sent');
  assert.doesNotMatch(received.at(-1)!, /List-Unsubscribe/i);

  // Without a public URL there is no absolute link to offer: no header (the body still carries the path).
  assert.equal((await createEmailChannel().send(notice('item:7:v1:subscription:4', { unsubscribePath: '/subscriptions/unsubscribe?token=T', oneClickUnsubscribePath: '/api/v1/subscriptions/unsubscribe?token=T' }), account())).kind, 'sent');
  assert.doesNotMatch(received.at(-1)!, /List-Unsubscribe/i);
});
