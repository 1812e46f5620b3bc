/**
 * The name a creator is greeted by ("Hi {{creator.greetingName}}"), when nobody set one: from
 * the legal name, else the display name.
 *
 * Russian full names are usually written "Surname Given Patronymic" (Соколова Алина Игоревна),
 * so the first word would greet a person by their surname. A three-word Cyrillic name takes the
 * word before the patronymic: the second word, or the first when the patronymic is second
 * ("Алина Игоревна Соколова"). Any other name takes its first word ("Anna Petrova" → Anna; a
 * display name like "Bake with Anna" → Bake, which is why a manager can set one by hand).
 */
export function defaultGreetingName(legalName: string | null | undefined, displayName: string): string {
  const source = legalName?.trim() || displayName.trim();
  const words = source.split(/\s+/).filter(Boolean);
  if (words.length === 3 && words.every((w) => CYRILLIC_WORD.test(w))) {
    if (isPatronymic(words[1]!) && !isPatronymic(words[2]!)) return words[0]!;
    return words[1]!;
  }
  return words[0] ?? '';
}

/** A Cyrillic word, hyphenated names included (Римский-Корсаков). */
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}]+(?:-[\p{Script=Cyrillic}]+)*$/u;

/** Russian, Ukrainian and Belarusian patronymics: Игоревич/Игоревна, Ильич, Кузьминична, Олегович … */
const isPatronymic = (w: string) => /(?:вич|вна|ич|ична|инична|чна)$/iu.test(w);
