import { Box, Container, Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { ColorSchemeToggle } from '../shared/ui/ColorSchemeToggle.tsx';
import { LanguageSwitcher } from '../shared/ui/LanguageSwitcher.tsx';
import { Logo } from '../shared/ui/Logo.tsx';

/** Frame of the pages seen before signing in: sign in, sign up, invitations. */
export function PublicLayout() {
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group component="header" justify="space-between" px="lg" py="sm">
        <Logo />
        <Group gap="xs">
          <LanguageSwitcher />
          <ColorSchemeToggle />
        </Group>
      </Group>
      <Container size={460} py={40} component="main">
        <Outlet />
      </Container>
    </Box>
  );
}

export function CenteredPanel({ children }: { children: ReactNode }) {
  return (
    <Container size={520} py={80}>
      <Paper withBorder p="xl" radius="md">
        {children}
      </Paper>
    </Container>
  );
}
