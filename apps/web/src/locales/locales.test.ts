import { errorCodes } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ru from './ru.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en);
const ruKeys = flatten(ru);
const placeholders = (s: string) =>
  [...s.matchAll(/{{\s*(\w+)\s*}}|<(\/?\w+)>/g)].map((m) => m[1] ?? m[2]).sort();

describe('locales', () => {
  it('en and ru have exactly the same keys', () => {
    expect([...ruKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('every API error code has a title and a hint', () => {
    for (const code of errorCodes) {
      expect(enKeys.has(`errors.${code}`), `errors.${code}`).toBe(true);
      expect(enKeys.has(`errorHints.${code}`), `errorHints.${code}`).toBe(true);
    }
  });

  it('translations keep the same interpolations and tags', () => {
    for (const [key, value] of enKeys) {
      expect(placeholders(ruKeys.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  it('no string is empty, and Russian is written in Cyrillic', () => {
    // Brand names and technical terms stay as they are.
    const latinAllowed = new Set([
      'app.name',
      'auth.fields.email',
      'fieldNames.email',
      'team.members.email',
      'team.invitations.email',
      // Brand names, spelled as the platforms spell them.
      'orders.receivers.shopify.name',
      'orders.receivers.woocommerce.name',
    ]);
    for (const [key, value] of ruKeys) {
      expect(value.trim(), key).not.toBe('');
      if (!latinAllowed.has(key)) expect(/[а-яё]/i.test(value), `${key}: ${value}`).toBe(true);
    }
  });
});
