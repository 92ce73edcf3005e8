/**
 * 期限计算器: staff enter how and when a request arrived and what happened since, and see the
 * reply deadline with the day-by-day count (which days counted, which were weekends, holidays,
 * make-up workdays or paused). A GET form, so a result can be bookmarked or shared.
 */
import { Hono, type Context } from 'hono';
import { SUBMISSION_CHANNELS, type RequestDeadline, type RequestEvent, type SubmissionChannel } from '../../domain/calendar/index.ts';
import { requirePermission } from '../../services/access-control.ts';
import { ValidationError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

const CHANNEL_LABELS: Record<SubmissionChannel, string> = {
  in_person: '当面提交',
  registered_mail: '邮寄（挂号信、EMS 等需签收）',
  ordinary_mail: '平常信函',
  online: '互联网（在线申请、电子邮件）',
  fax: '传真',
};

const PAUSE_ROWS = [1, 2, 3];

/** Routes for /console/deadline. */
export function deadlineRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    requirePermission(c.get('actor')!, 'console.enter');
    const q = c.req.query();
    let result: { receipt: { receivedOn: string; basis: string }; deadline: RequestDeadline } | undefined;
    let error: string | undefined;
    if (q.channel) {
      try {
        const services = c.get('services');
        const receipt = services.deadlines.receiptDate({
          channel: q.channel as SubmissionChannel,
          submittedOn: q.submittedOn || undefined,
          signedForOn: q.signedForOn || undefined,
          arrivedOn: q.arrivedOn || undefined,
          confirmedOn: q.confirmedOn || undefined,
        });
        const events: RequestEvent[] = [];
        if (q.clarificationRequestedOn) events.push({ type: 'clarification_requested', on: q.clarificationRequestedOn });
        if (q.clarificationReceivedOn) events.push({ type: 'clarification_received', on: q.clarificationReceivedOn });
        for (const i of PAUSE_ROWS) {
          const from = q[`pause${i}From`];
          const to = q[`pause${i}To`];
          if (from || to) events.push({ type: 'paused', from: from ?? '', to: to ?? '', reason: q[`pause${i}Reason`] === 'fee' ? 'fee' : 'consultation' });
        }
        if (q.extended) events.push(q.extensionWorkdays ? { type: 'extended', workdays: Number(q.extensionWorkdays) } : { type: 'extended' });
        result = { receipt, deadline: await services.deadlines.requestDeadline({ received: receipt.receivedOn, events }) };
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        error = e.message;
      }
    }
    return c.html(<CalculatorPage c={c} q={q} result={result} error={error} />, error ? 400 : 200);
  });
  return app;
}

function CalculatorPage(props: {
  c: Context<AppEnv>;
  q: Record<string, string>;
  result: { receipt: { receivedOn: string; basis: string }; deadline: RequestDeadline } | undefined;
  error: string | undefined;
}) {
  const { q, result } = props;
  const d = result?.deadline;
  return (
    <ConsolePage c={props.c} title="期限计算器">
      <h1>期限计算器</h1>
      <p>按条例第三十一条确定收到申请之日，按第三十条、第三十二至三十四条计算答复期限；工作日依工作日历（含调休上班日）。</p>
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {d && result && (
        <section aria-labelledby="result-heading" class="card">
          <h2 id="result-heading">
            答复期限：<strong>{d.due}</strong>
            {d.provisional && <span class="badge">暂定</span>}
          </h2>
          <p>收到申请之日：{result.receipt.receivedOn}（{result.receipt.basis}）</p>
          <p>
            适用条例：{d.regime === '2019' ? '2019 年修订版（20 个工作日，可延长 20 个工作日）' : '2008 年版（15 个工作日，可延长 15 个工作日）'}
          </p>
          {d.clarificationNoticeDue && <p>补正告知最迟：{d.clarificationNoticeDue}（条例第三十条：7 个工作日内一次性告知）</p>}
          {d.extensionWorkdays > 0 && <p>延长前的期限：{d.dueBeforeExtension}；延长 {d.extensionWorkdays} 个工作日</p>}
          {d.awaitingClarification && <p class="notice warn">已发出补正告知、尚未收到补正：收到补正后期限重新起算。</p>}
          {d.provisional && <p class="notice warn">期限涉及尚未发布节假日安排的日期，暂按周末计算；安排录入后自动重算。</p>}
          <h3>计算过程</h3>
          <ul>
            {d.explanation.filter((l) => l.type === 'rule').map((l) => (
              <li>{l.text}</li>
            ))}
          </ul>
          <div class="table-scroll">
            <table>
              <caption>逐日计算</caption>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">星期</th>
                  <th scope="col">计数</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                {d.explanation.flatMap((l) =>
                  l.type === 'day'
                    ? [
                        <tr class={`day-${l.kind}`}>
                          <td>{l.date}</td>
                          <td>{l.weekday}</td>
                          <td>{l.ordinal ?? '—'}</td>
                          <td>{l.text.replace(/^\S+ \S+：/, '')}</td>
                        </tr>,
                      ]
                    : [],
                )}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <form method="get" action="/console/deadline" class="stack">
        <fieldset>
          <legend>收到申请</legend>
          <div class="field">
            <label for="f-channel">申请方式</label>
            <select id="f-channel" name="channel">
              {SUBMISSION_CHANNELS.map((ch) => (
                <option value={ch} selected={q.channel === ch}>
                  {CHANNEL_LABELS[ch]}
                </option>
              ))}
            </select>
          </div>
          <Field name="submittedOn" label="提交日期（当面、在线、传真）" type="date" value={q.submittedOn} />
          <Field name="signedForOn" label="签收日期（需签收的邮寄）" type="date" value={q.signedForOn} />
          <Field name="arrivedOn" label="收信日期（平常信函）" type="date" value={q.arrivedOn} />
          <Field name="confirmedOn" label="确认日期（平常信函与申请人确认；在线、传真双方确认）" type="date" value={q.confirmedOn} />
        </fieldset>
        <fieldset>
          <legend>补正（条例第三十条）</legend>
          <Field name="clarificationRequestedOn" label="发出补正告知日期" type="date" value={q.clarificationRequestedOn} />
          <Field name="clarificationReceivedOn" label="收到补正日期" type="date" value={q.clarificationReceivedOn} />
        </fieldset>
        <fieldset>
          <legend>不计入期限的时间（征求意见、收费通知至缴费）</legend>
          {PAUSE_ROWS.map((i) => (
            <div class="grid">
              <Field name={`pause${i}From`} label={`第 ${i} 段起`} type="date" value={q[`pause${i}From`]} />
              <Field name={`pause${i}To`} label={`第 ${i} 段止`} type="date" value={q[`pause${i}To`]} />
              <div class="field">
                <label for={`f-pause${i}Reason`}>第 {i} 段原因</label>
                <select id={`f-pause${i}Reason`} name={`pause${i}Reason`}>
                  <option value="consultation" selected={q[`pause${i}Reason`] !== 'fee'}>
                    征求第三方或其他机关意见
                  </option>
                  <option value="fee" selected={q[`pause${i}Reason`] === 'fee'}>
                    收费通知至缴费
                  </option>
                </select>
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>延期（条例第三十三条）</legend>
          <div class="field">
            <input type="checkbox" id="f-extended" name="extended" value="1" checked={Boolean(q.extended)} />{' '}
            <label for="f-extended">经政府信息公开工作机构负责人同意延期答复</label>
          </div>
          <Field name="extensionWorkdays" label="延长工作日数（不填为最长期限）" value={q.extensionWorkdays} inputmode="numeric" />
        </fieldset>
        <button type="submit">计算</button>
      </form>
    </ConsolePage>
  );
}
