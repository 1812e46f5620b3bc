import type { Language } from '@evergreen/contracts';

// A language picked on the sign-in page, before we know who the user is. After sign-in it is
// saved to the account instead of being replaced by the account's stored language.
let signedOutChoice: Language | null = null;

export function rememberSignedOutChoice(lng: Language) {
  signedOutChoice = lng;
}

export function takeSignedOutChoice(): Language | null {
  const choice = signedOutChoice;
  signedOutChoice = null;
  return choice;
}
