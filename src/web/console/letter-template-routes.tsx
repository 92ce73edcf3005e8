/**
 * 文书模板 in the console: the list of an agency's letter templates with where each wording comes from
 * (its own, inherited from the agency above, or built in), and the editor — title and body with the
 * placeholders listed and explained, a preview rendered with a sample case, save (a new version) and
 * reset to the built-in or inherited wording. The domain refuses unknown placeholders and templates
 * without the legal citation or the remedies paragraph; the message is shown and nothing typed is lost.
 */
import { Hono, type Context } from 'hono';
import { can } from '../../domain/access/roles.ts';
import type { Letter } from '../../domain/requests/index.ts';
import { formatDateZh } from '../../domain/requests/index.ts';
import { ServiceError } from '../../services/errors.ts';
import { formatLocal } from '../../services/sign-in.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { CsrfField, Field } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

type Services = AppEnv['Variables']['services'];
type TemplateDetail = Awaited<ReturnType<Services['letterTemplates']['get']>>;
type TemplateList = Awaited<ReturnType<Services['letterTemplates']['list']>>;

/** The agencies whose templates the user may see (where they handle or approve requests). */
async function agenciesInScope(c: Context<AppEnv>) {
  const grants = c.get('actor')!.grants;
  return (await c.get('services').agencies.all()).filter((a) => can(grants, 'request.handle', a.path) || can(grants, 'request.approve', a.path));
}

function agencyIdOf(c: Context<AppEnv>, fallback: number): number {
  const raw = Number(c.req.query('agencyId'));
  return Number.isSafeInteger(raw) && raw > 0 ? raw : fallback;
}

function sourceText(source: TemplateList[number]['source']): string {
  switch (source.kind) {
    case 'own':
      return `本机关模板（第 ${source.version} 版）`;
    case 'inherited':
      return `沿用${source.agencyName}的模板`;
    case 'built_in':
      return '内置模板';
    default: {
      const unreachable: never = source;
      return String(unreachable);
    }
  }
}

/** A letter as HTML, for the preview (the DOCX has the same content). */
export function LetterPreview(props: { letter: Letter }) {
  const l = props.letter;
  return (
    <article class="card letter-preview" aria-label="文书预览">
      <h3>{l.title}</h3>
      {l.letterNumber && <p>{l.letterNumber}</p>}
      {l.fields.length === 0 && <p>{l.addressee}：</p>}
      {l.paragraphs.map((p) => (
        <>
          {p.text && <p>{p.text}</p>}
          {p.items && (
            <ol>
              {p.items.map((item) => (
                <li>{item}</li>
              ))}
            </ol>
          )}
        </>
      ))}
      {l.fields.length > 0 && (
        <table>
          <tbody>
            {l.fields.map((f) => (
              <tr>
                <th scope="row">{f.label}</th>
                <td>{f.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="signature">{l.signatory}</p>
      <p class="signature">{formatDateZh(l.dateOn)}</p>
    </article>
  );
}

/** Routes under /console/requests/templates. */
export function letterTemplateRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/requests/templates', async (c) => {
    const user = c.get('user')!;
    const agencyId = agencyIdOf(c, user.agencyId);
    const views = await c.get('services').letterTemplates.list(c.get('actor')!, agencyId);
    const agencies = await agenciesInScope(c);
    return c.html(
      <ConsolePage c={c} title="文书模板">
        <p class="breadcrumb">
          <a href="/console/requests">依申请公开</a>
        </p>
        <h1>文书模板</h1>
        <p>答复书、告知书、补正告知书、延期答复告知书、征求意见书、收费通知书和送达回证按本机关的模板生成；下属单位沿用上级机关的模板，未设置的使用内置模板。每次保存都留存版本并记入审计日志。</p>
        {agencies.length > 1 && (
          <form method="get" action="/console/requests/templates" class="inline-form">
            <label for="f-agencyId">机关</label>{' '}
            <select id="f-agencyId" name="agencyId">
              {agencies.map((a) => (
                <option value={String(a.id)} selected={a.id === agencyId}>
                  {a.name}
                </option>
              ))}
            </select>{' '}
            <button type="submit" class="secondary">切换</button>
          </form>
        )}
        <div class="table-scroll">
          <table>
            <caption>{agencies.find((a) => a.id === agencyId)?.name ?? ''}的文书模板</caption>
            <thead>
              <tr>
                <th scope="col">文书</th>
                <th scope="col">标题</th>
                <th scope="col">当前使用</th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <tr>
                  <th scope="row">
                    <a href={`/console/requests/templates/${v.key}?agencyId=${agencyId}`}>{v.label}</a>
                  </th>
                  <td>{v.template.title}</td>
                  <td>{sourceText(v.source)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ConsolePage>,
    );
  });

  const editor = async (
    c: Context<AppEnv>,
    agencyId: number,
    key: string,
    state: { values?: { title: string; body: string }; errors?: string; preview?: { letter: Letter | null; problems: string[] } } = {},
    status: 200 | 400 = 200,
  ) => {
    const detail = await c.get('services').letterTemplates.get(c.get('actor')!, agencyId, key);
    const canEdit = can(c.get('actor')!.grants, 'request.handle', (await c.get('services').agencies.get(agencyId))?.path ?? '/');
    return c.html(<EditorPage c={c} agencyId={agencyId} detail={detail} canEdit={canEdit} {...state} />, status);
  };

  app.get('/requests/templates/:key{[a-z_.]+}', (c) => editor(c, agencyIdOf(c, c.get('user')!.agencyId), c.req.param('key')));

  app.post('/requests/templates/:key{[a-z_.]+}', async (c) => {
    const form = await readForm(c);
    const agencyId = Number(field(form, 'agencyId')) || c.get('user')!.agencyId;
    const key = c.req.param('key');
    const values = { title: field(form, 'title'), body: field(form, 'body') };
    try {
      await c.get('services').letterTemplates.save(c.get('actor')!, agencyId, key, values);
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404 || e.status === 403) throw e;
      return editor(c, agencyId, key, { values, errors: e.message }, 400);
    }
    return c.redirect(`/console/requests/templates/${key}?agencyId=${agencyId}&saved=1`, 303);
  });

  app.post('/requests/templates/:key{[a-z_.]+}/preview', async (c) => {
    const form = await readForm(c);
    const agencyId = Number(field(form, 'agencyId')) || c.get('user')!.agencyId;
    const key = c.req.param('key');
    const values = { title: field(form, 'title'), body: field(form, 'body') };
    const preview = await c.get('services').letterTemplates.preview(c.get('actor')!, agencyId, key, values);
    return editor(c, agencyId, key, { values, preview });
  });

  app.post('/requests/templates/:key{[a-z_.]+}/reset', async (c) => {
    const form = await readForm(c);
    const agencyId = Number(field(form, 'agencyId')) || c.get('user')!.agencyId;
    const key = c.req.param('key');
    try {
      await c.get('services').letterTemplates.reset(c.get('actor')!, agencyId, key);
    } catch (e) {
      if (!(e instanceof ServiceError) || e.status === 404 || e.status === 403) throw e;
      return editor(c, agencyId, key, { errors: e.message }, 400);
    }
    return c.redirect(`/console/requests/templates/${key}?agencyId=${agencyId}&reset=1`, 303);
  });

  return app;
}

function EditorPage(props: {
  c: Context<AppEnv>;
  agencyId: number;
  detail: TemplateDetail;
  canEdit: boolean;
  values?: { title: string; body: string };
  errors?: string;
  preview?: { letter: Letter | null; problems: string[] };
}) {
  const { c, detail: d } = props;
  const v = props.values ?? d.template;
  const action = `/console/requests/templates/${d.key}`;
  const required = new Set(d.required.map((r) => r.name));
  return (
    <ConsolePage c={c} title={`文书模板：${d.label}`}>
      <p class="breadcrumb">
        <a href="/console/requests">依申请公开</a> › <a href={`/console/requests/templates?agencyId=${props.agencyId}`}>文书模板</a>
      </p>
      <h1>{d.label}</h1>
      <p>
        当前使用：<strong>{sourceText(d.source)}</strong>
      </p>
      {c.req.query('saved') && (
        <div class="notice ok" role="status">
          <p>已保存为新版本。</p>
        </div>
      )}
      {c.req.query('reset') && (
        <div class="notice ok" role="status">
          <p>已恢复：本机关不再使用自己的模板，改用{d.source.kind === 'inherited' ? `${d.source.agencyName}的模板` : '内置模板'}。</p>
        </div>
      )}
      {props.errors && (
        <div class="notice bad" role="alert">
          <p>{props.errors}</p>
        </div>
      )}
      <form method="post" action={action} class="stack">
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="agencyId" value={String(props.agencyId)} />
        <Field name="title" label="文书标题" value={v.title} required />
        <div class="field">
          <label for="f-body">
            正文<span aria-hidden="true"> *</span>
          </label>
          <p class="hint" id="f-body-hint">
            每行一段；只含列表占位符（如 {'{{补正事项}}'}）的一行按编号列在上一段之下；占位符写成 {'{{名称}}'}，可用的见下表。
            {d.key === 'service_receipt' ? '送达回证每行写成“栏目：内容”。' : ''}
          </p>
          <textarea id="f-body" name="body" rows={14} aria-describedby="f-body-hint" class="template-body">
            {v.body}
          </textarea>
        </div>
        <p class="actions">
          <button type="submit" class="secondary" formaction={`${action}/preview`}>
            预览（示例申请）
          </button>
          {props.canEdit && <button type="submit">保存为新版本</button>}
        </p>
      </form>
      {props.preview && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">预览</h2>
          {props.preview.problems.length > 0 && (
            <div class="notice warn" role="status">
              <p>按此模板不能保存：</p>
              <ul>
                {props.preview.problems.map((p) => (
                  <li>{p}</li>
                ))}
              </ul>
            </div>
          )}
          {props.preview.letter && <LetterPreview letter={props.preview.letter} />}
        </section>
      )}
      <h2>占位符</h2>
      <div class="table-scroll">
        <table>
          <caption>本文书可用的占位符（标“必需”的不能删除）</caption>
          <thead>
            <tr>
              <th scope="col">占位符</th>
              <th scope="col">内容</th>
              <th scope="col">必需</th>
            </tr>
          </thead>
          <tbody>
            {d.placeholders.map((p) => (
              <tr>
                <th scope="row" class="mono">{`{{${p.name}}}`}</th>
                <td>
                  {p.description}
                  {p.list ? '（列表，单独成行时逐项编号）' : ''}
                </td>
                <td>{required.has(p.name) ? `必需：${d.required.find((r) => r.name === p.name)!.reason}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>内置模板原文</summary>
        <p>
          <strong>{d.builtIn.title}</strong>
        </p>
        <pre class="template-text">{d.builtIn.body}</pre>
      </details>
      {props.canEdit && d.source.kind === 'own' && (
        <form method="post" action={`${action}/reset`} class="stack">
          <CsrfField token={c.get('csrfToken')} />
          <input type="hidden" name="agencyId" value={String(props.agencyId)} />
          <button type="submit" class="secondary">恢复默认（不再使用本机关的模板）</button>
        </form>
      )}
      {d.history.length > 0 && (
        <>
          <h2>版本记录</h2>
          <ol reversed>
            {d.history.map((h) => (
              <li>
                第 {h.version} 版，{formatLocal(h.createdAt)}，{h.createdBy}：{h.isReset ? '恢复默认' : h.title}
              </li>
            ))}
          </ol>
        </>
      )}
    </ConsolePage>
  );
}
