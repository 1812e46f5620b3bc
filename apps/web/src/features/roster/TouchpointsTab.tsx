import type { Creator } from '@evergreen/contracts';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ListTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useDeleteTouchpoint, useTouchpoints } from './api.ts';
import { TouchpointForm } from './TouchpointForm.tsx';

/** Log a touchpoint and see them all; managers may delete one logged by mistake. */
export function TouchpointsTab({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const heading = useHeadings('touchpoint');
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const touchpoints = useTouchpoints(workspaceId, creator.id);
  const remove = useDeleteTouchpoint(workspaceId, creator.id);
  const handleError = useApiErrorHandler();

  return (
    <Stack gap="lg">
      {canWrite ? (
        <Paper withBorder radius="md" p="lg">
          <Title order={3} size="h5" mb="sm">
            {t('touchpoint.formTitle')}
          </Title>
          <TouchpointForm
            workspaceId={workspaceId}
            creatorId={creator.id}
            creatorName={creator.displayName}
            defaultChannel={creator.preferredChannel}
          />
        </Paper>
      ) : null}
      <ListTable
        query={touchpoints}
        emptyTestId="touchpoints-empty"
        emptyText={t('touchpoint.empty')}
        minWidth={680}
        testId="touchpoints-table"
        columns={[
          ...heading(
            { key: 'date', w: 130 },
            { key: 'kind', w: 170 },
            { key: 'channel', w: 150 },
            'summary',
            { key: 'by', w: 150 },
          ),
          ...(canWrite ? [{ w: 60, ariaLabel: t('common.actions') }] : []),
        ]}
      >
        {(data) =>
          data.map((tp) => (
            <Table.Tr key={tp.id} data-testid={`touchpoint-row-${tp.id}`}>
              <Table.Td>
                <Text size="sm">{fmt.day(tp.occurredOn)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`creator.kind.${tp.kind}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`creator.channel.${tp.channel}`)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={tp.summary ? undefined : 'dimmed'}>
                  {tp.summary || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{tp.byName ?? t('audit.system')}</Text>
              </Table.Td>
              {canWrite ? (
                <Table.Td>
                  <ConfirmButton
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    px={6}
                    title={t('touchpoint.deleteTitle')}
                    message={t('touchpoint.deleteText')}
                    confirmLabel={t('touchpoint.delete')}
                    ariaLabel={t('touchpoint.deleteAria', { date: fmt.day(tp.occurredOn) })}
                    loading={remove.isPending && remove.variables === tp.id}
                    onConfirm={() => remove.mutateAsync(tp.id).catch((error: unknown) => handleError(error))}
                    testId={`touchpoint-delete-${tp.id}`}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ConfirmButton>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))
        }
      </ListTable>
    </Stack>
  );
}
