import type { Platform } from '@evergreen/contracts';

/** Platform names are brand names: the same in every language. */
export const platformNames: Record<Platform, string> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  telegram: 'Telegram',
  vk: 'VK',
  other: '—',
};

const profileUrl: Record<Exclude<Platform, 'other'>, (handle: string) => string> = {
  instagram: (h) => `https://www.instagram.com/${h}/`,
  tiktok: (h) => `https://www.tiktok.com/@${h}`,
  youtube: (h) => `https://www.youtube.com/@${h}`,
  telegram: (h) => `https://t.me/${h}`,
  vk: (h) => `https://vk.com/${h}`,
};

/**
 * Where a handle leads: its own link when one was saved (only http(s), never `javascript:`),
 * else the platform's profile address; null for "other" platforms without a link.
 */
export function handleHref(h: { platform: Platform; handle: string; url?: string | null }): string | null {
  if (h.url && /^https?:\/\//i.test(h.url)) return h.url;
  if (h.platform === 'other') return null;
  const handle = h.handle.replace(/^@/, '').trim();
  if (!handle) return null;
  return profileUrl[h.platform](encodeURIComponent(handle).replace(/%2E/gi, '.'));
}

/** "@mayaglows" for social handles; channels and other platforms as they were written. */
export function handleLabel(h: { platform: Platform; handle: string }): string {
  const handle = h.handle.replace(/^@/, '');
  return h.platform === 'other' ? handle : `@${handle}`;
}
