/**
 * A WeChat official account (微信公众号) through its published HTTP API: an access token from
 * /cgi-bin/token (cached until shortly before expiry, renewed on 40001/40014/42001), a published item
 * becomes a draft (/cgi-bin/draft/add) that is then published (/cgi-bin/freepublish/submit); other
 * messages are template messages (/cgi-bin/message/template/send) to a follower's openid.
 */
import { networkFailure, notConfigured, setting, linkTo, type AdapterOptions, type ChannelAdapter, type OutgoingMessage, type SendOutcome, type AccountSettings, publicUrlProblem } from './channel-adapter.ts';
import { renderMessage } from './message-templates.ts';

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  media_id?: string;
  publish_id?: string | number;
  msgid?: string | number;
}

/** Token errors: the cached token is stale, fetch a new one and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Errors worth retrying later: system busy, API frequency and daily quota limits. */
const RETRYABLE = new Set([-1, 45009, 45011, 45047]);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

class WechatError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** Creates the WeChat adapter; access tokens are cached per AppID for the adapter's lifetime. */
export function createWechatChannel(options: AdapterOptions = {}): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  const tokens = new Map<string, { token: string; expiresAt: number }>();

  async function call(url: string, body?: unknown): Promise<WechatReply> {
    const res = await doFetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    if (!res.ok) throw new WechatError(-1, `HTTP ${res.status}`);
    const reply = (await res.json()) as WechatReply;
    if (reply.errcode) throw new WechatError(reply.errcode, reply.errmsg ?? '');
    return reply;
  }

  async function token(base: string, appId: string, secret: string, fresh: boolean): Promise<string> {
    const cached = tokens.get(appId);
    if (cached && !fresh && cached.expiresAt > Date.now()) return cached.token;
    const reply = await call(`${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appId)}&secret=${encodeURIComponent(secret)}`);
    if (!reply.access_token) throw new WechatError(-1, '未返回 access_token');
    // Renew five minutes early so that a token never expires mid-batch.
    tokens.set(appId, { token: reply.access_token, expiresAt: Date.now() + Math.max(0, (reply.expires_in ?? 7200) - 300) * 1000 });
    return reply.access_token;
  }

  async function withToken<T>(base: string, appId: string, secret: string, work: (accessToken: string) => Promise<T>): Promise<T> {
    try {
      return await work(await token(base, appId, secret, false));
    } catch (e) {
      if (e instanceof WechatError && TOKEN_ERRORS.has(e.code)) return work(await token(base, appId, secret, true));
      throw e;
    }
  }

  async function publishArticle(base: string, message: OutgoingMessage, account: AccountSettings, accessToken: string): Promise<SendOutcome> {
    const p = message.payload;
    const link = linkTo(p.itemPath, options.publicUrl);
    const title = String(p.title ?? '').slice(0, 64);
    const summary = String(p.summary ?? '');
    const content = `<p>${escapeHtml(summary || title)}</p>${p.indexNumber ? `<p>索引号：${escapeHtml(String(p.indexNumber))}</p>` : ''}${link ? `<p>全文见：<a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : ''}`;
    const article = {
      title,
      author: setting(account.config, 'author') ?? String(p.agencyName ?? '').slice(0, 16),
      digest: summary.slice(0, 120),
      content,
      content_source_url: link,
      thumb_media_id: setting(account.config, 'thumbMediaId') ?? '',
      need_open_comment: 0,
      only_fans_can_comment: 0,
    };
    const draft = await call(`${base}/cgi-bin/draft/add?access_token=${encodeURIComponent(accessToken)}`, { articles: [article] });
    const published = await call(`${base}/cgi-bin/freepublish/submit?access_token=${encodeURIComponent(accessToken)}`, { media_id: draft.media_id });
    return { kind: 'sent', providerMessageId: String(published.publish_id ?? ''), detail: `草稿 ${draft.media_id ?? ''} 已提交发布` };
  }

  async function templateMessage(base: string, message: OutgoingMessage, account: AccountSettings, accessToken: string): Promise<SendOutcome> {
    const templates = (account.config.templates ?? {}) as Record<string, { templateId: string; fields: Record<string, string> }>;
    const t = templates[message.template];
    if (!t) return notConfigured(`微信模板消息（${message.template}）`);
    const data: Record<string, { value: string }> = {};
    const text = renderMessage(message.template, message.payload, options.publicUrl).text;
    for (const [field, source] of Object.entries(t.fields)) {
      const value = source === 'text' ? text : message.payload[source];
      data[field] = { value: value === undefined || value === null ? '' : String(value).slice(0, 200) };
    }
    const link = message.payload.itemPath ? linkTo(message.payload.itemPath, options.publicUrl) : '';
    const reply = await call(`${base}/cgi-bin/message/template/send?access_token=${encodeURIComponent(accessToken)}`, { touser: message.recipient, template_id: t.templateId, ...(link && { url: link }), data });
    return { kind: 'sent', providerMessageId: String(reply.msgid ?? '') };
  }

  return {
    channel: 'wechat',
    unavailable: () => publicUrlProblem(options.publicUrl),
    isIdempotent: () => false,
    async send(message, account) {
      if (!account?.enabled) return notConfigured('微信公众号未启用');
      const appId = setting(account.config, 'appId');
      const secret = account.secrets.appSecret;
      if (!appId || !secret) return notConfigured('公众号 AppID 或 AppSecret');
      const base = (setting(account.config, 'apiBase') ?? 'https://api.weixin.qq.com').replace(/\/$/, '');
      try {
        return await withToken(base, appId, secret, (accessToken) =>
          message.template === 'item_published' ? publishArticle(base, message, account, accessToken) : templateMessage(base, message, account, accessToken),
        );
      } catch (e) {
        if (e instanceof WechatError) return { kind: 'failed', error: `微信接口错误 ${e.code}：${e.message}`, retryable: RETRYABLE.has(e.code) || TOKEN_ERRORS.has(e.code) };
        return networkFailure(e, '微信接口');
      }
    },
  };
}
