/**
 * 工作日历 in the console: the official holiday calendar by year (month grids that mark days
 * off and make-up workdays in words, not only colour), the edit form, JSON/ICS import and the
 * version history. Every save is versioned and audited by the calendar service.
 */
import { Hono, type Context } from 'hono';
import {
  addDays,
  classifyDay,
  formatArrangementLines,
  parseCalendarDate,
  weekdayOf,
  type HolidayCalendar,
} from '../../domain/calendar/index.ts';
import { requirePermission } from '../../services/access-control.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import type { StoredYear } from '../../services/manage-calendar.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

const KIND_MARK = { workday: '', weekend: '', holiday: '休', makeup_workday: '班' } as const;

/** Routes under /console/calendar. */
export function calendarRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    requirePermission(c.get('actor')!, 'calendar.manage');
    await next();
  });

  app.get('/', async (c) => {
    const { records } = await c.get('services').calendar.current();
    const nextYear = (records.at(-1)?.year ?? 2026) + 1;
    return c.html(
      <ConsolePage c={c} title="工作日历">
        <h1>工作日历</h1>
        <p>
          所有法定期限按国务院办公厅每年发布的节假日安排计算：周一至周五为工作日，但法定放假日除外；调休上班的周六、周日也是工作日。
          尚无安排的年份只按周末计算，涉及这些日期的期限标注“暂定”，待通知发布并录入后自动重算。
        </p>
        <Saved c={c} />
        <p class="actions">
          <a class="button" href={`/console/calendar/${nextYear}`}>录入 {nextYear} 年安排</a>
          <a href="/console/deadline">期限计算器</a>
        </p>
        <div class="table-scroll">
          <table>
            <caption>已录入的年份</caption>
            <thead>
              <tr>
                <th scope="col">年份</th>
                <th scope="col">依据的通知</th>
                <th scope="col">版本</th>
                <th scope="col">最后修改</th>
              </tr>
            </thead>
            <tbody>
              {[...records].reverse().map((r) => {
                const data = r.data as StoredYear;
                return (
                  <tr>
                    <td>
                      <a href={`/console/calendar/${r.year}`}>{r.year} 年</a>
                    </td>
                    <td>
                      {data.notices.map((n) => (
                        <div>
                          <a href={n.url} rel="noopener noreferrer">{n.title}</a>
                          {n.docNumber ? `（${n.docNumber}）` : ''}
                        </div>
                      ))}
                    </td>
                    <td>
                      <a href={`/console/calendar/${r.year}/history`}>第 {r.version} 版</a>
                    </td>
                    <td>
                      {formatLocal(r.updatedAt)} {r.updatedBy}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ImportForm c={c} errors={{}} />
      </ConsolePage>,
    );
  });

  app.post('/import', async (c) => {
    const form = await readForm(c);
    const file = form['file'];
    const uploaded = file instanceof File && file.size > 0 ? await file.text() : '';
    const text = uploaded || field(form, 'text');
    const values = { noticeTitle: field(form, 'noticeTitle'), noticeUrl: field(form, 'noticeUrl'), reason: field(form, 'reason'), text: uploaded ? '' : field(form, 'text') };
    if (!text.trim()) return c.html(<ImportPage c={c} values={values} errors={{ _: '请选择文件或粘贴内容' }} />, 400);
    if (text.length > 2_000_000) return c.html(<ImportPage c={c} values={values} errors={{ _: '文件过大（上限 2 MB）' }} />, 400);
    try {
      const format = field(form, 'format');
      const result = await c.get('services').calendar.importFile(c.get('actor')!, text, {
        format: format === 'json' || format === 'ics' ? format : undefined,
        reason: values.reason,
        noticeTitle: values.noticeTitle,
        noticeUrl: values.noticeUrl,
      });
      const saved = result.saved.length ? `已保存：${result.saved.join('、')} 年` : '';
      const same = result.unchanged.length ? `内容未变：${result.unchanged.join('、')} 年` : '';
      return c.redirect(`/console/calendar?saved=${encodeURIComponent([saved, same].filter(Boolean).join('；'))}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return c.html(<ImportPage c={c} values={values} errors={{ ...e.fieldErrors, _: e.message }} />, 400);
      throw e;
    }
  });

  app.get('/:year{[0-9]{4}}', async (c) => {
    const year = Number(c.req.param('year'));
    const { records, calendar } = await c.get('services').calendar.current();
    const record = records.find((r) => r.year === year);
    const data = record?.data as StoredYear | undefined;
    return c.html(
      <YearPage
        c={c}
        year={year}
        calendar={calendar}
        exists={record !== undefined}
        values={{
          noticeTitle: data?.notices[0]?.title ?? `国务院办公厅关于${year}年部分节假日安排的通知`,
          noticeUrl: data?.notices[0]?.url ?? '',
          docNumber: data?.notices[0]?.docNumber ?? '',
          lines: data ? formatArrangementLines(data.holidays) : '',
          sources: data ? data.sources.join('\n') : '中国政府网',
          note: data?.note ?? '',
          reason: '',
        }}
        errors={{}}
      />,
    );
  });

  app.post('/:year{[0-9]{4}}', async (c) => {
    const year = Number(c.req.param('year'));
    const form = await readForm(c);
    const values = Object.fromEntries(['noticeTitle', 'noticeUrl', 'docNumber', 'lines', 'sources', 'note', 'reason'].map((k) => [k, field(form, k)])) as Record<
      'noticeTitle' | 'noticeUrl' | 'docNumber' | 'lines' | 'sources' | 'note' | 'reason',
      string
    >;
    try {
      const result = await c.get('services').calendar.saveYearFromForm(c.get('actor')!, { year, ...values });
      return c.redirect(`/console/calendar/${year}?saved=${encodeURIComponent(result.saved.length ? '已保存为新版本' : '内容未变，没有保存新版本')}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) {
        const { records, calendar } = await c.get('services').calendar.current();
        return c.html(
          <YearPage c={c} year={year} calendar={calendar} exists={records.some((r) => r.year === year)} values={values} errors={{ ...e.fieldErrors, _: e.message }} />,
          400,
        );
      }
      throw e;
    }
  });

  app.get('/:year{[0-9]{4}}/history', async (c) => {
    const year = Number(c.req.param('year'));
    const versions = await c.get('services').calendar.history(c.get('actor')!, year);
    if (versions.length === 0) throw new NotFoundError(`${year} 年尚无节假日安排`);
    return c.html(
      <ConsolePage c={c} title={`${year} 年日历的版本`}>
        <h1>{year} 年日历的版本</h1>
        {versions.map((v) => (
          <section class="card">
            <h2>
              第 {v.version} 版 · {formatLocal(v.changedAt)} · {v.changedBy}
            </h2>
            <p>原因：{v.reason}</p>
            <pre class="mono">{formatArrangementLines((v.data as StoredYear).holidays)}</pre>
          </section>
        ))}
        <p>
          <a href={`/console/calendar/${year}`}>返回 {year} 年</a>
        </p>
      </ConsolePage>,
    );
  });

  return app;
}

function Saved(props: { c: Context<AppEnv> }) {
  const saved = props.c.req.query('saved');
  return saved ? (
    <div class="notice ok" role="status">
      <p>{saved}</p>
    </div>
  ) : null;
}

function ImportForm(props: { c: Context<AppEnv>; values?: Record<string, string>; errors: Record<string, string> }) {
  const v = props.values ?? {};
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">导入 JSON 或 ICS</h2>
      <form method="post" action="/console/calendar/import" enctype="multipart/form-data" class="stack">
        <CsrfField token={props.c.get('csrfToken')} />
        <div class="field">
          <label for="f-file">文件（.json 或 .ics）</label>
          <p class="hint" id="f-file-hint">JSON 与 resources/calendar/cn-holidays.json 结构相同，或单个年份 {'{"year":2027,…}'}；.ics 为全天事件，标题含“休”或“班”。</p>
          <input id="f-file" name="file" type="file" accept=".json,.ics,application/json,text/calendar" aria-describedby="f-file-hint" />
        </div>
        <div class="field">
          <label for="f-text">或粘贴内容</label>
          <textarea id="f-text" name="text" rows={4}>{v.text ?? ''}</textarea>
        </div>
        <div class="field">
          <label for="f-format">格式</label>
          <select id="f-format" name="format">
            <option value="">自动识别</option>
            <option value="json">JSON</option>
            <option value="ics">ICS</option>
          </select>
        </div>
        <Field name="noticeTitle" label="依据的通知标题（导入 ICS 时必填）" value={v.noticeTitle} error={props.errors.noticeTitle} />
        <Field name="noticeUrl" label="通知网址（导入 ICS 时必填）" value={v.noticeUrl} type="url" />
        <Field name="reason" label="修改原因" value={v.reason} required error={props.errors.reason} />
        <button type="submit">导入</button>
      </form>
    </section>
  );
}

function ImportPage(props: { c: Context<AppEnv>; values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <ConsolePage c={props.c} title="导入工作日历">
      <h1>导入工作日历</h1>
      <div class="notice bad" role="alert">
        <p>{props.errors._}</p>
        {props.errors.data && <pre class="mono">{props.errors.data}</pre>}
      </div>
      <ImportForm c={props.c} values={props.values} errors={props.errors} />
    </ConsolePage>
  );
}

function MonthGrid(props: { calendar: HolidayCalendar; year: number; month: number }) {
  const first = parseCalendarDate(`${props.year}-${String(props.month).padStart(2, '0')}-01`);
  const lead = (weekdayOf(first) + 6) % 7; // Monday first
  const cells: Array<string | null> = Array(lead).fill(null);
  for (let d = first; Number(d.slice(5, 7)) === props.month; d = addDays(d, 1)) cells.push(d);
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  return (
    <table class="month">
      <caption>{props.month} 月</caption>
      <thead>
        <tr>
          {['一', '二', '三', '四', '五', '六', '日'].map((w) => (
            <th scope="col">{w}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr>
            {week.map((d) => {
              if (!d) return <td></td>;
              const k = classifyDay(props.calendar, d);
              const label = `${d}${k.holidayName ? ` ${k.holidayName}` : ''}${k.kind === 'holiday' ? ' 放假' : k.kind === 'makeup_workday' ? ' 调休上班' : k.kind === 'weekend' ? ' 周末' : ''}`;
              return (
                <td class={`day-${k.kind}`} title={label}>
                  <span aria-hidden="true">{Number(d.slice(8))}</span>
                  {KIND_MARK[k.kind] && <span class="mark" aria-hidden="true">{KIND_MARK[k.kind]}</span>}
                  <span class="visually-hidden">{label}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function YearPage(props: {
  c: Context<AppEnv>;
  year: number;
  calendar: HolidayCalendar;
  exists: boolean;
  values: Record<'noticeTitle' | 'noticeUrl' | 'docNumber' | 'lines' | 'sources' | 'note' | 'reason', string>;
  errors: Record<string, string>;
}) {
  const { c, year, values, errors } = props;
  return (
    <ConsolePage c={c} title={`${year} 年工作日历`}>
      <h1>{year} 年工作日历</h1>
      <Saved c={c} />
      {errors._ && (
        <div class="notice bad" role="alert">
          <p>{errors._}</p>
          {errors.data && <pre class="mono">{errors.data}</pre>}
        </div>
      )}
      {!props.exists && (
        <div class="notice warn">
          <p>{year} 年尚未录入国务院办公厅的节假日安排：目前只按周末计算，涉及该年的期限均标注“暂定”。</p>
        </div>
      )}
      <p>
        图例：<span class="mark">休</span> 法定放假日，<span class="mark">班</span> 调休上班日；周六、周日以浅色显示。
        {props.exists && <a href={`/console/calendar/${year}/history`}>查看历史版本</a>}
      </p>
      <div class="months">
        {Array.from({ length: 12 }, (_, i) => (
          <MonthGrid calendar={props.calendar} year={year} month={i + 1} />
        ))}
      </div>
      <h2>{props.exists ? '修改' : '录入'}安排</h2>
      <form method="post" action={`/console/calendar/${year}`} class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <Field name="noticeTitle" label="通知标题" value={values.noticeTitle} required error={errors.noticeTitle} />
        <Field name="noticeUrl" label="通知网址" value={values.noticeUrl} type="url" required hint="中国政府网上的通知原文地址" error={errors.noticeUrl} />
        <Field name="docNumber" label="发文字号" value={values.docNumber} hint="如：国办发明电〔2025〕7号" />
        <div class="field">
          <label for="f-lines">节假日安排 *</label>
          <p class="hint" id="f-lines-hint">
            每行一个节日，照通知原文填写，如：春节：2026-02-15至2026-02-23放假；2026-02-14、2026-02-28上班。上一年 12 月的调休也写在本年。
          </p>
          <textarea id="f-lines" name="lines" rows={9} required aria-describedby="f-lines-hint">
            {values.lines}
          </textarea>
        </div>
        <div class="field">
          <label for="f-sources">数据来源（每行一个）</label>
          <textarea id="f-sources" name="sources" rows={2}>
            {values.sources}
          </textarea>
        </div>
        <Field name="note" label="备注" value={values.note} />
        <Field name="reason" label="修改原因" value={values.reason} required error={errors.reason} hint="写入审计日志和版本记录" />
        <button type="submit">保存为新版本</button>
      </form>
    </ConsolePage>
  );
}
