/**
 * 考核评估 in the console: the assessing agency's rubrics (indicators, weights, scoring rules, periods),
 * edited on a form that needs no JavaScript and saved as versions with a reason; the scores of the units
 * for a period with their ranking, each figure opening the records it was computed from; the assessor's
 * comment on each unit; exports as Word and Excel. Every change goes through the assessment service
 * (validated, in a transaction, audited).
 */
import { Hono, type Context } from 'hono';
import {
  INDICATORS,
  INDICATOR_LABELS,
  RUBRIC_TOTAL,
  SCORING_RULE_LABELS,
  describeRule,
  periodKeyOf,
  type Indicator,
  type RubricConfig,
  type ScoringRuleKind,
} from '../../domain/assessment/index.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import { renderAssessmentDocx } from '../../documents/assessment-docx.ts';
import { renderAssessmentXlsx } from '../../documents/assessment-xlsx.ts';
import type { PeriodAssessment } from '../../services/assess-units.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import { NotFoundError, ServiceError, ValidationError } from '../../services/errors.ts';
import type { RubricVersion, StoredRubric } from '../../services/ports.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm, type FormData } from '../forms.ts';
import { Breadcrumb, CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

type Values = Record<string, string>;
type Errors = Record<string, string>;

const RULE_KINDS = Object.keys(SCORING_RULE_LABELS) as ScoringRuleKind[];
const RECORD_LINKS = { item: (id: string) => `/console/items/${id}`, request: (id: string) => `/console/requests/${id}`, appeal: () => '/console/appeals' } as const;
const RECORD_KINDS = { item: '主动公开信息', request: '依申请公开申请', appeal: '复议诉讼案件' } as const;
/** Blank period rows offered beyond those already set. */
const SPARE_PERIODS = 2;

/** A sensible starting rubric: every indicator, 100 points, the year before and the current year. */
function defaultValues(today: string): Values {
  const year = Number(today.slice(0, 4));
  const v: Values = { name: '政务公开工作考核' };
  const defaults: Record<Indicator, [number, ScoringRuleKind, Record<string, number>]> = {
    on_time_publication_rate: [25, 'ratio', { full: 100, zero: 80 }],
    on_time_reply_rate: [25, 'ratio', { full: 100, zero: 50 }],
    catalogue_completeness: [10, 'ratio', { full: 100, zero: 0 }],
    update_frequency: [10, 'ratio', { full: 4, zero: 0 }],
    interpretations_per_policy: [10, 'ratio', { full: 1, zero: 0 }],
    corrections: [5, 'deduct', { each: 2.5 }],
    overdue_requests: [10, 'deduct', { each: 2 }],
    overdue_items: [5, 'deduct', { each: 1 }],
  };
  for (const code of INDICATORS) {
    const [weight, rule, params] = defaults[code];
    v[`use_${code}`] = '1';
    v[`weight_${code}`] = String(weight);
    v[`rule_${code}`] = rule;
    for (const [k, n] of Object.entries(params)) v[`${k}_${code}`] = String(n);
  }
  [year - 1, year].forEach((y, n) => {
    v[`plabel_${n}`] = `${y}年度`;
    v[`pfrom_${n}`] = `${y}-01-01`;
    v[`pto_${n}`] = `${y}-12-31`;
  });
  return v;
}

/** The form values of a stored config. */
function valuesOf(config: RubricConfig): Values {
  const v: Values = { name: config.name };
  for (const i of config.indicators) {
    v[`use_${i.indicator}`] = '1';
    v[`weight_${i.indicator}`] = String(i.weight);
    v[`rule_${i.indicator}`] = i.rule.kind;
    if (i.label) v[`label_${i.indicator}`] = i.label;
    for (const [k, n] of Object.entries(i.rule)) if (k !== 'kind') v[`${k}_${i.indicator}`] = String(n);
  }
  config.periods.forEach((p, n) => {
    v[`plabel_${n}`] = p.label;
    v[`pfrom_${n}`] = p.fromOn;
    v[`pto_${n}`] = p.toOn;
  });
  return v;
}

function periodRows(values: Values): number {
  let last = -1;
  for (const k of Object.keys(values)) {
    const m = /^p(?:label|from|to)_(\d+)$/.exec(k);
    if (m) last = Math.max(last, Number(m[1]));
  }
  return last + 1;
}

/** A number typed on the form, or the text itself so that validation names it (“分值应为数字”). */
function numberOf(text: string | undefined): number | string | undefined {
  const t = (text ?? '').trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * Turns the form into the raw rubric config the service validates, and remembers which form field each
 * config path came from so that every problem is shown next to its field.
 */
function configFromForm(values: Values): { raw: unknown; fieldOf: (path: string) => string } {
  const used = INDICATORS.filter((code) => values[`use_${code}`] === '1');
  const indicators = used.map((code) => {
    const kind = values[`rule_${code}`] ?? '';
    const rule: Record<string, unknown> = { kind };
    if (kind === 'ratio') Object.assign(rule, { full: numberOf(values[`full_${code}`]), zero: numberOf(values[`zero_${code}`]) });
    if (kind === 'deduct') rule.each = numberOf(values[`each_${code}`]);
    if (kind === 'threshold') rule.pass = numberOf(values[`pass_${code}`]);
    const label = (values[`label_${code}`] ?? '').trim();
    return { indicator: code, weight: numberOf(values[`weight_${code}`]), rule, ...(label && { label }) };
  });
  const rows = Array.from({ length: periodRows(values) }, (_, n) => n).filter((n) => ['plabel', 'pfrom', 'pto'].some((k) => (values[`${k}_${n}`] ?? '').trim() !== ''));
  const periods = rows.map((n) => ({ label: values[`plabel_${n}`] ?? '', fromOn: (values[`pfrom_${n}`] ?? '').trim(), toOn: (values[`pto_${n}`] ?? '').trim() }));
  const fieldOf = (path: string): string => {
    const parts = path.split('.');
    if (parts[0] === 'indicators' && parts[1] !== undefined) {
      const code = used[Number(parts[1])];
      const leaf = parts[parts.length - 1]!;
      if (!code) return 'indicators';
      if (parts[2] === 'weight') return `weight_${code}`;
      if (parts[2] === 'label') return `label_${code}`;
      // The form offers 每件扣分 only for counts: a problem with it elsewhere belongs to the rule chosen.
      if (parts[2] === 'rule') return ['full', 'zero', 'pass'].includes(leaf) || (leaf === 'each' && INDICATOR_LABELS[code].kind === 'count') ? `${leaf}_${code}` : `rule_${code}`;
      return `use_${code}`;
    }
    if (parts[0] === 'periods' && parts[1] !== undefined) {
      const row = rows[Number(parts[1])];
      if (row === undefined) return 'periods';
      return { label: `plabel_${row}`, fromOn: `pfrom_${row}`, toOn: `pto_${row}` }[parts[2] ?? 'label'] ?? `plabel_${row}`;
    }
    return parts[0] || '_';
  };
  return { raw: { name: values.name ?? '', indicators, periods }, fieldOf };
}

function formValues(form: FormData): Values {
  const v: Values = {};
  for (const key of Object.keys(form)) v[key] = field(form, key);
  return v;
}

function errorsFrom(e: unknown, fieldOf: (path: string) => string): Errors {
  if (e instanceof ValidationError) {
    const out: Errors = { _: e.message };
    for (const [path, message] of Object.entries(e.fieldErrors)) out[fieldOf(path)] ??= message;
    return out;
  }
  if (e instanceof ServiceError && e.status !== 403 && e.status !== 404) return { _: e.message };
  throw e;
}

const todayOf = (c: Context<AppEnv>) => chinaDateOf(c.get('services').deps.clock.now());
const queryOf = (r: PeriodAssessment) => `period=${encodeURIComponent(r.periodKey)}${r.version !== r.stored.version ? `&version=${r.version}` : ''}`;
const scoresHref = (id: number, key: string, version?: number) => `/console/assessment/${id}/scores?period=${encodeURIComponent(key)}${version ? `&version=${version}` : ''}`;

/** Routes under /console/assessment. */
export function assessmentRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const { agencies, rubrics } = await c.get('services').assessment.overview(c.get('actor')!);
    return c.html(<OverviewPage c={c} agencies={agencies} rubrics={rubrics} />);
  });

  app.get('/new', async (c) => {
    const { agencies } = await c.get('services').assessment.overview(c.get('actor')!);
    const values = { ...defaultValues(todayOf(c)), agencyId: c.req.query('agency') ?? String(agencies[0]?.id ?? '') };
    return c.html(<RubricFormPage c={c} agencies={agencies} values={values} errors={{}} />);
  });

  app.post('/new', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const values = formValues(await readForm(c));
    const { raw, fieldOf } = configFromForm(values);
    try {
      const stored = await services.assessment.createRubric(actor, Number(values.agencyId), raw);
      return c.redirect(`/console/assessment/${stored.id}?saved=created`, 303);
    } catch (e) {
      const errors = errorsFrom(e, fieldOf);
      const { agencies } = await services.assessment.overview(actor);
      return c.html(<RubricFormPage c={c} agencies={agencies} values={values} errors={errors} />, 400);
    }
  });

  app.get('/:id{[0-9]+}', async (c) => {
    const data = await c.get('services').assessment.rubric(c.get('actor')!, Number(c.req.param('id')));
    return c.html(<RubricPage c={c} {...data} />);
  });

  app.get('/:id{[0-9]+}/edit', async (c) => {
    const data = await c.get('services').assessment.rubric(c.get('actor')!, Number(c.req.param('id')));
    return c.html(<RubricFormPage c={c} rubric={data.stored} agency={data.agency} values={{ ...valuesOf(data.stored.config), version: String(data.stored.version) }} errors={{}} />);
  });

  app.post('/:id{[0-9]+}/edit', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const id = Number(c.req.param('id'));
    const values = formValues(await readForm(c));
    const { raw, fieldOf } = configFromForm(values);
    try {
      await services.assessment.updateRubric(actor, id, Number(values.version), raw, values.reason ?? '');
      return c.redirect(`/console/assessment/${id}?saved=updated`, 303);
    } catch (e) {
      const errors = errorsFrom(e, fieldOf);
      const data = await services.assessment.rubric(actor, id);
      return c.html(<RubricFormPage c={c} rubric={data.stored} agency={data.agency} values={values} errors={errors} />, e instanceof ValidationError ? 400 : 409);
    }
  });

  const versionOf = (c: Context<AppEnv>) => {
    const v = c.req.query('version');
    return v && /^\d+$/.test(v) ? Number(v) : undefined;
  };

  app.get('/:id{[0-9]+}/scores', async (c) => {
    const result = await c.get('services').assessment.scorePeriod(c.get('actor')!, Number(c.req.param('id')), c.req.query('period'), { version: versionOf(c) });
    return c.html(<ScoresPage c={c} result={result} />);
  });

  app.get('/:id{[0-9]+}/evidence', async (c) => {
    const q = c.req.query();
    const result = await c.get('services').assessment.scorePeriod(c.get('actor')!, Number(c.req.param('id')), q.period, { version: versionOf(c) });
    const unit = result.units.find((u) => String(u.unitId) === q.unit);
    const indicator = unit?.indicators.find((i) => i.indicator === q.indicator);
    if (!unit || !indicator) throw new NotFoundError('没有这个单位或指标的得分');
    return c.html(<EvidencePage c={c} result={result} unit={unit} indicator={indicator} />);
  });

  const unitPage = async (c: Context<AppEnv>, id: number, q: { period?: string; unit?: string; version?: number }, commentError?: { message: string; text: string }) => {
    const result = await c.get('services').assessment.scorePeriod(c.get('actor')!, id, q.period, { version: q.version });
    const unit = result.units.find((u) => String(u.unitId) === q.unit);
    if (!unit) throw new NotFoundError('该单位不在本考核范围内');
    return c.html(<UnitPage c={c} result={result} unit={unit} commentError={commentError} />, commentError ? 400 : 200);
  };

  app.get('/:id{[0-9]+}/unit', (c) => unitPage(c, Number(c.req.param('id')), { period: c.req.query('period'), unit: c.req.query('unit'), version: versionOf(c) }));

  app.post('/:id{[0-9]+}/comment', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const period = field(form, 'period');
    const unit = field(form, 'unit');
    try {
      await c.get('services').assessment.saveComment(c.get('actor')!, id, period, Number(unit), field(form, 'comment'));
    } catch (e) {
      if (!(e instanceof ValidationError) || e.fieldErrors.unitId) throw e;
      return unitPage(c, id, { period, unit }, { message: e.message, text: field(form, 'comment') });
    }
    return c.redirect(`/console/assessment/${id}/unit?period=${encodeURIComponent(period)}&unit=${unit}&saved=comment`, 303);
  });

  const exportRoute = (kind: 'docx' | 'xlsx') => async (c: Context<AppEnv>) => {
    const result = await c.get('services').assessment.scorePeriod(c.get('actor')!, Number(c.req.param('id')), c.req.query('period'), { version: versionOf(c) });
    const name = `${result.assessor}${result.rubric}考核结果.${kind}`;
    const bytes = kind === 'docx' ? await renderAssessmentDocx(result) : await renderAssessmentXlsx(result);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    const type = kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return c.body(bytes as unknown as ArrayBuffer, 200, { 'Content-Type': type });
  };
  app.get('/:id{[0-9]+}/export.docx', exportRoute('docx'));
  app.get('/:id{[0-9]+}/export.xlsx', exportRoute('xlsx'));

  return app;
}

function Notice(props: { c: Context<AppEnv> }) {
  const saved = props.c.req.query('saved');
  const text = saved === 'created' ? '考核细则已保存（第 1 版）。' : saved === 'updated' ? '考核细则已保存为新版本。' : saved === 'comment' ? '评语已保存。' : '';
  if (!text) return null;
  return (
    <div class="notice ok" role="status">
      <p>{text}</p>
    </div>
  );
}

function ErrorSummary(props: { errors: Errors }) {
  if (!props.errors._) return null;
  return (
    <div class="notice bad" role="alert" tabindex={-1} id="error-summary">
      <p>{props.errors._}</p>
    </div>
  );
}

function OverviewPage(props: { c: Context<AppEnv>; agencies: Agency[]; rubrics: StoredRubric[] }) {
  const { c, agencies, rubrics } = props;
  return (
    <ConsolePage c={c} title="考核评估">
      <h1>考核评估</h1>
      <p>
        考核机关按考核细则为所属单位评分：每项指标由平台中的记录计算，得分可追溯到所依据的每一条记录；可排名、填写评语，导出 Word 和 Excel。
        年度报告“工作考核”部分（条例第五十条第（四）项）可引用考核结果。
      </p>
      {agencies.map((agency) => {
        const mine = rubrics.filter((r) => r.agencyId === agency.id);
        return (
          <section aria-labelledby={`agency-${agency.id}`}>
            <h2 id={`agency-${agency.id}`}>{agency.name}</h2>
            <p class="actions">
              <a class="button" href={`/console/assessment/new?agency=${agency.id}`}>
                新建考核细则
              </a>
            </p>
            {mine.length === 0 ? (
              <p>尚未制定考核细则。</p>
            ) : (
              <div class="table-scroll">
                <table>
                  <caption class="visually-hidden">{agency.name}的考核细则</caption>
                  <thead>
                    <tr>
                      <th scope="col">考核细则</th>
                      <th scope="col">版本</th>
                      <th scope="col">考核期（查看得分）</th>
                      <th scope="col">最后修改</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mine.map((r) => (
                      <tr>
                        <td>
                          <a href={`/console/assessment/${r.id}`}>{r.name}</a>
                        </td>
                        <td>第 {r.version} 版</td>
                        <td>
                          {r.config.periods.map((p, n) => (
                            <>
                              {n > 0 && '、'}
                              <a href={scoresHref(r.id, periodKeyOf(p))}>{p.label}</a>
                            </>
                          ))}
                        </td>
                        <td>
                          {formatLocal(r.updatedAt)} {r.updatedBy}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </ConsolePage>
  );
}

function RubricPage(props: { c: Context<AppEnv>; stored: StoredRubric; agency: Agency; versions: RubricVersion[] }) {
  const { c, stored, agency, versions } = props;
  return (
    <ConsolePage c={c} title={stored.name}>
      <Breadcrumb items={[{ href: '/console/assessment', label: '考核评估' }, { label: stored.name }]} />
      <h1>{stored.name}</h1>
      <Notice c={c} />
      <p>
        考核机关：{agency.name}。当前为第 {stored.version} 版，{formatLocal(stored.updatedAt)} 由 {stored.updatedBy} 保存。
      </p>
      <p class="actions">
        <a class="button" href={`/console/assessment/${stored.id}/edit`}>
          修改考核细则
        </a>
      </p>
      <h2>考核期</h2>
      <ul>
        {stored.config.periods.map((p) => (
          <li>
            <a href={scoresHref(stored.id, periodKeyOf(p))}>
              {p.label}（{p.fromOn} 至 {p.toOn}）得分与排名
            </a>
          </li>
        ))}
      </ul>
      <RubricTable config={stored.config} caption="考核指标、分值与评分规则" />
      <h2>版本记录</h2>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">考核细则的各个版本</caption>
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">保存时间</th>
              <th scope="col">保存人</th>
              <th scope="col">修改理由</th>
              <th scope="col">指标与分值</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr>
                <td>第 {v.version} 版</td>
                <td>{formatLocal(v.savedAt)}</td>
                <td>{v.savedBy}</td>
                <td>{v.reason}</td>
                <td>
                  {v.config.indicators.map((i) => `${i.label || INDICATOR_LABELS[i.indicator].label.replace(/（.*$/, '')} ${i.weight}分`).join('；')}
                  {v.version !== stored.version && v.config.periods[0] && (
                    <>
                      {' '}
                      <a href={scoresHref(stored.id, periodKeyOf(v.config.periods[0]), v.version)}>按此版本评分</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}

function RubricTable(props: { config: RubricConfig; caption: string }) {
  return (
    <>
      <h2>{props.caption}</h2>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">分值</th>
              <th scope="col">评分规则</th>
            </tr>
          </thead>
          <tbody>
            {props.config.indicators.map((i) => (
              <tr>
                <td>{i.label || INDICATOR_LABELS[i.indicator].label}</td>
                <td class="num">{i.weight}</td>
                <td>{describeRule(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NumberField(props: { name: string; label: string; values: Values; errors: Errors; hint?: string }) {
  return <Field name={props.name} label={props.label} value={props.values[props.name] ?? ''} error={props.errors[props.name]} inputmode="decimal" hint={props.hint} />;
}

function RubricFormPage(props: { c: Context<AppEnv>; agencies?: Agency[]; rubric?: StoredRubric; agency?: Agency; values: Values; errors: Errors }) {
  const { c, values, errors, rubric } = props;
  const title = rubric ? `修改考核细则：${rubric.name}` : '新建考核细则';
  const action = rubric ? `/console/assessment/${rubric.id}/edit` : '/console/assessment/new';
  const rows = Math.max(periodRows(values) + SPARE_PERIODS, 4);
  return (
    <ConsolePage c={c} title={title}>
      <Breadcrumb items={[{ href: '/console/assessment', label: '考核评估' }, ...(rubric ? [{ href: `/console/assessment/${rubric.id}`, label: rubric.name }] : []), { label: rubric ? '修改' : '新建' }]} />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} class="rubric-form" novalidate>
        <CsrfField token={c.get('csrfToken')} />
        {rubric && <input type="hidden" name="version" value={values.version ?? String(rubric.version)} />}
        {props.agencies ? (
          <div class="field">
            <label for="f-agencyId">考核机关</label>
            {errors.agencyId && (
              <p class="error" id="f-agencyId-error">
                {errors.agencyId}
              </p>
            )}
            <select id="f-agencyId" name="agencyId" aria-invalid={errors.agencyId ? 'true' : undefined} aria-describedby={errors.agencyId ? 'f-agencyId-error' : undefined}>
              {props.agencies.map((a) => (
                <option value={String(a.id)} selected={String(a.id) === values.agencyId}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>考核机关：{props.agency?.name}</p>
        )}
        <Field name="name" label="考核细则名称" value={values.name ?? ''} error={errors.name} required hint="例如：黔城镇政务公开工作考核" />
        <fieldset>
          <legend>考核指标、分值与评分规则（各项分值之和应为 {RUBRIC_TOTAL} 分）</legend>
          {errors.indicators && <p class="error">{errors.indicators}</p>}
          <p class="hint">
            评分规则：“按比例”——测量值达到满分标准得满分，不高于零分标准不得分，之间按比例（逾期数等越少越好的指标，把满分标准设得比零分标准小）；
            “按件扣分”——每件扣若干分，扣完为止（只用于按件计数的指标）；“达标得分”——达到标准得满分，否则不得分。只需填写所选规则用到的数。
          </p>
          {INDICATORS.map((code) => {
            const info = INDICATOR_LABELS[code];
            const err = (k: string) => errors[`${k}_${code}`];
            return (
              <fieldset class="indicator">
                <legend>{info.label}</legend>
                <div class="field check">
                  <input type="checkbox" id={`f-use_${code}`} name={`use_${code}`} value="1" checked={values[`use_${code}`] === '1'} /> <label for={`f-use_${code}`}>考核此项</label>
                  {err('use') && <p class="error">{err('use')}</p>}
                </div>
                <div class="indicator-fields">
                  <NumberField name={`weight_${code}`} label="分值" values={values} errors={errors} />
                  <div class="field">
                    <label for={`f-rule_${code}`}>评分规则</label>
                    {err('rule') && (
                      <p class="error" id={`f-rule_${code}-error`}>
                        {err('rule')}
                      </p>
                    )}
                    <select id={`f-rule_${code}`} name={`rule_${code}`} aria-invalid={err('rule') ? 'true' : undefined} aria-describedby={err('rule') ? `f-rule_${code}-error` : undefined}>
                      {RULE_KINDS.filter((k) => k !== 'deduct' || info.kind === 'count' || values[`rule_${code}`] === 'deduct').map((k) => (
                        <option value={k} selected={values[`rule_${code}`] === k}>
                          {{ ratio: '按比例', deduct: '按件扣分', threshold: '达标得分' }[k]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <NumberField name={`full_${code}`} label={`满分标准（${info.unit}）`} values={values} errors={errors} />
                  <NumberField name={`zero_${code}`} label={`零分标准（${info.unit}）`} values={values} errors={errors} />
                  {info.kind === 'count' && <NumberField name={`each_${code}`} label="每件扣分" values={values} errors={errors} />}
                  <NumberField name={`pass_${code}`} label={`达标标准（${info.unit}）`} values={values} errors={errors} />
                </div>
                <Field name={`label_${code}`} label="打印名称（可选，留空用默认名称）" value={values[`label_${code}`] ?? ''} error={err('label')} />
              </fieldset>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>考核期（名称、起止日期；不用的行留空）</legend>
          <p class="hint">名称如“2025年度”“2026年上半年”；同一考核细则可用于多个考核期，评语按考核期分别保存。</p>
          {errors.periods && <p class="error">{errors.periods}</p>}
          {Array.from({ length: rows }, (_, n) => (
            <div class="period-row">
              <Field name={`plabel_${n}`} label={`考核期 ${n + 1} 名称`} value={values[`plabel_${n}`] ?? ''} error={errors[`plabel_${n}`]} />
              <Field name={`pfrom_${n}`} label="起始日期" type="date" value={values[`pfrom_${n}`] ?? ''} error={errors[`pfrom_${n}`]} />
              <Field name={`pto_${n}`} label="截止日期" type="date" value={values[`pto_${n}`] ?? ''} error={errors[`pto_${n}`]} />
            </div>
          ))}
        </fieldset>
        {rubric && <Field name="reason" label="修改理由" value={values.reason ?? ''} error={errors.reason} required hint="记入版本记录和审计日志" />}
        <button type="submit">{rubric ? `保存为第 ${rubric.version + 1} 版` : '保存'}</button>
      </form>
    </ConsolePage>
  );
}

function PeriodPicker(props: { result: PeriodAssessment }) {
  const { result } = props;
  return (
    <form method="get" action={`/console/assessment/${result.stored.id}/scores`} class="filters">
      <div class="field">
        <label for="f-period">考核期</label>
        <select id="f-period" name="period">
          {result.config.periods.map((p) => (
            <option value={periodKeyOf(p)} selected={periodKeyOf(p) === result.periodKey}>
              {p.label}（{p.fromOn} 至 {p.toOn}）
            </option>
          ))}
        </select>
      </div>
      {result.version !== result.stored.version && <input type="hidden" name="version" value={String(result.version)} />}
      <button type="submit">查看</button>
    </form>
  );
}

function ScoresPage(props: { c: Context<AppEnv>; result: PeriodAssessment }) {
  const { c, result } = props;
  const id = result.stored.id;
  const qs = queryOf(result);
  const first = result.units[0];
  return (
    <ConsolePage c={c} title={`${result.rubric}得分与排名`}>
      <Breadcrumb items={[{ href: '/console/assessment', label: '考核评估' }, { href: `/console/assessment/${id}`, label: result.stored.name }, { label: result.period.label }]} />
      <h1>{result.rubric}得分与排名</h1>
      <Notice c={c} />
      <AssessmentNote result={result} />
      <PeriodPicker result={result} />
      <p class="actions">
        <a href={`/console/assessment/${id}/export.docx?${qs}`}>下载 Word</a>
        <a href={`/console/assessment/${id}/export.xlsx?${qs}`}>下载 Excel</a>
      </p>
      <p class="hint">点击单位名称查看各项得分的依据并填写评语；点击得分查看计算该项所依据的记录。</p>
      <div class="table-scroll">
        <table class="ranking">
          <caption class="visually-hidden">各单位总分与各项得分</caption>
          <thead>
            <tr>
              <th scope="col">排名</th>
              <th scope="col">单位</th>
              <th scope="col">总分</th>
              {first?.indicators.map((i) => (
                <th scope="col">
                  {i.label.replace(/（.*$/, '')}（{i.weight}分）
                </th>
              ))}
              <th scope="col">评语</th>
            </tr>
          </thead>
          <tbody>
            {result.units.map((u) => (
              <tr>
                <td class="num">{u.rank}</td>
                <th scope="row">
                  <a href={`/console/assessment/${id}/unit?${qs}&unit=${u.unitId}`}>{u.unitName}</a>
                </th>
                <td class="num">
                  <strong>{u.total}</strong>
                </td>
                {u.indicators.map((i) => (
                  <td class="num">
                    <a href={`/console/assessment/${id}/evidence?${qs}&unit=${u.unitId}&indicator=${i.indicator}`}>
                      {i.points}
                      <span class="visually-hidden">
                        分（{u.unitName}：{i.label}，查看依据）
                      </span>
                    </a>
                  </td>
                ))}
                <td>{u.comment ? '已填写' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsolePage>
  );
}

function AssessmentNote(props: { result: PeriodAssessment }) {
  const { result } = props;
  return (
    <p>
      考核机关：{result.assessor}；考核期 {result.fromOn} 至 {result.toOn}；数据截至 {result.asOn}
      {result.asOn < result.toOn ? '（考核期尚未结束，得分随记录变化）' : ''}；按考核细则第 {result.version} 版计分
      {result.version !== result.stored.version ? `（当前为第 ${result.stored.version} 版）` : ''}。
    </p>
  );
}

type UnitResult = PeriodAssessment['units'][number];

function UnitPage(props: { c: Context<AppEnv>; result: PeriodAssessment; unit: UnitResult; commentError?: { message: string; text: string } }) {
  const { c, result, unit: u } = props;
  const id = result.stored.id;
  const qs = queryOf(result);
  const error = props.commentError;
  const title = `${u.unitName}：第 ${u.rank} 名，${u.total} 分`;
  return (
    <ConsolePage c={c} title={`${u.unitName}考核得分`}>
      <Breadcrumb items={[{ href: '/console/assessment', label: '考核评估' }, { href: `/console/assessment/${id}/scores?${qs}`, label: `${result.stored.name}（${result.period.label}）` }, { label: u.unitName }]} />
      <h1>{title}</h1>
      <Notice c={c} />
      <AssessmentNote result={result} />
      <div class="table-scroll">
        <table>
          <caption>
            {u.unitName}各项指标得分（满分 {u.maximum} 分）
          </caption>
          <thead>
            <tr>
              <th scope="col">指标</th>
              <th scope="col">测量值（点击查看所依据的记录）</th>
              <th scope="col">得分 / 分值</th>
              <th scope="col">依据</th>
            </tr>
          </thead>
          <tbody>
            {u.indicators.map((i) => (
              <tr>
                <th scope="row">{i.label}</th>
                <td>
                  <a href={`/console/assessment/${id}/evidence?${qs}&unit=${u.unitId}&indicator=${i.indicator}`}>
                    {i.measure === null ? '—' : `${i.measure}${i.unit}`}
                    <span class="visually-hidden">（{i.label}的依据记录）</span>
                  </a>{' '}
                  <span class="hint">
                    {i.records.length} 条记录{i.evidence.length > 0 ? `，${i.evidence.length} 条扣分` : ''}
                  </span>
                </td>
                <td class="num">
                  {i.points} / {i.weight}
                </td>
                <td>{i.basis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={`/console/assessment/${id}/comment`} class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="period" value={result.periodKey} />
        <input type="hidden" name="unit" value={String(u.unitId)} />
        <div class="field">
          <label for="f-comment">评语</label>
          <p class="hint" id="f-comment-hint">
            对{u.unitName}本考核期工作的评价，随考核结果导出；保存后记入审计日志。
          </p>
          {error && (
            <p class="error" id="f-comment-error">
              {error.message}
            </p>
          )}
          <textarea id="f-comment" name="comment" rows={5} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-comment-hint f-comment-error' : 'f-comment-hint'}>
            {error ? error.text : u.comment}
          </textarea>
        </div>
        <button type="submit">保存评语</button>
      </form>
    </ConsolePage>
  );
}

function EvidencePage(props: { c: Context<AppEnv>; result: PeriodAssessment; unit: PeriodAssessment['units'][number]; indicator: PeriodAssessment['units'][number]['indicators'][number] }) {
  const { c, result, unit, indicator } = props;
  const back = `/console/assessment/${result.stored.id}/unit?${queryOf(result)}&unit=${unit.unitId}`;
  const title = `${unit.unitName}：${indicator.label}`;
  return (
    <ConsolePage c={c} title={title}>
      <Breadcrumb items={[{ href: '/console/assessment', label: '考核评估' }, { href: `/console/assessment/${result.stored.id}/scores?${queryOf(result)}`, label: `${result.stored.name}（${result.period.label}）` }, { href: back, label: unit.unitName }, { label: indicator.label.replace(/（.*$/, '') }]} />
      <h1>{title}</h1>
      <p>
        测量值 {indicator.measure === null ? '—（无可考核事项，得满分）' : `${indicator.measure}${indicator.unit}`}，得 {indicator.points} 分（分值 {indicator.weight} 分）。{indicator.basis}。
      </p>
      {indicator.records.length === 0 ? (
        <p>考核期内没有计入此项的记录。</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>计算此项所依据的 {indicator.records.length} 条记录（其中扣分 {indicator.evidence.length} 条）</caption>
            <thead>
              <tr>
                <th scope="col">记录</th>
                <th scope="col">情况</th>
                <th scope="col">是否扣分</th>
              </tr>
            </thead>
            <tbody>
              {indicator.records.map((r) => (
                <tr>
                  <td>
                    <a href={RECORD_LINKS[r.kind](r.id)}>{r.ref}</a>
                    <br />
                    <span class="hint">{RECORD_KINDS[r.kind]}</span>
                  </td>
                  <td>{r.text}</td>
                  <td>{r.adverse ? <strong>扣分</strong> : '否'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={back}>返回{unit.unitName}的得分</a>
      </p>
    </ConsolePage>
  );
}
