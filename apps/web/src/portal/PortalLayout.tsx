import { Anchor, Box, Button, Container, Group, Stack, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useOutletContext } from 'react-router';
import { currentLanguage, setLanguage } from '../shared/i18n/i18n.ts';
import { LanguageSwitcher } from '../shared/ui/LanguageSwitcher.tsx';
import { FullPageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { usePortalMe, usePortalSignOut } from './api.ts';

export interface PortalContext {
  /** The brand's workspace: the portal's query keys and writes are per workspace. */
  ws: string;
  creatorName: string;
}
export const usePortal = () => useOutletContext<PortalContext>();

const sections = [
  'briefs',
  'agreements',
  'deliverables',
  'payments',
  'results',
  'feedback',
  'calendar',
] as const;

/**
 * The creator portal's frame: phone-first, one column, the brand in view named at the top
 * (a creator working with two brands signs in to each separately).
 */
export function PortalLayout() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const signOut = usePortalSignOut();
  const languageSet = useRef(false);
  const language = me.data?.language;
  useEffect(() => {
    if (!language || languageSet.current) return;
    languageSet.current = true;
    if (language !== currentLanguage()) void setLanguage(language);
  }, [language]);

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) return <Navigate to="/portal/sign-in" replace />;

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Box
        component="header"
        px="md"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} truncate data-testid="portal-brand">
              {me.data.workspace.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {t('portal.signedInAs', { name: me.data.creator.name })}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitcher />
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconLogout size={14} aria-hidden />}
              onClick={() => signOut.mutate()}
              data-testid="portal-sign-out"
            >
              {t('portal.signOut')}
            </Button>
          </Group>
        </Group>
        <Group component="nav" aria-label={t('portal.nav')} gap="md" mt="xs">
          {sections.map((s) => (
            <Anchor
              key={s}
              component={NavLink}
              to={`/portal/${s}`}
              size="sm"
              fw={600}
              data-testid={`portal-nav-${s}`}
            >
              {t(`portal.sections.${s}`)}
            </Anchor>
          ))}
        </Group>
      </Box>
      <Container size={720} px="md" py="md" component="main">
        <Outlet
          context={{ ws: me.data.workspace.id, creatorName: me.data.creator.name } satisfies PortalContext}
        />
      </Container>
    </Box>
  );
}
