import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createEmailChannel } from './email-channel.ts';
import type { AccountSettings, OutgoingMessage } from './channel-adapter.ts';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

const received: Received[] = [];
// The raw connections, so that the fake server can drop one mid-dialogue (the tests send one at a time).
const connections: Socket[] = [];
const latestConnection = () => connections[connections.length - 1];
let server: SMTPServer;
let port = 0;

before(async () => {
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'gongkai' && auth.password === 'smtp-password') return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('drop-at-rcpt@')) {
        latestConnection()?.destroy();
        return;
      }
      if (address.address.startsWith('nobody@')) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      if (address.address.startsWith('busy@')) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      return callback();
    },
    onData(stream, session, callback) {
      // A server that takes the whole message, then drops the connection before its 250 reply.
      if (session.envelope.rcptTo.some((r) => r.address.startsWith('drop-after-data@'))) {
        stream.on('data', () => {});
        stream.on('end', () => {
          received.push({ from: '', to: session.envelope.rcptTo.map((r) => r.address), user: undefined, raw: '' });
          latestConnection()?.destroy();
        });
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8') });
        callback(null, 'Queued as TEST1');
      });
    },
  });
  server.server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as { port: number }).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const account = (overrides: Record<string, unknown> = {}, secrets: Record<string, string> = { password: 'smtp-password' }): AccountSettings => ({
  enabled: true,
  config: { host: '127.0.0.1', port, secure: false, user: 'gongkai', from: '黔城镇政务公开 <gongkai@qiancheng.example.gov.cn>', ...overrides },
  secrets,
});

const message = (to: string, key = 'request-notice:1'): OutgoingMessage => ({
  idempotencyKey: key,
  channel: 'email',
  agencyId: 1,
  recipient: to,
  template: 'request_received',
  payload: { trackingNumber: 'YSQ-2026-000001', applicantName: '张晓梅', agencyName: '黔城镇人民政府', receivedOn: '2026-11-26', dueOn: '2026-12-24' },
});

test('email goes through SMTP with authentication, the Chinese notice and the idempotency key as Message-ID', async () => {
  const email = createEmailChannel();
  const outcome = await email.send(message('zhangxm@example.com'), account());
  assert.equal(outcome.kind, 'sent');
  assert.equal(received.length, 1);
  const mail = received[0]!;
  assert.deepEqual(mail.to, ['zhangxm@example.com']);
  assert.equal(mail.from, 'gongkai@qiancheng.example.gov.cn');
  assert.equal(mail.user, 'gongkai');
  assert.match(mail.raw, /Message-ID: <request-notice:1@gongkai>/i);
  assert.match(mail.raw, /X-Gongkai-Idempotency-Key: request-notice:1/);
  assert.match(mail.raw, /Content-Transfer-Encoding: base64/);
  const body = Buffer.from(mail.raw.split(/\r?\n\r?\n/).slice(1).join('').replace(/\s+/g, ''), 'base64').toString('utf8');
  assert.equal(body, '张晓梅：黔城镇人民政府已于 2026-11-26 收到您的政府信息公开申请（编号 YSQ-2026-000001），答复期限至 2026-12-24。');
  assert.match(mail.raw, /Subject: =\?UTF-8\?/, 'a Chinese subject, encoded');
  assert.equal(email.isIdempotent(account()), false, 'SMTP does not deduplicate: an interrupted send is not repeated');
});

test('SMTP refusals: 5xx is final, 4xx and an unreachable server are retried, wrong password is final', async () => {
  const email = createEmailChannel({ timeoutMs: 2000 });
  const permanent = await email.send(message('nobody@example.com', 'k2'), account());
  assert.equal(permanent.kind, 'failed');
  assert.ok(permanent.kind === 'failed' && !permanent.retryable && /550/.test(permanent.error));
  const later = await email.send(message('busy@example.com', 'k3'), account());
  assert.ok(later.kind === 'failed' && later.retryable && /451/.test(later.error));
  const auth = await email.send(message('zhangxm@example.com', 'k4'), account({}, { password: 'wrong' }));
  assert.ok(auth.kind === 'failed' && !auth.retryable && /535/.test(auth.error));
  const down = await email.send(message('zhangxm@example.com', 'k5'), account({ port: 1 }));
  assert.ok(down.kind === 'failed' && down.retryable && /邮件服务器连接失败/.test(down.error));
  const missing = await email.send(message('zhangxm@example.com', 'k6'), { enabled: true, config: {}, secrets: {} });
  assert.ok(missing.kind === 'failed' && !missing.retryable && /渠道未配置/.test(missing.error));
});

test('a connection dropped after the message data, before the server’s 250: 结果不明, not a retryable failure (it may have been delivered)', async () => {
  const email = createEmailChannel();
  const before = received.length;
  const outcome = await email.send(message('drop-after-data@example.com', 'k-drop-1'), account());
  assert.equal(received.length, before + 1, 'the server did receive the whole message');
  assert.equal(outcome.kind, 'uncertain');
  assert.ok(outcome.kind === 'uncertain' && /发送结果不明/.test(outcome.error));
  // Dropped before the data: nothing was handed over, so retrying is safe.
  const early = await email.send(message('drop-at-rcpt@example.com', 'k-drop-2'), account());
  assert.ok(early.kind === 'failed' && early.retryable, JSON.stringify(early));
});
