import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UserMenu } from '../../app/UserMenu.tsx';
import { ColorSchemeToggle } from '../../shared/ui/ColorSchemeToggle.tsx';
import { LanguageSwitcher } from '../../shared/ui/LanguageSwitcher.tsx';
import { Logo } from '../../shared/ui/Logo.tsx';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';

/** For a signed-in user who belongs to no workspace yet. */
export function FirstWorkspacePage() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh">
      <Group component="header" justify="space-between" px="lg" py="sm">
        <Logo />
        <Group gap="xs">
          <LanguageSwitcher />
          <ColorSchemeToggle />
          <UserMenu />
        </Group>
      </Group>
      <Container size={640} py={40} component="main" data-testid="first-workspace">
        <Stack gap="lg">
          <Stack gap={4}>
            <Title order={1} size="h2">
              {t('workspace.first.title')}
            </Title>
            <Text c="dimmed">{t('workspace.first.text')}</Text>
          </Stack>
          <Paper withBorder p="lg" radius="md">
            <CreateWorkspaceForm />
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
