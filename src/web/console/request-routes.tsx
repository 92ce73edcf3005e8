/**
 * 依申请公开 in the console: queues by due date (this week, due soon, overdue), registration of
 * letters, faxes, in-person and oral requests, the case page with its deadline explained day by
 * day, every handling step as a form (the domain decides what is allowed and says why not), the
 * letters as Word documents, and the register of reconsideration and litigation.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import {
  CONSULTATION_RESULTS,
  CONSULTATION_RESULT_LABELS,
  DELIVERY_METHODS,
  DELIVERY_METHOD_LABELS,
  INTAKE_CHANNELS,
  INTAKE_CHANNEL_LABELS,
  OUTCOMES,
  REPLY_TYPE_LABELS,
  REQUEST_STATUS_LABELS,
  WITHHOLDING_GROUNDS,
  WITHHOLDING_GROUND_LABELS,
  outcomeLabelZh,
} from '../../domain/requests/index.ts';
import { describeFeeAssessment, type FeeAssessment } from '../../domain/fees/index.ts';
import { renderLetterDocx } from '../../documents/letter-docx.ts';
import { parseFeeRequest } from '../../services/manage-requests.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import { ConflictError, ServiceError, ValidationError } from '../../services/errors.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import type { RequestDocument } from '../../services/ports.ts';
import { field, fields, readForm, type FormData } from '../forms.ts';
import { FORM_TOKEN_FIELD, formTokenOf } from '../middleware/single-submission.ts';
import { requestInputOf, RequestFields } from '../portal/request-pages.tsx';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';
import { letterTemplateRoutes } from './letter-template-routes.tsx';
import { suggestionRoutes } from './suggestion-routes.tsx';

const QUEUES = [
  { key: 'open', label: '办理中' },
  { key: 'week', label: '本周到期' },
  { key: 'soon', label: '即将到期' },
  { key: 'overdue', label: '已超期' },
  { key: 'awaiting_confirmation', label: '待确认收到' },
  { key: 'replied', label: '已答复待送达' },
  { key: 'archived', label: '已归档' },
] as const;

function errorsOf(e: unknown): Record<string, string> {
  if (e instanceof ValidationError) return { ...e.fieldErrors, _: e.message };
  if (e instanceof ServiceError) return { _: e.message };
  throw e;
}

/** Routes under /console/requests and /console/appeals. */
export function requestRoutes() {
  const app = new Hono<AppEnv>();
  app.route('/', letterTemplateRoutes());
  app.route('/', suggestionRoutes());

  app.get('/requests', async (c) => {
    const key = c.req.query('queue') ?? 'open';
    const queue = QUEUES.find((q) => q.key === key) ?? QUEUES[0];
    const filter = queue.key === 'week' || queue.key === 'soon' || queue.key === 'overdue' ? { dueWithin: queue.key } : queue.key === 'open' ? {} : { status: queue.key };
    const { requests, total } = await listRequests(c, filter);
    const today = chinaDateOf(c.get('services').deps.clock.now());
    return c.html(
      <ConsolePage c={c} title="依申请公开">
        <h1>依申请公开</h1>
        <p class="actions">
          {can(c.get('actor')!.grants, 'request.handle') && <a class="button" href="/console/requests/register">登记申请（信函、传真、当面、口头）</a>}
          <a href="/console/appeals">行政复议、诉讼台账</a>
          <a href="/console/requests/suggestions">转为主动公开的建议（条例第四十四条）</a>
          <a href="/console/requests/templates">文书模板</a>
          <a href="/console/deadline">期限计算器</a>
        </p>
        <nav class="actions" aria-label="队列">
          {QUEUES.map((q) => (
            <a href={`/console/requests?queue=${q.key}`} aria-current={q.key === queue.key ? 'page' : undefined}>
              {q.label}
            </a>
          ))}
        </nav>
        <div class="table-scroll">
          <table>
            <caption>
              {queue.label}（{total} 件）
            </caption>
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">申请人</th>
                <th scope="col">所需信息</th>
                <th scope="col">状态</th>
                <th scope="col">答复期限</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr>
                  <td>
                    <a href={`/console/requests/${r.id}`} class="mono">
                      {r.trackingNumber}
                    </a>
                  </td>
                  <td>{r.state.record.applicant.name}</td>
                  <td>{r.state.record.informationSought.description.slice(0, 40)}</td>
                  <td>{REQUEST_STATUS_LABELS[r.state.status]}</td>
                  <td>
                    {r.dueOn ?? '—'}
                    {r.provisional ? '（暂定）' : ''}
                    {r.dueOn && r.dueOn < today && r.closedOn === null ? <strong>（已超期）</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ConsolePage>,
    );
  });

  const registerPage = (c: Context<AppEnv>, values: Record<string, string>, errors: Record<string, string>, status: 200 | 400 = 200) =>
    c.html(
      <ConsolePage c={c} title="登记申请">
        <h1>登记申请</h1>
        <p>信函、传真、当面和口头申请由工作人员登记（口头申请由政府信息公开工作机构代为填写，条例第二十九条）。收到申请之日按条例第三十一条确定。</p>
        {errors._ && (
          <div class="notice bad" role="alert">
            <p>{errors._}</p>
          </div>
        )}
        <form method="post" action="/console/requests/register" class="stack">
          <CsrfField token={c.get('csrfToken')} />
          <fieldset>
            <legend>申请渠道</legend>
            <div class="field">
              <label for="f-channel">渠道</label>
              <select id="f-channel" name="channel">
                {INTAKE_CHANNELS.filter((ch) => ch !== 'online').map((ch) => (
                  <option value={ch} selected={values.channel === ch}>
                    {INTAKE_CHANNEL_LABELS[ch]}
                  </option>
                ))}
              </select>
            </div>
            <Field name="submittedOn" label="提交日期（当面、口头、传真）" type="date" value={values.submittedOn} error={errors['submission.submittedOn']} />
            <Field name="signedForOn" label="签收日期（挂号信等需签收的邮件）" type="date" value={values.signedForOn} error={errors['submission.signedForOn']} />
            <Field name="arrivedOn" label="信件到达日期（平常信函，须当日与申请人确认）" type="date" value={values.arrivedOn} error={errors['submission.arrivedOn']} />
          </fieldset>
          <RequestFields values={values} errors={errors} identityRequired={false} />
          <button type="submit">登记</button>
        </form>
      </ConsolePage>,
      status,
    );

  app.get('/requests/register', (c) => registerPage(c, { channel: 'letter_registered', submittedOn: chinaDateOf(c.get('services').deps.clock.now()) }, {}));

  app.post('/requests/register', async (c) => {
    const form = await readForm(c);
    const values = Object.fromEntries(Object.keys(form).map((k) => [k, field(form, k)]));
    const agencyId = c.get('user')!.agencyId;
    try {
      // The form's one-time token: posted twice, it shows the first registration instead of a second one.
      const formToken = formTokenOf(values[FORM_TOKEN_FIELD]);
      const r = await c.get('services').requests.register(
        c.get('actor')!,
        {
          ...requestInputOf(values as never, agencyId),
          channel: values.channel,
          submission: { submittedOn: values.submittedOn, signedForOn: values.signedForOn, arrivedOn: values.arrivedOn },
        },
        formToken ? { submissionKey: `${formToken}.${c.get('csrfToken')}` } : {},
      );
      return c.html(
        <ConsolePage c={c} title="申请已登记">
          <h1>申请已登记</h1>
          {r.repeated && (
            <div class="notice warn" role="alert">
              <p>这封来信刚才已经登记过，下面是第一次登记的回执；这次没有再登记一件。</p>
            </div>
          )}
          <div class="notice ok" role="status">
            <p>
              申请编号：<strong class="mono">{r.trackingNumber}</strong>　查询码：<strong class="mono">{r.queryCode}</strong>
            </p>
            <p>请把申请编号和查询码告知申请人（查询码只显示这一次），申请人可在门户查询进度。</p>
          </div>
          <p>
            <a href={`/console/requests/${r.request.id}`}>进入办理</a>
          </p>
        </ConsolePage>,
        201,
      );
    } catch (e) {
      if (e instanceof ServiceError && e.status === 403) throw e;
      if (e instanceof ConflictError) {
        // The token of a registration already made, with another letter typed over the form: nothing registered.
        return c.html(
          <ConsolePage c={c} title="登记表已提交过">
            <h1>登记表已提交过</h1>
            <div class="notice bad" role="alert">
              <p>{e.message}</p>
            </div>
            <p>
              <a href="/console/requests/register">重新打开登记页，登记另一封来信</a>
            </p>
          </ConsolePage>,
          409,
        );
      }
      return registerPage(c, values, errorsOf(e), 400);
    }
  });

  const casePage = async (c: Context<AppEnv>, id: number, error?: string, status: 200 | 400 | 403 | 409 = 200, fee?: FeePreview) => {
    const services = c.get('services');
    const data = await services.requests.get(c.get('actor')!, id);
    const documents = await services.requests.documents(c.get('actor')!, id);
    return c.html(<CasePage c={c} data={data} documents={documents} error={error} fee={fee} />, status);
  };

  // 收费：先试算（按件计收计入同一申请人本自然月此前的件数，或按量计收），显示分档明细，再发出收费通知。
  app.post('/requests/:id{[0-9]+}/fee-preview', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const values = { basis: field(form, 'basis'), pieces: field(form, 'pieces'), pages: field(form, 'pages') };
    try {
      const assessment = await c.get('services').requests.previewFee(c.get('actor')!, id, values);
      return casePage(c, id, undefined, 200, { values, assessment });
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404) throw e;
      return casePage(c, id, e.message, e.status === 403 ? 403 : 400, { values, assessment: null });
    }
  });

  // 送达：登记送达方式、日期；送达回证寄回的，登记签收人并上传扫描件作为送达凭证。
  app.post('/requests/:id{[0-9]+}/delivery', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const file = form['scan'];
    const scan = file instanceof File && file.size > 0 ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined;
    try {
      await c.get('services').requests.recordDelivery(
        c.get('actor')!,
        id,
        { method: field(form, 'method'), deliveredOn: field(form, 'deliveredOn'), proof: field(form, 'proof'), signedBy: field(form, 'signedBy') },
        scan,
      );
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404) throw e;
      return casePage(c, id, e.message, e.status === 403 ? 403 : 409);
    }
    return c.redirect(`/console/requests/${id}?done=1`, 303);
  });

  app.get('/requests/:id{[0-9]+}/delivery-scan', async (c) => {
    const scan = await c.get('services').requests.deliveryScan(c.get('actor')!, Number(c.req.param('id')));
    const type = scan.bytes[0] === 0x25 ? 'application/pdf' : scan.bytes[0] === 0x89 ? 'image/png' : 'image/jpeg';
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(scan.fileName)}`);
    return c.body(scan.bytes as unknown as ArrayBuffer);
  });

  app.get('/requests/:id{[0-9]+}', (c) => casePage(c, Number(c.req.param('id'))));

  app.post('/requests/:id{[0-9]+}/documents', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    const action = field(form, 'action');
    const requests = c.get('services').requests;
    try {
      if (action === 'justify') await requests.justifyDocumentFinding(c.get('actor')!, id, Number(field(form, 'documentId')), field(form, 'findingId'), field(form, 'reason'));
      else if (action === 'remove') await requests.removeDocument(c.get('actor')!, id, Number(field(form, 'documentId')));
      else {
        const file = form['file'];
        if (!(file instanceof File) || file.size === 0) throw new ValidationError('请选择文件');
        await requests.addDocument(c.get('actor')!, id, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404) throw e;
      return casePage(c, id, e.message, e.status === 403 ? 403 : 409);
    }
    return c.redirect(`/console/requests/${id}?done=1`, 303);
  });

  app.get('/requests/:id{[0-9]+}/letters/:kind{[a-z_]+}', async (c) => {
    const letter = await c.get('services').requests.letter(c.get('actor')!, Number(c.req.param('id')), c.req.param('kind'));
    // The header names the agency that answers the request (the letter's signatory), not the signed-in user's unit.
    const bytes = await renderLetterDocx(letter, letter.signatory);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${letter.title}.docx`)}`);
    return c.body(bytes as unknown as ArrayBuffer);
  });

  app.post('/requests/:id{[0-9]+}/command', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    try {
      await c.get('services').requests.command(c.get('actor')!, id, commandOf(form) as never);
    } catch (e) {
      if (e instanceof ValidationError && e.fieldErrors.replyType) return casePage(c, id, e.message, 400);
      if (!(e instanceof ServiceError) || e.status === 404) throw e;
      return casePage(c, id, e.message, e.status === 403 ? 403 : 409);
    }
    return c.redirect(`/console/requests/${id}?done=1`, 303);
  });

  app.get('/appeals', async (c) => {
    const year = Number(c.req.query('year')) || undefined;
    const appeals = await c.get('services').requests.listAppeals(c.get('actor')!, { year });
    return c.html(<AppealsPage c={c} appeals={appeals} values={{}} errors={{}} />);
  });

  app.post('/appeals', async (c) => {
    const form = await readForm(c);
    const values = Object.fromEntries(['requestId', 'kind', 'filedOn', 'body', 'result', 'closedOn', 'note'].map((k) => [k, field(form, k)]));
    try {
      await c.get('services').requests.recordAppeal(c.get('actor')!, { ...values, agencyId: c.get('user')!.agencyId });
      return c.redirect('/console/appeals?saved=1', 303);
    } catch (e) {
      if (e instanceof ServiceError && e.status === 403) throw e;
      const appeals = await c.get('services').requests.listAppeals(c.get('actor')!, {});
      return c.html(<AppealsPage c={c} appeals={appeals} values={values} errors={errorsOf(e)} />, 400);
    }
  });

  return app;
}

async function listRequests(c: Context<AppEnv>, filter: { status?: string; dueWithin?: 'week' | 'soon' | 'overdue' }) {
  const r = await c.get('services').requests.listForStaff(c.get('actor')!, { ...filter, limit: 200 });
  return { requests: r.items, total: r.total };
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/**
 * 第三十六条第（一）项（已主动公开）or 第（二）项（同意公开）: the office must say which when the outcome is
 * 予以公开 — the annual report counts them apart.
 */
function replyTypeOf(form: FormData): { replyType?: string } {
  const outcome = field(form, 'outcome');
  const replyType = field(form, 'replyType');
  if (outcome === 'disclosed' && replyType === '') {
    throw new ValidationError('办理结果为“予以公开”的，请选择答复类型：属于已主动公开范围（条例第三十六条第（一）项）或同意公开（第（二）项）。', { replyType: '请选择答复类型' });
  }
  return replyType === '' ? {} : { replyType };
}

/** The staff form's fields as a domain command. */
function commandOf(form: FormData): Record<string, unknown> {
  const type = field(form, 'type');
  const on = (k: string) => field(form, k) || undefined;
  switch (type) {
    case 'confirm_receipt':
      return { type, confirmedOn: on('confirmedOn') };
    case 'request_clarification':
      return { type, points: lines(field(form, 'points')), deadlineOn: field(form, 'deadlineOn') };
    case 'receive_clarification':
      return { type, receivedOn: on('receivedOn'), justification: on('justification') };
    case 'assign_to_unit':
      return { type, unitId: field(form, 'unitId'), unitName: field(form, 'unitName') };
    case 'start_consultation':
      return { type, party: field(form, 'party'), consultedName: field(form, 'consultedName'), letterReceivedOn: on('letterReceivedOn') };
    case 'end_consultation':
      return { type, result: field(form, 'result') };
    case 'send_fee_notice':
      // 109号第三条：按件或按量，二者择一；另一标准的数量填了即拒绝。
      return { type, fee: parseFeeRequest({ basis: field(form, 'basis'), pieces: field(form, 'pieces'), pages: field(form, 'pages') }) };
    case 'record_fee_payment':
      return { type, paidOn: on('paidOn') };
    case 'waive_fee':
      return { type, reason: field(form, 'reason') };
    case 'approve_extension':
      return { type, workdays: Number(field(form, 'workdays')), reason: field(form, 'reason') };
    case 'draft_reply': {
      const withheld = fields(form, 'withheldDescription')
        .map((d, i) => ({ description: d, ground: fields(form, 'withheldGround')[i] ?? '', reason: fields(form, 'withheldReason')[i] ?? '' }))
        .filter((w) => w.description.trim());
      return { type, outcome: field(form, 'outcome'), ...replyTypeOf(form), summary: field(form, 'summary'), ...(withheld.length ? { withheld } : {}) };
    }
    case 'return_draft':
      return { type, reason: field(form, 'reason') };
    case 'reply_on_the_spot':
      return { type, outcome: field(form, 'outcome'), ...replyTypeOf(form), summary: field(form, 'summary'), proof: field(form, 'proof') };
    case 'deliver':
      return { type, method: field(form, 'method'), deliveredOn: on('deliveredOn'), proof: field(form, 'proof') };
    case 'withdraw':
      return { type, reason: on('reason') };
    default:
      return { type };
  }
}

type CaseData = Awaited<ReturnType<AppEnv['Variables']['services']['requests']['get']>>;

function Step(props: { c: Context<AppEnv>; id: number; type: string; label: string; children?: unknown; cls?: string }) {
  return (
    <form method="post" action={`/console/requests/${props.id}/command`} class="card stack">
      <CsrfField token={props.c.get('csrfToken')} />
      <input type="hidden" name="type" value={props.type} />
      {props.children as never}
      <button type="submit" class={props.cls}>
        {props.label}
      </button>
    </form>
  );
}

function Select(props: { name: string; label: string; options: ReadonlyArray<readonly [string, string]> }) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        {props.options.map(([v, l]) => (
          <option value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
}

/** A fee worked out on the case page before the notice is sent (values as typed, the assessment or null after an error). */
interface FeePreview {
  values: { basis: string; pieces: string; pages: string };
  assessment: FeeAssessment | null;
}

/** The fee with its tiers (109号第四条、第五条 超额累进), as a table. */
function FeeBreakdown(props: { fee: FeeAssessment; caption: string }) {
  const unit = props.fee.basis === 'per_piece' ? '件' : '页';
  return (
    <div class="table-scroll">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">档次</th>
            <th scope="col">{unit}数</th>
            <th scope="col">单价（元/{unit}）</th>
            <th scope="col">小计（元）</th>
          </tr>
        </thead>
        <tbody>
          {props.fee.bands.map((b) => (
            <tr>
              <th scope="row">{props.fee.basis === 'per_piece' ? `本月累计第${b.from}—${b.to}件` : `第${b.from}—${b.to}页`}</th>
              <td>{b.count}</td>
              <td>{b.unitPrice === 0 ? '不收费' : b.unitPrice}</td>
              <td>{b.subtotal}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合计</th>
            <td>{props.fee.quantity}</td>
            <td></td>
            <td>
              <strong>{props.fee.amount}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function FeeForm(props: { c: Context<AppEnv>; id: number; preview?: FeePreview }) {
  const v = props.preview?.values ?? { basis: 'per_piece', pieces: '', pages: '' };
  return (
    <form method="post" action={`/console/requests/${props.id}/command`} class="card stack">
      <CsrfField token={props.c.get('csrfToken')} />
      <input type="hidden" name="type" value="send_fee_notice" />
      <fieldset>
        <legend>信息处理费计收方式（国办函〔2020〕109号第三条：按件或按量，二者择一）</legend>
        <div class="field check">
          <input type="radio" id="f-basis-piece" name="basis" value="per_piece" checked={v.basis !== 'per_page'} />
          <label for="f-basis-piece">按件计收（第四条：同一申请人一个自然月内累计10件以下不收费）</label>
        </div>
        <div class="field check">
          <input type="radio" id="f-basis-page" name="basis" value="per_page" checked={v.basis === 'per_page'} />
          <label for="f-basis-page">按量计收（第五条：30页以下不收费）</label>
        </div>
      </fieldset>
      <Field name="pieces" label="本次申请件数（按件；按“一事一申请”拆分，默认 1）" value={v.pieces} inputmode="numeric" />
      <Field name="pages" label="页数（按量）" value={v.pages} inputmode="numeric" />
      {props.preview?.assessment && (
        <div role="status">
          <p>{describeFeeAssessment(props.preview.assessment)}</p>
          <FeeBreakdown fee={props.preview.assessment} caption="试算结果（尚未发出）" />
        </div>
      )}
      <p class="actions">
        <button type="submit" class="secondary" formaction={`/console/requests/${props.id}/fee-preview`}>
          计算信息处理费
        </button>
        <button type="submit">发出收费通知</button>
      </p>
    </form>
  );
}

function CasePage(props: { c: Context<AppEnv>; data: CaseData; documents: RequestDocument[]; error?: string; fee?: FeePreview | undefined }) {
  const { c, data } = props;
  const r = data.request;
  const s = r.state;
  const id = r.id;
  const rec = s.record;
  const status = s.status;
  const today = chinaDateOf(c.get('services').deps.clock.now());
  const open = !['replied', 'delivered', 'archived', 'withdrawn', 'closed_no_action'].includes(status);
  return (
    <ConsolePage c={c} title={`申请 ${r.trackingNumber}`}>
      <p class="breadcrumb">
        <a href="/console/requests">依申请公开</a>
      </p>
      <h1>
        申请 <span class="mono">{r.trackingNumber}</span>
      </h1>
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      {c.req.query('done') && (
        <div class="notice ok" role="status">
          <p>已办理。</p>
        </div>
      )}
      <dl class="contact">
        <dt>状态</dt>
        <dd>
          <strong>{REQUEST_STATUS_LABELS[status]}</strong>
          {s.outcome ? `：${outcomeLabelZh(s.outcome)}` : ''}
        </dd>
        <dt>答复期限</dt>
        <dd>
          {r.dueOn ?? '收到申请之日确定后计算'}
          {r.provisional ? '（暂定：涉及尚未公布节假日安排的年份）' : ''}
          {r.dueOn && r.dueOn < today && open ? <strong>（已超期）</strong> : null}
        </dd>
        <dt>申请渠道</dt>
        <dd>{INTAKE_CHANNEL_LABELS[rec.channel]}</dd>
        <dt>收到申请之日</dt>
        <dd>{s.receivedOn ?? '待确认'}</dd>
        <dt>申请人</dt>
        <dd>
          {rec.applicant.name}（{rec.applicant.identity?.kind ?? ''} {rec.applicant.identity?.number ?? ''}）{rec.applicant.contact.phone ?? ''} {rec.applicant.contact.email ?? ''}
        </dd>
        <dt>所需信息</dt>
        <dd>
          {rec.informationSought.description}
          {rec.informationSought.documentNumber ? `（${rec.informationSought.documentNumber}）` : ''}
        </dd>
        {s.reply && (
          <>
            <dt>答复类型</dt>
            <dd>{s.reply.replyType ? REPLY_TYPE_LABELS[s.reply.replyType] : '未注明'}</dd>
          </>
        )}
        {s.delivery && (
          <>
            <dt>送达</dt>
            <dd>
              {DELIVERY_METHOD_LABELS[s.delivery.method]}，{s.delivery.deliveredOn}，{s.delivery.proof}
              {s.delivery.scan && (
                <>
                  {' '}
                  <a href={`/console/requests/${id}/delivery-scan`}>下载送达回证扫描件（{s.delivery.scan.fileName}）</a>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {s.fee && (
        <section aria-labelledby="fee-heading">
          <h2 id="fee-heading">信息处理费</h2>
          <p>
            {describeFeeAssessment(s.fee.assessment)}收费通知 {s.fee.sentOn} 发出，缴费期限至 {s.fee.paymentDueOn}；
            {s.fee.paidOn ? `已于 ${s.fee.paidOn} 缴纳。` : s.fee.waivedOn ? `已于 ${s.fee.waivedOn} 减免。` : '尚未缴纳。'}
          </p>
          <FeeBreakdown fee={s.fee.assessment} caption="计费明细（超额累进）" />
        </section>
      )}
      {r.notes.length > 0 && (
        <div class="notice warn">
          <ul>
            {r.notes.map((n) => (
              <li>
                {formatLocal(n.at)} {n.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {data.deadline && (
        <details>
          <summary>期限计算过程</summary>
          <ul>
            {data.deadline.explanation.filter((l) => l.type === 'rule').map((l) => (
              <li>{l.text}</li>
            ))}
          </ul>
        </details>
      )}
      <h2>办理</h2>
      <div class="grid">
        {status === 'awaiting_confirmation' && (
          <Step c={c} id={id} type="confirm_receipt" label="确认收到申请">
            <Field name="confirmedOn" label="确认日期（双方确认之日为收到申请之日）" type="date" value={today} />
          </Step>
        )}
        {status === 'registered' && <Step c={c} id={id} type="start_review" label="开始审查" />}
        {(status === 'under_review' || status === 'registered') && (
          <Step c={c} id={id} type="request_clarification" label="发出补正告知">
            <div class="field">
              <label for="f-points">需要补正的事项（每行一项，一次性告知）</label>
              <textarea id="f-points" name="points" rows={3}></textarea>
            </div>
            <Field name="deadlineOn" label="补正期限" type="date" />
          </Step>
        )}
        {status === 'awaiting_clarification' && (
          <Step c={c} id={id} type="receive_clarification" label="记录收到补正">
            <Field name="receivedOn" label="收到补正日期" type="date" value={today} />
          </Step>
        )}
        {(status === 'under_review' || status === 'in_progress') && (
          <>
            <Step c={c} id={id} type="start_consultation" label="征求意见">
              <Select name="party" label="征求对象" options={[['third_party', '第三方（条例第三十二条）'], ['other_agency', '其他机关（条例第三十四条）']]} />
              <Field name="consultedName" label="名称" />
            </Step>
            {!s.fee && <FeeForm c={c} id={id} preview={props.fee} />}
            <Step c={c} id={id} type="approve_extension" label="批准延期答复">
              <Field name="workdays" label="延长工作日数（最长 20 个）" value="20" inputmode="numeric" />
              <Field name="reason" label="延期理由" />
            </Step>
          </>
        )}
        {status === 'consulting' && (
          <Step c={c} id={id} type="end_consultation" label="结束征求意见">
            <Select name="result" label="结果" options={CONSULTATION_RESULTS.map((x) => [x, CONSULTATION_RESULT_LABELS[x]] as const)} />
          </Step>
        )}
        {status === 'awaiting_fee' && (
          <>
            <Step c={c} id={id} type="record_fee_payment" label="记录已缴费">
              <Field name="paidOn" label="缴费日期" type="date" value={today} />
            </Step>
            <Step c={c} id={id} type="waive_fee" label="减免">
              <Field name="reason" label="减免理由" />
            </Step>
          </>
        )}
        {(status === 'under_review' || status === 'in_progress') && (
          <Step c={c} id={id} type="draft_reply" label="拟定答复，报送审核">
            <Select name="outcome" label="办理结果（年报表三）" options={OUTCOMES.filter((o) => !['other_clarification_overdue', 'other_fee_unpaid', 'other_other'].includes(o)).map((o) => [o, outcomeLabelZh(o)] as const)} />
            <Select
              name="replyType"
              label="答复类型（办理结果为“予以公开”时必选，年报分别统计）"
              options={[['', '请选择（予以公开时必选）'], ['already_public', REPLY_TYPE_LABELS.already_public], ['provided', REPLY_TYPE_LABELS.provided]]}
            />
            <div class="field">
              <label for="f-summary">答复要点</label>
              <textarea id="f-summary" name="summary" rows={3}></textarea>
            </div>
            <fieldset>
              <legend>部分公开时不予公开的内容（条例第三十七条）</legend>
              <Field name="withheldDescription" label="内容" />
              <Select name="withheldGround" label="依据" options={WITHHOLDING_GROUNDS.map((g) => [g, WITHHOLDING_GROUND_LABELS[g]] as const)} />
              <Field name="withheldReason" label="理由" />
            </fieldset>
          </Step>
        )}
        {status === 'under_approval' && (
          <>
            <Step c={c} id={id} type="approve_reply" label="审核通过，作出答复" />
            <Step c={c} id={id} type="return_draft" label="退回修改" cls="secondary">
              <Field name="reason" label="退回理由" />
            </Step>
          </>
        )}
        {status === 'replied' && (
          <form method="post" action={`/console/requests/${id}/delivery`} enctype="multipart/form-data" class="card stack">
            <CsrfField token={c.get('csrfToken')} />
            <p>
              先下载并打印<a href={`/console/requests/${id}/letters/service_receipt`}>送达回证</a>随答复书送达；回证寄回后登记签收人并上传扫描件。
            </p>
            <Select name="method" label="送达方式" options={DELIVERY_METHODS.filter((m) => m !== 'on_the_spot').map((m) => [m, DELIVERY_METHOD_LABELS[m]] as const)} />
            <Field name="deliveredOn" label="送达日期（以送达回证上的签收日期为准）" type="date" value={today} />
            <Field name="signedBy" label="送达回证签收人（受送达人或代收人）" />
            <div class="field">
              <label for="f-scan">送达回证扫描件（PDF、PNG、JPEG，可空）</label>
              <input id="f-scan" name="scan" type="file" accept="application/pdf,image/png,image/jpeg" />
            </div>
            <Field name="proof" label="其他送达凭证（如邮件回执号、挂号信单号；登记送达回证的可空）" />
            <button type="submit">记录送达</button>
          </form>
        )}
        {status === 'delivered' && <Step c={c} id={id} type="archive" label="归档" />}
        {open && (
          <Step c={c} id={id} type="withdraw" label="申请人撤回申请" cls="secondary">
            <Field name="reason" label="撤回说明" />
          </Step>
        )}
      </div>
      <h2>拟提供的政府信息（文件）</h2>
      <p>添加后自动检测身份证号、手机号、银行卡号、密级标志等；未处理的发现会阻止答复审核通过。文件无法在线打码：请替换为处理后的文件，或逐项说明公开理由。</p>
      {props.documents.length > 0 && (
        <ul>
          {props.documents.map((d) => {
            const justified = new Map(d.decisions.map((x) => [x.id, x]));
            const shown = d.findings.filter((f) => f.severity !== 'info');
            return (
              <li>
                {d.fileName}（{Math.ceil(d.sizeBytes / 1024)} KB）{shown.length === 0 ? '：未发现敏感信息' : `：${shown.length} 处发现`}
                {shown.length > 0 && (
                  <ul>
                    {shown.map((f) => (
                      <li>
                        <span class="mono">{f.masked}</span>（{f.severity === 'block' ? '须处理' : '请核实'}）
                        {justified.get(f.id) ? (
                          `：${f.kind === 'unreadable' ? '已人工核对' : '确需公开'}——${justified.get(f.id)!.reason}`
                        ) : f.kind === 'unreadable' ? (
                          <form method="post" action={`/console/requests/${id}/documents`} class="inline-form">
                            <CsrfField token={c.get('csrfToken')} />
                            <input type="hidden" name="action" value="justify" />
                            <input type="hidden" name="documentId" value={String(d.id)} />
                            <input type="hidden" name="findingId" value={f.id} />
                            <label for={`r-${d.id}-${f.id}`}>逐页人工核对后写明核对情况</label> <input type="text" id={`r-${d.id}-${f.id}`} name="reason" required /> <button type="submit" class="secondary">已人工核对</button>
                          </form>
                        ) : (
                          <form method="post" action={`/console/requests/${id}/documents`} class="inline-form">
                            <CsrfField token={c.get('csrfToken')} />
                            <input type="hidden" name="action" value="justify" />
                            <input type="hidden" name="documentId" value={String(d.id)} />
                            <input type="hidden" name="findingId" value={f.id} />
                            <label for={`r-${d.id}-${f.id}`}>公开理由</label> <input type="text" id={`r-${d.id}-${f.id}`} name="reason" /> <button type="submit" class="secondary">确需公开</button>
                          </form>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                <form method="post" action={`/console/requests/${id}/documents`} class="inline-form">
                  <CsrfField token={c.get('csrfToken')} />
                  <input type="hidden" name="action" value="remove" />
                  <input type="hidden" name="documentId" value={String(d.id)} />
                  <button type="submit" class="secondary">删除<span class="visually-hidden">{d.fileName}</span></button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      {['under_review', 'in_progress', 'consulting', 'under_approval'].includes(status) && (
        <form method="post" action={`/console/requests/${id}/documents`} enctype="multipart/form-data" class="stack">
          <CsrfField token={c.get('csrfToken')} />
          <div class="field">
            <label for="f-file">添加文件（PDF、Word、Excel、图片）</label>
            <input id="f-file" name="file" type="file" />
          </div>
          <button type="submit">上传并检测</button>
        </form>
      )}
      {s.reply || s.clarification || s.extension || s.fee || s.abandoned || s.consultations.length > 0 ? (
        <>
          <h2>文书（Word）</h2>
          <ul>
            {s.clarification && (
              <li>
                <a href={`/console/requests/${id}/letters/clarification_notice`}>补正告知书</a>
              </li>
            )}
            {s.extension && (
              <li>
                <a href={`/console/requests/${id}/letters/extension_notice`}>延期答复告知书</a>
              </li>
            )}
            {s.fee && (
              <li>
                <a href={`/console/requests/${id}/letters/fee_notice`}>收费通知书</a>
              </li>
            )}
            {s.reply && (
              <li>
                <a href={`/console/requests/${id}/letters/reply`}>答复书</a>
              </li>
            )}
            {s.abandoned && (
              <li>
                <a href={`/console/requests/${id}/letters/termination_notice`}>终止处理告知书</a>
              </li>
            )}
            {s.consultations.length > 0 && (
              <li>
                <a href={`/console/requests/${id}/letters/consultation_letter`}>征求意见书</a>
              </li>
            )}
            {(s.reply || s.abandoned) && (
              <li>
                <a href={`/console/requests/${id}/letters/service_receipt`}>送达回证</a>
              </li>
            )}
          </ul>
          <p>
            文书按本机关的<a href="/console/requests/templates">文书模板</a>生成（未设置的用内置模板）。
          </p>
        </>
      ) : null}
      <h2>办理记录</h2>
      <ol>
        {data.events.map((e) => (
          <li>
            {formatLocal(e.at)} {e.type}
          </li>
        ))}
      </ol>
      {data.messages.length > 0 && (
        <>
          <h2>给申请人的通知</h2>
          <ul>
            {data.messages.map((m) => (
              <li>
                {formatLocal(m.createdAt)} {m.channel} {m.template}（{m.status}）
              </li>
            ))}
          </ul>
        </>
      )}
    </ConsolePage>
  );
}

function AppealsPage(props: { c: Context<AppEnv>; appeals: Awaited<ReturnType<AppEnv['Variables']['services']['requests']['listAppeals']>>; values: Record<string, string>; errors: Record<string, string> }) {
  const { c, values: v, errors: e } = props;
  const KIND: Record<string, string> = { reconsideration: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_reconsideration: '行政诉讼（复议后起诉）' };
  const RESULT: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };
  return (
    <ConsolePage c={c} title="行政复议、诉讼台账">
      <h1>行政复议、诉讼台账</h1>
      <p>年报表四按此台账统计。</p>
      {c.req.query('saved') && (
        <div class="notice ok" role="status">
          <p>已保存。</p>
        </div>
      )}
      <div class="table-scroll">
        <table>
          <caption>案件（{props.appeals.length} 件）</caption>
          <thead>
            <tr>
              <th scope="col">类型</th>
              <th scope="col">关联申请</th>
              <th scope="col">复议机关或法院</th>
              <th scope="col">申请（起诉）日期</th>
              <th scope="col">结果</th>
              <th scope="col">审结日期</th>
            </tr>
          </thead>
          <tbody>
            {props.appeals.map((a) => (
              <tr>
                <td>{KIND[a.kind]}</td>
                <td>{a.requestId ? <a href={`/console/requests/${a.requestId}`}>#{a.requestId}</a> : '—'}</td>
                <td>{a.body}</td>
                <td>{a.filedOn}</td>
                <td>{RESULT[a.result]}</td>
                <td>{a.closedOn ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>登记案件</h2>
      {e._ && (
        <div class="notice bad" role="alert">
          <p>{e._}</p>
        </div>
      )}
      <form method="post" action="/console/appeals" class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <Select name="kind" label="类型" options={Object.entries(KIND)} />
        <Field name="requestId" label="关联申请的内部编号（可空）" value={v.requestId} inputmode="numeric" error={e.requestId} />
        <Field name="body" label="复议机关或法院" value={v.body} required error={e.body} />
        <Field name="filedOn" label="申请复议或起诉日期" type="date" value={v.filedOn} required error={e.filedOn} />
        <Select name="result" label="结果" options={Object.entries(RESULT)} />
        <Field name="closedOn" label="审结日期" type="date" value={v.closedOn} error={e.closedOn} />
        <Field name="note" label="备注" value={v.note} />
        <button type="submit">登记</button>
      </form>
    </ConsolePage>
  );
}

