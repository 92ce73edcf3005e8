/** Sign-in, sign-out and password change. */
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ServiceError, ValidationError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm, safeLocalPath } from '../forms.ts';
import { cookieOptions, SESSION_COOKIE } from '../middleware/session.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

/** Routes for /console/login, /console/logout and /console/account/password. */
export function authRoutes() {
  const app = new Hono<AppEnv>();

  const loginPage = (c: Context<AppEnv>, opts: { login?: string; error?: string; next?: string; status?: 401 | 423 | 429 }) =>
    c.html(
      <ConsolePage c={c} title="工作人员登录">
        <h1>工作人员登录</h1>
        {opts.error && (
          <div class="notice bad" role="alert">
            <p>{opts.error}</p>
          </div>
        )}
        <form method="post" action="/console/login" class="stack">
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="next" value={opts.next ?? '/console'} />
          <Field name="login" label="用户名" value={opts.login} required autocomplete="username" />
          <Field name="password" label="密码" type="password" required autocomplete="current-password" />
          <button type="submit">登录</button>
        </form>
      </ConsolePage>,
      opts.error ? (opts.status ?? 401) : 200,
    );

  app.get('/login', (c) => {
    if (c.get('user')) return c.redirect('/console');
    return loginPage(c, { next: safeLocalPath(c.req.query('next'), '/console') });
  });

  app.post('/login', async (c) => {
    const form = await readForm(c);
    const login = field(form, 'login');
    const next = safeLocalPath(field(form, 'next'), '/console');
    try {
      const signed = await c.get('services').signIn(login, field(form, 'password'));
      setCookie(c, SESSION_COOKIE, signed.token, cookieOptions(c, c.get('webConfig').sessionHours * 3600));
      return c.redirect(signed.user.mustChangePassword ? '/console/account/password' : next, 303);
    } catch (e) {
      if (e instanceof ServiceError) return loginPage(c, { login, error: e.message, next, status: e.status === 423 ? 423 : 401 });
      throw e;
    }
  });

  app.post('/logout', async (c) => {
    const session = c.get('session');
    const user = c.get('user');
    if (session && user) await c.get('services').signOut(session, user);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/console/login', 303);
  });

  const passwordPage = (c: Context<AppEnv>, errors: Record<string, string> = {}, status: 200 | 400 = 200) =>
    c.html(
      <ConsolePage c={c} title="修改密码">
        <h1>修改密码</h1>
        {c.get('user')?.mustChangePassword && (
          <div class="notice warn" role="status">
            <p>这是一次性密码，请先设置您自己的密码再继续使用。</p>
          </div>
        )}
        {Object.keys(errors).length > 0 && (
          <div class="notice bad" role="alert">
            <p>{Object.values(errors).join('；')}</p>
          </div>
        )}
        <form method="post" action="/console/account/password" class="stack">
          <CsrfField token={c.get('csrfToken')} />
          <Field name="current" label="当前密码" type="password" required autocomplete="current-password" error={errors.current} />
          <Field name="next" label="新密码" type="password" required autocomplete="new-password" hint="至少 10 个字符，含字母、数字、符号中的至少两类，不含用户名" error={errors.next} />
          <Field name="confirm" label="再次输入新密码" type="password" required autocomplete="new-password" error={errors.confirm} />
          <button type="submit">保存新密码</button>
        </form>
      </ConsolePage>,
      status,
    );

  app.get('/account/password', (c) => passwordPage(c));

  app.post('/account/password', async (c) => {
    const form = await readForm(c);
    try {
      await c.get('services').changePassword(c.get('user')!, c.get('session')!, {
        current: field(form, 'current'),
        next: field(form, 'next'),
        confirm: field(form, 'confirm'),
      });
    } catch (e) {
      if (e instanceof ValidationError) return passwordPage(c, Object.keys(e.fieldErrors).length ? e.fieldErrors : { _: e.message }, 400);
      throw e;
    }
    return c.redirect('/console?saved=password', 303);
  });

  return app;
}
