import { Avatar, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCalendarShare, IconChevronDown, IconLogout, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLogout, useMe } from '../features/auth/api.ts';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { workspaceId } = useParams();
  const user = me.data?.user;
  if (!user) return null;

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => navigate('/signin', { replace: true }) });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu" style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          {/* The button's name is its text, the same on a phone (initials only) and a desktop (WCAG 2.5.3). */}
          <VisuallyHidden>{t('userMenu.label', { name: user.name })}</VisuallyHidden>
          <Avatar size={30} radius="xl" color="teal" aria-hidden>
            {initials(user.name)}
          </Avatar>
          <Text size="sm" fw={500} visibleFrom="sm" aria-hidden>
            {user.name}
          </Text>
          <IconChevronDown size={14} aria-hidden />
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        {workspaceId ? (
          <Menu.Item
            component={Link}
            to={`/w/${workspaceId}/account`}
            leftSection={<IconShieldLock size={16} aria-hidden />}
            data-testid="user-menu-account"
          >
            {t('userMenu.account')}
          </Menu.Item>
        ) : null}
        {workspaceId ? (
          <Menu.Item
            component={Link}
            to={`/w/${workspaceId}/settings/calendar`}
            leftSection={<IconCalendarShare size={16} aria-hidden />}
            data-testid="user-menu-calendar"
          >
            {t('userMenu.calendar')}
          </Menu.Item>
        ) : null}
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut} data-testid="signout">
          {t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
