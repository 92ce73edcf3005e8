/**
 * Letter templates (文书模板) per agency: the office words its letters its own way — every reply
 * (答复书/告知书) by outcome, 补正告知书, 延期答复告知书, 征求意见书, 收费通知书, 送达回证 — and its units
 * inherit the wording. Each save is a new version (audited); a reset drops the agency's own wording so it
 * inherits again, or falls back to the built-in template. Templates are checked by the domain before
 * they are saved: unknown placeholders, no legal citation or no remedies paragraph are refused.
 */
import { can } from '../domain/access/roles.ts';
import {
  LETTER_TEMPLATE_KEYS,
  builtInLetterTemplate,
  checkLetterTemplate,
  isLetterTemplateKey,
  letterTemplateLabel,
  placeholdersFor,
  previewLetterTemplate,
  requiredPlaceholders,
  type Letter,
  type LetterTemplate,
  type LetterTemplateKey,
  type LetterTemplateLookup,
  type PlaceholderDefinition,
  type RequiredPlaceholder,
} from '../domain/requests/index.ts';
import { chinaDateOf } from './china-time.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import type { Actor, Clock, Repositories, StoredLetterTemplate, UnitOfWork } from './ports.ts';

export interface LetterTemplateServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
}

/** Where the template a letter uses comes from. */
export type TemplateSource = { kind: 'own'; version: number } | { kind: 'inherited'; agencyId: number; agencyName: string } | { kind: 'built_in' };

/** One template as the console shows it. */
export interface TemplateView {
  key: LetterTemplateKey;
  label: string;
  template: LetterTemplate;
  source: TemplateSource;
}

/** The ids of an agency and its ancestors, from the root down (materialised path `/1/4/`). */
function lineageIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * The template each key resolves to at an agency: the nearest agency on the way up that has its own
 * wording (a reset version means “none of my own”), else the built-in one.
 */
async function resolveTemplates(repos: Repositories, agencyPath: string): Promise<Map<LetterTemplateKey, { template: LetterTemplate; from: StoredLetterTemplate }>> {
  const lineage = lineageIds(agencyPath);
  const depth = new Map(lineage.map((id, i) => [id, i]));
  const found = new Map<LetterTemplateKey, { template: LetterTemplate; from: StoredLetterTemplate }>();
  const rows = (await repos.letterTemplates.current(lineage)).filter((r) => !r.isReset && isLetterTemplateKey(r.key));
  rows.sort((a, b) => (depth.get(b.agencyId) ?? 0) - (depth.get(a.agencyId) ?? 0));
  for (const r of rows) {
    const key = r.key as LetterTemplateKey;
    if (!found.has(key)) found.set(key, { template: { title: r.title, body: r.body }, from: r });
  }
  return found;
}

/** The lookup letters of an agency's requests use: its own or inherited template, null for the built-in one. */
export async function letterTemplateLookupFor(repos: Repositories, agencyPath: string): Promise<LetterTemplateLookup> {
  const resolved = await resolveTemplates(repos, agencyPath);
  return (key) => resolved.get(key)?.template ?? null;
}

/**
 * Who signs an agency's letters and where the remedies paragraph sends the applicant: the
 * reconsideration body is the people's government one level up (《行政复议法》第二十四条：对“下一级人民政府”
 * 作出的行政行为不服的，向上一级地方人民政府申请), the court the basic court of the same place.
 */
export async function remedyBodiesOf(repos: Repositories, agencyId: number): Promise<{ agencyName: string; reviewBodyName: string; courtName: string; contact: string }> {
  const agency = await repos.agencies.findById(agencyId);
  const parent = agency?.parentId ? await repos.agencies.findById(agency.parentId) : undefined;
  const government = parent && (parent.kind === 'county_gov' || parent.kind === 'town_gov') ? parent : agency;
  const place = (government?.name ?? '').replace(/人民政府.*$/, '');
  return {
    agencyName: agency?.name ?? '',
    reviewBodyName: parent?.name ?? `${place}人民政府`,
    courtName: `${place.replace(/(镇|乡|街道)$/, '')}人民法院`,
    contact: [agency?.disclosureOffice, agency?.phone].filter(Boolean).join('，'),
  };
}

/** Creates the letter template service. */
export function createLetterTemplateService(deps: LetterTemplateServiceDeps) {
  const now = () => deps.clock.now().toISOString();

  async function agencyFor(repos: Repositories, actor: Actor, agencyId: number, write: boolean) {
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new NotFoundError('找不到该机关');
    const allowed = write ? can(actor.grants, 'request.handle', agency.path) : can(actor.grants, 'request.handle', agency.path) || can(actor.grants, 'request.approve', agency.path);
    if (!allowed) throw new ForbiddenError('您没有管理该机关文书模板的权限。');
    return agency;
  }

  function keyOf(raw: string): LetterTemplateKey {
    if (!isLetterTemplateKey(raw)) throw new NotFoundError('没有这种文书模板');
    return raw;
  }

  function parseTemplate(key: LetterTemplateKey, raw: { title?: unknown; body?: unknown }): LetterTemplate {
    const template = { title: typeof raw.title === 'string' ? raw.title.trim() : '', body: typeof raw.body === 'string' ? raw.body.replace(/\r\n/g, '\n') : '' };
    const problems = checkLetterTemplate(key, template);
    if (problems.length > 0) throw new ValidationError(`模板未保存：${problems.join('')}`, { body: problems.join('') });
    return template;
  }

  async function viewsAt(repos: Repositories, agency: { id: number; path: string }): Promise<TemplateView[]> {
    const resolved = await resolveTemplates(repos, agency.path);
    const names = new Map<number, string>();
    const views: TemplateView[] = [];
    for (const key of LETTER_TEMPLATE_KEYS) {
      const r = resolved.get(key);
      let source: TemplateSource = { kind: 'built_in' };
      if (r && r.from.agencyId === agency.id) source = { kind: 'own', version: r.from.version };
      else if (r) {
        if (!names.has(r.from.agencyId)) names.set(r.from.agencyId, (await repos.agencies.findById(r.from.agencyId))?.name ?? '');
        source = { kind: 'inherited', agencyId: r.from.agencyId, agencyName: names.get(r.from.agencyId)! };
      }
      views.push({ key, label: letterTemplateLabel(key), template: r?.template ?? builtInLetterTemplate(key), source });
    }
    return views;
  }

  return {
    /** Every template of an agency with where its wording comes from. */
    async list(actor: Actor, agencyId: number): Promise<TemplateView[]> {
      const repos = deps.uow.read;
      return viewsAt(repos, await agencyFor(repos, actor, agencyId, false));
    },

    /** One template for the editor: the wording in use, the placeholders it may use and must keep, and its versions here. */
    async get(actor: Actor, agencyId: number, rawKey: string): Promise<TemplateView & { placeholders: readonly PlaceholderDefinition[]; required: readonly RequiredPlaceholder[]; builtIn: LetterTemplate; history: StoredLetterTemplate[] }> {
      const repos = deps.uow.read;
      const key = keyOf(rawKey);
      const agency = await agencyFor(repos, actor, agencyId, false);
      const view = (await viewsAt(repos, agency)).find((v) => v.key === key)!;
      return { ...view, placeholders: placeholdersFor(key), required: requiredPlaceholders(key), builtIn: builtInLetterTemplate(key), history: await repos.letterTemplates.history(agencyId, key) };
    },

    /** Saves a new version of the agency's template after the domain's checks; audited. */
    async save(actor: Actor, agencyId: number, rawKey: string, raw: { title?: unknown; body?: unknown }): Promise<StoredLetterTemplate> {
      const key = keyOf(rawKey);
      const template = parseTemplate(key, raw);
      const at = now();
      return deps.uow.transaction(async (repos) => {
        const agency = await agencyFor(repos, actor, agencyId, true);
        const saved = await repos.letterTemplates.add({ agencyId: agency.id, key, title: template.title, body: template.body, isReset: false, createdAt: at, createdBy: actor.label });
        await repos.audit.append({ actor, at, entity: 'letter_template', entityId: agency.id, action: 'save', change: { key, version: saved.version, title: template.title, body: template.body } });
        return saved;
      });
    },

    /** Drops the agency's own wording (a new, reset version): it inherits again, or uses the built-in template; audited. */
    async reset(actor: Actor, agencyId: number, rawKey: string): Promise<StoredLetterTemplate> {
      const key = keyOf(rawKey);
      const at = now();
      return deps.uow.transaction(async (repos) => {
        const agency = await agencyFor(repos, actor, agencyId, true);
        const [latest] = await repos.letterTemplates.history(agency.id, key);
        if (!latest || latest.isReset) throw new ValidationError('本机关没有自己的模板，无需恢复。');
        const builtIn = builtInLetterTemplate(key);
        const saved = await repos.letterTemplates.add({ agencyId: agency.id, key, title: builtIn.title, body: builtIn.body, isReset: true, createdAt: at, createdBy: actor.label });
        await repos.audit.append({ actor, at, entity: 'letter_template', entityId: agency.id, action: 'reset', change: { key, version: saved.version, previousVersion: latest.version } });
        return saved;
      });
    },

    /** The letter a wording produces for a sample case, with the problems that would stop it being saved. */
    async preview(actor: Actor, agencyId: number, rawKey: string, raw: { title?: unknown; body?: unknown }): Promise<{ letter: Letter | null; problems: string[] }> {
      const key = keyOf(rawKey);
      const repos = deps.uow.read;
      const agency = await agencyFor(repos, actor, agencyId, false);
      const template = { title: typeof raw.title === 'string' ? raw.title : '', body: typeof raw.body === 'string' ? raw.body : '' };
      const problems = checkLetterTemplate(key, template);
      const letter = previewLetterTemplate(key, template, { ...(await remedyBodiesOf(repos, agency.id)), dateOn: chinaDateOf(deps.clock.now()) });
      return { letter, problems };
    },
  };
}

export type LetterTemplateService = ReturnType<typeof createLetterTemplateService>;
