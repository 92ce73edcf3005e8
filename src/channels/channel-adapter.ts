/**
 * The one interface every delivery channel implements. The outbox worker hands an adapter one
 * message and the agency's account on that channel; the adapter talks to the provider and says
 * what happened. Adapters never touch the database.
 */
import type { OutboxChannel } from '../services/ports.ts';

/** A message to send, as the worker hands it over. */
export interface OutgoingMessage {
  /** Unique per message; sent to providers that deduplicate on it (never twice). */
  idempotencyKey: string;
  channel: OutboxChannel;
  agencyId: number;
  recipient: string;
  template: string;
  payload: Record<string, unknown>;
}

/** An agency's account on the channel: settings and secrets (undefined when none is configured). */
export interface AccountSettings {
  enabled: boolean;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

export type SendOutcome =
  | { kind: 'sent'; providerMessageId?: string; detail?: string }
  /** Nothing was sent: staff post `text` by hand (Weibo without an API token). */
  | { kind: 'manual'; text: string }
  | { kind: 'failed'; error: string; retryable: boolean }
  /**
   * The provider may or may not have taken the message (the connection broke after the message was
   * handed over, before the provider answered): not retried automatically, a person decides.
   */
  | { kind: 'uncertain'; error: string };

export interface ChannelAdapter {
  readonly channel: OutboxChannel;
  /**
   * Whether the provider drops a second message with the same idempotency key, so that a message
   * whose send was interrupted by a crash may be sent again. When false, the worker does not resend
   * it but reports it for staff to check.
   */
  isIdempotent(account: AccountSettings | undefined): boolean;
  send(message: OutgoingMessage, account: AccountSettings | undefined): Promise<SendOutcome>;
  /**
   * Why this adapter must not send at all in this process (a missing process-wide setting), or
   * undefined. The worker leaves its messages queued meanwhile and says why once.
   */
  unavailable?(): string | undefined;
}

/** Options every adapter shares. */
export interface AdapterOptions {
  /** GONGKAI_PUBLIC_URL, to turn item paths into links. */
  publicUrl?: string | undefined;
  /** Request timeout for providers, in milliseconds. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The channels whose messages carry portal links (item pages, tracking, confirm and unsubscribe links). */
export const LINK_CHANNELS: readonly OutboxChannel[] = ['wechat', 'weibo', 'sms', 'email'];

/**
 * Why the link channels cannot send: without GONGKAI_PUBLIC_URL a link could only be the bare path
 * (`/xxgk/items/7`), which no mail client, phone or WeChat reader can open. Undefined once it is set.
 */
export function publicUrlProblem(publicUrl: string | undefined): string | undefined {
  if (publicUrl) return undefined;
  return '未设置 GONGKAI_PUBLIC_URL（门户对外网址）：微信公众号、政务微博、短信、电子邮件的消息要带门户链接，没有对外网址只能写成“/xxgk/…”这样的相对地址，收件人无法打开，因此这些渠道暂不发送，消息留在发送队列中。请系统管理员设置 GONGKAI_PUBLIC_URL（如 https://xxgk.example.gov.cn）后重启服务（或 gongkai worker）。';
}

/** A full link to a portal path (the path itself when no public URL is configured). */
export function linkTo(path: unknown, publicUrl: string | undefined): string {
  const p = typeof path === 'string' ? path : '';
  if (!publicUrl) return p;
  return new URL(p, publicUrl.endsWith('/') ? publicUrl : publicUrl + '/').toString();
}

/** A failed outcome for a missing setting (staff must fix the account; retrying will not help). */
export function notConfigured(what: string): SendOutcome {
  return { kind: 'failed', error: `渠道未配置：${what}`, retryable: false };
}

/** Reads a string setting. */
export function setting(config: Record<string, unknown>, key: string): string | undefined {
  const v = config[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Turns a thrown network error into a retryable failure. */
export function networkFailure(e: unknown, provider: string): SendOutcome {
  const message = e instanceof Error ? (e.name === 'TimeoutError' || e.name === 'AbortError' ? '请求超时' : e.message) : String(e);
  return { kind: 'failed', error: `${provider}连接失败：${message}`, retryable: true };
}
