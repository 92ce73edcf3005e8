/**
 * 台账导入导出 in the console: upload an XLSX or CSV ledger of items, requests or appeals for an
 * agency and see the dry run (a summary, the row-by-row errors in Chinese, the rows that would be
 * created and those already imported), then confirm — the confirmation names the dry-run file by its
 * SHA-256 and imports exactly that file (src/services/stage-ledger-imports.ts). Templates with an
 * example row and a sheet of instructions, and exports as XLSX or CSV by kind, agency and year.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import { writeLedgerCsv, writeLedgerXlsx } from '../../documents/ledger-xlsx.ts';
import { writeLedgerTemplateXlsx } from '../../documents/ledger-template.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import { ForbiddenError, ValidationError } from '../../services/errors.ts';
import { LEDGER_KINDS, LEDGER_KIND_LABELS, isLedgerKind, type LedgerImportReport, type LedgerKind } from '../../services/import-ledgers.ts';
import { LEDGER_UPLOAD_HOURS, type LedgerDryRun } from '../../services/stage-ledger-imports.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { CsrfField } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

/** Rows listed per table on the dry-run page (a 10 000-row ledger is summarised, not printed). */
const LISTED = 200;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What each kind's key is called in the tables. */
const KEY_LABELS: Readonly<Record<LedgerKind, string>> = { items: '索引号', requests: '申请编号', appeals: '案件标识' };

interface FormValues {
  kind?: string;
  agencyId?: string;
  year?: string;
  format?: string;
}

function requireImport(c: Context<AppEnv>): void {
  if (!can(c.get('actor')!.grants, 'ledger.import')) throw new ForbiddenError('您没有导入导出台账的权限（须为公开办工作人员）');
}

async function importAgencies(c: Context<AppEnv>): Promise<Agency[]> {
  const grants = c.get('actor')!.grants;
  return (await c.get('services').agencies.all()).filter((a) => can(grants, 'ledger.import', a.path));
}

function attachmentName(name: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Routes under /console/ledgers. */
export function ledgerRoutes() {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    requireImport(c);
    await next();
  });

  app.get('/', async (c) => c.html(<LedgerHome c={c} agencies={await importAgencies(c)} values={{ agencyId: String(c.get('user')!.agencyId) }} errors={{}} />));

  app.post('/import', async (c) => {
    const form = await readForm(c);
    const values: FormValues = { kind: field(form, 'kind'), agencyId: field(form, 'agencyId') };
    const raw = form['file'];
    const file = Array.isArray(raw) ? raw[0] : raw;
    const upload = file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : { name: '', bytes: new Uint8Array() };
    try {
      const result = await c.get('services').ledgerUploads.dryRun(c.get('actor')!, { kind: values.kind ?? '', agencyId: Number(values.agencyId), fileName: upload.name, bytes: upload.bytes });
      const agency = await c.get('services').agencies.get(Number(values.agencyId));
      return c.html(<DryRunPage c={c} result={result} agencyId={values.agencyId ?? ''} agencyName={agency?.name ?? ''} agencies={await importAgencies(c)} />);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return c.html(<LedgerHome c={c} agencies={await importAgencies(c)} values={values} errors={{ ...e.fieldErrors, _: e.message }} />, 400);
    }
  });

  app.post('/confirm', async (c) => {
    const form = await readForm(c);
    try {
      const { report, upload } = await c.get('services').ledgerUploads.confirm(c.get('actor')!, field(form, 'sha256'), Number(field(form, 'uploadId')) || undefined);
      const agency = await c.get('services').agencies.get(upload.agencyId);
      return c.html(<ConfirmedPage c={c} report={report} fileName={upload.fileName} agencyName={agency?.name ?? ''} />, report.committed ? 200 : 409);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return c.html(
        <ConsolePage c={c} title="导入未完成">
          <h1>导入未完成</h1>
          <div class="notice bad" role="alert">
            <p>{e.message}</p>
          </div>
          <p>
            <a href="/console/ledgers">返回台账导入导出</a>
          </p>
        </ConsolePage>,
        400,
      );
    }
  });

  app.get('/template/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!isLedgerKind(kind)) throw new ValidationError('未知的台账类型。');
    // The values the template lists are those of the agency's vocabularies: the one chosen (as for the
    // export, among the agencies the user may import for), else the signed-in user's own agency.
    const wanted = c.req.query('agencyId');
    const chosen = wanted === undefined ? undefined : (await importAgencies(c)).find((a) => String(a.id) === wanted);
    const t = await c.get('services').ledgers.template(kind, chosen?.id ?? c.get('user')!.agencyId);
    const bytes = await writeLedgerTemplateXlsx({ title: LEDGER_KIND_LABELS[kind], headers: t.headers, example: t.rows[0] ?? [], columns: t.columns });
    c.header('Content-Disposition', attachmentName(`${LEDGER_KIND_LABELS[kind]}模板.xlsx`));
    return c.body(bytes as unknown as ArrayBuffer, 200, { 'Content-Type': XLSX_TYPE });
  });

  app.get('/export', async (c) => {
    const values: FormValues = { kind: c.req.query('kind') ?? '', agencyId: c.req.query('agencyId') ?? '', year: (c.req.query('year') ?? '').trim(), format: c.req.query('format') ?? 'xlsx' };
    const errors: Record<string, string> = {};
    if (!isLedgerKind(values.kind)) errors.exportKind = '请选择台账类型';
    const agencies = await importAgencies(c);
    const agency = agencies.find((a) => String(a.id) === values.agencyId);
    if (!agency) errors.exportAgencyId = '请选择机构';
    if (values.year !== '' && !/^(19|20)\d{2}$/.test(values.year ?? '')) errors.year = '年度应为四位数字，如 2025；不填则导出全部年度';
    if (values.format !== 'xlsx' && values.format !== 'csv') errors.format = '请选择 Excel 或 CSV';
    if (Object.keys(errors).length > 0 || !agency || !isLedgerKind(values.kind)) {
      return c.html(<LedgerHome c={c} agencies={agencies} values={values} errors={{ ...errors, export: '导出条件有误，请按提示修改。' }} />, 400);
    }
    const year = values.year ? Number(values.year) : undefined;
    const t = await c.get('services').ledgers.exportLedger(c.get('actor')!, values.kind, agency.id, year === undefined ? {} : { year });
    const name = `${agency.name}${year ?? ''}${year ? '年' : ''}${LEDGER_KIND_LABELS[values.kind]}`;
    if (values.format === 'csv') {
      c.header('Content-Disposition', attachmentName(`${name}.csv`));
      return c.body(writeLedgerCsv(t.headers, t.rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    c.header('Content-Disposition', attachmentName(`${name}.xlsx`));
    return c.body((await writeLedgerXlsx(LEDGER_KIND_LABELS[values.kind], t.headers, t.rows)) as unknown as ArrayBuffer, 200, { 'Content-Type': XLSX_TYPE });
  });

  return app;
}

// --- views ---------------------------------------------------------------------------------------

function Select(props: { name: string; id?: string; label: string; value: string | undefined; options: Array<[string, string]>; error?: string | undefined; hint?: string }) {
  const id = props.id ?? `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <select id={id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

const kindOptions = (): Array<[string, string]> => LEDGER_KINDS.map((k) => [k, LEDGER_KIND_LABELS[k]]);
const agencyOptions = (agencies: Agency[]): Array<[string, string]> => agencies.map((a) => [String(a.id), a.name]);

function UploadForm(props: { c: Context<AppEnv>; agencies: Agency[]; values: FormValues; errors: Record<string, string> }) {
  const { values, errors } = props;
  return (
    <section aria-labelledby="import-heading" class="card">
      <h2 id="import-heading">导入台账</h2>
      <p>先试导入：逐行检查，列出错误和将要新建、已存在而跳过的行，不写入任何数据；确认后才在一个事务中全部写入。同一文件重复导入不会产生重复记录。</p>
      <form method="post" action="/console/ledgers/import" enctype="multipart/form-data" class="stack">
        <CsrfField token={props.c.get('csrfToken')} />
        <Select name="kind" label="台账类型" value={values.kind} options={kindOptions()} error={errors.kind} />
        <Select name="agencyId" label="导入到机构（台账中“发布机构”“受理机关”为空的行属于该机构）" value={values.agencyId} options={agencyOptions(props.agencies)} error={errors.agencyId} />
        <div class="field">
          <label for="f-file">台账文件（Excel .xlsx 或 CSV）</label>
          <p class="hint" id="f-file-hint">
            第一个工作表，首行为中文表头，格式见下方模板。CSV 可为 UTF-8 或 GBK 编码。
          </p>
          {errors.file && (
            <p class="error" id="f-file-error">
              {errors.file}
            </p>
          )}
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={errors.file ? 'true' : undefined}
            aria-describedby={errors.file ? 'f-file-hint f-file-error' : 'f-file-hint'}
          />
        </div>
        <button type="submit">试导入（不写入）</button>
      </form>
    </section>
  );
}

function LedgerHome(props: { c: Context<AppEnv>; agencies: Agency[]; values: FormValues; errors: Record<string, string> }) {
  const { values, errors } = props;
  const message = errors._ ?? errors.export;
  return (
    <ConsolePage c={props.c} title="台账导入导出">
      <h1>台账导入导出</h1>
      {message && (
        <div class="notice bad" role="alert">
          <p>{message}</p>
        </div>
      )}
      <UploadForm c={props.c} agencies={props.agencies} values={values} errors={errors} />
      <section aria-labelledby="template-heading">
        <h2 id="template-heading">下载模板</h2>
        <p>模板第一个工作表为表头和一行示例（导入前请删除或改写示例行），第二个工作表说明每一列和可填的值。</p>
        <ul>
          {LEDGER_KINDS.map((k) => (
            <li>
              <a href={`/console/ledgers/template/${k}`}>{LEDGER_KIND_LABELS[k]}模板（Excel）</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="export-heading" class="card">
        <h2 id="export-heading">导出台账</h2>
        <p>导出机构及其下级的台账，列与导入格式相同，导出的文件可以再导入（已存在的行会被跳过）。</p>
        <form method="get" action="/console/ledgers/export" class="stack">
          <Select name="kind" id="f-export-kind" label="台账类型" value={values.kind} options={kindOptions()} error={errors.exportKind} />
          <Select name="agencyId" id="f-export-agency" label="机构（含下级）" value={values.agencyId} options={agencyOptions(props.agencies)} error={errors.exportAgencyId} />
          <div class="field">
            <label for="f-year">年度（不填则导出全部年度）</label>
            <p class="hint" id="f-year-hint">
              主动公开按生成日期、依申请公开按收到申请日期、复议诉讼按申请或起诉日期所在年度。
            </p>
            {errors.year && (
              <p class="error" id="f-year-error">
                {errors.year}
              </p>
            )}
            <input
              id="f-year"
              name="year"
              type="text"
              inputmode="numeric"
              value={values.year ?? ''}
              aria-invalid={errors.year ? 'true' : undefined}
              aria-describedby={errors.year ? 'f-year-hint f-year-error' : 'f-year-hint'}
            />
          </div>
          <Select name="format" label="文件格式" value={values.format ?? 'xlsx'} options={[['xlsx', 'Excel（.xlsx）'], ['csv', 'CSV（UTF-8）']]} error={errors.format} />
          <button type="submit">导出</button>
        </form>
      </section>
    </ConsolePage>
  );
}

function Summary(props: { report: LedgerImportReport; done: boolean }) {
  const r = props.report;
  return (
    <dl class="stat-summary">
      <div>
        <dt>数据行</dt>
        <dd>{r.total}</dd>
      </div>
      <div>
        <dt>{props.done ? '已新建' : r.errors.length > 0 ? '无错误的新行' : '将新建'}</dt>
        <dd>{r.created}</dd>
      </div>
      <div>
        <dt>已存在而跳过</dt>
        <dd>{r.duplicates.length}</dd>
      </div>
      <div>
        <dt>错误</dt>
        <dd>{r.errors.length}</dd>
      </div>
      <div>
        <dt>提示</dt>
        <dd>{r.warnings.length}</dd>
      </div>
    </dl>
  );
}

function More(props: { total: number }) {
  return props.total > LISTED ? <p class="hint">只列出前 {LISTED} 条，共 {props.total} 条。</p> : null;
}

function ProblemTable(props: { id: string; caption: string; problems: LedgerImportReport['errors'] }) {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.caption}</h2>
      <div class="table-scroll">
        <table>
          <caption>
            {props.caption}（共 {props.problems.length} 条）
          </caption>
          <thead>
            <tr>
              <th scope="col">行号</th>
              <th scope="col">列</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {props.problems.slice(0, LISTED).map((p) => (
              <tr>
                <td>{p.line > 0 ? `第 ${p.line} 行` : '整个文件'}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={props.problems.length} />
    </section>
  );
}

function RowTable(props: { id: string; caption: string; kind: LedgerKind; rows: Array<{ line: number; key: string; label?: string }> }) {
  const withLabel = props.rows.some((r) => r.label !== undefined);
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.caption}</h2>
      <div class="table-scroll">
        <table>
          <caption>
            {props.caption}（共 {props.rows.length} 行）
          </caption>
          <thead>
            <tr>
              <th scope="col">行号</th>
              <th scope="col">{KEY_LABELS[props.kind]}</th>
              {withLabel && <th scope="col">内容</th>}
            </tr>
          </thead>
          <tbody>
            {props.rows.slice(0, LISTED).map((r) => (
              <tr>
                <td>第 {r.line} 行</td>
                <td class="mono">{r.key}</td>
                {withLabel && <td>{r.label}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More total={props.rows.length} />
    </section>
  );
}

function ReportTables(props: { report: LedgerImportReport; done: boolean }) {
  const r = props.report;
  return (
    <>
      {r.errors.length > 0 && <ProblemTable id="errors" caption="错误" problems={r.errors} />}
      {r.warnings.length > 0 && <ProblemTable id="warnings" caption="提示（不影响导入）" problems={r.warnings} />}
      {r.planned.length > 0 && <RowTable id="planned" caption={props.done ? '已新建的行' : r.errors.length > 0 ? '无错误的新行（改正全部错误后才会导入）' : '将新建的行'} kind={r.kind} rows={r.planned} />}
      {r.duplicates.length > 0 && <RowTable id="duplicates" caption="已存在而跳过的行" kind={r.kind} rows={r.duplicates} />}
    </>
  );
}

function DryRunPage(props: { c: Context<AppEnv>; result: LedgerDryRun; agencyId: string; agencyName: string; agencies: Agency[] }) {
  const { report, upload } = props.result;
  const kindLabel = LEDGER_KIND_LABELS[report.kind];
  return (
    <ConsolePage c={props.c} title={`试导入：${props.result.fileName}`}>
      <h1>试导入结果</h1>
      <p>
        文件 <strong>{props.result.fileName}</strong>（{kindLabel}），导入到 <strong>{props.agencyName}</strong>。SHA-256：<span class="mono">{props.result.sha256}</span>
      </p>
      <Summary report={report} done={false} />
      {report.errors.length > 0 ? (
        <div class="notice bad" role="alert">
          <p>台账有 {report.errors.length} 处错误，整份文件不能导入，未写入任何数据。请按下表修改台账后重新上传。</p>
        </div>
      ) : report.created === 0 ? (
        <div class="notice ok" role="status">
          <p>台账中的行都已导入过，没有需要新建的记录。</p>
        </div>
      ) : (
        <div class="notice ok" role="status">
          <p>检查通过，尚未写入任何数据。确认后将在一个事务中新建 {report.created} 行{report.duplicates.length > 0 ? `，跳过已存在的 ${report.duplicates.length} 行` : ''}。</p>
        </div>
      )}
      {upload && (
        <form method="post" action="/console/ledgers/confirm" class="stack card">
          <CsrfField token={props.c.get('csrfToken')} />
          <input type="hidden" name="sha256" value={upload.sha256} />
          <input type="hidden" name="uploadId" value={String(upload.id)} />
          <p>
            请在 {formatLocal(upload.expiresAt)} 前确认（试导入后 {LEDGER_UPLOAD_HOURS} 小时内）。确认导入的就是上面试导入的这个文件。
          </p>
          <button type="submit">确认导入 {report.created} 行</button>
        </form>
      )}
      <ReportTables report={report} done={false} />
      {!upload && <UploadForm c={props.c} agencies={props.agencies} values={{ kind: report.kind, agencyId: props.agencyId }} errors={{}} />}
      <p>
        <a href="/console/ledgers">返回台账导入导出</a>
      </p>
    </ConsolePage>
  );
}

function ConfirmedPage(props: { c: Context<AppEnv>; report: LedgerImportReport; fileName: string; agencyName: string }) {
  const r = props.report;
  const today = chinaDateOf(props.c.get('services').deps.clock.now());
  return (
    <ConsolePage c={props.c} title={r.committed ? '导入完成' : '导入未完成'}>
      <h1>{r.committed ? '导入完成' : '导入未完成'}</h1>
      {r.committed ? (
        <div class="notice ok" role="status">
          <p>
            {today} 已将 {props.fileName} 导入 {props.agencyName}：新建 {r.created} 行，跳过已存在的 {r.duplicates.length} 行。导入已记入审计日志。
          </p>
        </div>
      ) : (
        <div class="notice bad" role="alert">
          <p>确认时重新检查发现 {r.errors.length} 处错误（试导入之后数据有变化），未写入任何数据。请修改台账后重新上传。</p>
        </div>
      )}
      <Summary report={r} done={r.committed} />
      <ReportTables report={r} done={r.committed} />
      <p class="actions">
        <a href="/console/ledgers">继续导入</a>
        {r.committed && r.kind === 'items' && <a href="/console/items?tab=published">查看已发布信息</a>}
        {r.committed && r.kind === 'requests' && <a href="/console/requests">查看依申请公开</a>}
      </p>
    </ConsolePage>
  );
}
