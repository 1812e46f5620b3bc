import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { fetchMe, meKey } from '../features/auth/api.ts';
import { onUnauthenticated, setCsrfRefresher } from '../shared/api/client.ts';
import { LanguageSync } from './LanguageSync.tsx';
import { createQueryClient } from './queryClient.ts';
import { router } from './router.tsx';
import { colorSchemeManager, theme } from './theme.ts';

export function App() {
  const [queryClient] = useState(createQueryClient);

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
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <LanguageSync />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
