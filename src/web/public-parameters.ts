/**
 * The query parameters each public page reads, for the page cache's key (middleware/page-cache.ts):
 * those, in this order, trimmed and in Unicode NFC, integers without leading zeros, empty values and
 * defaults left out; any other parameter is dropped. A public page that starts reading a parameter must
 * be listed here — the cache hands its handler the canonical URL, so an unlisted parameter never arrives.
 */
interface Parameter {
  name: string;
  /** The value that means the same as leaving the parameter out. */
  default?: string;
  /** Read with Number(): `007` and `7` are the same page. */
  integer?: true;
}

const PAGE: Parameter = { name: 'page', default: '1', integer: true };
const AGENCY: Parameter = { name: 'agency', integer: true };
const YEAR: Parameter = { name: 'year', integer: true };

/** By path: the catalogue's and search's filter forms, the paged lists, the API and the feeds. */
const PAGES: ReadonlyArray<{ path: RegExp; parameters: readonly Parameter[] }> = [
  { path: /^\/xxgk\/catalogue$/, parameters: [AGENCY, { name: 'clause' }, { name: 'category' }, { name: 'domain' }, YEAR, { name: 'validity' }, PAGE] },
  { path: /^\/xxgk\/search$/, parameters: [{ name: 'q' }, AGENCY, { name: 'category' }, YEAR, { name: 'validity' }, PAGE] },
  { path: /^\/xxgk\/interpretations$/, parameters: [PAGE] },
  { path: /^\/xxgk\/village-affairs\/[0-9]+$/, parameters: [PAGE] },
  { path: /^\/xxgk\/request-statistics$/, parameters: [{ name: 'year' }] },
  {
    path: /^\/api\/v1\/items$/,
    // The API compares its agency as text (`agency=02` finds none).
    parameters: [{ name: 'agency' }, { name: 'clause' }, { name: 'category' }, { name: 'genre' }, YEAR, { name: 'limit', default: '20', integer: true }, { name: 'offset', default: '0', integer: true }],
  },
  { path: /^\/feeds\/[^/]+$/, parameters: [{ name: 'category' }] },
];

/** A value in one spelling: trimmed, NFC, a number read as one without leading zeros. */
function normalised(value: string, p: Parameter): string {
  const v = value.trim().normalize('NFC');
  return p.integer && /^[0-9]{1,15}$/.test(v) ? String(Number(v)) : v;
}

/** The canonical form of a public page's URL (origin and path kept; see above for the query). */
export function canonicalPublicUrl(url: URL): string {
  const parameters = PAGES.find((p) => p.path.test(url.pathname))?.parameters ?? [];
  const query = new URLSearchParams();
  for (const p of parameters) {
    // The first value counts, as Hono's c.req.query() reads it.
    const raw = url.searchParams.get(p.name);
    if (raw === null) continue;
    const value = normalised(raw, p);
    if (value !== '' && value !== p.default) query.set(p.name, value);
  }
  const q = query.toString();
  return `${url.origin}${url.pathname}${q ? `?${q}` : ''}`;
}
