/**
 * The public disclosure column's item pages: the catalogue (信息公开目录) with its filters, the item
 * page with the statutory metadata table, linked interpretations and print styles, full-text
 * search with highlighted matches, interpretations, and each village's column. Only published
 * versions are ever read here (the service's public methods), whatever URL is guessed.
 */
import type { Context } from 'hono';
import type { Agency } from '../../domain/organisations/agency.ts';
import {
  STATUTORY_CLAUSES,
  STATUTORY_CLAUSE_INFO,
  VALIDITY_LABELS,
  inTreeOrder,
  kindLabelOf,
  labelPathOf,
  validityOn,
  type ItemState,
  type Vocabulary,
} from '../../domain/publishing/index.ts';
import type { AgencyVocabularies } from '../../services/manage-vocabularies.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import type { AppEnv } from '../context.ts';

export const PAGE_SIZE = 20;

/** The deepest page a portal list goes to (counts stop there: “10000 条以上”). */
export const MAX_PAGES = 500;

/** The validity label shown to the public for a version today. */
export function validityLabel(item: ItemState, today: string): string {
  return item.validity ? VALIDITY_LABELS[validityOn(item.validity, today)] : '有效';
}

/** A catalogue table: 索引号, 名称, 生成日期, 发布机构 (条例第十二条). */
export function CatalogueTable(props: { items: ItemState[]; indexNumbers: Map<number, string | null>; agencies: Map<number, Agency>; caption: string }) {
  return (
    <div class="table-scroll">
      <table class="catalogue">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">索引号</th>
            <th scope="col">信息名称</th>
            <th scope="col">生成日期</th>
            <th scope="col">发布机构</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr>
              <td class="mono">{props.indexNumbers.get(Number(i.id)) ?? ''}</td>
              <td>
                <a href={`/xxgk/items/${i.id}`}>{i.title}</a>
              </td>
              <td>{i.formedOn}</td>
              <td>{props.agencies.get(i.agencyId)?.name ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Pagination links that keep the other query parameters. */
export function Pager(props: { c: Context<AppEnv>; total: number; page: number; capped?: boolean | undefined }) {
  const pages = Math.max(1, Math.ceil(props.total / PAGE_SIZE));
  if (pages <= 1) return null;
  const link = (p: number) => {
    const url = new URL(props.c.req.url);
    url.searchParams.set('page', String(p));
    return `${url.pathname}?${url.searchParams.toString()}`;
  };
  return (
    <nav class="actions" aria-label="分页">
      {props.page > 1 && <a href={link(props.page - 1)}>上一页</a>}
      <span>
        第 {props.page} / {pages} 页，共 {props.total} 条{props.capped ? '以上' : ''}
      </span>
      {props.page < pages && <a href={link(props.page + 1)}>下一页</a>}
    </nav>
  );
}

/** A vocabulary's terms as filter options, with paths for second-level terms (retired terms too: old items carry them). */
function filterOptions(vocabulary: Vocabulary): Array<[string, string]> {
  return inTreeOrder(vocabulary.entries).map((e) => [e.code, labelPathOf(vocabulary, e.code)]);
}

/** The catalogue's filter form (GET, no JavaScript), with the portal agency's vocabularies. */
export function CatalogueFilters(props: { q: Record<string, string>; agencies: Agency[]; action: string; vocabularies: AgencyVocabularies; withSearch?: boolean }) {
  const { q } = props;
  const years = Array.from({ length: 20 }, (_, i) => String(2026 - i));
  return (
    <form method="get" action={props.action} class="filters">
      {props.withSearch && (
        <div class="field">
          <label for="f-q">关键词</label>
          <input id="f-q" name="q" type="search" value={q.q ?? ''} />
        </div>
      )}
      {!props.withSearch && (
      <div class="field">
        <label for="f-clause">法定主动公开内容</label>
        <select id="f-clause" name="clause">
          <option value="">全部</option>
          {STATUTORY_CLAUSES.map((cl) => (
            <option value={cl} selected={q.clause === cl}>
              {STATUTORY_CLAUSE_INFO[cl].citation} {STATUTORY_CLAUSE_INFO[cl].label.slice(0, 24)}
            </option>
          ))}
        </select>
      </div>
      )}
      <div class="field">
        <label for="f-category">主题分类</label>
        <select id="f-category" name="category">
          <option value="">全部</option>
          {filterOptions(props.vocabularies.categories).map(([code, label]) => (
            <option value={code} selected={q.category === code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {!props.withSearch && (
      <div class="field">
        <label for="f-domain">标准目录领域</label>
        <select id="f-domain" name="domain">
          <option value="">全部</option>
          {filterOptions(props.vocabularies.catalogueDomains).map(([code, label]) => (
            <option value={code} selected={q.domain === code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      )}
      <div class="field">
        <label for="f-agency">发布机构</label>
        <select id="f-agency" name="agency">
          <option value="">全部</option>
          {props.agencies.map((a) => (
            <option value={String(a.id)} selected={q.agency === String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-year">年份</label>
        <select id="f-year" name="year">
          <option value="">全部</option>
          {years.map((y) => (
            <option value={y} selected={q.year === y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-validity">有效性</label>
        <select id="f-validity" name="validity">
          <option value="">全部</option>
          {(['valid', 'expired', 'repealed'] as const).map((v) => (
            <option value={v} selected={q.validity === v}>
              {VALIDITY_LABELS[v]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{props.withSearch ? '检索' : '筛选'}</button>
    </form>
  );
}

/** The item page body: metadata table, body, attachments, interpretations, version history. */
export function ItemArticle(props: {
  c: Context<AppEnv>;
  data: NonNullable<Awaited<ReturnType<AppEnv['Variables']['services']['items']['publicItem']>>>;
  agency: Agency | undefined;
  indexNumber: string | null;
  /** The vocabularies of the item's agency, for the 主题分类 and 体裁 labels. */
  vocabularies: AgencyVocabularies;
}) {
  const { item, public: pub, interpretations, policy, history } = props.data;
  const today = chinaDateOf(props.c.get('services').deps.clock.now());
  return (
    <article>
      <h1>{pub.title}</h1>
      <table class="metadata">
        <caption class="visually-hidden">信息属性</caption>
        <tbody>
          <tr>
            <th scope="row">索引号</th>
            <td class="mono">{props.indexNumber ?? ''}</td>
            <th scope="row">主题分类</th>
            <td>{labelPathOf(props.vocabularies.categories, item.categoryCode)}</td>
          </tr>
          <tr>
            <th scope="row">发布机构</th>
            <td>
              {props.agency?.name}
              {item.jointIssuers.length > 0 ? `、${item.jointIssuers.join('、')}` : ''}
            </td>
            <th scope="row">体裁</th>
            <td>{kindLabelOf(props.vocabularies.kinds, item)}</td>
          </tr>
          <tr>
            <th scope="row">生成日期</th>
            <td>{item.formedOn}</td>
            <th scope="row">发布日期</th>
            <td>{item.publishedOn}</td>
          </tr>
          <tr>
            <th scope="row">文号</th>
            <td>{item.documentNumber ?? '—'}</td>
            <th scope="row">有效性</th>
            <td>{validityLabel(item, today)}</td>
          </tr>
          {item.clause && (
            <tr>
              <th scope="row">公开依据</th>
              <td colspan={3}>
                {STATUTORY_CLAUSE_INFO[item.clause].citation}：{STATUTORY_CLAUSE_INFO[item.clause].label}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {pub.summary && <p class="summary">{pub.summary}</p>}
      <div class="item-body" dangerouslySetInnerHTML={{ __html: pub.bodyHtml }} />
      {item.attachments.length > 0 && (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">附件</h2>
          <ul>
            {item.attachments.map((a) => (
              <li>
                <a href={`/xxgk/items/${item.id}/files/${a.fileId}`}>{a.fileName}</a>（{Math.ceil(a.sizeBytes / 1024)} KB）
              </li>
            ))}
          </ul>
        </section>
      )}
      {policy && (
        <p class="notice">
          本文解读的文件：<a href={`/xxgk/items/${policy.id}`}>{policy.title}</a>
        </p>
      )}
      {interpretations.length > 0 && (
        <section aria-labelledby="interp-heading">
          <h2 id="interp-heading">政策解读</h2>
          <ul>
            {interpretations.map((i) => (
              <li>
                <a href={`/xxgk/items/${i.id}`}>{i.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {history.length > 1 && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">修订记录</h2>
          <ul>
            {history.map((h) => (
              <li>
                第 {h.version} 版：{h.publishedOn} 发布{h.changedOn ? `（变更日期 ${h.changedOn}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href="/subscriptions">邮件订阅</a>：有新公开的信息时发邮件告诉我。
      </p>
    </article>
  );
}

/** A snippet with its matches wrapped in <mark>. */
export function Highlighted(props: { text: string; marks: Array<[number, number]> }) {
  const parts: unknown[] = [];
  let at = 0;
  for (const [s, e] of props.marks) {
    if (s < at) continue;
    parts.push(props.text.slice(at, s), <mark>{props.text.slice(s, e)}</mark>);
    at = e;
  }
  parts.push(props.text.slice(at));
  return <>{parts as never}</>;
}
