/** The public portal: the disclosure column of the portal agency. Server-rendered, no JavaScript. */
import { Hono, type Context } from 'hono';
import type { Agency } from '../../domain/organisations/agency.ts';
import { AGENCY_KIND_LABELS } from '../../domain/organisations/agency.ts';
import { PORTAL_AGENCY_SETTING } from '../../services/initialise-database.ts';
import { NotFoundError } from '../../services/errors.ts';
import { renderReportHtml } from '../../documents/report-html.tsx';
import { renderReportDocx } from '../../documents/report-docx.ts';
import { serveReportHtml } from '../report-document.ts';
import type { AppEnv } from '../context.ts';
import { yearParam } from '../forms.ts';
import { Breadcrumb, Layout } from '../views/layout.tsx';
import { PORTAL_SECTIONS, type PortalSection } from './portal-sections.ts';
import { CatalogueFilters, CatalogueTable, Highlighted, ItemArticle, MAX_PAGES, PAGE_SIZE, Pager } from './item-pages.tsx';
import { STATUTORY_CLAUSE_INFO, clausesFor, clauseLevelOf, isStatutoryClause, isValidityStatus } from '../../domain/publishing/index.ts';

export interface PortalData {
  agency: Agency;
  children: Agency[];
  /** Every agency of the portal's subtree, by id. */
  byId: Map<number, Agency>;
  subtree: Agency[];
}

export async function loadPortal(c: Context<AppEnv>): Promise<PortalData> {
  const services = c.get('services');
  const id = Number(await services.settings.get(PORTAL_AGENCY_SETTING));
  const all = await services.agencies.all();
  const agency = all.find((a) => a.id === id) ?? all[0];
  if (!agency) throw new NotFoundError('本平台尚未设置机构');
  const subtree = all.filter((a) => a.path.startsWith(agency.path));
  return { agency, children: all.filter((a) => a.parentId === agency.id), byId: new Map(all.map((a) => [a.id, a])), subtree };
}

export function PortalPage(props: { c: Context<AppEnv>; data: PortalData; title: string; current?: string; children?: unknown }) {
  const { agency } = props.data;
  const nav = [
    { href: '/', label: '首页', current: props.current === 'home' },
    ...PORTAL_SECTIONS.map((s) => ({ href: `/xxgk/${s.slug}`, label: s.title, current: props.current === s.slug })),
  ];
  return (
    <Layout
      title={props.title}
      siteName={`${agency.name}`}
      siteSubtitle="政府信息公开"
      homeHref="/"
      nav={nav}
      largeText={props.c.get('largeText')}
      path={props.c.req.path}
      tools={<a href="/console">工作人员登录</a>}
      footer={<ContactBlock agency={agency} />}
    >
      {props.children as never}
    </Layout>
  );
}

/** The agency's contact block (条例第十二条 fields), shown in the footer of every portal page. */
export function ContactBlock(props: { agency: Agency }) {
  const a = props.agency;
  return (
    <section aria-labelledby="contact-heading">
      <h2 id="contact-heading">联系我们</h2>
      <dl class="contact">
        <dt>政府信息公开工作机构</dt>
        <dd>{a.disclosureOffice || a.name}</dd>
        {a.address && (<><dt>办公地址</dt><dd>{a.address}</dd></>)}
        {a.postcode && (<><dt>邮政编码</dt><dd>{a.postcode}</dd></>)}
        {a.officeHours && (<><dt>办公时间</dt><dd>{a.officeHours}</dd></>)}
        {a.phone && (<><dt>联系电话</dt><dd><a href={`tel:${a.phone.replace(/[^\d]/g, '')}`}>{a.phone}</a></dd></>)}
        {a.fax && (<><dt>传真</dt><dd>{a.fax}</dd></>)}
        {a.email && (<><dt>电子邮箱</dt><dd><a href={`mailto:${a.email}`}>{a.email}</a></dd></>)}
      </dl>
    </section>
  );
}

function SectionCard(props: { section: PortalSection }) {
  return (
    <article class="card">
      <h2>
        <a href={`/xxgk/${props.section.slug}`}>{props.section.title}</a>
      </h2>
      <p>{props.section.summary}</p>
    </article>
  );
}

/** Routes of the public portal. */
export function portalRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const data = await loadPortal(c);
    return c.html(
      <PortalPage c={c} data={data} title="政府信息公开" current="home">
        <h1>{data.agency.name}政府信息公开</h1>
        <p>
          本栏目依据《中华人民共和国政府信息公开条例》设立，公开{data.agency.name}及所属站所、村（社区）的政府信息，
          受理政府信息公开申请。
        </p>
        <p>
          <a href="/subscriptions">邮件订阅</a>：新公开的政府信息发到您的邮箱，可按机构和主题分类订阅，随时退订。
        </p>
        <div class="grid three">
          {PORTAL_SECTIONS.map((s) => (
            <SectionCard section={s} />
          ))}
        </div>
      </PortalPage>,
    );
  });

  const page = (c: Context<AppEnv>) => Math.max(1, Math.min(MAX_PAGES, Number(c.req.query('page') ?? 1) || 1));
  /** “共 N 条”, or “共 10000 条以上” past what the portal pages to. */
  const counted = (list: { total: number; capped?: boolean }) => `共 ${list.total} 条${list.capped ? '以上' : ''}`;

  app.get('/xxgk/catalogue', async (c) => {
    const data = await loadPortal(c);
    const q = c.req.query();
    const p = page(c);
    const agency = q.agency ? data.byId.get(Number(q.agency)) : undefined;
    const list = await c.get('services').items.publicList({
      within: [agency?.path ?? data.agency.path],
      clause: q.clause && isStatutoryClause(q.clause) ? q.clause : undefined,
      category: q.category || undefined,
      catalogueDomain: q.domain || undefined,
      year: yearParam(q.year),
      validity: isValidityStatus(q.validity) ? q.validity : undefined,
      limit: PAGE_SIZE,
      offset: (p - 1) * PAGE_SIZE,
      countCap: MAX_PAGES * PAGE_SIZE,
    });
    const { total, items } = list;
    const indexNumbers = await c.get('services').items.indexNumbers(items.map((i) => Number(i.id)));
    const section = PORTAL_SECTIONS.find((x) => x.slug === 'catalogue')!;
    return c.html(
      <PortalPage c={c} data={data} title={section.title} current="catalogue">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { label: section.title }]} />
        <h1>{section.title}</h1>
        <p>{section.summary}</p>
        <CatalogueFilters q={q} agencies={data.subtree} action="/xxgk/catalogue" vocabularies={await c.get('services').vocabularies.catalogueFilters(data.agency, data.subtree.map((a) => a.id))} />
        <CatalogueTable items={items} indexNumbers={indexNumbers} agencies={data.byId} caption={`信息公开目录（${counted(list)}）`} />
        <Pager c={c} total={total} page={p} capped={list.capped} />
      </PortalPage>,
    );
  });

  app.get('/xxgk/search', async (c) => {
    const data = await loadPortal(c);
    const q = c.req.query();
    const p = page(c);
    const text = (q.q ?? '').trim().slice(0, 100);
    const agency = q.agency ? data.byId.get(Number(q.agency)) : undefined;
    const result = text
      ? await c.get('services').items.search({
          q: text,
          within: [agency?.path ?? data.agency.path],
          category: q.category || undefined,
          year: yearParam(q.year),
          validity: q.validity || undefined,
          limit: PAGE_SIZE,
          offset: (p - 1) * PAGE_SIZE,
        })
      : { total: 0, hits: [] };
    const live = await c.get('services').items.liveVersions(result.hits.map((h) => h.itemId));
    return c.html(
      <PortalPage c={c} data={data} title={text ? `检索：${text}` : '全文检索'} current="catalogue">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { label: '全文检索' }]} />
        <h1>全文检索</h1>
        <CatalogueFilters q={q} agencies={data.subtree} action="/xxgk/search" vocabularies={await c.get('services').vocabularies.catalogueFilters(data.agency, data.subtree.map((a) => a.id))} withSearch />
        {text && (
          <section aria-labelledby="results-heading">
            <h2 id="results-heading" role="status">
              {'capped' in result && result.capped ? `“${text}”找到 ${result.total} 条以上信息` : `“${text}”共找到 ${result.total} 条信息`}
            </h2>
            {'capped' in result && result.capped && <p class="hint">结果较多，仅列出最相关的前 {result.total} 条；可按发布机构、主题分类、年份或有效性缩小范围。</p>}
            <ol class="results">
              {result.hits.map((h) => {
                const item = live.get(h.itemId);
                if (!item) return null;
                return (
                  <li>
                    <h3>
                      <a href={`/xxgk/items/${item.id}`}>{item.title}</a>
                    </h3>
                    <p>
                      <Highlighted text={h.snippet} marks={h.marks} />
                    </p>
                    <p class="hint">
                      {data.byId.get(item.agencyId)?.name} · {item.publishedOn}
                    </p>
                  </li>
                );
              })}
            </ol>
            <Pager c={c} total={result.total} page={p} capped={'capped' in result && result.capped === true} />
          </section>
        )}
      </PortalPage>,
    );
  });

  app.get('/xxgk/items/:id{[0-9]+}', async (c) => {
    const data = await loadPortal(c);
    const id = Number(c.req.param('id'));
    const item = await c.get('services').items.publicItem(id);
    if (!item || !item.item.agencyPath.startsWith(data.agency.path)) throw new NotFoundError('该信息不存在或尚未公开');
    const indexNumber = (await c.get('services').items.indexNumbers([id])).get(id) ?? null;
    return c.html(
      <PortalPage c={c} data={data} title={item.public.title} current="catalogue">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { href: '/xxgk/catalogue', label: '信息公开目录' }, { label: '正文' }]} />
        <ItemArticle c={c} data={item} agency={data.byId.get(item.item.agencyId)} indexNumber={indexNumber} vocabularies={await c.get('services').vocabularies.forAgency(item.item.agencyId)} />
      </PortalPage>,
    );
  });

  app.get('/xxgk/items/:id{[0-9]+}/files/:fileId{[0-9a-f]{64}}', async (c) => {
    const { meta, bytes } = await c.get('services').items.publicAttachment(Number(c.req.param('id')), c.req.param('fileId'));
    c.header('Content-Type', meta.mediaType);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.fileName)}`);
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(bytes as unknown as ArrayBuffer);
  });

  app.get('/xxgk/interpretations', async (c) => {
    const data = await loadPortal(c);
    const p = page(c);
    const list = await c.get('services').items.publicList({ within: [data.agency.path], genre: 'interpretation', limit: PAGE_SIZE, offset: (p - 1) * PAGE_SIZE, countCap: MAX_PAGES * PAGE_SIZE });
    const { total, items } = list;
    const indexNumbers = await c.get('services').items.indexNumbers(items.map((i) => Number(i.id)));
    const section = PORTAL_SECTIONS.find((x) => x.slug === 'interpretations')!;
    return c.html(
      <PortalPage c={c} data={data} title={section.title} current="interpretations">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { label: section.title }]} />
        <h1>{section.title}</h1>
        <p>{section.summary}</p>
        <CatalogueTable items={items} indexNumbers={indexNumbers} agencies={data.byId} caption={`政策解读（${counted(list)}）`} />
        <Pager c={c} total={total} page={p} capped={list.capped} />
      </PortalPage>,
    );
  });

  app.get('/xxgk/village-affairs/:id{[0-9]+}', async (c) => {
    const data = await loadPortal(c);
    const village = data.byId.get(Number(c.req.param('id')));
    if (!village || village.parentId !== data.agency.id || (village.kind !== 'village' && village.kind !== 'community')) throw new NotFoundError('该村（社区）栏目不存在');
    const p = page(c);
    // A village has no sub-agencies: its id lets the list read its own index (migration 20261207-0031).
    const list = await c.get('services').items.publicList({ within: [village.path], agencyId: village.id, limit: PAGE_SIZE, offset: (p - 1) * PAGE_SIZE, countCap: MAX_PAGES * PAGE_SIZE });
    const { total, items } = list;
    const indexNumbers = await c.get('services').items.indexNumbers(items.map((i) => Number(i.id)));
    return c.html(
      <PortalPage c={c} data={data} title={`${village.name}村务公开`} current="village-affairs">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { href: '/xxgk/village-affairs', label: '村务公开' }, { label: village.name }]} />
        <h1>{village.name}村务公开</h1>
        <CatalogueTable items={items} indexNumbers={indexNumbers} agencies={data.byId} caption={`${village.name}公开信息（${counted(list)}）`} />
        <Pager c={c} total={total} page={p} capped={list.capped} />
      </PortalPage>,
    );
  });

  app.get('/xxgk/annual-reports', async (c) => {
    const data = await loadPortal(c);
    const reports = await c.get('services').reports.publishedReports({ agencyIds: data.subtree.map((a) => a.id) });
    const section = PORTAL_SECTIONS.find((x) => x.slug === 'annual-reports')!;
    return c.html(
      <PortalPage c={c} data={data} title={section.title} current="annual-reports">
        <Breadcrumb items={[{ href: '/', label: '首页' }, { label: section.title }]} />
        <h1>{section.title}</h1>
        <p>{section.summary}</p>
        {reports.length === 0 ? (
          <p>暂无已发布的年度报告。</p>
        ) : (
          <ul>
            {[...reports]
              .sort((a, b) => b.year - a.year)
              .map((r) => (
                <li>
                  <a href={`/xxgk/annual-reports/${r.id}`}>
                    {data.byId.get(r.agencyId)?.name}
                    {r.year}年政府信息公开工作年度报告
                  </a>
                  （<a href={`/xxgk/annual-reports/${r.id}/docx`}>Word</a>）{r.status === 'superseded' ? '（已更正）' : ''}
                </li>
              ))}
          </ul>
        )}
      </PortalPage>,
    );
  });

  app.get('/xxgk/annual-reports/:id{[0-9]+}', async (c) => {
    const found = await c.get('services').reports.publishedReport(Number(c.req.param('id')));
    if (!found) throw new NotFoundError('该年度报告不存在或尚未发布');
    const note = `${found.stored.finalisedAt ? `定稿于 ${found.stored.finalisedAt.slice(0, 10)}` : ''}${found.supersededBy ? '；本报告已被更正版本替代' : ''}`;
    return serveReportHtml(c, renderReportHtml(found.report, { note }));
  });

  app.get('/xxgk/annual-reports/:id{[0-9]+}/docx', async (c) => {
    const found = await c.get('services').reports.publishedReport(Number(c.req.param('id')));
    if (!found) throw new NotFoundError('该年度报告不存在或尚未发布');
    const bytes = await renderReportDocx(found.report);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${found.stored.year}年政府信息公开工作年度报告.docx`)}`);
    return c.body(bytes as unknown as ArrayBuffer, 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  });

  app.get('/xxgk/:slug', async (c) => {
    const section = PORTAL_SECTIONS.find((s) => s.slug === c.req.param('slug'));
    if (!section) throw new NotFoundError('您访问的栏目不存在');
    const data = await loadPortal(c);
    return c.html(
      <PortalPage c={c} data={data} title={section.title} current={section.slug}>
        <Breadcrumb items={[{ href: '/', label: '首页' }, { label: section.title }]} />
        <h1>{section.title}</h1>
        <p>{section.summary}</p>
        <p class="hint">依据：{section.basis}</p>
        <SectionBody
          section={section}
          data={data}
          guideText={section.slug === 'guide' ? (await c.get('services').agencies.disclosureSettings(data.agency.id)).guideText : ''}
          categories={section.slug === 'guide' ? (await c.get('services').vocabularies.forAgency(data.agency.id)).categories.entries.filter((e) => e.retired !== true && !e.parentCode).map((e) => e.label) : []}
        />
      </PortalPage>,
    );
  });

  return app;
}

function SectionBody(props: { section: PortalSection; data: PortalData; guideText: string; categories: string[] }) {
  const { agency, children } = props.data;
  switch (props.section.slug) {
    case 'guide':
      return (
        <>
          <h2>政府信息公开工作机构</h2>
          <ContactBlock agency={agency} />
          <h2>政府信息的分类与编排体系</h2>
          <p>
            本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条、第二十一条所列事项编排，并按主题分类、发布机构、年份和有效性提供检索。
            每条信息标注索引号、信息名称、内容概述、生成日期、发布机构、文号和有效性。
          </p>
          <ul>
            {clausesFor(clauseLevelOf(['town_gov'])).map((cl) => (
              <li>
                <a href={`/xxgk/catalogue?clause=${cl}`}>
                  {STATUTORY_CLAUSE_INFO[cl].citation}：{STATUTORY_CLAUSE_INFO[cl].label}
                </a>
              </li>
            ))}
          </ul>
          {/* 条例第十二条：公开指南包括“政府信息的分类、编排体系”——按本机关设置的主题分类。 */}
          <p>主题分类：{props.categories.join('、')}。</p>
          <h2>获取政府信息的方式</h2>
          <p>
            主动公开：通过本网站“法定主动公开内容”栏目浏览、检索和下载，也可到政务服务中心公开查阅点查阅；村务信息同时在各村（社区）公开栏张贴。
            信息自形成或者变更之日起 20 个工作日内公开（条例第二十六条）。
          </p>
          <p>
            依申请公开：公民、法人或者其他组织可以通过本网站“依申请公开”栏目在线申请，或以信函、传真、当面提交的方式向政府信息公开工作机构申请（条例第二十九条）。
            能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复，需要延长的最长不超过 20 个工作日（条例第三十三条）。
            依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费（条例第四十二条）。
          </p>
          {props.guideText && (
            <>
              <h2>其他说明</h2>
              {props.guideText.split(/\r?\n\s*\r?\n/).map((p) => (
                <p>{p}</p>
              ))}
            </>
          )}
          <h2>所属单位</h2>
          <UnitList units={children} />
        </>
      );
    case 'village-affairs': {
      const villages = children.filter((a) => a.kind === 'village' || a.kind === 'community');
      return (
        <>
          <h2>各村（社区）公开栏目</h2>
          <ul class="village-list">
            {villages.map((v) => (
              <li>
                <a href={`/xxgk/village-affairs/${v.id}`}>{v.name}</a>
              </li>
            ))}
          </ul>
        </>
      );
    }
    default:
      return (
        <div class="notice">
          <p>本栏目的内容由工作人员在工作台发布后显示在这里。目前尚无已发布的信息。</p>
        </div>
      );
  }
}

function UnitList(props: { units: Agency[] }) {
  if (props.units.length === 0) return <p>暂无所属单位。</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">所属单位</caption>
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">类型</th>
            <th scope="col">办公地址</th>
            <th scope="col">联系电话</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr>
              <td>{u.name}</td>
              <td>{AGENCY_KIND_LABELS[u.kind]}</td>
              <td>{u.address}</td>
              <td>{u.phone || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
