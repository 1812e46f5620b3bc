import { Button, Menu, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../auth/api.ts';
import { useCurrentWorkspace } from './api.ts';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';

export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { summary } = useCurrentWorkspace();
  const [createOpened, createModal] = useDisclosure(false);
  const workspaces = me.data?.workspaces ?? [];

  return (
    <>
      <Menu position="bottom-start" withinPortal width={300}>
        <Menu.Target>
          <Button
            variant="default"
            size="sm"
            rightSection={<IconSelector size={16} aria-hidden />}
            // The name starts with what the button shows (WCAG 2.5.3, label in name).
            aria-label={summary ? t('workspace.switcher.current', { name: summary.name }) : undefined}
            data-testid="workspace-switcher"
            maw={{ base: 150, sm: 320 }}
            miw={0}
            styles={{ inner: { justifyContent: 'space-between' }, label: { minWidth: 0 } }}
            title={summary?.name}
          >
            <Text span size="sm" fw={600} truncate="end">
              {summary?.name ?? t('workspace.switcher.choose')}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('workspace.switcher.heading')}</Menu.Label>
          {workspaces.map((ws) => (
            <Menu.Item
              key={ws.id}
              onClick={() => navigate(`/w/${ws.id}`)}
              rightSection={ws.id === summary?.id ? <IconCheck size={14} aria-hidden /> : null}
              aria-current={ws.id === summary?.id ? 'true' : undefined}
              data-testid={`workspace-option-${ws.id}`}
            >
              <Text size="sm" truncate>
                {ws.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`roles.${ws.role}`)}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={createModal.open}
            data-testid="workspace-create"
          >
            {t('workspace.create.title')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={createOpened} onClose={createModal.close} title={t('workspace.create.title')} size="lg">
        <CreateWorkspaceForm onCancel={createModal.close} onCreated={createModal.close} />
      </Modal>
    </>
  );
}
