import type { Language } from '@evergreen/contracts';
import { Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe, useUpdateProfile } from '../../features/auth/api.ts';
import { currentLanguage, setLanguage, supportedLanguages } from '../i18n/i18n.ts';
import { rememberSignedOutChoice } from '../i18n/languageChoice.ts';

/** Names of languages in themselves, so anyone can find their own. */
const languageNames: Record<Language, string> = { en: 'English', ru: 'Русский' };

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const updateProfile = useUpdateProfile();
  const active = currentLanguage();

  const choose = (lng: Language) => {
    void setLanguage(lng);
    if (me.data) {
      // Persist for the account, so other devices follow; the interface has already switched.
      if (me.data.user.locale !== lng) updateProfile.mutate({ locale: lng });
    } else {
      rememberSignedOutChoice(lng);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} aria-hidden />}
          data-testid="language-switcher"
        >
          {/* The button's name is its text: the language in full, also on a phone, where it shows the code. */}
          <VisuallyHidden>{t('language.current', { name: languageNames[active] })}</VisuallyHidden>
          <Text span size="sm" fw={600} visibleFrom="sm" aria-hidden>
            {languageNames[active]}
          </Text>
          <Text span size="sm" fw={600} hiddenFrom="sm" tt="uppercase" aria-hidden>
            {active}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {supportedLanguages.map((lng) => (
          <Menu.Item
            key={lng}
            lang={lng}
            onClick={() => choose(lng)}
            rightSection={lng === active ? <IconCheck size={14} aria-hidden /> : null}
            aria-current={lng === active ? 'true' : undefined}
            data-testid={`language-option-${lng}`}
          >
            {languageNames[lng]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
