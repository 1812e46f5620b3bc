import type { TodayScope } from '../roster/api.ts';

const SCOPE_KEY = 'evergreen.today-scope';

/** "My creators" or "Whole team", as last chosen on this device. */
export function rememberedScope(): TodayScope {
  try {
    return localStorage.getItem(SCOPE_KEY) === 'mine' ? 'mine' : 'team';
  } catch {
    return 'team';
  }
}

export function rememberScope(scope: TodayScope) {
  try {
    localStorage.setItem(SCOPE_KEY, scope);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}
