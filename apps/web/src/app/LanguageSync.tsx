import { useEffect, useRef } from 'react';
import { useMe, useUpdateProfile } from '../features/auth/api.ts';
import { currentLanguage, setLanguage } from '../shared/i18n/i18n.ts';
import { takeSignedOutChoice } from '../shared/i18n/languageChoice.ts';

/**
 * Keeps the interface language and the account's language together: when a user signs in, a
 * language just picked on the sign-in page is saved to the account; otherwise the account's
 * language is applied.
 */
export function LanguageSync() {
  const me = useMe();
  const updateProfile = useUpdateProfile();
  const syncedUser = useRef<string | null>(null);
  const { mutate } = updateProfile;

  const user = me.data?.user;
  useEffect(() => {
    if (!user) {
      syncedUser.current = null;
      return;
    }
    if (syncedUser.current === user.id) return;
    syncedUser.current = user.id;
    const choice = takeSignedOutChoice();
    if (choice && choice !== user.locale) mutate({ locale: choice });
    else if (user.locale !== currentLanguage()) void setLanguage(user.locale);
  }, [user, mutate]);

  return null;
}
