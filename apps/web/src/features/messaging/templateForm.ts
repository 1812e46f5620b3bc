import {
  type Language,
  languages,
  type MessageTemplate,
  type TemplateVariantInput,
  type TouchpointKind,
} from '@evergreen/contracts';
import { type MergeField, mergeFields } from '@evergreen/rules';
import type { TFunction } from 'i18next';

/**
 * The template editor's pure parts: the form's values, which language variants a save sends,
 * how the API's variant indexes map back to the form's fields, and inserting a merge field.
 */

export interface VariantDraft {
  subject: string;
  body: string;
}

export interface TemplateFormValues {
  key: string;
  name: string;
  kind: TouchpointKind;
  variants: Record<Language, VariantDraft>;
}

export const TEMPLATE_KEY = /^[a-z][a-z0-9_]{1,39}$/;

/** Built-in keys whose names the app translates (the API names them in English). */
const builtInNames = [
  'check_in',
  'share_win',
  'ask_opinion',
  'strategy_session',
  'thank_you',
  'overlap_notice',
  'brief_sent',
  'agreement_sent',
] as const;
type BuiltInName = (typeof builtInNames)[number];
const isBuiltInName = (key: string): key is BuiltInName => (builtInNames as readonly string[]).includes(key);

/** A built-in template nobody renamed reads in the interface language; the workspace's own names stay. */
export function templateName(tpl: Pick<MessageTemplate, 'id' | 'key' | 'name' | 'builtIn'>, t: TFunction) {
  return tpl.builtIn && tpl.id === null && isBuiltInName(tpl.key)
    ? t(`templates.builtInNames.${tpl.key}`)
    : tpl.name;
}

export function formValuesFrom(tpl: MessageTemplate | null, name: string): TemplateFormValues {
  const variants = {} as Record<Language, VariantDraft>;
  for (const language of languages) {
    const v = tpl?.variants.find((x) => x.language === language);
    variants[language] = { subject: v?.subject ?? '', body: v?.body ?? '' };
  }
  return { key: tpl?.key ?? '', name, kind: tpl?.kind ?? 'check_in', variants };
}

export type VariantState = 'empty' | 'partial' | 'complete';
export function variantState(v: VariantDraft): VariantState {
  const subject = v.subject.trim() !== '';
  const body = v.body.trim() !== '';
  return subject && body ? 'complete' : subject || body ? 'partial' : 'empty';
}

export interface TemplateVariantsPlan {
  variants: TemplateVariantInput[];
  /** The API's `variants.0.body` → the form's `variants.en.body`. */
  aliases: Record<string, string>;
}

/**
 * The language variants a save sends. A language left empty is not sent (for a built-in key its
 * default text stays in use). A built-in default sent back unchanged is not sent either, so the
 * workspace keeps following it; unless nothing at all would be sent when adding a template, where
 * every written language is sent.
 */
export function planVariants(
  values: TemplateFormValues,
  original: MessageTemplate | null,
  mode: 'create' | 'update',
): TemplateVariantsPlan {
  const written = languages.filter((language) => variantState(values.variants[language]) === 'complete');
  const changed = written.filter((language) => {
    const before = original?.variants.find((v) => v.language === language);
    if (!before || before.source === 'workspace') return true;
    const now = values.variants[language];
    return now.subject.trim() !== before.subject.trim() || now.body.trim() !== before.body.trim();
  });
  const chosen = mode === 'create' && changed.length === 0 ? written : changed;
  const aliases: Record<string, string> = {};
  const variants = chosen.map((language, i) => {
    aliases[`variants.${i}.subject`] = `variants.${language}.subject`;
    aliases[`variants.${i}.body`] = `variants.${language}.body`;
    aliases[`variants.${i}.language`] = `variants.${language}.subject`;
    aliases[`variants.${i}`] = `variants.${language}.body`;
    const v = values.variants[language];
    return { language, subject: v.subject.trim(), body: v.body.trim() };
  });
  return { variants, aliases };
}

/** `text` with `token` in place of the selection; `caret` is where the cursor goes after it. */
export function insertToken(
  text: string,
  start: number | null,
  end: number | null,
  token: string,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start ?? text.length, text.length));
  const to = Math.max(from, Math.min(end ?? from, text.length));
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

/** The merge fields a text uses, in order of first use: `{{creator.firstName}}`, sections by name. */
export function usedFields(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*[#^/]?\s*([A-Za-z][\w.]*)\s*\}\}/g)) seen.add(m[1]!);
  return [...seen];
}

/** Every merge field the server renders has a description; an unknown one shows without one. */
const isDescribed = (field: string): field is MergeField =>
  (mergeFields as readonly string[]).includes(field);

/** "Creator's first name" for creator.firstName, in the interface language; null when unknown. */
export function fieldDescription(field: string, t: TFunction): string | null {
  return isDescribed(field) ? t(`templates.fields.names.${field}`) : null;
}

/** Fields about the creator, their owner, the sender and the workspace always have a value. */
export function isConditionalField(field: string): boolean {
  return !/^(creator|owner|sender|workspace)\./.test(field);
}
