import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { aliyunSignature, createSmsChannel, webhookSignature } from './sms-channel.ts';
import { fillTemplate, templateParams, templateVariables } from './message-templates.ts';
import type { AccountSettings, OutgoingMessage } from './channel-adapter.ts';

const ACCESS_KEY_ID = 'LTAI-test-id';
const ACCESS_KEY_SECRET = 'aliyun-test-secret';
/** The templates the fake provider has approved: code → text with ${var}. */
const APPROVED: Record<string, string> = { SMS_0001: '您的政府信息公开申请${trackingNumber}已受理，答复期限至${dueOn}。', SMS_0002: '${agencyName}发布：${title}，详见${link}' };

const aliyunRequests: URLSearchParams[] = [];
const webhookRequests: Array<{ headers: IncomingMessage['headers']; body: Record<string, unknown> }> = [];
const nonces = new Set<string>();
let server: Server;
let base = '';

/** The provider's side of the RPC signature, written independently of the adapter. */
function expectedSignature(query: URLSearchParams): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~').replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29');
  const pairs = [...query.entries()].filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return createHmac('sha1', ACCESS_KEY_SECRET + '&').update(`GET&%2F&${enc(canonical)}`).digest('base64');
}

function aliyun(query: URLSearchParams): { status: number; body: Record<string, unknown> } {
  const requestId = `REQ-${aliyunRequests.length}`;
  const error = (status: number, Code: string, Message: string) => ({ status, body: { RequestId: requestId, Code, Message } });
  for (const k of ['AccessKeyId', 'Action', 'Format', 'PhoneNumbers', 'SignName', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'TemplateCode', 'Timestamp', 'Version', 'Signature']) {
    if (!query.get(k)) return error(400, 'MissingParameter', `${k} is mandatory for this action.`);
  }
  if (query.get('Action') !== 'SendSms' || query.get('Version') !== '2017-05-25') return error(400, 'InvalidAction.NotFound', 'Specified api is not found');
  if (query.get('AccessKeyId') !== ACCESS_KEY_ID) return error(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (query.get('SignatureMethod') !== 'HMAC-SHA1' || query.get('SignatureVersion') !== '1.0') return error(400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(query.get('Timestamp')!) || Math.abs(Date.parse(query.get('Timestamp')!) - Date.now()) > 15 * 60_000) return error(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  if (query.get('Signature') !== expectedSignature(query)) return error(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  if (nonces.has(query.get('SignatureNonce')!)) return error(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  nonces.add(query.get('SignatureNonce')!);
  const text = APPROVED[query.get('TemplateCode')!];
  if (!text) return error(200, 'isv.SMS_TEMPLATE_ILLEGAL', '模板不合法(不存在或被拉黑)');
  let params: Record<string, string>;
  try {
    params = JSON.parse(query.get('TemplateParam') ?? '{}') as Record<string, string>;
  } catch {
    return error(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  }
  if ([...text.matchAll(/\$\{(\w+)\}/g)].some((m) => typeof params[m[1]!] !== 'string')) return error(200, 'isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量');
  if (Object.entries(params).some(([k, v]) => k !== 'link' && [...v].length > 35)) return error(200, 'isv.PARAM_LENGTH_LIMIT', '参数超出长度限制');
  const phone = query.get('PhoneNumbers')!;
  if (!/^1\d{10}$/.test(phone)) return error(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  if (phone === '13999999999') return error(200, 'isv.BUSINESS_LIMIT_CONTROL', '触发号码天级流控Permits:10');
  aliyunRequests.push(query);
  return { status: 200, body: { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: `BIZ${aliyunRequests.length}` } };
}

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://localhost');
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/aliyun/') {
        const r = aliyun(url.searchParams);
        return reply(r.status, r.body);
      }
      const body = JSON.parse(raw) as Record<string, unknown>;
      if (req.headers['x-gongkai-signature'] !== webhookSignature('webhook-secret', String(req.headers['x-gongkai-timestamp']), raw)) return reply(401, { error: 'bad_signature', message: '签名错误' });
      webhookRequests.push({ headers: req.headers, body });
      if (body.to === '13500000503') return reply(503, { message: '网关繁忙' });
      if (body.to === '13500000400') return reply(400, { message: '号码已停机' });
      return reply(200, { id: `wh-${req.headers['idempotency-key']}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const notice = (to: string, key = `k-${to}`): OutgoingMessage => ({
  idempotencyKey: key,
  channel: 'sms',
  agencyId: 1,
  recipient: to,
  template: 'request_received',
  payload: { trackingNumber: 'YSQ-2026-000001', receivedOn: '2026-11-26', dueOn: '2026-12-24', applicantName: '张晓梅', agencyName: '黔城镇人民政府' },
});

const aliyunAccount = (secret = ACCESS_KEY_SECRET, id = ACCESS_KEY_ID): AccountSettings => ({
  enabled: true,
  config: { provider: 'aliyun', url: `${base}/aliyun/`, accessKeyId: id, signName: '黔城镇人民政府', templates: { request_received: { code: 'SMS_0001', text: APPROVED.SMS_0001 }, item_published: { code: 'SMS_0002', text: APPROVED.SMS_0002 } } },
  secrets: { accessKeySecret: secret },
});

test('Aliyun RPC signature matches the documented example (HMAC-SHA1, signature version 1.0)', () => {
  const { signature, stringToSign } = aliyunSignature(
    { AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1', SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26' },
    'testsecret',
  );
  assert.match(stringToSign, /^GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions.*Timestamp%3D2016-02-23T12%253A46%253A24Z/);
  assert.equal(signature, 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
});

test('provider templates use ${name} variables, filled from the payload and cut to the provider’s limit', () => {
  assert.deepEqual(templateVariables(APPROVED.SMS_0002!), ['agencyName', 'title', 'link']);
  const { params, missing } = templateParams({ agencyName: '黔城镇人民政府', title: '关于2026年度城乡居民基本医疗保险参保缴费工作的通知（含缴费标准与办理渠道）', itemPath: '/xxgk/items/9' }, { text: APPROVED.SMS_0002!, maxLength: 35, publicUrl: 'https://xxgk.example.gov.cn' });
  assert.deepEqual(missing, []);
  assert.equal([...params.title!].length, 35);
  assert.ok(params.title!.endsWith('…'));
  assert.equal(params.link, 'https://xxgk.example.gov.cn/xxgk/items/9');
  assert.equal(fillTemplate('申请${trackingNumber}', { trackingNumber: 'YSQ-1' }), '申请YSQ-1');
  assert.deepEqual(templateParams({}, { text: '${x}' }).missing, ['x']);
});

test('Aliyun SendSms: signed request accepted; flow control retried; bad number, bad key, bad secret final', async () => {
  const sms = createSmsChannel({ publicUrl: 'https://xxgk.example.gov.cn' });
  const ok = await sms.send(notice('13800001111', 'request-notice:7'), aliyunAccount());
  assert.deepEqual(ok, { kind: 'sent', providerMessageId: 'BIZ1', detail: 'RequestId REQ-0' });
  const q = aliyunRequests[0]!;
  assert.equal(q.get('PhoneNumbers'), '13800001111');
  assert.equal(q.get('SignName'), '黔城镇人民政府');
  assert.equal(q.get('TemplateCode'), 'SMS_0001');
  assert.deepEqual(JSON.parse(q.get('TemplateParam')!), { trackingNumber: 'YSQ-2026-000001', dueOn: '2026-12-24' });
  assert.equal(q.get('OutId'), 'request-notice:7');
  const published = await sms.send({ ...notice('13800001112'), template: 'item_published', payload: { agencyName: '黔城镇人民政府', title: '森林防火通告', itemPath: '/xxgk/items/3' } }, aliyunAccount());
  assert.equal(published.kind, 'sent');
  assert.equal(JSON.parse(aliyunRequests[1]!.get('TemplateParam')!).link, 'https://xxgk.example.gov.cn/xxgk/items/3');

  const limited = await sms.send(notice('13999999999'), aliyunAccount());
  assert.ok(limited.kind === 'failed' && limited.retryable && /isv\.BUSINESS_LIMIT_CONTROL/.test(limited.error));
  const illegal = await sms.send(notice('1380000'), aliyunAccount());
  assert.ok(illegal.kind === 'failed' && !illegal.retryable && /isv\.MOBILE_NUMBER_ILLEGAL/.test(illegal.error));
  const badSecret = await sms.send(notice('13800001113'), aliyunAccount('wrong-secret'));
  assert.ok(badSecret.kind === 'failed' && !badSecret.retryable && /SignatureDoesNotMatch/.test(badSecret.error));
  const badKey = await sms.send(notice('13800001114'), aliyunAccount(ACCESS_KEY_SECRET, 'LTAI-unknown'));
  assert.ok(badKey.kind === 'failed' && !badKey.retryable && /InvalidAccessKeyId\.NotFound/.test(badKey.error));
  const noTemplate = await sms.send({ ...notice('13800001115'), template: 'fee_notice' }, aliyunAccount());
  assert.ok(noTemplate.kind === 'failed' && /短信模板（fee_notice）/.test(noTemplate.error));
  assert.equal(sms.isIdempotent(aliyunAccount()), false, 'OutId is an echo, not deduplication');
});

test('signed webhook: HMAC over timestamp and body, Idempotency-Key header, 5xx retried, 4xx final', async () => {
  const sms = createSmsChannel();
  const account: AccountSettings = { enabled: true, config: { provider: 'webhook', url: `${base}/webhook`, signName: '黔城镇' }, secrets: { webhookSecret: 'webhook-secret' } };
  const sent = await sms.send(notice('13800002222', 'request-notice:9'), account);
  assert.deepEqual(sent, { kind: 'sent', providerMessageId: 'wh-request-notice:9' });
  const r = webhookRequests.at(-1)!;
  assert.equal(r.headers['idempotency-key'], 'request-notice:9');
  assert.equal(r.body.to, '13800002222');
  assert.equal(r.body.text, '张晓梅：黔城镇人民政府已于 2026-11-26 收到您的政府信息公开申请（编号 YSQ-2026-000001），答复期限至 2026-12-24。');
  const busy = await sms.send(notice('13500000503'), account);
  assert.ok(busy.kind === 'failed' && busy.retryable && /503/.test(busy.error));
  const dead = await sms.send(notice('13500000400'), account);
  assert.ok(dead.kind === 'failed' && !dead.retryable && /号码已停机/.test(dead.error));
  const wrong = await sms.send(notice('13800002223'), { ...account, secrets: { webhookSecret: 'other' } });
  assert.ok(wrong.kind === 'failed' && !wrong.retryable && /401/.test(wrong.error));
  assert.equal(sms.isIdempotent(account), true);
  const templated = await sms.send(notice('13800002224'), { ...account, config: { ...account.config, templates: { request_received: { code: 'T9', text: '申请${trackingNumber}已受理' } } } });
  assert.equal(templated.kind, 'sent');
  assert.equal(webhookRequests.at(-1)!.body.text, '申请YSQ-2026-000001已受理');
  assert.deepEqual(webhookRequests.at(-1)!.body.params, { trackingNumber: 'YSQ-2026-000001' });
});
