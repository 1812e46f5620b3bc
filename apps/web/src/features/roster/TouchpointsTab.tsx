import type { Creator } from '@evergreen/contracts';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useDeleteTouchpoint, useTouchpoints } from './api.ts';
import { TouchpointForm } from './TouchpointForm.tsx';

/** Log a touchpoint and see them all; managers may delete one logged by mistake. */
export function TouchpointsTab({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
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
      {touchpoints.isPending ? (
        <PageLoader />
      ) : touchpoints.isError ? (
        <QueryError error={touchpoints.error} onRetry={() => void touchpoints.refetch()} />
      ) : touchpoints.data.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="touchpoints-empty">
          {t('touchpoint.empty')}
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={680}>
            <Table verticalSpacing="sm" data-testid="touchpoints-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>{t('touchpoint.date')}</Table.Th>
                  <Table.Th w={170}>{t('touchpoint.kind')}</Table.Th>
                  <Table.Th w={150}>{t('touchpoint.channel')}</Table.Th>
                  <Table.Th>{t('touchpoint.summary')}</Table.Th>
                  <Table.Th w={150}>{t('touchpoint.by')}</Table.Th>
                  {canWrite ? <Table.Th w={60} aria-label={t('common.actions')} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {touchpoints.data.map((tp) => (
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
                      <Text
                        size="sm"
                        style={{ whiteSpace: 'pre-wrap' }}
                        c={tp.summary ? undefined : 'dimmed'}
                      >
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
                          onConfirm={() =>
                            remove.mutateAsync(tp.id).catch((error: unknown) => handleError(error))
                          }
                          testId={`touchpoint-delete-${tp.id}`}
                        >
                          <IconTrash size={16} aria-hidden />
                        </ConfirmButton>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
