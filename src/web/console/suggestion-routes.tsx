/**
 * 条例第四十四条 in the console: groups of requests by several applicants for the same information, each
 * with its requests listed, and the two decisions — “转为主动公开” (drafts an item prefilled from the
 * requests, which then goes through review and approval) or “不予采纳” with a reason — and the decisions
 * taken so far.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import { ServiceError } from '../../services/errors.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, fields, readForm } from '../forms.ts';
import { CsrfField } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

type Services = AppEnv['Variables']['services'];
type Suggestion = Awaited<ReturnType<Services['suggestions']['list']>>[number];
type Decision = Awaited<ReturnType<Services['suggestions']['decisions']>>[number];

/** Routes under /console/requests/suggestions. */
export function suggestionRoutes() {
  const app = new Hono<AppEnv>();

  const page = async (c: Context<AppEnv>, error?: string, status: 200 | 400 | 409 = 200) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const [suggestions, decisions] = await Promise.all([services.suggestions.list(actor), services.suggestions.decisions(actor)]);
    return c.html(<SuggestionsPage c={c} suggestions={suggestions} decisions={decisions} error={error} />, status);
  };

  app.get('/requests/suggestions', (c) => page(c));

  app.post('/requests/suggestions', async (c) => {
    const form = await readForm(c);
    const ids = fields(form, 'requestId');
    const suggestions = c.get('services').suggestions;
    try {
      if (field(form, 'action') === 'publish') {
        const { itemId } = await suggestions.publish(c.get('actor')!, ids);
        return c.redirect(`/console/items/${itemId}?from=suggestion`, 303);
      }
      await suggestions.dismiss(c.get('actor')!, ids, field(form, 'reason'));
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 403 || e.status === 404) throw e;
      return page(c, e.message, e.status === 409 ? 409 : 400);
    }
    return c.redirect('/console/requests/suggestions?dismissed=1', 303);
  });

  return app;
}

function SuggestionsPage(props: { c: Context<AppEnv>; suggestions: Suggestion[]; decisions: Decision[]; error?: string | undefined }) {
  const { c } = props;
  const grants = c.get('actor')!.grants;
  const mayDecide = can(grants, 'request.handle');
  return (
    <ConsolePage c={c} title="转为主动公开的建议">
      <p class="breadcrumb">
        <a href="/console/requests">依申请公开</a>
      </p>
      <h1>转为主动公开的建议</h1>
      <p>
        条例第四十四条：“多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围。”以下是近一年内
        3 个以上申请人申请相近信息的申请组（按申请内容的相似度自动归组，请人工判断）。
      </p>
      {c.req.query('dismissed') && (
        <div class="notice ok" role="status">
          <p>已记录不予采纳。</p>
        </div>
      )}
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {props.suggestions.length === 0 && <p>目前没有待处理的建议。</p>}
      {props.suggestions.map((s, i) => (
        <section class="card stack" aria-labelledby={`s-${i}`}>
          <h2 id={`s-${i}`}>{s.example}</h2>
          <p>
            {s.agencyName}：{s.applicantCount} 个申请人
            {s.documentNumbers.length > 0 ? `，涉及文号 ${s.documentNumbers.join('、')}` : ''}
          </p>
          <div class="table-scroll">
            <table>
              <caption>本组申请</caption>
              <thead>
                <tr>
                  <th scope="col">申请编号</th>
                  <th scope="col">所需信息</th>
                  <th scope="col">收到日期</th>
                  <th scope="col">办理结果</th>
                </tr>
              </thead>
              <tbody>
                {s.requests.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`/console/requests/${r.id}`} class="mono">
                        {r.trackingNumber}
                      </a>
                    </th>
                    <td>{r.description}</td>
                    <td>{r.receivedOn ?? '待确认'}</td>
                    <td>{r.outcomeLabel ?? (r.open ? '办理中' : '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mayDecide && (
            <div class="grid">
              <form method="post" action="/console/requests/suggestions" class="stack">
                <CsrfField token={c.get('csrfToken')} />
                <input type="hidden" name="action" value="publish" />
                {s.requestIds.map((id) => (
                  <input type="hidden" name="requestId" value={String(id)} />
                ))}
                <p>生成一条主动公开信息草稿（标题、概述、文号按申请预填），再按发布流程检测、审查、审批。</p>
                <button type="submit">
                  转为主动公开<span class="visually-hidden">：{s.example}</span>
                </button>
              </form>
              <form method="post" action="/console/requests/suggestions" class="stack">
                <CsrfField token={c.get('csrfToken')} />
                <input type="hidden" name="action" value="dismiss" />
                {s.requestIds.map((id) => (
                  <input type="hidden" name="requestId" value={String(id)} />
                ))}
                <div class="field">
                  <label for={`f-reason-${i}`}>不予采纳的理由</label>
                  <input type="text" id={`f-reason-${i}`} name="reason" />
                </div>
                <button type="submit" class="secondary">
                  不予采纳<span class="visually-hidden">：{s.example}</span>
                </button>
              </form>
            </div>
          )}
        </section>
      ))}
      {props.decisions.length > 0 && (
        <>
          <h2>已处理</h2>
          <div class="table-scroll">
            <table>
              <caption>已处理的建议</caption>
              <thead>
                <tr>
                  <th scope="col">时间</th>
                  <th scope="col">处理</th>
                  <th scope="col">申请数</th>
                  <th scope="col">处理人</th>
                </tr>
              </thead>
              <tbody>
                {props.decisions.map((d) => (
                  <tr>
                    <td>{formatLocal(d.decidedAt)}</td>
                    <td>{d.decision === 'published' ? (d.itemId ? <a href={`/console/items/${d.itemId}`}>已转为主动公开（信息草稿）</a> : '已转为主动公开') : `不予采纳：${d.reason}`}</td>
                    <td>{d.requestIds.length}</td>
                    <td>{d.decidedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ConsolePage>
  );
}
