/**
 * Configurable vocabularies per agency (主题分类、体裁、基层政务公开标准目录领域). An agency's list
 * is its own rows, else its nearest superior's, else the defaults, so units inherit the town's list
 * (like the disclosure settings). The first edit at an agency copies the list it inherits, then
 * changes the copy; every edit is one transaction with its audit entry. The item form, the item
 * validation and the portal's catalogue filters all read the agency's list through here.
 */
import {
  VOCABULARY_LABELS,
  VOCABULARY_NAMES,
  defaultVocabulary,
  editVocabulary,
  findEntry,
  isVocabularyName,
  nextLocalCode,
  vocabularyCommandSchema,
  type ItemVocabularies,
  type Vocabulary,
  type VocabularyEntry,
  type VocabularyName,
} from '../domain/publishing/index.ts';
import type { Agency } from '../domain/organisations/agency.ts';
import { scopesFor } from '../domain/access/roles.ts';
import { requirePermission } from './access-control.ts';
import { NotFoundError, ValidationError, validationErrorFrom } from './errors.ts';
import type { Actor, Clock, Repositories, UnitOfWork } from './ports.ts';

export interface VocabularyServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
  /** Told when labels the public sees may have changed (page caches). */
  onPublicChange?: () => void;
}

/** A vocabulary as it applies to an agency, and whose list it is (null: the built-in defaults). */
export interface ResolvedVocabulary {
  readonly vocabulary: Vocabulary;
  readonly ownerAgencyId: number | null;
}

/** The vocabularies an item of an agency is checked against and labelled with. */
export type AgencyVocabularies = Required<ItemVocabularies>;

function idsOnPath(agencyPath: string): number[] {
  return agencyPath.split('/').filter(Boolean).map(Number);
}

function named(name: VocabularyName, entries: readonly VocabularyEntry[]): Vocabulary {
  return { name: VOCABULARY_LABELS[name], entries };
}

/** The list of a vocabulary that applies at a path, given the agencies' lists of that vocabulary: the deepest on the path, else the defaults. */
function resolveFrom(name: VocabularyName, ids: readonly number[], listOf: (agencyId: number) => readonly VocabularyEntry[] | undefined): ResolvedVocabulary {
  for (const id of [...ids].reverse()) {
    const list = listOf(id);
    if (list && list.length > 0) return { vocabulary: named(name, list), ownerAgencyId: id };
  }
  return { vocabulary: defaultVocabulary(name), ownerAgencyId: null };
}

/** The list of a vocabulary that applies at an agency path: the deepest agency on the path that has one, else the defaults. */
export async function resolveVocabulary(repos: Repositories, name: VocabularyName, agencyPath: string): Promise<ResolvedVocabulary> {
  const ids = idsOnPath(agencyPath);
  const lists = await repos.vocabularies.termsOf(name, ids);
  return resolveFrom(name, ids, (id) => lists.get(id));
}

type AllTerms = Map<number, Map<string, VocabularyEntry[]>>;

function vocabulariesFrom(all: AllTerms, agencyPath: string): AgencyVocabularies {
  const ids = idsOnPath(agencyPath);
  const at = (name: VocabularyName) => resolveFrom(name, ids, (id) => all.get(id)?.get(name)).vocabulary;
  return { categories: at('category'), kinds: at('kind'), catalogueDomains: at('catalogue_domain') };
}

/** The three vocabularies that apply to items of the agency at a path (one query for the three). */
export async function vocabulariesAt(repos: Repositories, agencyPath: string): Promise<AgencyVocabularies> {
  return vocabulariesFrom(await repos.vocabularies.allTermsOf(idsOnPath(agencyPath)), agencyPath);
}

function parentPathOf(agency: Agency): string | null {
  const ids = idsOnPath(agency.path);
  return ids.length <= 1 ? null : `/${ids.slice(0, -1).join('/')}/`;
}

/** Creates the vocabulary service. */
export function createVocabularyService(deps: VocabularyServiceDeps) {
  async function loadAgency(repos: Repositories, actor: Actor, agencyId: number): Promise<Agency> {
    const agency = await repos.agencies.findById(agencyId);
    if (!agency) throw new NotFoundError('找不到该机构');
    requirePermission(actor, 'vocabulary.manage', agency);
    return agency;
  }

  function checkName(name: string): VocabularyName {
    if (!isVocabularyName(name)) throw new NotFoundError('没有这个词表');
    return name;
  }

  return {
    /** The agencies whose vocabularies an actor may configure, with where each list comes from. */
    async agencies(actor: Actor): Promise<Array<{ agency: Agency; sources: Record<VocabularyName, number | null> }>> {
      requirePermission(actor, 'vocabulary.manage');
      const repos = deps.uow.read;
      const agencies = await repos.agencies.list({ within: scopesFor(actor.grants, 'vocabulary.manage') });
      const out = [];
      for (const agency of agencies) {
        const sources = {} as Record<VocabularyName, number | null>;
        for (const name of VOCABULARY_NAMES) sources[name] = (await resolveVocabulary(repos, name, agency.path)).ownerAgencyId;
        out.push({ agency, sources });
      }
      return out;
    },

    /** The vocabularies of an agency's items (for forms and labels; public). */
    async forAgency(agencyId: number): Promise<AgencyVocabularies> {
      const agency = await deps.uow.read.agencies.findById(agencyId);
      return agency ? vocabulariesAt(deps.uow.read, agency.path) : vocabulariesAt(deps.uow.read, '/');
    },

    /** A memoised lookup by agency path, for pages that label items of several agencies. */
    labeller(): (agencyPath: string) => Promise<AgencyVocabularies> {
      const cache = new Map<string, Promise<AgencyVocabularies>>();
      return (agencyPath) => {
        let found = cache.get(agencyPath);
        if (!found) {
          found = vocabulariesAt(deps.uow.read, agencyPath);
          cache.set(agencyPath, found);
        }
        return found;
      };
    },

    /**
     * The terms the public catalogue offers as filters for an agency's subtree: the agency's list, then
     * the terms its units added in their own lists. Retired terms stay: old items still carry them.
     */
    async catalogueFilters(agency: Pick<Agency, 'path'>, subtreeIds: readonly number[]): Promise<AgencyVocabularies> {
      // One query for the three vocabularies of the agency's path and of its subtree.
      const pathIds = idsOnPath(agency.path);
      const all = await deps.uow.read.vocabularies.allTermsOf([...new Set([...pathIds, ...subtreeIds])]);
      const own = vocabulariesFrom(all, agency.path);
      const merged = (name: VocabularyName, base: Vocabulary): Vocabulary => {
        const entries = [...base.entries];
        const seen = new Set(entries.map((e) => e.code));
        // The units' lists in agency id order, as the query returned them before.
        for (const id of [...new Set(subtreeIds)].sort((a, b) => a - b)) {
          for (const e of all.get(id)?.get(name) ?? []) {
            if (seen.has(e.code) || (e.parentCode && !seen.has(e.parentCode))) continue;
            seen.add(e.code);
            entries.push(e);
          }
        }
        return { ...base, entries };
      };
      return { categories: merged('category', own.categories), kinds: merged('kind', own.kinds), catalogueDomains: merged('catalogue_domain', own.catalogueDomains) };
    },

    /** What the console's vocabulary screen shows for an agency (administrators and the office of that agency or above). */
    async view(actor: Actor, agencyId: number, rawName: string) {
      const name = checkName(rawName);
      const repos = deps.uow.read;
      const agency = await loadAgency(repos, actor, agencyId);
      const resolved = await resolveVocabulary(repos, name, agency.path);
      const usage = await repos.vocabularies.usage(name, agency.path);
      const owner = resolved.ownerAgencyId === null ? null : ((await repos.agencies.findById(resolved.ownerAgencyId)) ?? null);
      return { agency, name, vocabulary: resolved.vocabulary, owner, own: resolved.ownerAgencyId === agency.id, usage };
    },

    /** Applies one change (add, rename, move, retire, restore, remove) to an agency's list, audited. */
    async edit(actor: Actor, agencyId: number, rawName: string, raw: unknown): Promise<Vocabulary> {
      const name = checkName(rawName);
      const parsed = vocabularyCommandSchema.safeParse(raw);
      if (!parsed.success) throw validationErrorFrom(parsed.error.issues);
      const command = parsed.data;
      const at = deps.clock.now().toISOString();
      const result = await deps.uow.transaction(async (repos) => {
        const agency = await loadAgency(repos, actor, agencyId);
        await repos.vocabularies.lock(agency.id);
        const resolved = await resolveVocabulary(repos, name, agency.path);
        const usage = await repos.vocabularies.usage(name, agency.path);
        const edited = editVocabulary(resolved.vocabulary, command, {
          name,
          newCode: nextLocalCode(resolved.vocabulary, agency.id),
          usage: (code) => usage.get(code) ?? 0,
        });
        if (!edited.ok) throw new ValidationError(edited.problem, { [command.type === 'add' ? 'label' : 'code']: edited.problem });
        await repos.vocabularies.replace(agency.id, name, edited.vocabulary.entries, at);
        await repos.audit.append({
          actor,
          at,
          entity: 'agency',
          entityId: agency.id,
          action: `vocabulary_${command.type}`,
          change: {
            vocabulary: name,
            ...edited.change,
            // The first edit at an agency makes its own copy of the list it inherited.
            ...(resolved.ownerAgencyId !== agency.id && { copiedFrom: resolved.ownerAgencyId ?? 'defaults' }),
          },
        });
        return edited.vocabulary;
      });
      deps.onPublicChange?.();
      return result;
    },

    /**
     * Drops an agency's own list so that it inherits its superior's again; refused while an item in its
     * subtree carries a code the inherited list lacks (a term in use never disappears).
     */
    async inherit(actor: Actor, agencyId: number, rawName: string): Promise<void> {
      const name = checkName(rawName);
      const at = deps.clock.now().toISOString();
      await deps.uow.transaction(async (repos) => {
        const agency = await loadAgency(repos, actor, agencyId);
        await repos.vocabularies.lock(agency.id);
        const own = (await repos.vocabularies.termsOf(name, [agency.id])).get(agency.id) ?? [];
        if (own.length === 0) throw new ValidationError(`${agency.name}没有单独设置${VOCABULARY_LABELS[name]}，已在沿用上级或默认设置。`);
        const parentPath = parentPathOf(agency);
        const inherited = parentPath === null ? { vocabulary: defaultVocabulary(name), ownerAgencyId: null } : await resolveVocabulary(repos, name, parentPath);
        const usage = await repos.vocabularies.usage(name, agency.path);
        const missing = [...usage.keys()].filter((code) => findEntry(inherited.vocabulary, code) === undefined);
        if (missing.length > 0) {
          const labels = missing.map((code) => own.find((e) => e.code === code)?.label ?? code);
          throw new ValidationError(`不能恢复沿用：上级（或默认）设置中没有本机构信息正在使用的${labels.map((l) => `“${l}”`).join('、')}。`);
        }
        await repos.vocabularies.clear(agency.id, name);
        await repos.audit.append({ actor, at, entity: 'agency', entityId: agency.id, action: 'vocabulary_inherit', change: { vocabulary: name, removed: own.length, inheritsFrom: inherited.ownerAgencyId ?? 'defaults' } });
      });
      deps.onPublicChange?.();
    },
  };
}

export type VocabularyService = ReturnType<typeof createVocabularyService>;
