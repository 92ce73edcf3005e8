/** Administration of users (用户管理): list, new user, roles, password reset, disable, delete. */
import { Hono, type Context } from 'hono';
import { ROLES, ROLE_LABELS, isRole } from '../../domain/access/roles.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import { NotFoundError, ServiceError, ValidationError } from '../../services/errors.ts';
import type { UserWithGrants } from '../../services/ports.ts';
import type { AppEnv } from '../context.ts';
import { field, fields, readForm } from '../forms.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage, describeGrants } from './console-page.tsx';

/** Routes under /console/users. */
export function userRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const [users, agencies] = await Promise.all([services.users.list(actor), services.agencies.all()]);
    const nowIso = services.deps.clock.now().toISOString();
    const nameOf = agencyNamer(agencies);
    return c.html(
      <ConsolePage c={c} title="用户管理">
        <h1>用户管理</h1>
        <Flash c={c} />
        <p class="actions">
          <a class="button" href="/console/users/new">新增用户</a>
        </p>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">用户列表</caption>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">所属机构</th>
                <th scope="col">角色</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <td class="mono">{u.login}</td>
                  <td>{u.displayName}</td>
                  <td>{nameOf(u.agencyId)}</td>
                  <td>{describeGrants(u.grants, nameOf)}</td>
                  <td>{u.disabled ? '已停用' : u.lockedUntil && u.lockedUntil > nowIso ? '已锁定' : '正常'}</td>
                  <td>
                    <a href={`/console/users/${u.id}`}>
                      管理<span class="visually-hidden">{u.login}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ConsolePage>,
    );
  });

  app.get('/new', async (c) => {
    const agencies = await c.get('services').agencies.list(c.get('actor')!);
    return c.html(<NewUserForm c={c} agencies={agencies} values={{}} errors={{}} />);
  });

  app.post('/new', async (c) => {
    const services = c.get('services');
    const actor = c.get('actor')!;
    const form = await readForm(c);
    const values = Object.fromEntries(['login', 'displayName', 'agencyId', 'role', 'roleAgencyId'].map((k) => [k, field(form, k)]));
    const role = values.role ?? '';
    try {
      const created = await services.users.create(actor, {
        login: values.login,
        displayName: values.displayName,
        agencyId: values.agencyId,
        grants: isRole(role) ? [{ role, agencyId: values.roleAgencyId || values.agencyId }] : [],
      });
      return c.html(
        <ConsolePage c={c} title="用户已创建">
          <h1>用户已创建</h1>
          <OneTimePassword login={created.user.login} password={created.generatedPassword!} />
          <p class="actions">
            <a href="/console/users">返回用户列表</a>
          </p>
        </ConsolePage>,
        201,
      );
    } catch (e) {
      if (e instanceof ServiceError && e.status !== 403) {
        const agencies = await services.agencies.list(actor);
        const errors = e instanceof ValidationError ? { ...e.fieldErrors, _: e.message } : { _: e.message };
        return c.html(<NewUserForm c={c} agencies={agencies} values={values} errors={errors} />, e.status === 409 ? 409 : 400);
      }
      throw e;
    }
  });

  app.get('/:id', async (c) => {
    const { user, agencies } = await loadUser(c);
    return c.html(<UserPage c={c} user={user} agencies={agencies} />);
  });

  app.post('/:id/roles', async (c) => {
    const { user, agencies } = await loadUser(c);
    const form = await readForm(c);
    const kept = fields(form, 'keep').map((v) => {
      const [role, agencyId] = v.split('@');
      return { role, agencyId };
    });
    const newRole = field(form, 'newRole');
    const newAgency = field(form, 'newAgencyId');
    const grants = newRole ? [...kept, { role: newRole, agencyId: newAgency }] : kept;
    try {
      await c.get('services').users.setRoles(c.get('actor')!, user.id, grants);
    } catch (e) {
      if (e instanceof ValidationError) return c.html(<UserPage c={c} user={user} agencies={agencies} error={e.message} />, 400);
      throw e;
    }
    return c.redirect(`/console/users/${user.id}?saved=1`, 303);
  });

  app.post('/:id/reset-password', async (c) => {
    const { user } = await loadUser(c);
    const password = await c.get('services').users.resetPassword(c.get('actor')!, user.id);
    return c.html(
      <ConsolePage c={c} title="密码已重置">
        <h1>密码已重置</h1>
        <OneTimePassword login={user.login} password={password} />
        <p class="actions">
          <a href={`/console/users/${user.id}`}>返回</a>
        </p>
      </ConsolePage>,
    );
  });

  app.post('/:id/disable', async (c) => {
    const { user } = await loadUser(c);
    const form = await readForm(c);
    try {
      await c.get('services').users.setDisabled(c.get('actor')!, user.id, field(form, 'disabled') === '1');
    } catch (e) {
      if (e instanceof ValidationError) {
        const { agencies } = await loadUser(c);
        return c.html(<UserPage c={c} user={user} agencies={agencies} error={e.message} />, 400);
      }
      throw e;
    }
    return c.redirect(`/console/users/${user.id}?saved=1`, 303);
  });

  app.post('/:id/delete', async (c) => {
    const { user, agencies } = await loadUser(c);
    try {
      await c.get('services').users.remove(c.get('actor')!, user.id);
    } catch (e) {
      if (e instanceof ServiceError && (e.status === 400 || e.status === 409)) return c.html(<UserPage c={c} user={user} agencies={agencies} error={e.message} />, e.status);
      throw e;
    }
    return c.redirect('/console/users?deleted=1', 303);
  });

  return app;
}

async function loadUser(c: Context<AppEnv>): Promise<{ user: UserWithGrants; agencies: Agency[] }> {
  const services = c.get('services');
  const actor = c.get('actor')!;
  const id = Number(c.req.param('id'));
  // Listing through the service checks the permission and keeps foreign users out of reach.
  const users = await services.users.list(actor);
  const user = users.find((u) => u.id === id);
  if (!user) throw new NotFoundError('找不到该用户，或该用户不在您的管理范围内');
  return { user, agencies: await services.agencies.list(actor) };
}

function agencyNamer(agencies: Agency[]) {
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  return (id: number) => names.get(id) ?? `机构 ${id}`;
}

function Flash(props: { c: Context<AppEnv> }) {
  const c = props.c;
  return c.req.query('saved') || c.req.query('deleted') ? (
    <div class="notice ok" role="status">
      <p>{c.req.query('deleted') ? '已删除。' : '已保存。'}</p>
    </div>
  ) : null;
}

function OneTimePassword(props: { login: string; password: string }) {
  return (
    <div class="notice warn" role="status">
      <p>
        用户 <span class="mono">{props.login}</span> 的一次性密码：<strong class="mono">{props.password}</strong>
      </p>
      <p>此密码只显示这一次。请当面或通过安全渠道交给本人；首次登录时须修改。</p>
    </div>
  );
}

function AgencySelect(props: { id: string; name: string; agencies: Agency[]; value?: string | undefined; label: string; error?: string | undefined }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.error && <p class="error">{props.error}</p>}
      <select id={props.id} name={props.name}>
        {props.agencies.map((a) => (
          <option value={String(a.id)} selected={props.value === String(a.id)}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function RoleSelect(props: { id: string; name: string; value?: string | undefined; allowNone?: boolean }) {
  return (
    <div class="field">
      <label for={props.id}>角色</label>
      <select id={props.id} name={props.name}>
        {props.allowNone && <option value="">（不添加）</option>}
        {ROLES.map((r) => (
          <option value={r} selected={props.value === r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

function NewUserForm(props: { c: Context<AppEnv>; agencies: Agency[]; values: Record<string, string | undefined>; errors: Record<string, string> }) {
  const { c, agencies, values, errors } = props;
  return (
    <ConsolePage c={c} title="新增用户">
      <h1>新增用户</h1>
      {errors._ && (
        <div class="notice bad" role="alert">
          <p>{errors._}</p>
        </div>
      )}
      <form method="post" action="/console/users/new" class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <Field name="login" label="用户名" value={values.login} required error={errors.login} hint="小写字母、数字和 . _ -，如 wangfang" autocomplete="off" />
        <Field name="displayName" label="姓名" value={values.displayName} required error={errors.displayName} />
        <AgencySelect id="f-agencyId" name="agencyId" agencies={agencies} value={values.agencyId} label="所属机构" error={errors.agencyId} />
        <fieldset>
          <legend>角色</legend>
          <RoleSelect id="f-role" name="role" value={values.role ?? 'editor'} allowNone />
          <AgencySelect id="f-roleAgencyId" name="roleAgencyId" agencies={agencies} value={values.roleAgencyId ?? values.agencyId} label="角色适用范围（该机构及其下级）" />
        </fieldset>
        <p class="hint">保存后系统生成一次性密码，只显示一次。</p>
        <p class="actions">
          <button type="submit">创建用户</button>
          <a href="/console/users">取消</a>
        </p>
      </form>
    </ConsolePage>
  );
}

function UserPage(props: { c: Context<AppEnv>; user: UserWithGrants; agencies: Agency[]; error?: string }) {
  const { c, user, agencies } = props;
  const nameOf = agencyNamer(agencies);
  return (
    <ConsolePage c={c} title={`用户：${user.displayName}`}>
      <h1>
        用户：{user.displayName}（<span class="mono">{user.login}</span>）
      </h1>
      <Flash c={c} />
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <p>所属机构：{nameOf(user.agencyId)}　状态：{user.disabled ? '已停用' : '正常'}</p>
      <h2>角色</h2>
      <form method="post" action={`/console/users/${user.id}/roles`} class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <fieldset>
          <legend>现有角色（取消勾选即撤销）</legend>
          {user.grants.length === 0 && <p>暂无角色。</p>}
          {user.grants.map((g, i) => (
            <div>
              <input type="checkbox" id={`keep-${i}`} name="keep" value={`${g.role}@${g.agencyId}`} checked />{' '}
              <label for={`keep-${i}`}>
                {ROLE_LABELS[g.role]}（{nameOf(g.agencyId)}）
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>添加角色</legend>
          <RoleSelect id="f-newRole" name="newRole" allowNone />
          <AgencySelect id="f-newAgencyId" name="newAgencyId" agencies={agencies} value={String(user.agencyId)} label="适用范围（该机构及其下级）" />
        </fieldset>
        <button type="submit">保存角色</button>
      </form>
      <h2>账号</h2>
      <div class="actions">
        <form method="post" action={`/console/users/${user.id}/reset-password`} class="inline-form">
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="secondary">重置密码</button>
        </form>
        <form method="post" action={`/console/users/${user.id}/disable`} class="inline-form">
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="disabled" value={user.disabled ? '0' : '1'} />
          <button type="submit" class={user.disabled ? 'secondary' : 'danger'}>{user.disabled ? '启用账号' : '停用账号'}</button>
        </form>
        <form method="post" action={`/console/users/${user.id}/delete`} class="inline-form">
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="danger">删除账号</button>
        </form>
      </div>
      <p class="hint">只有从未登录、没有任何操作记录的账号可以删除（如误建的账号）；其他账号请停用。</p>
    </ConsolePage>
  );
}
