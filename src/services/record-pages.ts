/** Reads every matching record page by page (the repositories page their lists), for services that fold whole registers. */
import type { ItemListFilter, Repositories, RequestListFilter, StoredRequest } from './ports.ts';
import type { ItemState } from '../domain/publishing/index.ts';

const PAGE = 1000;

/** Every item version matching a filter. */
export async function listAllItems(repos: Repositories, filter: Omit<ItemListFilter, 'limit' | 'offset'>): Promise<ItemState[]> {
  const out: ItemState[] = [];
  for (let offset = 0; ; offset += PAGE) {
    // Nothing counted: a count of everything on every page made reading a register quadratic.
    const page = await repos.items.list({ ...filter, limit: PAGE, offset, countCap: 0 });
    out.push(...page.items);
    if (page.items.length < PAGE) return out;
  }
}

/** Every request matching a filter, by id; read page by page on the id (keyset), so each page costs the same. */
export async function listAllRequests(repos: Repositories, filter: Omit<RequestListFilter, 'limit' | 'offset'>): Promise<StoredRequest[]> {
  const out: StoredRequest[] = [];
  for (let afterId = 0; ; ) {
    const page = await repos.requests.listAfter(filter, afterId, PAGE);
    out.push(...page);
    if (page.length < PAGE) return out;
    afterId = page.at(-1)!.id;
  }
}
