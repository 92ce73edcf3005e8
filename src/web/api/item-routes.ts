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
import type { AppEnv } from '../context.ts';
import { yearParam } from '../forms.ts';

const MAX_PAGE_SIZE = 100;

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

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Routes: /api/v1/items, /feeds/…, /sitemap.xml, /robots.txt. */
export function itemApiRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/api/v1/items', async (c) => {
    const q = c.req.query();
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.limit ?? 20) || 20));
    if (q.offset !== undefined && !/^\d{1,9}$/.test(q.offset)) throw new ValidationError('参数 offset 应为 0 到 999999999 之间的整数');
    const offset = Number(q.offset ?? 0);
    if (q.clause && !isStatutoryClause(q.clause)) throw new ValidationError('参数 clause 无效');
    const { all, home } = await portalAgency(c);
    const agency = q.agency ? all.find((a) => String(a.id) === q.agency) : home;
    if (!agency) throw new NotFoundError('机构不存在');
    const services = c.get('services');
    const { total, items } = await services.items.publicList({
      within: [agency.path],
      clause: q.clause || undefined,
      category: q.category || undefined,
      genre: q.genre || undefined,
      year: yearParam(q.year),
      limit,
      offset,
    });
    const numbers = await services.items.indexNumbers(items.map((i) => Number(i.id)));
    const names = new Map(all.map((a) => [a.id, a.name]));
    const today = chinaDateOf(services.deps.clock.now());
    const vocabulariesAt = services.vocabularies.labeller();
    const json = [];
    for (const i of items) json.push(toJson(i, numbers.get(Number(i.id)) ?? null, names.get(i.agencyId) ?? '', today, baseUrl(c), await vocabulariesAt(i.agencyPath)));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ total, limit, offset, items: json });
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
    const { items } = await services.items.publicList({ within: [agency.path], category, limit: 50 });
    const base = baseUrl(c);
    const updated = items[0]?.publishedAt ?? new Date(0).toISOString();
    const entries = items
      .map((i) => `<entry><id>${base}/xxgk/items/${i.id}</id><title>${escapeXml(i.title)}</title><updated>${i.publishedAt}</updated><link href="${base}/xxgk/items/${i.id}"/><summary>${escapeXml(i.summary)}</summary><category term="${escapeXml(i.categoryCode)}"/></entry>`)
      .join('');
    const xml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>${base}/feeds/${agency.id}.atom${category ? `?category=${encodeURIComponent(category)}` : ''}</id><title>${escapeXml(agency.name)}政府信息公开</title><updated>${updated}</updated><link rel="self" href="${base}/feeds/${agency.id}.atom"/><author><name>${escapeXml(agency.name)}</name></author>${entries}</feed>`;
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  app.get('/sitemap.xml', async (c) => {
    const services = c.get('services');
    const { home } = await portalAgency(c);
    const base = baseUrl(c);
    const urls: string[] = ['/', '/xxgk/guide', '/xxgk/catalogue', '/xxgk/interpretations', '/xxgk/village-affairs', '/xxgk/apply', '/xxgk/annual-reports'].map((p) => `<url><loc>${base}${p}</loc></url>`);
    for (let offset = 0; offset < 50_000; offset += 1000) {
      const { items } = await services.items.publicList({ within: home ? [home.path] : [], limit: 1000, offset });
      for (const i of items) urls.push(`<url><loc>${base}/xxgk/items/${i.id}</loc><lastmod>${i.publishedOn}</lastmod></url>`);
      if (items.length < 1000) break;
    }
    return c.body(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`, 200, { 'Content-Type': 'application/xml; charset=utf-8' });
  });

  app.get('/robots.txt', (c) => c.text(`User-agent: *\nDisallow: /console\nSitemap: ${baseUrl(c)}/sitemap.xml\n`));

  return app;
}
