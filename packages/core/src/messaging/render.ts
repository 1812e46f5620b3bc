import { defaultGreetingName, type Language } from '@evergreen/contracts';
import { escapeHtml, type MergeField, mergeFields } from '@evergreen/rules';

/**
 * Message templates: plain text with merge fields, in a small subset of Mustache.
 *
 *   {{creator.firstName}}          a value (empty when missing)
 *   {{#lastPost}} … {{/lastPost}}  shown only when there is a last post (or any value: {{#owner.name}})
 *   {{^lastPost}} … {{/lastPost}}  shown only when there is none
 *
 * A section tag alone on its line takes the whole line with it, so sections do not leave blank
 * lines behind; runs of blank lines collapse into one. Rendering is pure: values in, text out.
 */

export type MergeValues = Partial<Record<MergeField, string | null | undefined>>;

const fieldSet = new Set<string>(mergeFields);
/** Section names: every field, and every object a field belongs to (creator, lastPost, …). */
const sectionNames = new Set<string>([...mergeFields, ...mergeFields.map((f) => f.split('.')[0]!)]);

export type TemplateIssueCode = 'unknown_field' | 'invalid_tag' | 'unclosed_section' | 'unexpected_close';
export interface TemplateIssue {
  code: TemplateIssueCode;
  /** The field or tag concerned, e.g. creator.nickname. */
  name: string;
  message: string;
}

export class TemplateError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'TemplateError';
  }
}

type Token =
  | { t: 'text'; s: string }
  | { t: 'var'; name: string }
  | { t: 'open'; name: string; inverted: boolean }
  | { t: 'close'; name: string };

type Node =
  | { t: 'text'; s: string }
  | { t: 'var'; name: string }
  | { t: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{([\s\S]*?)\}\}/g;
const INNER = /^\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*$/;

function tokenize(src: string, issues: TemplateIssue[]): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of src.matchAll(TAG)) {
    if (m.index > last) tokens.push({ t: 'text', s: src.slice(last, m.index) });
    last = m.index + m[0].length;
    const inner = INNER.exec(m[1]!);
    if (!inner) {
      issues.push({ code: 'invalid_tag', name: m[0], message: `${m[0]} is not a merge field` });
      continue;
    }
    const [, sigil, name] = inner as unknown as [string, string, string];
    if (sigil === '') {
      if (!fieldSet.has(name))
        issues.push({ code: 'unknown_field', name, message: `{{${name}}} is not a known merge field` });
      tokens.push({ t: 'var', name });
    } else {
      if (!sectionNames.has(name))
        issues.push({
          code: 'unknown_field',
          name,
          message: `{{${sigil}${name}}} is not a known merge field`,
        });
      tokens.push(sigil === '/' ? { t: 'close', name } : { t: 'open', name, inverted: sigil === '^' });
    }
  }
  if (last < src.length) tokens.push({ t: 'text', s: src.slice(last) });
  return tokens;
}

/**
 * A section tag alone on its line (only spaces around it) takes the line with it. Decided on the
 * original text for every tag first, then cut, so two standalone tags on consecutive lines both go.
 */
function stripStandalone(tokens: Token[]): void {
  const keepFrom = new Map<number, number>();
  const keepTo = new Map<number, number>();
  tokens.forEach((tok, i) => {
    if (tok.t !== 'open' && tok.t !== 'close') return;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    let before: number | null = null;
    if (i === 0) before = 0;
    else if (prev?.t === 'text') {
      const nl = prev.s.lastIndexOf('\n');
      if (/^[ \t]*$/.test(prev.s.slice(nl + 1)) && (nl >= 0 || i === 1)) before = nl + 1;
    }
    let after: number | null = null;
    if (i === tokens.length - 1) after = 0;
    else if (next?.t === 'text') {
      const m = /^[ \t]*(\r?\n|$)/.exec(next.s);
      if (m && (m[1] !== '' || i + 1 === tokens.length - 1)) after = m[0].length;
    }
    if (before == null || after == null) return;
    if (prev?.t === 'text') keepTo.set(i - 1, before);
    if (next?.t === 'text') keepFrom.set(i + 1, after);
  });
  tokens.forEach((tok, i) => {
    if (tok.t !== 'text') return;
    const from = keepFrom.get(i) ?? 0;
    tok.s = tok.s.slice(from, Math.max(from, keepTo.get(i) ?? tok.s.length));
  });
}

function build(tokens: Token[], issues: TemplateIssue[]): Node[] {
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  for (const tok of tokens) {
    const top = stack[stack.length - 1]!;
    if (tok.t === 'text' || tok.t === 'var') top.children.push(tok);
    else if (tok.t === 'open') {
      const node: Node = { t: 'section', name: tok.name, inverted: tok.inverted, children: [] };
      top.children.push(node);
      stack.push({ name: tok.name, children: node.children });
    } else if (stack.length > 1 && top.name === tok.name) stack.pop();
    else
      issues.push({
        code: 'unexpected_close',
        name: tok.name,
        message: `{{/${tok.name}}} closes a section that is not open`,
      });
  }
  for (const open of stack.slice(1))
    issues.push({
      code: 'unclosed_section',
      name: open.name,
      message: `{{#${open.name}}} is never closed with {{/${open.name}}}`,
    });
  return root;
}

function parse(src: string): { nodes: Node[]; issues: TemplateIssue[] } {
  const issues: TemplateIssue[] = [];
  const tokens = tokenize(src, issues);
  stripStandalone(tokens);
  return { nodes: build(tokens, issues), issues };
}

/** What is wrong with a template (unknown fields, unbalanced sections); empty when it is fine. */
export const checkTemplate = (src: string): TemplateIssue[] => parse(src).issues;

const present = (v: string | null | undefined) => v != null && v.trim() !== '';

function sectionShown(name: string, values: MergeValues): boolean {
  if (fieldSet.has(name)) return present(values[name as MergeField]);
  return mergeFields.some((f) => f.startsWith(`${name}.`) && present(values[f]));
}

function renderNodes(nodes: Node[], values: MergeValues, missing: Set<string>): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'var') {
      const v = values[n.name as MergeField];
      if (present(v)) out += v;
      else missing.add(n.name);
    } else if (sectionShown(n.name, values) !== n.inverted) out += renderNodes(n.children, values, missing);
  }
  return out;
}

/**
 * Renders a template as plain text. `missing` lists the fields that were printed empty
 * (a field inside a section that was not shown is not missing). Throws TemplateError.
 */
export function renderTemplate(src: string, values: MergeValues): { text: string; missing: string[] } {
  const { nodes, issues } = parse(src);
  if (issues.length) throw new TemplateError(issues);
  const missing = new Set<string>();
  const raw = renderNodes(nodes, values, missing);
  const text = raw
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, missing: [...missing] };
}

/** Plain text as HTML: a paragraph per blank-line-separated block, line breaks kept, all escaped. */
export const textToHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** Fields printed empty, in order of first use (subject first). */
  missing: string[];
}

/** A subject and body rendered for one creator: the subject on one line, the body as text and HTML. */
export function renderMessage(t: { subject: string; body: string }, values: MergeValues): RenderedMessage {
  const subject = renderTemplate(t.subject, values);
  const body = renderTemplate(t.body, values);
  return {
    subject: subject.text.replace(/\s+/g, ' ').trim(),
    text: body.text,
    html: textToHtml(body.text),
    missing: [...new Set([...subject.missing, ...body.missing])],
  };
}

/** What the merge fields are filled from (post and campaign facts: messaging/facts.ts). */
export interface MergeFacts {
  creator: { displayName: string; legalName?: string | null; greetingName?: string | null };
  owner?: { name: string } | null;
  sender?: { name: string } | null;
  workspace: { name: string };
  lastPost?: {
    title: string;
    /** Percent as an exact decimal string, e.g. "4.10". */
    engagementRatePct?: string | null;
    url?: string | null;
    postedOn?: string | null;
  } | null;
  nextCampaign?: { name: string; startsOn?: string | null } | null;
  /** Another creator features the same product in the same market around these days (campaigns module). */
  overlap?: { products: string[]; markets: string[]; from: string; to: string } | null;
  /** The agreement being sent (agreements module): its title and its document as text. */
  agreement?: { title: string; document: string } | null;
  /** The brief being sent (campaigns module): its version's content and campaign. */
  brief?: {
    campaignName: string;
    title: string;
    body: string;
    deliverables: { type: string; platform?: string | null; quantity: number; dueOn?: string | null }[];
    dueOn: string | null;
  } | null;
}

const deliverableNames: Record<Language, Record<string, string>> = {
  en: { sponsored_post: 'sponsored post', short: 'short video' },
  ru: {
    sponsored_post: 'спонсорский пост',
    post: 'пост',
    story: 'сторис',
    reel: 'рилс',
    video: 'видео',
    short: 'короткое видео',
  },
};

/** One line per deliverable: "- 2 × reel (instagram), by March 3, 2026" / "- 2 × рилс (instagram), до 3 марта 2026 г.". */
export function formatDeliverables(
  list: NonNullable<MergeFacts['brief']>['deliverables'],
  lang: Language,
): string {
  return list
    .map((d) => {
      const name = deliverableNames[lang][d.type] ?? d.type.replaceAll('_', ' ');
      const where = d.platform ? ` (${d.platform})` : '';
      const due = d.dueOn ? `${lang === 'ru' ? ', до ' : ', by '}${formatDay(d.dueOn, lang)}` : '';
      return `- ${d.quantity} × ${name}${where}${due}`;
    })
    .join('\n');
}

/** Market codes as country names in the message's language ("US" → "United States" / "США"). */
export function formatMarkets(codes: string[], lang: Language): string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang], { type: 'region' });
  } catch {
    names = null;
  }
  return codes.map((c) => names?.of(c) ?? c).join(', ');
}

const firstWord = (s: string | null | undefined) => s?.trim().split(/\s+/)[0] ?? '';

/** "4.10" → "4.1%" in English, "4,1 %" in Russian (with a no-break space, as Russian typesetting has it). */
export function formatPercent(pct: string, lang: Language): string {
  const n = pct.includes('.') ? pct.replace(/0+$/, '').replace(/\.$/, '') : pct;
  return lang === 'ru' ? `${n.replace('.', ',')}\u00a0%` : `${n}%`;
}

/** A day (YYYY-MM-DD) as people write it: "March 3, 2026" / "3 марта 2026 г.". */
export const formatDay = (day: string, lang: Language): string =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(lang === 'ru' ? 'ru-RU' : 'en-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });

/**
 * The values of every merge field, formatted for the message's language. A creator's first name
 * comes from their legal name when known (display names are often a brand: "Bake with Anna"),
 * read in Russian order when it is one; the greeting name is the one set by hand, else that.
 */
export function mergeValues(f: MergeFacts, lang: Language): MergeValues {
  const post = f.lastPost;
  const campaign = f.nextCampaign;
  return {
    'creator.name': f.creator.displayName,
    // The given name, Russian name order understood ("Соколова Алина Игоревна" → Алина).
    'creator.firstName': defaultGreetingName(f.creator.legalName, f.creator.displayName),
    'creator.greetingName':
      f.creator.greetingName?.trim() || defaultGreetingName(f.creator.legalName, f.creator.displayName),
    'owner.name': f.owner?.name ?? null,
    'owner.firstName': firstWord(f.owner?.name) || null,
    'sender.name': f.sender?.name ?? null,
    'sender.firstName': firstWord(f.sender?.name) || null,
    'workspace.name': f.workspace.name,
    'lastPost.title': post?.title ?? null,
    'lastPost.engagementRate': post?.engagementRatePct ? formatPercent(post.engagementRatePct, lang) : null,
    'lastPost.url': post?.url ?? null,
    'lastPost.postedOn': post?.postedOn ? formatDay(post.postedOn, lang) : null,
    'nextCampaign.name': campaign?.name ?? null,
    'nextCampaign.startsOn': campaign?.startsOn ? formatDay(campaign.startsOn, lang) : null,
    // Only an overlap notice has these; left out (undefined) otherwise.
    'overlap.products': f.overlap ? f.overlap.products.join(', ') || null : undefined,
    'overlap.markets': f.overlap ? formatMarkets(f.overlap.markets, lang) || null : undefined,
    'overlap.from': f.overlap ? formatDay(f.overlap.from, lang) : undefined,
    'overlap.to': f.overlap ? formatDay(f.overlap.to, lang) : undefined,
    // Only an agreement being sent has these.
    'agreement.title': f.agreement ? f.agreement.title : undefined,
    'agreement.document': f.agreement ? f.agreement.document : undefined,
    // Only a brief being sent has these.
    'brief.campaign': f.brief ? f.brief.campaignName : undefined,
    'brief.title': f.brief ? f.brief.title : undefined,
    'brief.body': f.brief ? f.brief.body : undefined,
    'brief.deliverables': f.brief ? formatDeliverables(f.brief.deliverables, lang) || null : undefined,
    'brief.dueOn': f.brief?.dueOn ? formatDay(f.brief.dueOn, lang) : f.brief ? null : undefined,
  };
}

/**
 * The language to write in: the creator's first language that has a variant, else the
 * workspace's default language, else English, else whatever variant exists.
 */
export function chooseLanguage(
  creatorLanguages: readonly string[],
  available: readonly Language[],
  workspaceDefault: string,
): Language {
  const has = (l: string): l is Language => (available as readonly string[]).includes(l);
  for (const l of creatorLanguages) if (has(l)) return l;
  if (has(workspaceDefault)) return workspaceDefault;
  if (has('en')) return 'en';
  return available[0] ?? 'en';
}

/** A mailto: link with the subject and body (RFC 6068: percent-encoded, CRLF line breaks). */
export function mailtoUrl(to: string, subject: string, text: string): string {
  const addr = to.split('@').map(encodeURIComponent).join('@');
  const q = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${addr}?subject=${q(subject)}&body=${q(text)}`;
}
