/**
 * 邮件订阅 on the portal, without JavaScript: the subscribe form (an address, an agency of the portal
 * and optionally a 主题分类), the confirmation page the mailed link opens, and the unsubscribe page.
 * Opening a mailed link changes nothing (mail scanners open links): the change is the page's button,
 * a POST with the form's CSRF token. Mail clients' RFC 8058 one-click unsubscribe POSTs to
 * /api/v1/subscriptions/unsubscribe (no cookies, so no CSRF token; the secret token is the proof).
 * These pages carry CSRF tokens, so they stay out of isPublicPath (the shared page cache).
 */
import { Hono, type Context } from 'hono';
import { labelPathOf } from '../../domain/publishing/vocabulary.ts';
import { ServiceError, ValidationError } from '../../services/errors.ts';
import { CONFIRM_PATH, ONE_CLICK_UNSUBSCRIBE_PATH, SUBSCRIBE_PATH, UNSUBSCRIBE_PATH, type SubscriptionView } from '../../services/manage-subscriptions.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { Breadcrumb, CsrfField, Field } from '../views/layout.tsx';
import { loadPortal, PortalPage, type PortalData } from './portal-routes.tsx';

type Values = { email: string; agencyId: string; categoryCode: string };

const crumbs = (label: string) => <Breadcrumb items={[{ href: '/', label: '首页' }, { href: SUBSCRIBE_PATH, label: '邮件订阅' }, { label }]} />;

async function SubscribeForm(props: { c: Context<AppEnv>; data: PortalData; values: Partial<Values>; errors: Record<string, string> }) {
  const { c, data, values: v, errors: e } = props;
  const services = c.get('services');
  const { categories } = await services.vocabularies.forAgency(data.agency.id);
  const options = categories.entries.filter((x) => x.retired !== true).map((x) => [x.code, labelPathOf(categories, x.code)] as const);
  const agencies = [...data.subtree].sort((a, b) => a.path.length - b.path.length || a.id - b.id);
  const available = await services.subscriptions.available(data.agency.id);
  return (
    <PortalPage c={c} data={data} title="邮件订阅">
      <Breadcrumb items={[{ href: '/', label: '首页' }, { label: '邮件订阅' }]} />
      <h1>订阅政府信息公开邮件</h1>
      <p>
        留下电子邮箱，{data.agency.name}或所选单位每公开一条政府信息，我们就发一封邮件告诉您。提交后我们先发一封确认邮件，
        您点击其中的链接确认后才开始发送（确认链接 7 天内有效）；每封邮件都附有退订链接，一键即可退订。
      </p>
      {!available && (
        <div class="notice warn" role="status">
          <p>本平台暂未开通邮件订阅，请稍后再来。</p>
        </div>
      )}
      {e._ && (
        <div class="notice bad" role="alert">
          <p>{e._}</p>
          <p>您填写的内容已保留，请按提示修改后再提交。</p>
        </div>
      )}
      <form method="post" action={SUBSCRIBE_PATH} class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <Field name="email" label="电子邮箱" type="email" value={v.email} required error={e.email} autocomplete="email" inputmode="email" hint="只用于发送订阅邮件，不向他人提供。" />
        <div class="field">
          <label for="f-agencyId">订阅的机构</label>
          {e.agencyId && (
            <p class="error" id="f-agencyId-error">
              {e.agencyId}
            </p>
          )}
          <select id="f-agencyId" name="agencyId" aria-describedby={e.agencyId ? 'f-agencyId-error' : undefined}>
            {agencies.map((a) => (
              <option value={String(a.id)} selected={(v.agencyId || String(data.agency.id)) === String(a.id)}>
                {a.id === data.agency.id ? `${a.name}（含所属单位）` : a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-categoryCode">主题分类（可不选）</label>
          {e.categoryCode && (
            <p class="error" id="f-categoryCode-error">
              {e.categoryCode}
            </p>
          )}
          <select id="f-categoryCode" name="categoryCode" aria-describedby={e.categoryCode ? 'f-categoryCode-error' : undefined}>
            <option value="">全部主题分类</option>
            {options.map(([code, label]) => (
              <option value={code} selected={v.categoryCode === code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <p class="actions">
          <button type="submit">订阅</button>
        </p>
      </form>
    </PortalPage>
  );
}

/** The other subscriptions a confirmation link confirms (their own mail was withheld: one a day per address). */
function AlsoConfirms(props: { views: SubscriptionView[]; done: boolean }) {
  if (props.views.length === 0) return null;
  return (
    <>
      <p>
        {props.done ? '同时已确认' : '点击“确认订阅”将同时确认'}该邮箱在发出本确认邮件后 24 小时内提交的以下订阅（为防止滥发，每个邮箱每天只发一封确认邮件）：
      </p>
      <ul>
        {props.views.map((v) => (
          <li>
            {v.agencyName}（{v.categoryLabel}）
          </li>
        ))}
      </ul>
    </>
  );
}

/** The page of a mailed link: what it is for, and the one button that acts. */
function TokenPage(props: { c: Context<AppEnv>; data: PortalData; purpose: 'confirm' | 'unsubscribe'; token: string; view: SubscriptionView }) {
  const { c, data, view } = props;
  const confirm = props.purpose === 'confirm';
  const title = confirm ? '确认订阅' : '退订邮件';
  return (
    <PortalPage c={c} data={data} title={title}>
      {crumbs(title)}
      <h1>{title}</h1>
      <p>
        邮箱 <span class="mono">{view.maskedEmail}</span> 订阅了{view.agencyName}（{view.categoryLabel}）新公开的政府信息。
      </p>
      {confirm && <AlsoConfirms views={view.alsoConfirms} done={false} />}
      {!confirm && view.status === 'unsubscribed' ? (
        <div class="notice ok" role="status">
          <p>该订阅已退订，不会再收到邮件。</p>
        </div>
      ) : (
        <form method="post" action={`${confirm ? CONFIRM_PATH : UNSUBSCRIBE_PATH}?token=${encodeURIComponent(props.token)}`}>
          <CsrfField token={c.get('csrfToken')} />
          <p class="actions">
            <button type="submit">{confirm ? '确认订阅' : '退订'}</button>
          </p>
        </form>
      )}
    </PortalPage>
  );
}

function Outcome(props: { c: Context<AppEnv>; data: PortalData; title: string; kind: 'ok' | 'bad'; children?: unknown }) {
  return (
    <PortalPage c={props.c} data={props.data} title={props.title}>
      {crumbs(props.title)}
      <h1>{props.title}</h1>
      <div class={`notice ${props.kind}`} role={props.kind === 'bad' ? 'alert' : 'status'}>
        {props.children as never}
      </div>
      <p>
        <a href={SUBSCRIBE_PATH}>返回邮件订阅</a>
      </p>
    </PortalPage>
  );
}

/** The subscription pages and the one-click unsubscribe endpoint. */
export function subscriptionRoutes() {
  const app = new Hono<AppEnv>();
  // Public forms are rate-limited per address (architecture.md: “rate limits on login and the public forms”).
  app.use(SUBSCRIBE_PATH, rateLimit({ limit: 10, windowMs: 60_000 }));
  app.use(`${SUBSCRIBE_PATH}/*`, rateLimit({ limit: 30, windowMs: 60_000 }));
  app.use(ONE_CLICK_UNSUBSCRIBE_PATH, rateLimit({ limit: 30, windowMs: 60_000 }));

  app.get(SUBSCRIBE_PATH, async (c) => c.html(await SubscribeForm({ c, data: await loadPortal(c), values: {}, errors: {} })));

  app.post(SUBSCRIBE_PATH, async (c) => {
    const data = await loadPortal(c);
    const form = await readForm(c);
    const values: Values = { email: field(form, 'email'), agencyId: field(form, 'agencyId'), categoryCode: field(form, 'categoryCode') };
    try {
      await c.get('services').subscriptions.subscribe(values, data.agency.id);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      return c.html(await SubscribeForm({ c, data, values, errors: { ...e.fieldErrors, _: e.message } }), 400);
    }
    return c.html(
      <Outcome c={c} data={data} title="请查收确认邮件" kind="ok">
        <p>
          我们已向 <span class="mono">{values.email}</span> 发送确认邮件（如该邮箱此前已确认订阅，则不再重复发送）。请在 7 天内点击邮件中的链接完成订阅；
          未确认的订阅不会收到任何邮件。
        </p>
        <p>
          每个邮箱每天只发一封确认邮件：如今天已向该邮箱发过确认邮件，本次不再另发，点击那封邮件中的链接时会一并确认本次订阅（确认页面会列出）。
        </p>
      </Outcome>,
    );
  });

  for (const purpose of ['confirm', 'unsubscribe'] as const) {
    const path = purpose === 'confirm' ? CONFIRM_PATH : UNSUBSCRIBE_PATH;
    const failed = (c: Context<AppEnv>, data: PortalData, e: ServiceError) =>
      c.html(
        <Outcome c={c} data={data} title={purpose === 'confirm' ? '无法确认订阅' : '无法退订'} kind="bad">
          <p>{e.message}</p>
        </Outcome>,
        e.status as 400,
      );
    app.get(path, async (c) => {
      const data = await loadPortal(c);
      const token = c.req.query('token') ?? '';
      try {
        return c.html(<TokenPage c={c} data={data} purpose={purpose} token={token} view={await c.get('services').subscriptions.describe(token, purpose)} />);
      } catch (e) {
        if (!(e instanceof ServiceError)) throw e;
        return failed(c, data, e);
      }
    });
    app.post(path, async (c) => {
      const data = await loadPortal(c);
      const token = c.req.query('token') ?? '';
      const services = c.get('services').subscriptions;
      try {
        const view = purpose === 'confirm' ? await services.confirm(token) : await services.unsubscribe(token);
        return c.html(
          purpose === 'confirm' ? (
            <Outcome c={c} data={data} title="订阅成功" kind="ok">
              <p>
                已确认订阅{view.agencyName}（{view.categoryLabel}）。今后每公开一条政府信息，我们都会发邮件告诉 <span class="mono">{view.maskedEmail}</span>。
              </p>
              <AlsoConfirms views={view.alsoConfirms} done />
            </Outcome>
          ) : (
            <Outcome c={c} data={data} title="已退订" kind="ok">
              <p>
                已退订{view.agencyName}（{view.categoryLabel}）的政府信息公开邮件，<span class="mono">{view.maskedEmail}</span> 不会再收到此项订阅的邮件。
              </p>
            </Outcome>
          ),
        );
      } catch (e) {
        if (!(e instanceof ServiceError)) throw e;
        return failed(c, data, e);
      }
    });
  }

  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL, with no cookies.
  app.post(ONE_CLICK_UNSUBSCRIBE_PATH, async (c) => {
    await c.get('services').subscriptions.unsubscribe(c.req.query('token') ?? '');
    return c.json({ status: 'unsubscribed' });
  });

  return app;
}
