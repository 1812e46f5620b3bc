/**
 * One key per post link (docs/csv.md, "Finding the post"): the same post written different ways
 * gets the same key. Scheme, `www.`/`m.`, a trailing slash, the fragment and tracking parameters
 * (utm_*, igsh, igshid, si, fbclid, gclid, feature, share ids) do not matter; Instagram's `/p/`,
 * `/reel/` and `/tv/` of one shortcode are the same post; YouTube's watch, youtu.be and shorts
 * links of one video are the same; a TikTok video is its numeric id. Shared by the server
 * (matching imported metrics to posts) and the web app.
 */

const TRACKING =
  /^(utm_.*|igsh|igshid|si|fbclid|gclid|yclid|feature|share_id|share_app_id|_r|_t|ref|ref_src|s|t)$/i;

/** The key of a post link, or null when the text is no http(s) link. */
export function postUrlKey(url: string): string | null {
  const text = url.trim();
  // Another scheme (mailto:, tel:) is no post link; no scheme at all is taken as https.
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^https?:\/\//i.test(text)) return null;
  if (/\s/.test(text)) return null;
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `https://${url.trim()}`);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^(www\.|m\.|mobile\.)/, '');
  if (!host.includes('.')) return null;
  const path = u.pathname.replace(/\/+$/, '');
  if (host === 'instagram.com') {
    const m = /^(?:\/[^/]+)?\/(?:p|reel|reels|tv)\/([A-Za-z0-9_-]+)/.exec(path);
    if (m) return `instagram:${m[1]}`;
  }
  if (host === 'youtube.com' || host === 'youtu.be' || host === 'music.youtube.com') {
    const id =
      host === 'youtu.be'
        ? path.slice(1)
        : (u.searchParams.get('v') ??
          /^\/(?:shorts|live|embed)\/([A-Za-z0-9_-]{6,})/.exec(path)?.[1] ??
          null);
    if (id) return `youtube:${id}`;
  }
  if (host === 'tiktok.com' || host.endsWith('.tiktok.com')) {
    const m = /\/video\/(\d+)/.exec(path);
    if (m) return `tiktok:${m[1]}`;
  }
  const kept = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => a.localeCompare(b));
  const q = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return `${host}${path}${q}`;
}

/** The key a bare platform id stands for: a YouTube video id (11 characters) or a TikTok video id. */
export function platformIdKey(id: string): string[] {
  const v = id.trim();
  const keys: string[] = [];
  if (/^[A-Za-z0-9_-]{11}$/.test(v)) keys.push(`youtube:${v}`);
  if (/^\d{15,22}$/.test(v)) keys.push(`tiktok:${v}`);
  if (/^[A-Za-z0-9_-]{8,14}$/.test(v)) keys.push(`instagram:${v}`);
  return keys;
}
