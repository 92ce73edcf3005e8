/**
 * 政务微博: with an API token, a post through Weibo's open API (statuses/share, which requires a link
 * on the account's bound safe domain); without one, a ready-to-paste post with the link that staff
 * publish by hand and then record as published.
 */
import { linkTo, networkFailure, setting, type AdapterOptions, type ChannelAdapter, type SendOutcome, publicUrlProblem } from './channel-adapter.ts';
import { renderMessage } from './message-templates.ts';

/** Weibo counts a post in characters; links count as a short link. */
const MAX_POST = 140;

/** The text of a post: 【title】summary … link, shortened to fit. */
export function composeWeiboPost(payload: Record<string, unknown>, publicUrl: string | undefined, template = 'item_published'): string {
  const link = linkTo(payload.itemPath, publicUrl);
  const head = template === 'item_published' ? `【${String(payload.title ?? '')}】${String(payload.summary ?? '')}` : renderMessage(template, payload, publicUrl).text;
  const room = MAX_POST - (link ? 12 : 0);
  const chars = [...head];
  const text = chars.length > room ? chars.slice(0, room - 1).join('') + '…' : head;
  return link ? `${text} ${link}` : text;
}

/** Weibo errors worth retrying later (system busy, rate limits). */
const RETRYABLE = new Set([10001, 10009, 10022, 10023, 10024]);
/** 20019: the same text was already posted — the earlier post stands. */
const DUPLICATE = 20019;

/** Creates the Weibo adapter. */
export function createWeiboChannel(options: AdapterOptions = {}): ChannelAdapter {
  const doFetch = options.fetch ?? fetch;
  return {
    channel: 'weibo',
    unavailable: () => publicUrlProblem(options.publicUrl),
    // Weibo refuses a repeated text (20019), which makes a resend harmless.
    isIdempotent: () => true,
    async send(message, account): Promise<SendOutcome> {
      const text = composeWeiboPost(message.payload, options.publicUrl, message.template);
      const accessToken = account?.enabled ? account.secrets.accessToken : undefined;
      if (!accessToken) return { kind: 'manual', text };
      const base = (setting(account!.config, 'apiBase') ?? 'https://api.weibo.com').replace(/\/$/, '');
      let res: Response;
      try {
        res = await doFetch(`${base}/2/statuses/share.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ access_token: accessToken, status: text }).toString(),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (e) {
        return networkFailure(e, '微博接口');
      }
      const reply = (await res.json().catch(() => ({}))) as { idstr?: string; id?: number; error?: string; error_code?: number };
      if (res.ok && (reply.idstr || reply.id)) return { kind: 'sent', providerMessageId: String(reply.idstr ?? reply.id) };
      if (reply.error_code === DUPLICATE) return { kind: 'sent', detail: '微博提示内容重复，此前已发布' };
      return { kind: 'failed', error: `微博接口错误 ${reply.error_code ?? res.status}：${reply.error ?? res.statusText}`, retryable: RETRYABLE.has(reply.error_code ?? 0) || res.status >= 500 };
    },
  };
}
