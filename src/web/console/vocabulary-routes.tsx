/**
 * 信息分类设置 in the console: each agency's 主题分类, 体裁 and 基层政务公开标准目录领域 — add,
 * rename, reorder, retire, restore, delete an unused term, or go back to the superior's list. Every
 * button is a small form (no JavaScript); the service checks permissions and writes the audit log.
 */
import { Hono, type Context } from 'hono';
import {
  GENRES,
  VOCABULARY_LABELS,
  VOCABULARY_NAMES,
  genreCountingLabel,
  genreOfKind,
  inTreeOrder,
  isVocabularyName,
  type VocabularyEntry,
  type VocabularyName,
} from '../../domain/publishing/index.ts';
import type { Agency } from '../../domain/organisations/agency.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from '../forms.ts';
import { Breadcrumb, CsrfField } from '../views/layout.tsx';
import { ConsolePage } from './console-page.tsx';

const HINTS: Readonly<Record<VocabularyName, string>> = {
  category: '主题分类可设两级（如“综合政务\\政务公开”）；门户目录按主题分类筛选，公开指南列出一级分类。',
  kind: '体裁决定信息在年度报告中的统计口径：新增体裁时须选定按哪一类统计（如“会议通知”按“通知”计为公文），之后不能更改。',
  catalogue_domain: '默认为国办发〔2019〕54号所列 26 个试点领域；请按本地编制的基层政务公开标准目录增删改。',
};

const ACTION_DONE: Readonly<Record<string, string>> = {
  add: '已新增。',
  rename: '已改名。',
  move: '已调整顺序。',
  retire: '已停用：已有信息仍显示该名称，新信息不能再选。',
  restore: '已恢复使用。',
  remove: '已删除。',
  inherit: '已恢复沿用上级（或默认）设置。',
};

function vocabularyHref(agencyId: number, name: VocabularyName): string {
  return `/console/vocabularies/${agencyId}/${name}`;
}

function sourceText(agency: Agency, ownerId: number | null, ownerName: string | undefined): string {
  if (ownerId === agency.id) return '本机构单独设置';
  if (ownerId === null) return '默认设置';
  return `沿用“${ownerName ?? ownerId}”`;
}

/** Routes under /console/vocabularies. */
export function vocabularyRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const rows = await c.get('services').vocabularies.agencies(c.get('actor')!);
    const names = new Map(rows.map((r) => [r.agency.id, r.agency.name]));
    return c.html(
      <ConsolePage c={c} title="信息分类设置">
        <h1>信息分类设置</h1>
        <p>
          每个机构的主题分类、体裁和基层政务公开标准目录领域默认沿用上级机构的设置；在某个机构修改后，该机构及沿用它的下级单位使用单独的一份。
          在用的条目不能删除，只能停用。
        </p>
        <div class="table-scroll">
          <table>
            <caption>机构及其分类设置来源</caption>
            <thead>
              <tr>
                <th scope="col">机构</th>
                {VOCABULARY_NAMES.map((n) => (
                  <th scope="col">{VOCABULARY_LABELS[n]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ agency, sources }) => (
                <tr>
                  <th scope="row">{agency.name}</th>
                  {VOCABULARY_NAMES.map((n) => (
                    <td>
                      <a href={vocabularyHref(agency.id, n)}>
                        {sourceText(agency, sources[n], names.get(sources[n] ?? -1))}
                        <span class="visually-hidden">
                          （{agency.name}的{VOCABULARY_LABELS[n]}）
                        </span>
                      </a>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ConsolePage>,
    );
  });

  const nameOf = (c: Context<AppEnv>): VocabularyName => {
    const name = c.req.param('name');
    if (!isVocabularyName(name)) throw new NotFoundError('没有这个词表');
    return name;
  };

  app.get('/:agencyId{[0-9]+}/:name{[a-z_]+}', async (c) => {
    const data = await c.get('services').vocabularies.view(c.get('actor')!, Number(c.req.param('agencyId')), nameOf(c));
    return c.html(<VocabularyPage c={c} data={data} done={c.req.query('done')} />);
  });

  app.post('/:agencyId{[0-9]+}/:name{[a-z_]+}', async (c) => {
    const agencyId = Number(c.req.param('agencyId'));
    const name = nameOf(c);
    const form = await readForm(c);
    const command = {
      type: field(form, 'type'),
      code: field(form, 'code'),
      label: field(form, 'label'),
      parentCode: field(form, 'parentCode'),
      genre: field(form, 'genre'),
      direction: field(form, 'direction'),
    };
    const services = c.get('services');
    try {
      await services.vocabularies.edit(c.get('actor')!, agencyId, name, command);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const data = await services.vocabularies.view(c.get('actor')!, agencyId, name);
      return c.html(<VocabularyPage c={c} data={data} error={e.message} draft={command.type === 'add' ? command : undefined} />, 400);
    }
    return c.redirect(`${vocabularyHref(agencyId, name)}?done=${encodeURIComponent(command.type)}`, 303);
  });

  app.post('/:agencyId{[0-9]+}/:name{[a-z_]+}/inherit', async (c) => {
    const agencyId = Number(c.req.param('agencyId'));
    const name = nameOf(c);
    const services = c.get('services');
    try {
      await services.vocabularies.inherit(c.get('actor')!, agencyId, name);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const data = await services.vocabularies.view(c.get('actor')!, agencyId, name);
      return c.html(<VocabularyPage c={c} data={data} error={e.message} />, 400);
    }
    return c.redirect(`${vocabularyHref(agencyId, name)}?done=inherit`, 303);
  });

  return app;
}

type ViewData = Awaited<ReturnType<AppEnv['Variables']['services']['vocabularies']['view']>>;

function VocabularyPage(props: { c: Context<AppEnv>; data: ViewData; done?: string | undefined; error?: string; draft?: { label: string; parentCode: string; genre: string } | undefined }) {
  const { c, data } = props;
  const { agency, name, vocabulary, owner, own, usage } = data;
  const title = `${agency.name}：${VOCABULARY_LABELS[name]}`;
  const entries = inTreeOrder(vocabulary.entries);
  const action = vocabularyHref(agency.id, name);
  const csrf = c.get('csrfToken');
  const siblingsOf = (e: VocabularyEntry) => entries.filter((x) => (x.parentCode ?? null) === (e.parentCode ?? null));
  const topLevel = entries.filter((e) => !e.parentCode && e.retired !== true);
  return (
    <ConsolePage c={c} title={title}>
      <Breadcrumb items={[{ href: '/console/vocabularies', label: '信息分类设置' }, { label: title }]} />
      <h1>{title}</h1>
      <nav class="actions" aria-label="分类词表">
        {VOCABULARY_NAMES.map((n) => (
          <a href={vocabularyHref(agency.id, n)} aria-current={n === name ? 'page' : undefined}>
            {VOCABULARY_LABELS[n]}
          </a>
        ))}
      </nav>
      {props.done && ACTION_DONE[props.done] && (
        <div class="notice ok" role="status">
          <p>{ACTION_DONE[props.done]}</p>
        </div>
      )}
      {props.error && (
        <div class="notice bad" role="alert">
          <p>{props.error}</p>
        </div>
      )}
      <p>{HINTS[name]}</p>
      <p>
        当前：<strong>{sourceText(agency, own ? agency.id : (owner?.id ?? null), owner?.name)}</strong>
        {!own && '。在本页修改后，本机构（及沿用本机构设置的下级单位）将使用单独的一份。'}
      </p>
      {own && (
        <form method="post" action={`${action}/inherit`} class="inline-form">
          <CsrfField token={csrf} />
          <button type="submit" class="secondary">
            恢复沿用上级（或默认）设置
          </button>
        </form>
      )}
      <div class="table-scroll">
        <table class="vocabulary">
          <caption>
            {VOCABULARY_LABELS[name]}（共 {entries.length} 项，其中停用 {entries.filter((e) => e.retired === true).length} 项）
          </caption>
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">代码</th>
              {name === 'kind' && <th scope="col">年报统计口径</th>}
              <th scope="col">使用中的信息</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const used = usage.get(e.code) ?? 0;
              const siblings = siblingsOf(e);
              const i = siblings.findIndex((x) => x.code === e.code);
              const genre = name === 'kind' ? genreOfKind(vocabulary, e.code) : undefined;
              return (
                <tr class={e.retired === true ? 'retired' : undefined}>
                  <th scope="row">
                    {e.parentCode ? '　└ ' : ''}
                    {e.label}
                  </th>
                  <td class="mono">{e.code}</td>
                  {name === 'kind' && <td>{genre ? genreCountingLabel(genre) : '—'}</td>}
                  <td>{used} 条</td>
                  <td>{e.retired === true ? '已停用' : '可选'}</td>
                  <td>
                    <div class="row-actions">
                      <form method="post" action={action} class="inline-form">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="type" value="rename" />
                        <input type="hidden" name="code" value={e.code} />
                        <label class="visually-hidden" for={`rename-${e.code}`}>
                          “{e.label}”的新名称
                        </label>
                        <input id={`rename-${e.code}`} name="label" type="text" value={e.label} size={10} maxlength={40} required />
                        <button type="submit" class="secondary">
                          改名<span class="visually-hidden">：{e.label}</span>
                        </button>
                      </form>
                      {i > 0 && <MoveButton action={action} csrf={csrf} entry={e} direction="up" />}
                      {i < siblings.length - 1 && <MoveButton action={action} csrf={csrf} entry={e} direction="down" />}
                      <form method="post" action={action} class="inline-form">
                        <CsrfField token={csrf} />
                        <input type="hidden" name="type" value={e.retired === true ? 'restore' : 'retire'} />
                        <input type="hidden" name="code" value={e.code} />
                        <button type="submit" class="secondary">
                          {e.retired === true ? '恢复' : '停用'}
                          <span class="visually-hidden">：{e.label}</span>
                        </button>
                      </form>
                      {used === 0 && (
                        <form method="post" action={action} class="inline-form">
                          <CsrfField token={csrf} />
                          <input type="hidden" name="type" value="remove" />
                          <input type="hidden" name="code" value={e.code} />
                          <button type="submit" class="secondary">
                            删除<span class="visually-hidden">：{e.label}</span>
                          </button>
                        </form>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">新增{VOCABULARY_LABELS[name]}</h2>
        <form method="post" action={action} class="stack">
          <CsrfField token={csrf} />
          <input type="hidden" name="type" value="add" />
          <div class="field">
            <label for="f-label">名称 *</label>
            <input id="f-label" name="label" type="text" maxlength={40} required value={props.draft?.label ?? ''} />
          </div>
          {name === 'category' && (
            <div class="field">
              <label for="f-parentCode">上级分类</label>
              <select id="f-parentCode" name="parentCode">
                <option value="">（无：一级分类）</option>
                {topLevel.map((e) => (
                  <option value={e.code} selected={props.draft?.parentCode === e.code}>
                    {e.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {name === 'kind' && (
            <div class="field">
              <label for="f-genre">年报统计口径 *</label>
              <p class="hint" id="f-genre-hint">
                年度报告表二按此统计公文、规章和行政规范性文件；保存后不能更改。
              </p>
              <select id="f-genre" name="genre" required aria-describedby="f-genre-hint">
                <option value="">（请选择）</option>
                {GENRES.map((g) => (
                  <option value={g} selected={props.draft?.genre === g}>
                    {genreCountingLabel(g)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <p class="actions">
            <button type="submit">新增</button>
          </p>
        </form>
      </section>
    </ConsolePage>
  );
}

function MoveButton(props: { action: string; csrf: string; entry: VocabularyEntry; direction: 'up' | 'down' }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="type" value="move" />
      <input type="hidden" name="code" value={props.entry.code} />
      <input type="hidden" name="direction" value={props.direction} />
      <button type="submit" class="secondary">
        {props.direction === 'up' ? '上移' : '下移'}
        <span class="visually-hidden">：{props.entry.label}</span>
      </button>
    </form>
  );
}
