/**
 * Public email subscriptions (公众邮件订阅): a citizen subscribes to an agency of the portal (or one of
 * its units), optionally to one 主题分类, and gets one email for each item published there: one more
 * of the routes of 条例第二十三条 (“通过政府公报、政府网站或者其他互联网政务媒体……等途径予以公开”).
 * Double opt-in: the subscription waits until the link mailed to the address is followed; nothing
 * else is ever sent to a pending address. Every notification carries its own one-click unsubscribe
 * link. Tokens are random, mailed once, and stored only as SHA-256 hashes; a confirmation link
 * expires after 7 days. Mail goes through the outbox like every other email delivery, so it is
 * retried, logged and counted for the annual report.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { findEntry, labelPathOf, type Vocabulary } from '../domain/publishing/vocabulary.ts';
import { lineageIdsOf, type Agency } from '../domain/organisations/agency.ts';
import { resolveChannelAccount } from './channel-accounts.ts';
import type { ItemState } from '../domain/publishing/index.ts';
import { NotFoundError, ServiceError, ValidationError, validationErrorFrom } from './errors.ts';
import { vocabulariesAt } from './manage-vocabularies.ts';
import type { Actor, Clock, Repositories, Subscription, UnitOfWork } from './ports.ts';

/** How long a confirmation link stays valid. */
export const CONFIRM_TOKEN_DAYS = 7;
const DAY_MS = 86_400_000;

/** The portal paths the emails link to (GET shows a button; the change is a POST). */
export const SUBSCRIBE_PATH = '/subscriptions';
export const CONFIRM_PATH = '/subscriptions/confirm';
export const UNSUBSCRIBE_PATH = '/subscriptions/unsubscribe';
/** RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` here, without cookies. */
export const ONE_CLICK_UNSUBSCRIBE_PATH = '/api/v1/subscriptions/unsubscribe';

/** The subscriber as the audit log names them: the address is personal data, so only masked. */
const SUBSCRIBER: Actor = { userId: null, label: '公众订阅者', grants: [] };

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = (): string => randomBytes(24).toString('base64url');

/** `zhang.san@example.com` → `z***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** Whether the agency (or the nearest ancestor with an account) has an enabled email account. */
async function emailEnabledFor(repos: Repositories, agency: Agency): Promise<boolean> {
  return (await resolveChannelAccount(repos, agency.id, 'email'))?.enabled ?? false;
}

/** Whether an item's category is the subscribed one or lies under it in the vocabulary. */
function categoryMatches(vocabulary: Vocabulary, subscribed: string, itemCategory: string): boolean {
  if (subscribed === '') return true;
  const seen = new Set<string>();
  for (let code: string | null | undefined = itemCategory; code && !seen.has(code); code = findEntry(vocabulary, code)?.parentCode) {
    if (code === subscribed) return true;
    seen.add(code);
  }
  return false;
}

/**
 * Queues one email per confirmed subscriber of the item's agency or any ancestor (whose category, if
 * chosen, is the item's or one above it), inside the publishing transaction. One message per address
 * even if it holds several matching subscriptions; addresses in `skip` (already on the staff-kept
 * list) get none from here. Each message carries a fresh unsubscribe token.
 */
export async function enqueueSubscriberDeliveries(
  repos: Repositories,
  state: ItemState,
  payload: Record<string, unknown>,
  at: string,
  skip: ReadonlySet<string> = new Set(),
): Promise<number> {
  const agency = await repos.agencies.findById(state.agencyId);
  if (!agency || !(await emailEnabledFor(repos, agency))) return 0;
  const subscriptions = await repos.subscriptions.confirmedFor(lineageIdsOf(agency));
  if (subscriptions.length === 0) return 0;
  const { categories } = await vocabulariesAt(repos, agency.path);
  const sent = new Set([...skip].map((e) => e.toLowerCase()));
  let queued = 0;
  for (const s of subscriptions) {
    if (sent.has(s.email) || !categoryMatches(categories, s.categoryCode, state.categoryCode)) continue;
    sent.add(s.email);
    const token = newToken();
    const id = await repos.deliveryQueue.enqueue({
      agencyId: state.agencyId,
      channel: 'email',
      itemId: Number(state.id),
      recipient: s.email,
      template: 'item_published',
      payload: { ...payload, unsubscribePath: `${UNSUBSCRIBE_PATH}?token=${token}`, oneClickUnsubscribePath: `${ONE_CLICK_UNSUBSCRIBE_PATH}?token=${token}` },
      idempotencyKey: `item:${state.id}:v${state.version}:subscription:${s.id}`,
      at,
    });
    if (id === null) continue;
    await repos.subscriptions.addToken({ tokenHash: hashOf(token), subscriptionId: s.id, purpose: 'unsubscribe', expiresAt: null, usedAt: null }, at);
    queued += 1;
  }
  return queued;
}

const subscribeInput = z.object({
  email: z
    .string({ error: '请填写电子邮箱' })
    .trim()
    .min(1, '请填写电子邮箱')
    .max(254, '电子邮箱过长')
    .pipe(z.email('电子邮箱格式不正确，如 zhangsan@example.com')),
  agencyId: z.coerce.number({ error: '请选择订阅的机构' }).int('请选择订阅的机构').positive('请选择订阅的机构'),
  categoryCode: z.string().trim().max(64, '主题分类无效').default(''),
});

/** What a subscription is to, in words (for the pages). */
export interface SubscriptionView {
  agencyName: string;
  categoryLabel: string;
  maskedEmail: string;
  status: Subscription['status'];
  /**
   * For a confirmation link: the address's other requests the same button confirms, those made
   * within a day after this link was mailed, whose own mail was withheld (one a day per address).
   */
  alsoConfirms: SubscriptionView[];
}

export interface SubscriptionServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  /** Confirmation mails the whole platform sends in an hour at most (GONGKAI_SUBSCRIPTION_CONFIRMATIONS_PER_HOUR). */
  confirmationsPerHour?: number;
}

/** Default of the platform-wide hourly cap on confirmation mails. */
export const DEFAULT_CONFIRMATIONS_PER_HOUR = 200;
const HOUR_MS = 3_600_000;

/** Creates the public subscription service. */
export function createSubscriptionService(deps: SubscriptionServiceDeps) {
  const now = () => deps.clock.now();

  async function viewOf(repos: Repositories, s: Subscription): Promise<SubscriptionView> {
    const agency = await repos.agencies.findById(s.agencyId);
    const categoryLabel = s.categoryCode && agency ? labelPathOf((await vocabulariesAt(repos, agency.path)).categories, s.categoryCode) : '全部主题分类';
    return { agencyName: agency?.name ?? '', categoryLabel, maskedEmail: maskEmail(s.email), status: s.status, alsoConfirms: [] };
  }

  /**
   * The requests a confirmation link confirms besides its own: the address's subscriptions still
   * pending and last requested within the day after the link was mailed (so their mail was withheld)
   * and less than CONFIRM_TOKEN_DAYS ago (not expired). Unsubscribed or confirmed ones are not pending.
   */
  async function withheldSince(repos: Repositories, token: { createdAt: string }, s: Subscription): Promise<Subscription[]> {
    const sent = Date.parse(token.createdAt);
    const notExpired = new Date(now().getTime() - CONFIRM_TOKEN_DAYS * DAY_MS).toISOString();
    const from = token.createdAt > notExpired ? token.createdAt : notExpired;
    const pending = await repos.subscriptions.pendingForEmail(s.email, from, new Date(sent + DAY_MS).toISOString());
    return pending.filter((p) => p.id !== s.id);
  }

  /** The token's subscription, or a clear error: unknown, of the wrong kind, used or expired. */
  async function tokenTarget(repos: Repositories, token: string, purpose: 'confirm' | 'unsubscribe') {
    const invalid = purpose === 'confirm' ? '确认链接无效或已使用。如需订阅，请重新填写订阅表。' : '退订链接无效。请使用邮件中的完整链接。';
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new NotFoundError(invalid);
    const found = await repos.subscriptions.findToken(hashOf(token));
    if (!found || found.purpose !== purpose) throw new NotFoundError(invalid);
    if (purpose === 'confirm' && found.usedAt !== null) throw new NotFoundError(invalid);
    if (found.expiresAt !== null && found.expiresAt <= now().toISOString()) {
      throw new ValidationError(`确认链接已过期（有效期 ${CONFIRM_TOKEN_DAYS} 天）。请重新填写订阅表，我们会再发一封确认邮件。`);
    }
    const subscription = await repos.subscriptions.find(found.subscriptionId);
    if (!subscription) throw new NotFoundError(invalid);
    return { token: found, subscription };
  }

  return {
    /** Whether the portal's agency (or a unit) can take email subscriptions: an enabled email account. */
    async available(agencyId: number): Promise<boolean> {
      const agency = await deps.uow.read.agencies.findById(agencyId);
      return agency ? emailEnabledFor(deps.uow.read, agency) : false;
    },

    /**
     * A citizen asks to subscribe: records a pending subscription (or renews a pending or cancelled
     * one) and queues the confirmation email. An address already confirmed gets no mail (nothing to
     * confirm); the answer is the same either way, so the form does not reveal who subscribes.
     * An address gets at most one confirmation mail a day, however many requests name it (from
     * however many places), and the platform at most `confirmationsPerHour` in an hour: the form
     * must not become a way to flood someone's mailbox or the agency's mail account.
     * `portalAgencyId` bounds the agencies offered: the portal's own and its units.
     */
    async subscribe(raw: unknown, portalAgencyId: number): Promise<{ queued: boolean }> {
      const parsed = subscribeInput.safeParse(raw);
      if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
      const email = parsed.data.email.toLowerCase();
      const { agencyId, categoryCode } = parsed.data;
      const at = now().toISOString();
      return deps.uow.transaction(async (repos) => {
        const portal = await repos.agencies.findById(portalAgencyId);
        const agency = await repos.agencies.findById(agencyId);
        if (!portal || !agency || !agency.path.startsWith(portal.path)) throw new ValidationError('请选择本平台的机构', { agencyId: '请选择本平台的机构' });
        if (!(await emailEnabledFor(repos, agency))) throw new ValidationError(`${agency.name}暂未开通邮件订阅`, { agencyId: '该机构暂未开通邮件订阅' });
        if (categoryCode) {
          const entry = findEntry((await vocabulariesAt(repos, agency.path)).categories, categoryCode);
          if (!entry || entry.retired === true) throw new ValidationError('主题分类无效，请从列表中选择', { categoryCode: '主题分类无效，请从列表中选择' });
        }
        let s = await repos.subscriptions.findTarget(agencyId, email, categoryCode);
        if (s?.status === 'confirmed') return { queued: false };
        if (!s) {
          s = await repos.subscriptions.insert({ agencyId, email, categoryCode, status: 'pending', createdAt: at, confirmedAt: null, unsubscribedAt: null, updatedAt: at });
        } else {
          // Renewed (cancelled or still pending): `updatedAt` is when it was last asked for, which decides
          // whether the day's confirmation mail (sent before) also confirms it.
          await repos.subscriptions.setStatus(s.id, { status: 'pending', confirmedAt: null, unsubscribedAt: s.unsubscribedAt, updatedAt: at });
        }
        const nowMs = now().getTime();
        if ((await repos.subscriptions.countConfirmationsSince(new Date(nowMs - DAY_MS).toISOString(), email)) > 0) {
          // A confirmation is already on its way to this address today: no second mail (the same answer to
          // the form). That mail's link confirms this request too (and its page says so).
          await repos.audit.append({
            actor: SUBSCRIBER,
            at,
            entity: 'subscription',
            entityId: s.id,
            action: 'subscribe',
            change: { agencyId, categoryCode, email: maskEmail(email), confirmationMail: 'withheld: one a day per address; confirmed by the link of the mail already sent' },
          });
          return { queued: false };
        }
        const cap = deps.confirmationsPerHour ?? DEFAULT_CONFIRMATIONS_PER_HOUR;
        if ((await repos.subscriptions.countConfirmationsSince(new Date(nowMs - HOUR_MS).toISOString())) >= cap) {
          throw new ServiceError('订阅确认邮件本小时的发送量已达上限，请稍后再试（约一小时后）。', 429);
        }
        const token = newToken();
        const tokenHash = hashOf(token);
        await repos.subscriptions.addToken({ tokenHash, subscriptionId: s.id, purpose: 'confirm', expiresAt: new Date(now().getTime() + CONFIRM_TOKEN_DAYS * DAY_MS).toISOString(), usedAt: null }, at);
        const view = await viewOf(repos, s);
        await repos.deliveryQueue.enqueue({
          agencyId,
          channel: 'email',
          recipient: email,
          template: 'subscription_confirm',
          payload: { agencyName: view.agencyName, categoryLabel: view.categoryLabel, confirmPath: `${CONFIRM_PATH}?token=${token}`, validDays: CONFIRM_TOKEN_DAYS },
          idempotencyKey: `subscription:${s.id}:confirm:${tokenHash.slice(0, 16)}`,
          at,
        });
        await repos.audit.append({ actor: SUBSCRIBER, at, entity: 'subscription', entityId: s.id, action: 'subscribe', change: { agencyId, categoryCode, email: maskEmail(email) } });
        return { queued: true };
      });
    },

    /** What a confirmation or unsubscribe link is for (the GET page before the button); throws the link's error. */
    async describe(token: string, purpose: 'confirm' | 'unsubscribe'): Promise<SubscriptionView> {
      const repos = deps.uow.read;
      const { token: found, subscription } = await tokenTarget(repos, token, purpose);
      const view = await viewOf(repos, subscription);
      if (purpose === 'confirm') view.alsoConfirms = await Promise.all((await withheldSince(repos, found, subscription)).map((o) => viewOf(repos, o)));
      return view;
    },

    /**
     * Follows a confirmation link: the subscription starts (the link works once, within 7 days), and so
     * do the address's requests whose own mail was withheld because this one had been sent that day
     * (listed on the page before the button: `describe(…).alsoConfirms`).
     */
    async confirm(token: string): Promise<SubscriptionView> {
      const at = now().toISOString();
      return deps.uow.transaction(async (repos) => {
        const { token: found, subscription: s } = await tokenTarget(repos, token, 'confirm');
        const others = await withheldSince(repos, found, s);
        await repos.subscriptions.useToken(hashOf(token), at);
        await repos.subscriptions.setStatus(s.id, { status: 'confirmed', confirmedAt: at, unsubscribedAt: null, updatedAt: at });
        await repos.audit.append({ actor: SUBSCRIBER, at, entity: 'subscription', entityId: s.id, action: 'confirm', change: { email: maskEmail(s.email), ...(others.length > 0 && { alsoConfirmed: others.map((o) => o.id) }) } });
        for (const o of others) {
          await repos.subscriptions.setStatus(o.id, { status: 'confirmed', confirmedAt: at, unsubscribedAt: null, updatedAt: at });
          await repos.audit.append({
            actor: SUBSCRIBER,
            at,
            entity: 'subscription',
            entityId: o.id,
            action: 'confirm',
            change: { email: maskEmail(o.email), confirmedWith: s.id, reason: 'its confirmation mail was withheld (one a day per address); confirmed by the link of the mail sent that day' },
          });
        }
        const view = await viewOf(repos, { ...s, status: 'confirmed' });
        view.alsoConfirms = await Promise.all(others.map((o) => viewOf(repos, { ...o, status: 'confirmed' })));
        return view;
      });
    },

    /** Follows an unsubscribe link (the page's button or a mail client's one-click POST); repeating it is harmless. */
    async unsubscribe(token: string): Promise<SubscriptionView> {
      const at = now().toISOString();
      return deps.uow.transaction(async (repos) => {
        const { subscription: s } = await tokenTarget(repos, token, 'unsubscribe');
        if (s.status !== 'unsubscribed') {
          await repos.subscriptions.useToken(hashOf(token), at);
          await repos.subscriptions.setStatus(s.id, { status: 'unsubscribed', confirmedAt: s.confirmedAt, unsubscribedAt: at, updatedAt: at });
          await repos.audit.append({ actor: SUBSCRIBER, at, entity: 'subscription', entityId: s.id, action: 'unsubscribe', change: { email: maskEmail(s.email) } });
        }
        return viewOf(repos, { ...s, status: 'unsubscribed' });
      });
    },
  };
}

export type SubscriptionService = ReturnType<typeof createSubscriptionService>;
