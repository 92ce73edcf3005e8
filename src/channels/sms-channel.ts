/**
 * SMS through an HTTP gateway: either a generic signed webhook (our contract: JSON body, HMAC-SHA256
 * signature over timestamp and body, `Idempotency-Key` header the gateway must honour), or Aliyun's
 * 短信服务 SendSms API (dysmsapi, RPC style, signature version 1.0 HMAC-SHA1). Each message type maps
 * to a template the provider approved, with variables in the provider's `${name}` syntax.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { networkFailure, notConfigured, setting, type AdapterOptions, type ChannelAdapter, type OutgoingMessage, type SendOutcome, type AccountSettings, publicUrlProblem } from './channel-adapter.ts';
import { fillTemplate, renderMessage, templateParams } from './message-templates.ts';

/** Aliyun's per-variable length limit for notice templates. */
const ALIYUN_MAX_PARAM = 35;

/** Percent-encoding of Aliyun's RPC signature (RFC 3986: space as %20, `*` as %2A, `~` kept). */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The canonical query string and the signature of Aliyun's RPC signature method (HMAC-SHA1, version 1.0). */
export function aliyunSignature(params: Record<string, string>, accessKeySecret: string, method = 'GET'): { canonical: string; stringToSign: string; signature: string } {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  const signature = createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
  return { canonical, stringToSign, signature };
}

/** The signature header of the generic webhook: `sha256=` HMAC-SHA256 of `timestamp.body`. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Aliyun error codes worth retrying later (flow control, provider trouble); the rest need a person. */
const ALIYUN_RETRYABLE = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'isp.SYSTEM_ERROR', 'isp.RAM_PERMISSION_DENY', 'Throttling.User', 'ServiceUnavailable', 'InternalError']);

function providerTemplate(message: OutgoingMessage, account: AccountSettings): { code: string; text?: string } | undefined {
  const templates = (account.config.templates ?? {}) as Record<string, { code?: unknown; text?: unknown }>;
  const t = templates[message.template];
  if (!t || typeof t.code !== 'string') return undefined;
  return { code: t.code, ...(typeof t.text === 'string' && { text: t.text }) };
}

/** Creates the SMS adapter. */
export function createSmsChannel(options: AdapterOptions = {}): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  const timeout = () => AbortSignal.timeout(options.timeoutMs ?? 15_000);

  async function viaWebhook(message: OutgoingMessage, account: AccountSettings): Promise<SendOutcome> {
    const url = setting(account.config, 'url');
    const secret = account.secrets.webhookSecret;
    if (!url || !secret) return notConfigured('短信网关地址或签名密钥');
    const template = providerTemplate(message, account);
    const { params, missing } = templateParams(message.payload, { ...(template?.text !== undefined && { text: template.text }), publicUrl: options.publicUrl });
    if (missing.length) return { kind: 'failed', error: `短信模板变量缺少取值：${missing.join('、')}`, retryable: false };
    const text = template?.text ? fillTemplate(template.text, params) : renderMessage(message.template, message.payload, options.publicUrl).text;
    const body = JSON.stringify({ idempotencyKey: message.idempotencyKey, to: message.recipient, text, templateCode: template?.code ?? null, params, signName: setting(account.config, 'signName') ?? null });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey, 'x-gongkai-timestamp': timestamp, 'x-gongkai-signature': webhookSignature(secret, timestamp, body) },
        body,
        signal: timeout(),
      });
    } catch (e) {
      return networkFailure(e, '短信网关');
    }
    const reply = (await res.json().catch(() => ({}))) as { id?: unknown; error?: unknown; message?: unknown };
    if (res.ok) return { kind: 'sent', ...(reply.id !== undefined && { providerMessageId: String(reply.id) }) };
    const why = String(reply.message ?? reply.error ?? res.statusText);
    return { kind: 'failed', error: `短信网关返回 ${res.status}：${why}`, retryable: res.status === 429 || res.status >= 500 };
  }

  async function viaAliyun(message: OutgoingMessage, account: AccountSettings): Promise<SendOutcome> {
    const accessKeyId = setting(account.config, 'accessKeyId');
    const secret = account.secrets.accessKeySecret;
    const signName = setting(account.config, 'signName');
    if (!accessKeyId || !secret || !signName) return notConfigured('阿里云 AccessKey 或短信签名');
    const template = providerTemplate(message, account);
    if (!template) return notConfigured(`短信模板（${message.template}）`);
    const { params, missing } = templateParams(message.payload, { ...(template.text !== undefined && { text: template.text }), maxLength: ALIYUN_MAX_PARAM, publicUrl: options.publicUrl });
    if (missing.length) return { kind: 'failed', error: `短信模板变量缺少取值：${missing.join('、')}`, retryable: false };
    const query: Record<string, string> = {
      AccessKeyId: accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: message.idempotencyKey.slice(0, 256),
      PhoneNumbers: message.recipient,
      RegionId: 'cn-hangzhou',
      SignName: signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: template.code,
      TemplateParam: JSON.stringify(params),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    const { canonical, signature } = aliyunSignature(query, secret);
    const endpoint = setting(account.config, 'url') ?? 'https://dysmsapi.aliyuncs.com/';
    let res: Response;
    try {
      res = await doFetch(`${endpoint}?Signature=${aliyunPercentEncode(signature)}&${canonical}`, { method: 'GET', signal: timeout() });
    } catch (e) {
      return networkFailure(e, '阿里云短信');
    }
    const reply = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string; RequestId?: string };
    if (reply.Code === 'OK') return { kind: 'sent', ...(reply.BizId && { providerMessageId: reply.BizId }), detail: `RequestId ${reply.RequestId ?? ''}` };
    const code = reply.Code ?? `HTTP ${res.status}`;
    return { kind: 'failed', error: `阿里云短信 ${code}：${reply.Message ?? res.statusText}`, retryable: ALIYUN_RETRYABLE.has(code) || res.status >= 500 };
  }

  return {
    channel: 'sms',
    unavailable: () => publicUrlProblem(options.publicUrl),
    // The webhook contract requires the gateway to honour Idempotency-Key; Aliyun's OutId is only an echo.
    isIdempotent: (account) => account?.config.provider === 'webhook',
    async send(message, account) {
      if (!account?.enabled) return notConfigured('短信未启用');
      if (!/^\+?\d{5,20}$/.test(message.recipient)) return { kind: 'failed', error: `手机号格式不正确：${message.recipient}`, retryable: false };
      if (account.config.provider === 'aliyun') return viaAliyun(message, account);
      if (account.config.provider === 'webhook') return viaWebhook(message, account);
      return notConfigured('短信服务商');
    },
  };
}
