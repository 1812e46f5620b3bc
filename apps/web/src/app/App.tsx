import { MantineProvider, mergeThemeOverrides, Notification } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { fetchMe, meKey } from '../features/auth/api.ts';
import { onUnauthenticated, setCsrfRefresher } from '../shared/api/client.ts';
import { LanguageSync } from './LanguageSync.tsx';
import { createQueryClient } from './queryClient.ts';
import { router } from './router.tsx';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme.ts';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t } = useTranslation();
  // Every toast's close button has a name in the page's language (axe: button-name).
  const localizedTheme = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
          }),
        },
      }),
    [t],
  );

  useEffect(() => {
    setCsrfRefresher(async () => {
      queryClient.setQueryData(meKey, await fetchMe());
    });
    // A session that ended (expired, signed out elsewhere) sends the user back to sign in.
    return onUnauthenticated(() => {
      if (queryClient.getQueryData(meKey)) queryClient.setQueryData(meKey, null);
    });
  }, [queryClient]);

  return (
    <MantineProvider
      theme={localizedTheme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="light"
    >
      {/* Bottom left, three at most: clear of the header, the page's actions and a dialog's buttons. */}
      <Notifications position="bottom-left" limit={3} />
      <QueryClientProvider client={queryClient}>
        <LanguageSync />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
