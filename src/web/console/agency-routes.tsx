/** Administration of agencies (机构管理): the tree, new agency, edit details. */
import { Hono, type Context } from 'hono';
import { AGENCY_KINDS, AGENCY_KIND_LABELS, type Agency } from '../../domain/organisations/agency.ts';
import { NotFoundError, ServiceError, ValidationError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

const FORM_FIELDS = ['kind', 'name', 'shortName', 'creditCode', 'orgCode', 'address', 'postcode', 'phone', 'fax', 'email', 'officeHours', 'disclosureOffice', 'sortOrder'] as const;

function depth(a: Agency): number {
  return a.path.split('/').filter(Boolean).length - 1;
}

/** Routes under /console/agencies. */
export function agencyRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const agencies = await c.get('services').agencies.list(c.get('actor')!);
    return c.html(
      <ConsolePage c={c} title="机构管理">
        <h1>机构管理</h1>
        {c.req.query('saved') && (
          <div class="notice ok" role="status">
            <p>已保存。</p>
          </div>
        )}
        <p class="actions">
          <a class="button" href="/console/agencies/new">新增机构</a>
        </p>
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">机构列表（按隶属关系排列）</caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">类型</th>
                <th scope="col">统一社会信用代码</th>
                <th scope="col">联系电话</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {agencies.map((a) => (
                <tr>
                  <td>
                    {'　'.repeat(Math.max(0, depth(a)))}
                    {depth(a) > 0 ? '└ ' : ''}
                    {a.name}
                  </td>
                  <td>{AGENCY_KIND_LABELS[a.kind]}</td>
                  <td class="mono">{a.creditCode ?? '—'}</td>
                  <td>{a.phone || '—'}</td>
                  <td>
                    <a href={`/console/agencies/${a.id}/edit`}>
                      编辑<span class="visually-hidden">{a.name}</span>
                    </a>
                    {' '}
                    <a href={`/console/agencies/new?parent=${a.id}`}>
                      添加下级<span class="visually-hidden">（{a.name}）</span>
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
    const parents = await c.get('services').agencies.list(c.get('actor')!);
    const parentId = c.req.query('parent') ?? '';
    return c.html(<AgencyForm c={c} parents={parents} values={{ parentId, kind: 'village' }} errors={{}} />);
  });

  app.post('/new', async (c) => {
    const form = await readForm(c);
    const values = valuesOf(form, ['parentId', ...FORM_FIELDS]);
    try {
      await c.get('services').agencies.create(c.get('actor')!, { ...values, parentId: values.parentId || null });
    } catch (e) {
      if (e instanceof ServiceError && e.status !== 403) {
        const parents = await c.get('services').agencies.list(c.get('actor')!);
        return c.html(<AgencyForm c={c} parents={parents} values={values} errors={errorsOf(e)} />, e.status === 409 ? 409 : 400);
      }
      throw e;
    }
    return c.redirect('/console/agencies?saved=1', 303);
  });

  app.get('/:id/edit', async (c) => {
    const agency = await loadAgency(c);
    const values = Object.fromEntries(FORM_FIELDS.map((k) => [k, String(agency[k] ?? '')]));
    const settings = await c.get('services').agencies.disclosureSettings(agency.id);
    return c.html(<AgencyForm c={c} agency={agency} values={values} errors={{}} settings={settings} />);
  });

  app.post('/:id/disclosure', async (c) => {
    const agency = await loadAgency(c);
    const form = await readForm(c);
    const settings = { indexTemplate: field(form, 'indexTemplate'), guideText: field(form, 'guideText'), sensitiveWords: field(form, 'sensitiveWords'), allowList: field(form, 'allowList') };
    try {
      await c.get('services').agencies.saveDisclosureSettings(c.get('actor')!, agency.id, settings);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const values = Object.fromEntries(FORM_FIELDS.map((k) => [k, String(agency[k] ?? '')]));
      return c.html(<AgencyForm c={c} agency={agency} values={values} errors={{}} settings={settings} settingsErrors={{ ...e.fieldErrors, _: e.message }} />, 400);
    }
    return c.redirect('/console/agencies?saved=1', 303);
  });

  app.post('/:id/edit', async (c) => {
    const agency = await loadAgency(c);
    const form = await readForm(c);
    const values = valuesOf(form, FORM_FIELDS);
    try {
      await c.get('services').agencies.update(c.get('actor')!, agency.id, values);
    } catch (e) {
      if (e instanceof ServiceError && e.status !== 403 && e.status !== 404) {
        return c.html(<AgencyForm c={c} agency={agency} values={values} errors={errorsOf(e)} />, e.status === 409 ? 409 : 400);
      }
      throw e;
    }
    return c.redirect('/console/agencies?saved=1', 303);
  });

  return app;
}

async function loadAgency(c: Context<AppEnv>): Promise<Agency> {
  const id = Number(c.req.param('id'));
  const agency = Number.isInteger(id) ? await c.get('services').agencies.get(id) : undefined;
  if (!agency) throw new NotFoundError('找不到该机构');
  // Editing is checked by the service; listing first makes a foreign agency a 403, not a form.
  const visible = await c.get('services').agencies.list(c.get('actor')!);
  if (!visible.some((a) => a.id === agency.id)) throw new ServiceError('您没有管理该机构的权限', 403);
  return agency;
}

function valuesOf(form: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, field(form as never, n)]));
}

function errorsOf(e: ServiceError): Record<string, string> {
  return e instanceof ValidationError && Object.keys(e.fieldErrors).length > 0 ? { ...e.fieldErrors, _: e.message } : { _: e.message };
}

function AgencyForm(props: {
  c: Context<AppEnv>;
  agency?: Agency;
  parents?: Agency[];
  values: Record<string, string>;
  errors: Record<string, string>;
  settings?: { indexTemplate: string; guideText: string; sensitiveWords: string; allowList: string };
  settingsErrors?: Record<string, string>;
}) {
  const { c, agency, values, errors } = props;
  const title = agency ? `编辑机构：${agency.name}` : '新增机构';
  return (
    <ConsolePage c={c} title={title}>
      <h1>{title}</h1>
      {errors._ && (
        <div class="notice bad" role="alert">
          <p>{errors._}</p>
        </div>
      )}
      <form method="post" class="stack" action={agency ? `/console/agencies/${agency.id}/edit` : '/console/agencies/new'}>
        <CsrfField token={c.get('csrfToken')} />
        {!agency && (
          <div class="field">
            <label for="f-parentId">上级机构</label>
            {errors.parentId && <p class="error">{errors.parentId}</p>}
            <select id="f-parentId" name="parentId">
              <option value="">（无：最上级机构）</option>
              {(props.parents ?? []).map((p) => (
                <option value={String(p.id)} selected={values.parentId === String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="f-kind">机构类型 *</label>
          {errors.kind && <p class="error" id="f-kind-error">{errors.kind}</p>}
          <select id="f-kind" name="kind" aria-invalid={errors.kind ? 'true' : undefined}>
            {AGENCY_KINDS.map((k) => (
              <option value={k} selected={values.kind === k}>
                {AGENCY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <Field name="name" label="机构名称" value={values.name} required error={errors.name} />
        <Field name="shortName" label="简称" value={values.shortName} error={errors.shortName} hint="不填则与名称相同" />
        <Field name="creditCode" label="统一社会信用代码" value={values.creditCode} error={errors.creditCode} hint="18 位；用于生成索引号。没有的可填组织机构代码" />
        <Field name="orgCode" label="组织机构代码" value={values.orgCode} error={errors.orgCode} />
        <Field name="disclosureOffice" label="政府信息公开工作机构" value={values.disclosureOffice} error={errors.disclosureOffice} hint="如：黔城镇人民政府宣传室" />
        <Field name="address" label="办公地址" value={values.address} error={errors.address} />
        <Field name="postcode" label="邮政编码" value={values.postcode} error={errors.postcode} inputmode="numeric" />
        <Field name="phone" label="联系电话" value={values.phone} error={errors.phone} type="tel" />
        <Field name="fax" label="传真号码" value={values.fax} error={errors.fax} type="tel" />
        <Field name="email" label="电子邮箱" value={values.email} error={errors.email} type="email" />
        <Field name="officeHours" label="办公时间" value={values.officeHours} error={errors.officeHours} />
        <Field name="sortOrder" label="排序号" value={values.sortOrder || '0'} error={errors.sortOrder} inputmode="numeric" />
        <p class="actions">
          <button type="submit">保存</button>
          <a href="/console/agencies">取消</a>
        </p>
      </form>
      {agency && props.settings && (
        <section aria-labelledby="disclosure-heading">
          <h2 id="disclosure-heading">信息公开设置</h2>
          {props.settingsErrors?._ && (
            <div class="notice bad" role="alert">
              <p>{props.settingsErrors._}</p>
            </div>
          )}
          <form method="post" action={`/console/agencies/${agency.id}/disclosure`} class="stack">
            <CsrfField token={c.get('csrfToken')} />
            <Field
              name="indexTemplate"
              label="索引号模板"
              value={props.settings.indexTemplate}
              hint="{code} 为统一社会信用代码或组织机构代码，{year} 或 {yyyymm} 为生成日期，{seq:05} 为 5 位流水号（按年重新编号）"
              error={props.settingsErrors?.indexTemplate}
            />
            <div class="field">
              <label for="f-guideText">信息公开指南补充说明</label>
              <p class="hint" id="f-guideText-hint">显示在门户“信息公开指南”中，如受理申请的具体要求、公开查阅点的位置。</p>
              <textarea id="f-guideText" name="guideText" rows={6} aria-describedby="f-guideText-hint">
                {props.settings.guideText}
              </textarea>
            </div>
            <div class="field">
              <label for="f-sensitiveWords">敏感词（每行一个）</label>
              <p class="hint" id="f-sensitiveWords-hint">发布前检测和答复检测时标出；本机关及下级单位的信息都适用。</p>
              <textarea id="f-sensitiveWords" name="sensitiveWords" rows={4} aria-describedby="f-sensitiveWords-hint">
                {props.settings.sensitiveWords}
              </textarea>
            </div>
            <div class="field">
              <label for="f-allowList">不作为个人信息的号码（每行一个）</label>
              <p class="hint" id="f-allowList-hint">本机关联系电话、传真、邮箱已自动排除；这里填写另外公开的值班手机、村干部公开电话等。</p>
              <textarea id="f-allowList" name="allowList" rows={3} aria-describedby="f-allowList-hint">
                {props.settings.allowList}
              </textarea>
            </div>
            <button type="submit">保存公开设置</button>
          </form>
        </section>
      )}
    </ConsolePage>
  );
}
