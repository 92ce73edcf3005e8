/**
 * 依申请公开 on the portal, without JavaScript: the application form (条例第二十九条 defines its
 * content), the receipt with the tracking number and the query code (after a redirect, only to the
 * browser that applied; posting the form again files nothing new), and the tracking
 * page where the applicant follows the case, answers a request for clarification and downloads
 * the letters. The tracking number and code travel in POST bodies, never in URLs or logs.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { APPLICANT_TYPES, APPLICANT_TYPE_LABELS, DELIVERY_METHOD_LABELS, IDENTITY_DOCUMENT_KINDS, INFORMATION_FORMS, INFORMATION_FORM_LABELS, REQUESTED_DELIVERY_METHODS } from '../../domain/requests/index.ts';
import { renderLetterDocx } from '../../documents/letter-docx.ts';
import { ConflictError, ServiceError, ValidationError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm, type FormData } from '../forms.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { cookieOptions } from '../middleware/session.ts';
import { FORM_TOKEN_FIELD, formTokenOf, newFormToken } from '../middleware/single-submission.ts';
import { Breadcrumb, CsrfField, Field } from '../views/layout.tsx';
import { loadPortal, PortalPage, type PortalData } from './portal-routes.tsx';

/**
 * The receipt cookie: the application form's one-time token, for the confirmation page after the
 * redirect. Ten minutes only (the service shows the receipt no longer either): on a shared computer
 * (a kiosk in the service hall, a library PC) the next person should not find the receipt.
 */
const RECEIPT_COOKIE = 'gk_receipt';
const RECEIPT_COOKIE_SECONDS = 10 * 60;
const RECEIPT_COOKIE_PATH = '/xxgk/apply';

/** The application's idempotency key: the form's token bound to this browser's CSRF token. */
function submissionKeyOf(c: Context<AppEnv>, formToken: string): string {
  return `${formToken}.${c.get('csrfToken')}`;
}

const FIELDS = ['type', 'name', 'identityKind', 'identityNumber', 'representative', 'phone', 'email', 'address', 'postcode', 'description', 'documentNumber', 'formWanted', 'deliveryMethod', 'needsAssistance'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

function valuesOf(form: FormData): Values {
  return Object.fromEntries(FIELDS.map((f) => [f, field(form, f)])) as Values;
}

/** The form's values as the request service's input. */
export function requestInputOf(values: Values, agencyId: number): Record<string, unknown> {
  return {
    agencyId,
    applicant: {
      type: values.type,
      name: values.name,
      identity: values.identityNumber ? { kind: values.identityKind || '居民身份证', number: values.identityNumber } : null,
      contact: { phone: values.phone, email: values.email, address: values.address, postcode: values.postcode },
      representative: values.representative,
    },
    informationSought: { description: values.description, documentNumber: values.documentNumber },
    formWanted: values.formWanted,
    deliveryMethod: values.deliveryMethod,
    needsAssistance: values.needsAssistance === '1',
  };
}

function Radios(props: { name: string; legend: string; options: ReadonlyArray<readonly [string, string]>; value: string; error?: string | undefined }) {
  return (
    <fieldset>
      <legend>{props.legend} *</legend>
      {props.error && <p class="error">{props.error}</p>}
      {props.options.map(([v, l]) => (
        <div>
          <input type="radio" id={`f-${props.name}-${v}`} name={props.name} value={v} checked={props.value === v} /> <label for={`f-${props.name}-${v}`}>{l}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The application form, shared by the portal and (with more fields) the console's registration. The
 * identity number is required on the portal; the office registers a letter without one and asks for it
 * by 补正 (条例第三十条), so there `identityRequired` is false.
 */
export function RequestFields(props: { values: Partial<Values>; errors: Record<string, string>; identityRequired?: boolean }) {
  const v = props.values;
  const e = props.errors;
  const err = (...keys: string[]) => keys.map((k) => e[k]).find(Boolean);
  return (
    <>
      <Radios name="type" legend="申请人类型" value={v.type ?? 'natural_person'} options={APPLICANT_TYPES.map((t) => [t, t === 'natural_person' ? '公民（自然人）' : `法人或其他组织：${APPLICANT_TYPE_LABELS[t]}`] as const)} error={err('applicant.type')} />
      <fieldset>
        <legend>申请人信息（条例第二十九条第二款第（一）项）</legend>
        <Field name="name" label="姓名或者名称" value={v.name} required error={err('applicant.name')} autocomplete="name" />
        <div class="field">
          <label for="f-identityKind">身份证明类型</label>
          {err('applicant.identity.kind') && (
            <p class="error" id="f-identityKind-error">
              {err('applicant.identity.kind')}
            </p>
          )}
          <select id="f-identityKind" name="identityKind" aria-invalid={err('applicant.identity.kind') ? 'true' : undefined} aria-describedby={err('applicant.identity.kind') ? 'f-identityKind-error' : undefined}>
            {IDENTITY_DOCUMENT_KINDS.map((k) => (
              <option value={k} selected={(v.identityKind || '居民身份证') === k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <Field name="identityNumber" label="证件号码" value={v.identityNumber} required={props.identityRequired ?? true} error={err('applicant.identity', 'applicant.identity.number', 'identity')} hint="居民身份证填写18位号码；法人或其他组织填写统一社会信用代码" />
        <Field name="representative" label="法定代表人或者联系人（法人或其他组织填写）" value={v.representative} />
        <Field name="phone" label="联系电话" type="tel" value={v.phone} error={err('applicant.contact.phone', 'applicant.contact', 'contact')} autocomplete="tel" hint="手机号码，或带区号的固定电话（如 0745-1234567）" />
        <Field name="email" label="电子邮箱" type="email" value={v.email} error={err('applicant.contact.email')} autocomplete="email" />
        <Field name="address" label="通信地址" value={v.address} error={err('applicant.contact.address')} autocomplete="street-address" />
        <Field name="postcode" label="邮政编码" value={v.postcode} error={err('applicant.contact.postcode')} inputmode="numeric" autocomplete="postal-code" />
      </fieldset>
      <fieldset>
        <legend>所需信息（条例第二十九条第二款第（二）项）</legend>
        <div class="field">
          <label for="f-description">所需政府信息的名称或者特征性描述 *</label>
          <p class="hint" id="f-description-hint">请尽量写明信息的名称、文号、形成时间或机关，便于查找。</p>
          {err('informationSought.description', 'informationSought') && <p class="error">{err('informationSought.description', 'informationSought')}</p>}
          <textarea id="f-description" name="description" rows={5} aria-describedby="f-description-hint">
            {v.description ?? ''}
          </textarea>
        </div>
        <Field name="documentNumber" label="文号（知道的话）" value={v.documentNumber} />
      </fieldset>
      <Radios name="formWanted" legend="所需信息的形式（条例第二十九条第二款第（三）项）" value={v.formWanted ?? 'electronic'} options={INFORMATION_FORMS.map((f) => [f, INFORMATION_FORM_LABELS[f]] as const)} error={err('formWanted')} />
      <Radios name="deliveryMethod" legend="获取信息的方式" value={v.deliveryMethod ?? 'online'} options={REQUESTED_DELIVERY_METHODS.map((m) => [m, DELIVERY_METHOD_LABELS[m]] as const)} error={err('deliveryMethod')} />
      <div class="field">
        <input type="checkbox" id="f-needsAssistance" name="needsAssistance" value="1" checked={v.needsAssistance === '1'} /> <label for="f-needsAssistance">我有阅读困难或视听障碍，需要帮助（条例第四十三条）</label>
      </div>
    </>
  );
}

function ApplyPage(props: { c: Context<AppEnv>; data: PortalData; values: Partial<Values>; errors: Record<string, string> }) {
  const { c, data } = props;
  return (
    <PortalPage c={c} data={data} title="依申请公开" current="apply">
      <Breadcrumb items={[{ href: '/', label: '首页' }, { label: '依申请公开' }]} />
      <h1>政府信息公开申请</h1>
      <p>
        向{data.agency.name}申请获取政府信息。提交后您会得到申请编号和查询码，凭二者在
        <a href="/xxgk/track">办理进度查询</a>页面查看进度、补正材料和下载答复文书。网上申请以双方确认之日为收到申请之日（条例第三十一条），
        我们将在收到申请之日起 20 个工作日内答复（条例第三十三条）。依申请提供政府信息不收取费用，超量、超频申请除外（条例第四十二条）。
      </p>
      {props.errors._ && (
        <div class="notice bad" role="alert">
          <p>{props.errors._}</p>
          <p>您填写的内容已保留，请按提示修改后再提交。</p>
        </div>
      )}
      <form method="post" action="/xxgk/apply" class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <RequestFields values={props.values} errors={props.errors} />
        <p class="actions">
          <button type="submit">提交申请</button>
        </p>
      </form>
    </PortalPage>
  );
}

function TrackForm(props: { c: Context<AppEnv>; number?: string; error?: string }) {
  return (
    <form method="post" action="/xxgk/track" class="stack">
      <CsrfField token={props.c.get('csrfToken')} />
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <Field name="number" label="申请编号" value={props.number} required hint="如 YSQ-2026-000123" />
      <Field name="code" label="查询码" required autocomplete="off" hint="提交申请时显示的 12 位查询码" />
      <button type="submit">查询</button>
    </form>
  );
}

/** Routes of 依申请公开 on the portal. */
export function requestPortalRoutes() {
  const app = new Hono<AppEnv>();
  // Public forms are rate-limited per address (architecture.md: “rate limits on login and the public forms”).
  app.use('/xxgk/apply', rateLimit({ limit: 10, windowMs: 60_000 }));
  app.use('/xxgk/track', rateLimit({ limit: 30, windowMs: 60_000 }));
  app.use('/xxgk/track/*', rateLimit({ limit: 30, windowMs: 60_000 }));

  app.get('/xxgk/apply', async (c) => c.html(<ApplyPage c={c} data={await loadPortal(c)} values={{}} errors={{}} />));

  app.post('/xxgk/apply', async (c) => {
    const data = await loadPortal(c);
    const form = await readForm(c);
    const values = valuesOf(form);
    // Post/redirect/get: the form's one-time token names the application, so posting it again
    // (a reload, a double click) shows the first application's receipt instead of filing another.
    const formToken = formTokenOf(field(form, FORM_TOKEN_FIELD)) ?? newFormToken();
    try {
      await c.get('services').requests.submitOnline(requestInputOf(values, data.agency.id), { submissionKey: submissionKeyOf(c, formToken) });
    } catch (e) {
      if (e instanceof ConflictError) {
        // The token of a form already sent, with another application in it (the back button restored the
        // form, the person typed a new one): nothing filed, and not the first application's receipt either.
        return c.html(
          <PortalPage c={c} data={data} title="申请表已提交过" current="apply">
            <h1>申请表已提交过</h1>
            <div class="notice bad" role="alert">
              <p>{e.message}</p>
            </div>
            <p>
              <a href="/xxgk/apply">重新打开申请页，填写另一件申请</a>
            </p>
            <p>
              已记下申请编号和查询码的，可到<a href="/xxgk/track">办理进度查询</a>查看第一件申请。
            </p>
          </PortalPage>,
          409,
        );
      }
      if (!(e instanceof ValidationError)) throw e;
      return c.html(<ApplyPage c={c} data={data} values={values} errors={{ ...e.fieldErrors, _: e.message }} />, 400);
    }
    setCookie(c, RECEIPT_COOKIE, formToken, { ...cookieOptions(c, RECEIPT_COOKIE_SECONDS), path: RECEIPT_COOKIE_PATH, sameSite: 'Strict' });
    return c.redirect('/xxgk/apply/done', 303);
  });

  // The receipt after the redirect: only for the browser that applied (its HttpOnly receipt and CSRF
  // cookies together make the key), never cached, and only for ten minutes.
  app.get('/xxgk/apply/done', async (c) => {
    const data = await loadPortal(c);
    const formToken = formTokenOf(getCookie(c, RECEIPT_COOKIE));
    const r = formToken ? await c.get('services').requests.submissionReceipt(submissionKeyOf(c, formToken)) : undefined;
    c.header('Cache-Control', 'no-store');
    if (!r) {
      return c.html(
        <PortalPage c={c} data={data} title="申请回执" current="apply">
          <h1>申请回执</h1>
          <p>这里没有可显示的申请回执：回执只在提交申请的浏览器上、提交后 10 分钟内显示。</p>
          <p>
            已记下申请编号和查询码的，请到<a href="/xxgk/track">办理进度查询</a>；还没有提交的，请<a href="/xxgk/apply">填写申请</a>。
          </p>
        </PortalPage>,
        404,
      );
    }
    return c.html(
      <PortalPage c={c} data={data} title="申请已提交" current="apply">
        <h1>申请已提交</h1>
        <div class="notice ok" role="status">
          <p>
            申请编号：<strong class="mono">{r.trackingNumber}</strong>
          </p>
          <p>
            查询码：<strong class="mono">{r.queryCode}</strong>
          </p>
        </div>
        <p>
          请记下或截图保存申请编号和查询码：本回执只在本浏览器上显示 10 分钟，之后不能再查看，查询码我们不会另行告知。工作人员确认收到后，答复期限自确认之日起计算。
        </p>
        <p>在公共电脑（政务大厅、图书馆等）上申请的，记下后请清除回执，以免下一位使用者看到。</p>
        <form method="post" action="/xxgk/apply/clear-receipt" class="inline-form">
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit">已记下，清除回执</button>
        </form>
        <p>
          <a href="/xxgk/track">查询办理进度</a>
        </p>
      </PortalPage>,
    );
  });

  // “已记下，清除回执”: the receipt is no longer shown on this browser (a shared computer).
  app.post('/xxgk/apply/clear-receipt', (c) => {
    deleteCookie(c, RECEIPT_COOKIE, { ...cookieOptions(c), path: RECEIPT_COOKIE_PATH, sameSite: 'Strict' });
    return c.redirect('/xxgk/apply', 303);
  });

  app.get('/xxgk/track', async (c) => {
    const data = await loadPortal(c);
    return c.html(
      <PortalPage c={c} data={data} title="办理进度查询" current="apply">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { href: '/xxgk/apply', label: '依申请公开' }, { label: '办理进度查询' }]} />
        <h1>办理进度查询</h1>
        <TrackForm c={c} />
      </PortalPage>,
    );
  });

  const trackingPage = async (c: Context<AppEnv>, number: string, code: string, message?: { ok?: string; error?: string }) => {
    const data = await loadPortal(c);
    let view;
    let documents: Awaited<ReturnType<AppEnv['Variables']['services']['requests']['documentsForApplicant']>>;
    try {
      view = await c.get('services').requests.track(number, code);
      documents = await c.get('services').requests.documentsForApplicant(number, code);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return c.html(
        <PortalPage c={c} data={data} title="办理进度查询" current="apply">
          <h1>办理进度查询</h1>
          <TrackForm c={c} number={number} error={e.message} />
        </PortalPage>,
        404,
      );
    }
    const hidden = (
      <>
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="number" value={view.trackingNumber} />
        <input type="hidden" name="code" value={code} />
      </>
    );
    return c.html(
      <PortalPage c={c} data={data} title={`申请 ${view.trackingNumber}`} current="apply">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { href: '/xxgk/apply', label: '依申请公开' }, { label: '办理进度' }]} />
        <h1>申请 {view.trackingNumber}</h1>
        {message?.ok && (
          <div class="notice ok" role="status">
            <p>{message.ok}</p>
          </div>
        )}
        {message?.error && (
          <div class="notice bad" role="alert">
            <p>{message.error}</p>
          </div>
        )}
        <dl class="contact">
          <dt>受理机关</dt>
          <dd>{view.agencyName}</dd>
          <dt>当前状态</dt>
          <dd>
            <strong>{view.statusLabel}</strong>
          </dd>
          <dt>提交日期</dt>
          <dd>{view.submittedOn}</dd>
          <dt>收到申请之日</dt>
          <dd>{view.receivedOn ?? '待工作人员确认'}</dd>
          <dt>答复期限</dt>
          <dd>
            {view.dueOn ?? '—'}
            {view.provisional ? '（暂定）' : ''}
          </dd>
          {view.outcomeLabel && (
            <>
              <dt>办理结果</dt>
              <dd>{view.outcomeLabel}</dd>
            </>
          )}
          {view.fee && (
            <>
              <dt>信息处理费</dt>
              <dd>
                {view.fee.amount} 元，{view.fee.paid ? '已缴纳' : view.fee.waived ? '已减免' : `请于 ${view.fee.paymentDueOn} 前缴纳`}
              </dd>
            </>
          )}
        </dl>
        {view.clarification && (
          <section aria-labelledby="clarify-heading" class="card">
            <h2 id="clarify-heading">需要您补正（条例第三十条）</h2>
            <ul>
              {view.clarification.points.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
            <p>请于 {view.clarification.deadlineOn} 前补正；逾期无正当理由未补正的，视为放弃申请。</p>
            <form method="post" action="/xxgk/track/clarify" class="stack">
              {hidden}
              <div class="field">
                <label for="f-text">补正内容 *</label>
                <textarea id="f-text" name="text" rows={5}></textarea>
              </div>
              <button type="submit">提交补正</button>
            </form>
          </section>
        )}
        {documents.length > 0 && (
          <section aria-labelledby="docs-heading">
            <h2 id="docs-heading">提供的政府信息</h2>
            <ul>
              {documents.map((d) => (
                <li>
                  <form method="post" action="/xxgk/track/document" class="inline-form">
                    {hidden}
                    <input type="hidden" name="document" value={String(d.id)} />
                    {d.fileName}（{Math.ceil(d.sizeBytes / 1024)} KB） <button type="submit" class="secondary">下载<span class="visually-hidden">{d.fileName}</span></button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        )}
        {view.letters.length > 0 && (
          <section aria-labelledby="letters-heading">
            <h2 id="letters-heading">文书</h2>
            <ul>
              {view.letters.map((l) => (
                <li>
                  <form method="post" action="/xxgk/track/letter" class="inline-form">
                    {hidden}
                    <input type="hidden" name="kind" value={l.kind} />
                    {l.title}（{l.dateOn}） <button type="submit" class="secondary">下载（Word）</button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        )}
      </PortalPage>,
    );
  };

  app.post('/xxgk/track', async (c) => {
    const form = await readForm(c);
    return trackingPage(c, field(form, 'number'), field(form, 'code'));
  });

  app.post('/xxgk/track/clarify', async (c) => {
    const form = await readForm(c);
    const number = field(form, 'number');
    const code = field(form, 'code');
    try {
      await c.get('services').requests.clarifyOnline(number, code, field(form, 'text'));
      return trackingPage(c, number, code, { ok: '补正已提交，答复期限自今日重新计算。' });
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404) throw e;
      return trackingPage(c, number, code, { error: e.message });
    }
  });

  app.post('/xxgk/track/document', async (c) => {
    const form = await readForm(c);
    const { doc, bytes } = await c.get('services').requests.documentForApplicant(field(form, 'number'), field(form, 'code'), Number(field(form, 'document')));
    c.header('Content-Type', doc.mediaType);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    c.header('Cache-Control', 'no-store');
    return c.body(bytes as unknown as ArrayBuffer);
  });

  app.post('/xxgk/track/letter', async (c) => {
    const form = await readForm(c);
    const letter = await c.get('services').requests.letterForApplicant(field(form, 'number'), field(form, 'code'), field(form, 'kind'));
    const data = await loadPortal(c);
    const bytes = await renderLetterDocx(letter, data.agency.name);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${letter.title}.docx`)}`);
    c.header('Cache-Control', 'no-store');
    return c.body(bytes as unknown as ArrayBuffer);
  });

  return app;
}
