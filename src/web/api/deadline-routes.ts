/**
 * JSON API for other systems: the statutory clock. GET with query parameters, or POST (or GET)
 * with a JSON body {"received":D,"events":[…]} — the same input as `gongkai deadline`.
 */
import { Hono, type Context } from 'hono';
import { ValidationError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';

async function deadlineInput(c: Context<AppEnv>): Promise<unknown> {
  if ((c.req.header('content-type') ?? '').includes('application/json')) {
    try {
      return await c.req.json();
    } catch {
      throw new ValidationError('请求体不是有效的 JSON');
    }
  }
  const q = c.req.query();
  const events: unknown[] = [];
  if (q.events) {
    try {
      const parsed: unknown = JSON.parse(q.events);
      if (!Array.isArray(parsed)) throw new Error();
      events.push(...parsed);
    } catch {
      throw new ValidationError('参数 events 应为 JSON 数组，如 [{"type":"extended"}]');
    }
  }
  if (q.clarification_requested) events.push({ type: 'clarification_requested', on: q.clarification_requested });
  if (q.clarification_received) events.push({ type: 'clarification_received', on: q.clarification_received });
  for (const p of c.req.queries('paused') ?? []) {
    const [from, to, reason = 'consultation'] = p.split(/[~,]/);
    events.push({ type: 'paused', from, to, reason });
  }
  if (q.extended !== undefined) events.push(q.extended && q.extended !== 'true' && q.extended !== '1' ? { type: 'extended', workdays: Number(q.extended) } : { type: 'extended' });
  if (!q.received) throw new ValidationError('缺少参数 received（收到申请之日，YYYY-MM-DD）');
  return { received: q.received, events };
}

/** Routes under /api/v1. */
export function deadlineApiRoutes() {
  const app = new Hono<AppEnv>();
  const handle = async (c: Context<AppEnv>) => c.json(await c.get('services').deadlines.requestDeadline((await deadlineInput(c)) as never));
  app.get('/deadline', handle);
  app.post('/deadline', handle);
  app.get('/workdays/add', async (c) => {
    const n = c.req.query('n') ?? '';
    return c.json(await c.get('services').deadlines.addWorkdays(c.req.query('from') ?? '', /^\d+$/.test(n) ? Number(n) : n));
  });
  app.get('/workdays/check', async (c) => c.json(await c.get('services').deadlines.checkDay(c.req.query('date') ?? '')));
  return app;
}
