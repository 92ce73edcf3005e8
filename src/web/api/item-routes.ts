/**
 * The public JSON API of published items (`/api/v1/items`), Atom feeds per agency and category,
 * and the sitemap. Only published versions are exposed; see docs/api.md and docs/openapi.json.
 */
import { Hono, type Context } from 'hono';
import { GENRE_INFO, kindCodeOf, kindLabelOf, labelPathOf, validityOn, VALIDITY_LABELS, isStatutoryClause, type ItemState } from '../../domain/publishing/index.ts';
import type { AgencyVocabularies } from '../../services/manage-vocabularies.ts';
import { chinaDateOf } from '../../services/china-time.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import { PORTAL_AGENCY_SETTING } from '../../services/initialise-database.ts';
import { PORTAL_SECTIONS } from '../portal/portal-sections.ts';
import type { AppEnv } from '../context.ts';
import { yearParam } from '../forms.ts';

const MAX_PAGE_SIZE = 100;
/** The API counts and pages to 10 000 matches at most, as the portal's catalogue does: beyond, narrow the filter or read the sitemap. */
export const API_COUNT_CAP = 10_000;
/** URLs per sitemap file (the protocol allows 50 000; smaller files are quicker to build and fetch). */
export const SITEMAP_URLS_PER_FILE = 10_000;

function baseUrl(c: Context<AppEnv>): string {
  return c.get('webConfig').publicUrl?.replace(/\/$/, '') ?? new URL(c.req.url).origin;
}

async function portalAgency(c: Context<AppEnv>) {
  const services = c.get('services');
  const all = await services.agencies.all();
  const id = Number(await services.settings.get(PORTAL_AGENCY_SETTING));
  return { all, home: all.find((a) => a.id === id) ?? all[0] };
}

function toJson(item: ItemState, indexNumber: string | null, agencyName: string, today: string, base: string, vocabularies: AgencyVocabularies) {
  return {
    id: Number(item.id),
    indexNumber,
    title: item.title,
    summary: item.summary,
    documentNumber: item.documentNumber,
    agency: { id: item.agencyId, name: agencyName },
    jointIssuers: item.jointIssuers,
    formedOn: item.formedOn,
    publishedOn: item.publishedOn,
    // Labels as the item's agency names its terms (its own or inherited vocabularies).
    category: { code: item.categoryCode, label: labelPathOf(vocabularies.categories, item.categoryCode) },
    genre: { code: item.genre, label: GENRE_INFO[item.genre].label },
    kind: { code: kindCodeOf(item), label: kindLabelOf(vocabularies.kinds, item) },
    clause: item.clause,
    validity: item.validity ? VALIDITY_LABELS[validityOn(item.validity, today)] : VALIDITY_LABELS.valid,
    version: item.version,
    url: `${base}/xxgk/items/${item.id}`,
  };
}

/**
 * Text for XML: characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF)
 * dropped — a title with U+000B made a feed not well-formed — and the rest escaped.
 */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const XML_HEADERS = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };

/** Routes: /api/v1/items, /feeds/…, /sitemap.xml, /robots.txt. */
export function itemApiRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/api/v1/items', async (c) => {
    const q = c.req.query();
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.limit ?? 20) || 20));
    if (q.offset !== undefined && !/^\d{1,9}$/.test(q.offset)) throw new ValidationError('参数 offset 应为 0 到 999999999 之间的整数');
    const offset = Number(q.offset ?? 0);
    if (q.clause && !isStatutoryClause(q.clause)) throw new ValidationError('参数 clause 无效');
    // Reaching a deep offset walks every entry before it.
    if (offset >= API_COUNT_CAP) throw new ValidationError(`参数 offset 不能超过 ${String(API_COUNT_CAP - 1)}：请按机构、年份、体裁等缩小范围；全部信息的地址见 /sitemap.xml`);
    const { all, home } = await portalAgency(c);
    const agency = q.agency ? all.find((a) => String(a.id) === q.agency) : home;
    if (!agency) throw new NotFoundError('机构不存在');
    const services = c.get('services');
    const { total, items, capped } = await services.items.publicList({
      within: [agency.path],
      clause: q.clause || undefined,
      category: q.category || undefined,
      genre: q.genre || undefined,
      year: yearParam(q.year),
      limit,
      offset,
      countCap: API_COUNT_CAP,
    });
    const numbers = await services.items.indexNumbers(items.map((i) => Number(i.id)));
    const names = new Map(all.map((a) => [a.id, a.name]));
    const today = chinaDateOf(services.deps.clock.now());
    const vocabulariesAt = services.vocabularies.labeller();
    const json = [];
    for (const i of items) json.push(toJson(i, numbers.get(Number(i.id)) ?? null, names.get(i.agencyId) ?? '', today, baseUrl(c), await vocabulariesAt(i.agencyPath)));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ total, ...(capped && { capped: true }), limit, offset, items: json });
  });

  app.get('/api/v1/items/:id{[0-9]+}', async (c) => {
    const services = c.get('services');
    const data = await services.items.publicItem(Number(c.req.param('id')));
    if (!data) throw new NotFoundError('该信息不存在或尚未公开');
    const { all } = await portalAgency(c);
    const number = (await services.items.indexNumbers([Number(data.item.id)])).get(Number(data.item.id)) ?? null;
    const json = toJson(data.item, number, all.find((a) => a.id === data.item.agencyId)?.name ?? '', chinaDateOf(services.deps.clock.now()), baseUrl(c), await services.vocabularies.forAgency(data.item.agencyId));
    return c.json({ ...json, title: data.public.title, summary: data.public.summary, bodyHtml: data.public.bodyHtml, attachments: data.item.attachments.map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, sizeBytes: a.sizeBytes, url: `${baseUrl(c)}/xxgk/items/${data.item.id}/files/${a.fileId}` })), interpretations: data.interpretations.map((i) => Number(i.id)) });
  });

  app.get('/feeds/:file', async (c) => {
    const services = c.get('services');
    const { all } = await portalAgency(c);
    const m = /^(\d+)\.atom$/.exec(c.req.param('file'));
    const agency = m ? all.find((a) => String(a.id) === m[1]) : undefined;
    if (!agency) throw new NotFoundError('机构不存在');
    const category = c.req.query('category') || undefined;
    const { items } = await services.items.publicList({ within: [agency.path], category, limit: 50, countCap: 0 });
    const base = baseUrl(c);
    const self = `${base}/feeds/${agency.id}.atom${category ? `?category=${encodeURIComponent(category)}` : ''}`;
    const updated = items[0]?.publishedAt ?? new Date(0).toISOString();
    const entries = items
      .map((i) => `<entry><id>${base}/xxgk/items/${i.id}</id><title>${xmlText(i.title)}</title><updated>${i.publishedAt}</updated><link href="${base}/xxgk/items/${i.id}"/><summary>${xmlText(i.summary)}</summary><category term="${xmlText(i.categoryCode)}"/></entry>`)
      .join('');
    const xml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>${xmlText(self)}</id><title>${xmlText(agency.name)}政府信息公开</title><updated>${updated}</updated><link rel="self" href="${xmlText(self)}"/><author><name>${xmlText(agency.name)}</name></author>${entries}</feed>`;
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  // A sitemap index (sitemaps.org): one file of the portal's pages, then the published items by id range,
  // SITEMAP_URLS_PER_FILE ids a file. Each file reads one key range of the versions' primary key and the index
  // needs only the highest id: nothing is counted and no file costs more as the register grows.
  const perFile = (c: Context<AppEnv>) => c.get('webConfig').sitemapUrlsPerFile ?? SITEMAP_URLS_PER_FILE;
  app.get('/sitemap.xml', async (c) => {
    const base = baseUrl(c);
    const files = Math.ceil((await c.get('services').items.lastItemId()) / perFile(c));
    const locs = [`${base}/sitemap-pages.xml`, ...Array.from({ length: files }, (_, n) => `${base}/sitemap-items-${String(n + 1)}.xml`)];
    return c.body(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${xmlText(l)}</loc></sitemap>`).join('')}</sitemapindex>`, 200, XML_HEADERS);
  });

  app.get('/:file{sitemap-[a-z0-9-]+\\.xml}', async (c) => {
    const services = c.get('services');
    const base = baseUrl(c);
    const urlset = (urls: string[]) => c.body(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`, 200, XML_HEADERS);
    const { all, home } = await portalAgency(c);
    if (!home) return urlset([]);
    const subtree = all.filter((a) => a.path.startsWith(home.path));
    const file = c.req.param('file');
    if (file === 'sitemap-pages.xml') {
      // The portal's pages, and every agency's: its catalogue, a village's 村务公开 column, published annual reports.
      const reports = await services.reports.publishedReports({ agencyIds: subtree.map((a) => a.id) });
      const paths = [
        '/',
        ...PORTAL_SECTIONS.map((s) => `/xxgk/${s.slug}`),
        ...subtree.filter((a) => a.id !== home.id).map((a) => `/xxgk/catalogue?agency=${String(a.id)}`),
        ...subtree.filter((a) => a.parentId === home.id && (a.kind === 'village' || a.kind === 'community')).map((a) => `/xxgk/village-affairs/${String(a.id)}`),
        ...reports.map((r) => `/xxgk/annual-reports/${String(r.id)}`),
      ];
      return urlset(paths.map((p) => `<url><loc>${xmlText(base + p)}</loc></url>`));
    }
    const m = /^sitemap-items-([1-9][0-9]{0,8})\.xml$/.exec(file);
    if (!m) throw new NotFoundError('该站点地图不存在');
    const n = Number(m[1]);
    const size = perFile(c);
    const items = await services.items.publishedInIdRange({ within: [home.path], afterId: (n - 1) * size, throughId: n * size });
    return urlset(items.map((i) => `<url><loc>${xmlText(`${base}/xxgk/items/${String(i.itemId)}`)}</loc>${/^\d{4}-\d{2}-\d{2}$/.test(i.publishedOn) ? `<lastmod>${i.publishedOn}</lastmod>` : ''}</url>`));
  });

  app.get('/robots.txt', (c) => c.text(`User-agent: *\nDisallow: /console\nSitemap: ${baseUrl(c)}/sitemap.xml\n`));

  return app;
}
