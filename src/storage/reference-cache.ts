/**
 * Reference data held in memory: the agency tree, the key–value settings and the agencies' own
 * vocabulary lists. Every portal page reads them (the portal agency, its subtree, the filter terms and
 * labels) and they change seldom, so reads outside a transaction are answered from memory after the
 * first. Any write to them — through these repositories, in or out of a transaction, or a backup being
 * loaded — drops the whole cache, and again when its transaction ends (committed or rolled back), so the
 * next read sees the new rows. A read that was under way while the cache was dropped does not store
 * what it read (a generation counter). Writes by another process (a second web process, a `gongkai`
 * command) are seen after at most `ttlMs`, like the page cache's.
 *
 * Reads inside a transaction never go through the cache: they must see the transaction's own writes.
 */
import type { Agency } from '../domain/organisations/agency.ts';
import type { VocabularyEntry } from '../domain/publishing/index.ts';
import type { AgencyRepository, Repositories, SettingsRepository, VocabularyRepository } from '../services/ports.ts';

export interface ReferenceCache {
  /** Repositories whose reference reads are served from the cache and whose writes drop it (for reads outside transactions). */
  cached(repos: Repositories): Repositories;
  /** Repositories of a transaction: their writes mark it; `touched()` says whether one did. */
  tracked(repos: Repositories): { repos: Repositories; touched: () => boolean };
  /** Drops everything held. */
  clear(): void;
}

type Lists = Map<string, VocabularyEntry[]>;

/** Creates an empty reference cache; entries older than `ttlMs` (default 10 s) are read again. */
export function createReferenceCache(options: { ttlMs?: number; now?: () => number } = {}): ReferenceCache {
  const ttlMs = options.ttlMs ?? 10_000;
  const now = options.now ?? (() => performance.now());
  let generation = 0;
  let since = now();
  let agencies: { list: readonly Agency[]; byId: Map<number, Agency> } | undefined;
  const settings = new Map<string, string | undefined>();
  const terms = new Map<number, Lists>();

  function clear(): void {
    generation++;
    since = now();
    agencies = undefined;
    settings.clear();
    terms.clear();
  }
  /** The generation to store under, after dropping what has outlived the TTL. */
  function current(): number {
    if (now() - since > ttlMs) clear();
    return generation;
  }

  function cachedAgencies(base: AgencyRepository): AgencyRepository {
    async function all() {
      const gen = current();
      if (agencies) return agencies;
      const list = (await base.list()).map((a) => Object.freeze(a));
      const loaded = { list, byId: new Map(list.map((a) => [a.id, a])) };
      if (gen === generation) agencies = loaded;
      return loaded;
    }
    return {
      ...base,
      // A copy: callers may sort or filter it.
      list: async (options) => (options?.within ? base.list(options) : [...(await all()).list]),
      // One created by another process since is found in the table.
      findById: async (id) => (await all()).byId.get(id) ?? base.findById(id),
      insert: async (...args) => { try { return await base.insert(...args); } finally { clear(); } },
      update: async (...args) => { try { return await base.update(...args); } finally { clear(); } },
    };
  }

  function cachedSettings(base: SettingsRepository): SettingsRepository {
    return {
      async get(key) {
        const gen = current();
        if (settings.has(key)) return settings.get(key);
        const value = await base.get(key);
        if (gen === generation) settings.set(key, value);
        return value;
      },
      set: async (...args) => { try { await base.set(...args); } finally { clear(); } },
    };
  }

  function cachedVocabularies(base: VocabularyRepository): VocabularyRepository {
    async function allTermsOf(agencyIds: readonly number[]): Promise<Map<number, Lists>> {
      const gen = current();
      const missing = [...new Set(agencyIds)].filter((id) => !terms.has(id));
      const read = missing.length > 0 ? await base.allTermsOf(missing) : new Map<number, Lists>();
      const fresh = gen === generation;
      const out = new Map<number, Lists>();
      for (const id of agencyIds) {
        let lists = terms.get(id);
        if (!lists) {
          lists = read.get(id) ?? new Map<string, VocabularyEntry[]>();
          for (const list of lists.values()) list.forEach((e) => Object.freeze(e));
          // Agencies without lists of their own are remembered too.
          if (fresh) terms.set(id, lists);
        }
        if (lists.size > 0) out.set(id, lists);
      }
      return out;
    }
    return {
      ...base,
      allTermsOf,
      async termsOf(vocabulary, agencyIds) {
        const all = await allTermsOf(agencyIds);
        const out = new Map<number, VocabularyEntry[]>();
        // By agency id, as the table query orders them; copies, since callers may change their lists.
        for (const id of [...all.keys()].sort((a, b) => a - b)) {
          const list = all.get(id)!.get(vocabulary);
          if (list && list.length > 0) out.set(id, [...list]);
        }
        return out;
      },
      replace: async (...args) => { try { await base.replace(...args); } finally { clear(); } },
      clear: async (...args) => { try { await base.clear(...args); } finally { clear(); } },
    };
  }

  return {
    clear,
    cached(repos) {
      return {
        ...repos,
        agencies: cachedAgencies(repos.agencies),
        settings: cachedSettings(repos.settings),
        vocabularies: cachedVocabularies(repos.vocabularies),
        backup: { ...repos.backup, load: async (tables) => { try { await repos.backup.load(tables); } finally { clear(); } } },
      };
    },
    tracked(repos) {
      let touched = false;
      const mark = <A extends unknown[], R>(write: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
        touched = true;
        clear();
        return write(...args);
      };
      return {
        touched: () => touched,
        repos: {
          ...repos,
          agencies: { ...repos.agencies, insert: mark(repos.agencies.insert), update: mark(repos.agencies.update) },
          settings: { ...repos.settings, set: mark(repos.settings.set) },
          vocabularies: { ...repos.vocabularies, replace: mark(repos.vocabularies.replace), clear: mark(repos.vocabularies.clear) },
          backup: { ...repos.backup, load: mark(repos.backup.load) },
        },
      };
    },
  };
}
