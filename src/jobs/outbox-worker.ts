/**
 * The outbox worker: sends queued deliveries through the channel adapters, with backoff, and never
 * twice. It leases a batch (FOR UPDATE SKIP LOCKED on PostgreSQL, so several workers share the
 * queue), marks each message `sending` in its own commit before calling the provider, and records
 * the outcome in another. A worker that dies mid-send leaves `sending` rows whose lease expires: a
 * message whose provider deduplicates on the idempotency key is sent again with the same key; any
 * other is set aside as 结果不明 (uncertain) for staff to check, rather than risk a second copy. So is
 * a send the adapter reports as uncertain (an SMTP connection lost after the data, before the reply).
 */
import { randomBytes } from 'node:crypto';
import type { AccountSettings, ChannelAdapter, SendOutcome } from '../channels/channel-adapter.ts';
import { resolveChannelAccount } from '../services/channel-accounts.ts';
import type { Clock, OutboxChannel, QueuedDelivery, Repositories, UnitOfWork } from '../services/ports.ts';

export interface WorkerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface OutboxWorkerOptions {
  uow: UnitOfWork;
  clock: Clock;
  adapters: readonly ChannelAdapter[];
  workerId?: string;
  /** Messages leased per batch. */
  batchSize?: number;
  /** How long a lease lasts; a crashed worker's messages come back after it. */
  leaseMs?: number;
  /** Pause between polls when the queue is empty. */
  pollMs?: number;
  /** Attempts before a retryable failure becomes final. */
  maxAttempts?: number;
  backoff?: { baseMs: number; maxMs: number };
  log?: WorkerLog;
}

export interface BatchResult {
  claimed: number;
  sent: number;
  failed: number;
  retrying: number;
  manual: number;
  deferred: number;
  cancelled: number;
  recovered: number;
  uncertain: number;
}

/** Delay before attempt `attempt + 1` after `attempt` failures: base · 2^(attempt−1), capped. */
export function backoffDelayMs(attempt: number, backoff: { baseMs: number; maxMs: number } = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
}

const DEFAULT_BACKOFF = { baseMs: 60_000, maxMs: 6 * 3_600_000 };
/** Per-number limits when an SMS account sets none (Aliyun's default flow control for notices is similar). */
const SMS_LIMITS = { perHour: 5, perDay: 10 };
const HOUR = 3_600_000;

const quietLog: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Creates a worker; call `runOnce` for one batch, or `start`/`stop` for the polling loop. */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const workerId = options.workerId ?? `worker-${process.pid}-${randomBytes(3).toString('hex')}`;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 300_000;
  const pollMs = options.pollMs ?? 5_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const log = options.log ?? quietLog;
  const adapters = new Map(options.adapters.map((a) => [a.channel, a]));
  // Channels that refuse to start (e.g. links without GONGKAI_PUBLIC_URL): their messages stay queued, and the reason is logged once.
  const refusals = new Set<string>();
  const refused = new Set<OutboxChannel>();
  for (const a of options.adapters) {
    const why = a.unavailable?.();
    if (why) {
      refusals.add(why);
      refused.add(a.channel);
    }
  }
  const channels = ([...adapters.keys()] as OutboxChannel[]).filter((c) => !refused.has(c));
  let refusalsTold = false;
  const tellRefusals = () => {
    if (refusalsTold) return;
    refusalsTold = true;
    for (const why of refusals) log.warn(why);
  };
  const { uow } = options;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const at = (offsetMs = 0) => new Date(options.clock.now().getTime() + offsetMs).toISOString();

  async function accountOf(d: QueuedDelivery): Promise<AccountSettings | undefined> {
    const account = await resolveChannelAccount(uow.read, d.agencyId, d.channel);
    return account && { enabled: account.enabled, config: account.config, secrets: account.secrets };
  }

  /** Deals with messages a dead worker left in `sending`. */
  async function recover(result: BatchResult): Promise<void> {
    for (const d of await uow.read.deliveryQueue.expiredSending(at(), batchSize)) {
      const adapter = adapters.get(d.channel);
      if (!adapter) continue;
      const now = at();
      const safe = adapter.isIdempotent(await accountOf(d));
      await uow.transaction(async (repos) => {
        const change = safe
          ? { status: 'queued' as const, nextAttemptAt: now, lockedBy: null, lockedUntil: null, updatedAt: now }
          : { status: 'uncertain' as const, lastError: '发送结果不明：发送途中工作进程中断。为免重复发送未自动重发，请向服务商核实后，选择“重新发送”或“确认已送达”。', lockedBy: null, lockedUntil: null, updatedAt: now };
        if (!(await repos.deliveryQueue.transition(d.id, { statuses: ['sending'], lockedBy: d.lockedBy }, change))) return;
        await repos.deliveryQueue.appendEvent(d.id, safe ? 'recovered' : 'uncertain', safe ? `上次发送中断（${d.lockedBy ?? ''}），按同一幂等键重新发送` : change.lastError!, now);
        result.recovered += 1;
      });
    }
  }

  /** Whether a per-recipient limit holds the message back; returns the reason. */
  async function rateLimited(repos: Repositories, d: QueuedDelivery, account: AccountSettings | undefined): Promise<string | null> {
    if (d.channel !== 'sms') return null;
    const perHour = typeof account?.config.perNumberPerHour === 'number' ? account.config.perNumberPerHour : SMS_LIMITS.perHour;
    const perDay = typeof account?.config.perNumberPerDay === 'number' ? account.config.perNumberPerDay : SMS_LIMITS.perDay;
    if ((await repos.deliveryQueue.countSentTo('sms', d.recipient, at(-HOUR))) >= perHour) return `该号码一小时内已发送 ${perHour} 条，稍后再发`;
    if ((await repos.deliveryQueue.countSentTo('sms', d.recipient, at(-24 * HOUR))) >= perDay) return `该号码一天内已发送 ${perDay} 条，稍后再发`;
    return null;
  }

  async function record(d: QueuedDelivery, attempt: number, outcome: SendOutcome, result: BatchResult): Promise<void> {
    const now = at();
    const guard = { statuses: ['sending' as const], lockedBy: workerId };
    const release = { lockedBy: null, lockedUntil: null, updatedAt: now };
    await uow.transaction(async (repos) => {
      const q = repos.deliveryQueue;
      if (outcome.kind === 'sent') {
        if (await q.transition(d.id, guard, { status: 'sent', sentAt: now, providerMessageId: outcome.providerMessageId ?? null, lastError: null, nextAttemptAt: null, ...release })) {
          await q.appendEvent(d.id, 'sent', [outcome.providerMessageId && `服务商编号 ${outcome.providerMessageId}`, outcome.detail].filter(Boolean).join('；'), now);
          result.sent += 1;
        }
      } else if (outcome.kind === 'uncertain') {
        if (await q.transition(d.id, guard, { status: 'uncertain', lastError: outcome.error, nextAttemptAt: null, ...release })) {
          await q.appendEvent(d.id, 'uncertain', outcome.error, now);
          result.uncertain += 1;
        }
      } else if (outcome.kind === 'manual') {
        if (await q.transition(d.id, guard, { status: 'manual', output: outcome.text, nextAttemptAt: null, ...release })) {
          await q.appendEvent(d.id, 'manual', outcome.text, now);
          result.manual += 1;
        }
      } else if (outcome.retryable && attempt < maxAttempts) {
        const next = at(backoffDelayMs(attempt, backoff));
        if (await q.transition(d.id, guard, { status: 'queued', lastError: outcome.error, nextAttemptAt: next, ...release })) {
          await q.appendEvent(d.id, 'failed', outcome.error, now);
          await q.appendEvent(d.id, 'retry_scheduled', `第 ${attempt} 次发送失败，${next} 后重试`, now);
          result.retrying += 1;
        }
      } else if (await q.transition(d.id, guard, { status: 'failed', lastError: outcome.error, nextAttemptAt: null, ...release })) {
        await q.appendEvent(d.id, 'failed', outcome.retryable ? `${outcome.error}（已尝试 ${attempt} 次，不再重试）` : outcome.error, now);
        result.failed += 1;
      }
    });
  }

  async function deliver(d: QueuedDelivery, result: BatchResult): Promise<void> {
    const adapter = adapters.get(d.channel)!;
    const account = await accountOf(d);
    const attempt = d.attempts + 1;
    // Before the provider call: opt-out, rate limit, and the `sending` mark, committed on their own.
    const go = await uow.transaction(async (repos) => {
      const q = repos.deliveryQueue;
      const now = at();
      const held = { statuses: ['queued' as const], lockedBy: workerId };
      if ((d.channel === 'sms' || d.channel === 'email') && (await q.isOptedOut(d.channel, d.recipient))) {
        if (await q.transition(d.id, held, { status: 'cancelled', lastError: '收件人已退订', lockedBy: null, lockedUntil: null, nextAttemptAt: null, updatedAt: now })) {
          await q.appendEvent(d.id, 'cancelled', '收件人已退订，未发送', now);
          result.cancelled += 1;
        }
        return false;
      }
      const limited = await rateLimited(repos, d, account);
      if (limited) {
        if (await q.transition(d.id, held, { nextAttemptAt: at(HOUR), lockedBy: null, lockedUntil: null, updatedAt: now })) {
          await q.appendEvent(d.id, 'deferred', limited, now);
          result.deferred += 1;
        }
        return false;
      }
      if (!(await q.transition(d.id, held, { status: 'sending', attempts: attempt, lockedUntil: at(leaseMs), updatedAt: now }))) return false;
      await q.appendEvent(d.id, 'sending', `第 ${attempt} 次发送（${workerId}）`, now);
      return true;
    });
    if (!go) return;
    let outcome: SendOutcome;
    try {
      outcome = await adapter.send({ idempotencyKey: d.idempotencyKey, channel: d.channel, agencyId: d.agencyId, recipient: d.recipient, template: d.template, payload: d.payload }, account);
    } catch (e) {
      outcome = { kind: 'failed', error: `发送出错：${e instanceof Error ? e.message : String(e)}`, retryable: true };
    }
    await record(d, attempt, outcome, result);
  }

  /** Recovers interrupted sends, then leases and sends one batch. */
  async function runOnce(): Promise<BatchResult> {
    const result: BatchResult = { claimed: 0, sent: 0, failed: 0, retrying: 0, manual: 0, deferred: 0, cancelled: 0, recovered: 0, uncertain: 0 };
    tellRefusals();
    await recover(result);
    const batch = await uow.transaction((repos) => repos.deliveryQueue.claim({ workerId, now: at(), leaseUntil: at(leaseMs), limit: batchSize, channels }));
    result.claimed = batch.length;
    for (const d of batch) {
      if (stopping) break; // the lease runs out and another run picks the rest up
      await deliver(d, result);
    }
    return result;
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let busy = false;
      try {
        const r = await runOnce();
        busy = r.claimed > 0 || r.recovered > 0;
        if (r.failed || r.recovered || r.uncertain) {
          const parts = [r.failed ? `失败 ${r.failed} 条` : '', r.recovered ? `恢复中断 ${r.recovered} 条` : '', r.uncertain ? `结果不明 ${r.uncertain} 条（请人工核实）` : ''].filter(Boolean).join('，');
          log.warn(`发送队列：${parts}（原因见工作台“发送记录”，/console/deliveries；未配置账号的渠道在“渠道账号”中设置）`);
        }
      } catch (e) {
        log.error('发送队列处理出错，稍后重试', e);
      }
      if (!busy && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    workerId,
    runOnce,
    /** Starts polling in the background. */
    start(): void {
      if (loop) return;
      stopping = false;
      loop = run();
    },
    /** Finishes the message in hand and stops. */
    async stop(): Promise<void> {
      stopping = true;
      wake?.();
      await loop;
      loop = undefined;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
