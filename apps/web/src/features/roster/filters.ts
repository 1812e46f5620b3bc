import { type CreatorStatus, creatorStatuses, sortKeys } from '@evergreen/contracts';

/**
 * The roster's filters live in the URL (so a filtered roster can be bookmarked, shared and
 * reloaded). These helpers read them from and write them to search params, and build the API
 * query, where lists are comma-separated.
 */

export type SortKey = (typeof sortKeys)[number];
export type SortDir = 'asc' | 'desc';
export const dueFilters = ['overdue', 'due', 'upcoming', 'quiet'] as const;
export type DueFilter = (typeof dueFilters)[number];

export interface RosterFilters {
  q: string;
  tier: number[];
  status: CreatorStatus[];
  market: string[];
  /** user ids, 'me' or 'none' */
  owner: string[];
  tag: string[];
  due: DueFilter | null;
  sort: SortKey;
  dir: SortDir;
}

export const defaultFilters: RosterFilters = {
  q: '',
  tier: [],
  status: [],
  market: [],
  owner: [],
  tag: [],
  due: null,
  sort: 'name',
  dir: 'asc',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MARKET = /^[A-Z]{2}$/;

const includes = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

function list(params: URLSearchParams, key: string): string[] {
  const raw = params.get(key);
  if (!raw) return [];
  return [
    ...new Set(
      raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

/** Filters from the URL; anything malformed (an old link, a typo) is dropped, not sent. */
export function filtersFromSearch(params: URLSearchParams): RosterFilters {
  const sort = params.get('sort') ?? '';
  const dir = params.get('dir');
  const due = params.get('due') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    tier: list(params, 'tier')
      .map(Number)
      .filter((n) => n === 1 || n === 2 || n === 3)
      .sort(),
    status: list(params, 'status').filter((s): s is CreatorStatus => includes(creatorStatuses, s)),
    market: list(params, 'market')
      .map((m) => m.toUpperCase())
      .filter((m) => MARKET.test(m)),
    owner: list(params, 'owner').filter((o) => o === 'me' || o === 'none' || UUID.test(o)),
    tag: list(params, 'tag').filter((tag) => tag.length <= 60),
    due: includes(dueFilters, due) ? due : null,
    sort: includes(sortKeys, sort) ? sort : defaultFilters.sort,
    dir: dir === 'desc' ? 'desc' : 'asc',
  };
}

/** Search params for the filters; defaults are left out so a plain roster has a plain URL. */
export function filtersToSearch(filters: RosterFilters): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q) params.set('q', q);
  if (filters.tier.length) params.set('tier', filters.tier.join(','));
  if (filters.status.length) params.set('status', filters.status.join(','));
  if (filters.market.length) params.set('market', filters.market.join(','));
  if (filters.owner.length) params.set('owner', filters.owner.join(','));
  if (filters.tag.length) params.set('tag', filters.tag.join(','));
  if (filters.due) params.set('due', filters.due);
  if (filters.sort !== defaultFilters.sort || filters.dir !== defaultFilters.dir) {
    params.set('sort', filters.sort);
    params.set('dir', filters.dir);
  }
  return params;
}

/** The query string of GET /workspaces/:id/creators. */
export function filtersToApiQuery(filters: RosterFilters): Record<string, string> {
  const query: Record<string, string> = { sort: filters.sort, dir: filters.dir };
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.tier.length) query.tier = filters.tier.join(',');
  if (filters.status.length) query.status = filters.status.join(',');
  if (filters.market.length) query.market = filters.market.join(',');
  if (filters.owner.length) query.owner = filters.owner.join(',');
  // The API splits lists on commas, so a tag that contains one cannot be matched exactly.
  if (filters.tag.length) query.tag = filters.tag.join(',');
  if (filters.due) query.due = filters.due;
  return query;
}

/** Whether anything narrows the list (sorting does not). */
export function hasActiveFilters(filters: RosterFilters): boolean {
  return Boolean(
    filters.q.trim() ||
      filters.tier.length ||
      filters.status.length ||
      filters.market.length ||
      filters.owner.length ||
      filters.tag.length ||
      filters.due,
  );
}

/** Clicking a column header: the same column flips direction, another starts ascending. */
export function nextSort(current: Pick<RosterFilters, 'sort' | 'dir'>, key: SortKey) {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' } as const;
  return { sort: key, dir: 'asc' } as const;
}
