import type { MessageTemplate } from '@evergreen/contracts';
import { Alert, Badge, Button, Code, Group, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconEye, IconLock, IconPencil, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, QueryStates, useHeadings } from '../../shared/layout/ListPage.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useDeleteTemplate, useTemplates } from './api.ts';
import { TemplateForm } from './TemplateForm.tsx';
import { templateName } from './templateForm.ts';

/** Settings → Message templates: the built-ins merged with the workspace's own. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const templates = useTemplates(workspaceId);
  // undefined: closed; null: a new template.
  const [editing, setEditing] = useState<MessageTemplate | null | undefined>(undefined);
  const fullScreen = useMediaQuery('(max-width: 48em)');

  const title =
    editing === undefined
      ? ''
      : editing === null
        ? t('templates.createTitle')
        : t(canWrite ? 'templates.editTitle' : 'templates.viewTitle', { name: templateName(editing, t) });

  return (
    <>
      <PageHeader
        title={t('settings.templates.title')}
        description={t('settings.templates.description')}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setEditing(null)}
              style={{ flexShrink: 0 }}
              data-testid="template-new"
            >
              {t('templates.new')}
            </Button>
          ) : null
        }
      />
      {!canWrite ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} mb="md">
          {t('templates.readOnly')}
        </Alert>
      ) : null}
      <QueryStates query={templates}>
        {(data) => (
          <TemplatesTable
            workspaceId={workspaceId}
            templates={data}
            canWrite={canWrite}
            onEdit={setEditing}
          />
        )}
      </QueryStates>
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={title}
        size={1180}
        fullScreen={fullScreen}
        closeOnClickOutside={false}
      >
        {editing !== undefined ? (
          <TemplateForm
            key={editing?.key ?? 'new'}
            workspaceId={workspaceId}
            template={editing}
            canWrite={canWrite}
            existingKeys={templates.data?.map((tpl) => tpl.key) ?? []}
            onDone={() => setEditing(undefined)}
          />
        ) : null}
      </Modal>
    </>
  );
}

function TemplatesTable({
  workspaceId,
  templates,
  canWrite,
  onEdit,
}: {
  workspaceId: string;
  templates: MessageTemplate[];
  canWrite: boolean;
  onEdit: (tpl: MessageTemplate) => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteTemplate(workspaceId);
  const heading = useHeadings('templates.columns');

  return (
    <DataTable
      minWidth={760}
      testId="templates-table"
      columns={heading('name', 'kind', 'languages', 'origin')}
      actions
    >
      {templates.map((tpl) => {
        const name = templateName(tpl, t);
        const overridden = tpl.builtIn && tpl.id !== null;
        return (
          <Table.Tr key={tpl.key} data-testid={`template-row-${tpl.key}`}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {name}
              </Text>
              <Code fz="xs" c="dimmed" bg="transparent" p={0}>
                {tpl.key}
              </Code>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`creator.kind.${tpl.kind}`)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6}>
                {tpl.variants.map((v) => (
                  <Tooltip
                    key={v.language}
                    withArrow
                    label={t(
                      v.source === 'workspace'
                        ? 'templates.variantTooltip.workspace'
                        : 'templates.variantTooltip.default',
                      { language: t(`templates.languages.${v.language}`) },
                    )}
                  >
                    <Badge
                      variant={v.source === 'workspace' ? 'light' : 'outline'}
                      color={v.source === 'workspace' ? 'teal' : 'gray'}
                      data-source={v.source}
                      data-testid={`template-variant-${tpl.key}-${v.language}`}
                    >
                      {v.language.toUpperCase()}
                    </Badge>
                  </Tooltip>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>
              <Badge
                variant="light"
                color={overridden ? 'blue' : tpl.builtIn ? 'gray' : 'teal'}
                data-testid={`template-origin-${tpl.key}`}
              >
                {t(
                  overridden
                    ? 'templates.origin.overridden'
                    : tpl.builtIn
                      ? 'templates.origin.builtIn'
                      : 'templates.origin.custom',
                )}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={
                    canWrite ? <IconPencil size={14} aria-hidden /> : <IconEye size={14} aria-hidden />
                  }
                  onClick={() => onEdit(tpl)}
                  aria-label={t(canWrite ? 'templates.editAria' : 'templates.viewAria', { name })}
                  data-testid={`template-edit-${tpl.key}`}
                >
                  {t(canWrite ? 'templates.edit' : 'templates.view')}
                </Button>
                {canWrite && tpl.id !== null ? (
                  <MutationConfirmButton
                    mutation={remove}
                    variables={tpl.id}
                    done={() => t(overridden ? 'templates.restored' : 'templates.deleted', { name })}
                    color={overridden ? 'gray' : 'red'}
                    leftSection={
                      overridden ? <IconRestore size={14} aria-hidden /> : <IconTrash size={14} aria-hidden />
                    }
                    title={t(overridden ? 'templates.resetTitle' : 'templates.deleteTitle')}
                    message={t(overridden ? 'templates.resetText' : 'templates.deleteText', { name })}
                    ariaLabel={t(overridden ? 'templates.resetAria' : 'templates.deleteAria', { name })}
                    testId={`template-delete-${tpl.key}`}
                  >
                    {t(overridden ? 'templates.reset' : 'templates.delete')}
                  </MutationConfirmButton>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
