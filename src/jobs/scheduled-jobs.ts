/**
 * Periodic work beside the outbox worker: publish items whose scheduled time has come, close
 * requests abandoned under 条例第三十条 (no clarification in time) or 109号 (fee unpaid), and once a
 * day (China date) the 一周一更新 check of the channels, stored for the office dashboard, and the
 * refresh of the stored due dates of paused requests (征求意见、待缴费), and the reminders to staff
 * of requests and publications near or just past their due dates (src/services/staff-reminders.ts). Each run
 * is idempotent, so several processes may run it; on PostgreSQL a conflicting run loses its
 * optimistic check and retries on the next tick.
 */
import type { Logger } from '../log.ts';
import { chinaDateOf } from '../services/china-time.ts';
import type { Services } from '../services/services.ts';

export interface ScheduledJobs {
  /** One pass of every job (tests and `--once`). */
  runOnce(): Promise<{ published: number[]; publishFailures: number; abandoned: number; staleChecked: boolean; deadlinesRefreshed: number; remindersQueued: number }>;
  start(): void;
  stop(): Promise<void>;
}

/** Creates the scheduler; `intervalMs` between passes (default one minute). */
export function createScheduledJobs(services: Services, options: { intervalMs?: number; logger?: Logger } = {}): ScheduledJobs {
  const intervalMs = options.intervalMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let refreshedOn: string | null = null;
  let remindedOn: string | null = null;
  const runOnce = async () => {
    const due = await services.items.publishDue();
    for (const f of due.failed) options.logger?.warn(`定时发布失败（信息 ${f.itemId}）：${f.message}`);
    const closed = await services.requests.closeAbandoned();
    const abandoned = closed.length;
    const staleChecked = await services.deliveries.runDailyStaleCheck();
    // Once a day (China date): paused requests' stored due dates move on while the pause lasts (条例第三十三条第三款).
    const today = chinaDateOf(services.deps.clock.now());
    let deadlinesRefreshed = 0;
    if (refreshedOn !== today) {
      deadlinesRefreshed = (await services.requests.refreshPausedDeadlines()).length;
      refreshedOn = today;
    }
    // Once a day (China date), after the refresh: reminders to staff; a re-run the same day queues nothing (idempotency keys).
    let remindersQueued = 0;
    if (remindedOn !== today) {
      const run = await services.reminders.runDaily();
      remindersQueued = run.queued;
      for (const u of run.unaddressed) options.logger?.warn(`期限提醒未能发送（${u.requestId !== null ? `申请 ${u.requestId}` : `信息 ${u.itemId}`}）：${u.reason}`);
      remindedOn = today;
    }
    return { published: due.published, publishFailures: due.failed.length, abandoned, staleChecked, deadlinesRefreshed, remindersQueued };
  };
  return {
    runOnce,
    start() {
      if (timer) return;
      const tick = () => {
        running = runOnce().catch((e) => options.logger?.error('定时任务出错', e));
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
