/**
 * The UTM link builder (docs/performance.md): pure functions, shared by the server (trackers)
 * and the web (the link builder's live preview).
 */

export interface Utm {
  source: string;
  medium?: string | null;
  campaign: string;
  content?: string | null;
}

/**
 * The destination with the UTM parameters: every existing `utm_*` parameter is dropped, every
 * other parameter kept exactly as written (same order, same encoding), ours appended in the
 * order source, medium, campaign, content; the fragment stays at the end.
 */
export function buildTrackedUrl(destination: string, utm: Utm): string {
  const hashAt = destination.indexOf('#');
  const fragment = hashAt >= 0 ? destination.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? destination.slice(0, hashAt) : destination;
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  const keyOf = (part: string) => {
    const raw = part.split('=')[0] ?? '';
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
    } catch {
      return raw.toLowerCase();
    }
  };
  const kept = query.split('&').filter((p) => p !== '' && !keyOf(p).startsWith('utm_'));
  const ours: [string, string | null | undefined][] = [
    ['utm_source', utm.source],
    ['utm_medium', utm.medium],
    ['utm_campaign', utm.campaign],
    ['utm_content', utm.content],
  ];
  for (const [k, v] of ours) if (v) kept.push(`${k}=${encodeURIComponent(v)}`);
  return `${base}?${kept.join('&')}${fragment}`;
}

/** Russian (and Ukrainian/Belarusian letters) to Latin, close to the passport transliteration. */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
};

/** Lower case, Cyrillic letters in Latin ("Анна Смирнова" → "anna smirnova"); others kept. */
export const transliterate = (text: string): string =>
  [...text.toLowerCase()].map((ch) => CYRILLIC[ch] ?? ch).join('');

/**
 * A URL-safe slug: Cyrillic transliterated, accents dropped, lower case, every run of other
 * characters one "-", at most 60 characters; "" when nothing is left.
 */
export function utmSlug(text: string): string {
  return transliterate(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * Suggested UTM values for a creator's link: source = the creator's handle or name as a slug,
 * medium = "creator", campaign = the campaign's name as a slug or "always-on" without one.
 */
export function suggestUtm(input: { creatorHandleOrName: string; campaignName?: string | null }): {
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
} {
  const source = utmSlug(input.creatorHandleOrName.replace(/^@/, '')) || 'creator';
  const campaign = input.campaignName ? utmSlug(input.campaignName) : '';
  return { utmSource: source, utmMedium: 'creator', utmCampaign: campaign || 'always-on' };
}
