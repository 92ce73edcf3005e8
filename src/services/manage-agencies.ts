/** Creating and editing agencies (admin only, within the admin's subtree), each change audited. */
import { scopesFor } from '../domain/access/roles.ts';
import { agencyInputSchema, canNest, AGENCY_KIND_LABELS, type Agency } from '../domain/organisations/agency.ts';
import { DEFAULT_INDEX_TEMPLATE, validateTemplate } from '../domain/publishing/index.ts';
import { requirePermission } from './access-control.ts';
import { ConflictError, NotFoundError, ValidationError, validationErrorFrom } from './errors.ts';
import type { Actor, Clock, Repositories, UnitOfWork } from './ports.ts';

export interface AgencyServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
}

/** Creates an agency; `actor` null-grants are allowed only for the system (seed/CLI). */
export async function createAgency(deps: AgencyServiceDeps, actor: Actor, raw: unknown, options: { system?: boolean } = {}): Promise<Agency> {
  const parsed = agencyInputSchema.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  const input = parsed.data;
  const at = deps.clock.now().toISOString();
  return deps.uow.transaction(async (repos) => {
    const parent = input.parentId === null ? undefined : await repos.agencies.findById(input.parentId);
    if (input.parentId !== null && !parent) throw new ValidationError('上级机构不存在', { parentId: '上级机构不存在' });
    if (!options.system) {
      // A new root agency needs an administrator whose grant is at the very top.
      if (parent) requirePermission(actor, 'agency.manage', parent);
      else requirePermission(actor, 'agency.manage', { path: '/' });
    }
    if (!canNest(parent?.kind, input.kind)) {
      const where = parent ? `“${AGENCY_KIND_LABELS[parent.kind]}”之下` : '最上级';
      throw new ValidationError(`“${AGENCY_KIND_LABELS[input.kind]}”不能设在${where}`, { kind: '机构类型与上级机构不相符' });
    }
    await ensureUniqueCode(repos, input.creditCode);
    const agency = await repos.agencies.insert(input, parent?.path ?? null, at);
    await repos.audit.append({ actor, at, entity: 'agency', entityId: agency.id, action: 'create', change: { after: agency } });
    return agency;
  });
}

/** Updates an agency's details (its place in the tree stays). */
export async function updateAgency(deps: AgencyServiceDeps, actor: Actor, id: number, raw: unknown): Promise<Agency> {
  const parsed = agencyInputSchema.safeParse(raw);
  if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
  const at = deps.clock.now().toISOString();
  return deps.uow.transaction(async (repos) => {
    const before = await repos.agencies.findById(id);
    if (!before) throw new NotFoundError('找不到该机构');
    requirePermission(actor, 'agency.manage', before);
    const input = { ...parsed.data, parentId: before.parentId };
    if (input.kind !== before.kind) {
      const parent = before.parentId === null ? undefined : await repos.agencies.findById(before.parentId);
      if (!canNest(parent?.kind, input.kind)) throw new ValidationError('机构类型与上级机构不相符', { kind: '机构类型与上级机构不相符' });
    }
    if (input.creditCode !== before.creditCode) await ensureUniqueCode(repos, input.creditCode);
    const after = await repos.agencies.update(id, input, at);
    await repos.audit.append({ actor, at, entity: 'agency', entityId: id, action: 'update', change: diff(before, after) });
    return after;
  });
}

/** The agencies an actor may manage (for the admin pages). */
export async function listManageableAgencies(deps: AgencyServiceDeps, actor: Actor): Promise<Agency[]> {
  requirePermission(actor, 'agency.manage');
  return deps.uow.read.agencies.list({ within: scopesFor(actor.grants, 'agency.manage') });
}

async function ensureUniqueCode(repos: Repositories, creditCode: string | null): Promise<void> {
  if (!creditCode) return;
  if (await repos.agencies.findByCreditCode(creditCode)) {
    throw new ConflictError(`统一社会信用代码 ${creditCode} 已被其他机构使用`);
  }
}

/** The fields that changed, as {field: [before, after]}, for the audit log. */
export function diff<T extends object>(before: T, after: T): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[String(key)] = [before[key], after[key]];
  }
  return out;
}

export interface DisclosureSettings {
  /** 索引号模板, e.g. `{code}/{year}-{seq:05}` (domain-reference §5.1). */
  indexTemplate: string;
  /** Text the disclosure guide (条例第十二条) shows besides what is generated from the agency's data. */
  guideText: string;
  /** Words the privacy scan flags in this agency's (and its units') texts, one per line. */
  sensitiveWords: string;
  /** Further numbers and addresses the scan must not flag (published duty phones …), one per line. */
  allowList: string;
}

/** The scan options of an agency: its own and its ancestors' contacts, allow-lists and sensitive words. */
export async function scanOptionsFor(repos: Repositories, agencyPath: string): Promise<{ allowList: string[]; sensitiveWords: string[] }> {
  const ids = agencyPath.split('/').filter(Boolean).map(Number);
  const allowList: string[] = [];
  const sensitiveWords: string[] = [];
  for (const id of ids) {
    const a = await repos.agencies.findById(id);
    if (a) allowList.push(...[a.phone, a.fax, a.email].filter((x) => x !== ''));
    allowList.push(...lines(await repos.settings.get(ALLOW_LIST_KEY(id))));
    sensitiveWords.push(...lines(await repos.settings.get(SENSITIVE_WORDS_KEY(id))));
  }
  return { allowList, sensitiveWords };
}

function lines(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

const INDEX_TEMPLATE_KEY = (id: number) => `index_template.${id}`;
const GUIDE_TEXT_KEY = (id: number) => `guide_text.${id}`;
const SENSITIVE_WORDS_KEY = (id: number) => `sensitive_words.${id}`;
const ALLOW_LIST_KEY = (id: number) => `privacy_allow_list.${id}`;

/** An agency's disclosure settings (defaults when unset). */
export async function disclosureSettingsOf(deps: AgencyServiceDeps, agencyId: number): Promise<DisclosureSettings> {
  return {
    indexTemplate: (await deps.uow.read.settings.get(INDEX_TEMPLATE_KEY(agencyId))) ?? DEFAULT_INDEX_TEMPLATE,
    guideText: (await deps.uow.read.settings.get(GUIDE_TEXT_KEY(agencyId))) ?? '',
    sensitiveWords: (await deps.uow.read.settings.get(SENSITIVE_WORDS_KEY(agencyId))) ?? '',
    allowList: (await deps.uow.read.settings.get(ALLOW_LIST_KEY(agencyId))) ?? '',
  };
}

/** Saves an agency's index-number template and guide text (admin or office), audited. */
export async function saveDisclosureSettings(deps: AgencyServiceDeps, actor: Actor, agencyId: number, input: DisclosureSettings): Promise<void> {
  const template = input.indexTemplate.trim();
  const problems = validateTemplate(template);
  if (problems.length > 0) throw new ValidationError(`索引号模板无效：${problems.join('')}`, { indexTemplate: problems.join('') });
  if (input.guideText.length > 20_000) throw new ValidationError('公开指南说明不超过 20000 字', { guideText: '过长' });
  const at = deps.clock.now().toISOString();
  await deps.uow.transaction(async (repos) => {
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new NotFoundError('找不到该机构');
    requirePermission(actor, 'agency.manage', agency);
    const before = { indexTemplate: await repos.settings.get(INDEX_TEMPLATE_KEY(agencyId)), guideText: await repos.settings.get(GUIDE_TEXT_KEY(agencyId)) };
    await repos.settings.set(INDEX_TEMPLATE_KEY(agencyId), template, at);
    await repos.settings.set(GUIDE_TEXT_KEY(agencyId), input.guideText.trim(), at);
    await repos.settings.set(SENSITIVE_WORDS_KEY(agencyId), lines(input.sensitiveWords).join('\n'), at);
    await repos.settings.set(ALLOW_LIST_KEY(agencyId), lines(input.allowList).join('\n'), at);
    await repos.audit.append({
      actor,
      at,
      entity: 'agency',
      entityId: agencyId,
      action: 'disclosure_settings',
      change: { before, after: { indexTemplate: template, guideText: input.guideText.trim(), sensitiveWords: lines(input.sensitiveWords), allowList: lines(input.allowList) } },
    });
  });
}
