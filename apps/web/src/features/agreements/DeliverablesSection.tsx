import { type Agreement, type Deliverable, deliverableStatuses } from '@evergreen/contracts';
import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { platformNames } from '../roster/handles.ts';
import { useSavePost } from '../tracking/api.ts';
import { PostCostCell } from '../tracking/PostCostCell.tsx';
import { PostForm } from '../tracking/PostForm.tsx';
import { isDeliverableStatus, postStatusColors } from '../tracking/rules.ts';
import { itemLabel } from './AgreementBadges.tsx';
import { useAgreementDeliverables } from './api.ts';

type Status = Deliverable['status'];

/** The deliverables recorded under an agreement, and recording one by hand. */
export function DeliverablesSection({
  workspaceId,
  agreement: a,
  canWrite,
}: {
  workspaceId: string;
  agreement: Agreement;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const heading = useHeadings('agreements.deliverables');
  const fmt = useFormatters();
  const list = useAgreementDeliverables(workspaceId, a.id);
  // The Posts page's save: it refreshes this list and the ledger, and Posts and Today too.
  const save = useSavePost(workspaceId);
  const handleError = useApiErrorHandler();
  const [adding, setAdding] = useState(false);
  const statusData = deliverableStatuses.map((s) => ({
    value: s,
    label: t(`agreements.deliverables.statuses.${s}`),
  }));

  const setStatus = (d: Deliverable, status: Status) =>
    save.mutate(
      // Going live without a posted day would leave it out of the ledger: today, then.
      {
        id: d.id,
        body: {
          status,
          ...(status === 'live' && !d.postedAt ? { postedAt: new Date().toISOString() } : {}),
        },
      },
      { onError: (error) => handleError(error) },
    );

  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby="deliverables-heading"
      data-testid="agreement-deliverables"
    >
      <Group justify="space-between">
        <Title order={2} size="h4" id="deliverables-heading">
          {t('agreements.deliverables.title')}
        </Title>
        {canWrite ? (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="deliverable-add"
          >
            {t('agreements.deliverables.add')}
          </Button>
        ) : null}
      </Group>
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.deliverables.empty')}
        </Text>
      ) : (
        <DataTable
          minWidth={760}
          verticalSpacing="xs"
          columns={heading('type', 'titleColumn', 'dueOn', 'postedOn', 'status', {
            key: 'cost',
            right: true,
          })}
        >
          {list.data.map((d) => (
            <Table.Tr key={d.id} data-testid={`deliverable-row-${d.id}`}>
              <Table.Td>
                <Text size="sm">{itemLabel(d.type, t)}</Text>
                {d.platform ? (
                  <Text size="xs" c="dimmed">
                    {d.platform === 'other'
                      ? t('agreements.deliverables.otherPlatform')
                      : platformNames[d.platform]}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {d.url && /^https?:\/\//i.test(d.url) ? (
                  <Anchor href={d.url} target="_blank" rel="noopener noreferrer" size="sm">
                    {d.title || t('agreements.deliverables.link')}{' '}
                    <IconExternalLink size={12} aria-hidden style={{ verticalAlign: -1 }} />
                  </Anchor>
                ) : (
                  <Text size="sm" c={d.title ? undefined : 'dimmed'}>
                    {d.title || '—'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.dueOn ? fmt.day(d.dueOn) : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{d.postedAt ? fmt.day(d.postedAt.slice(0, 10)) : '—'}</Text>
              </Table.Td>
              <Table.Td>
                {canWrite ? (
                  <Select
                    size="xs"
                    w={140}
                    data={statusData}
                    value={d.status}
                    allowDeselect={false}
                    aria-label={t('agreements.deliverables.status')}
                    onChange={(value) =>
                      isDeliverableStatus(value) && value !== d.status ? setStatus(d, value) : undefined
                    }
                    data-testid={`deliverable-status-${d.id}`}
                  />
                ) : (
                  <Badge variant="light" color={postStatusColors[d.status]} tt="none">
                    {t(`agreements.deliverables.statuses.${d.status}`)}
                  </Badge>
                )}
              </Table.Td>
              <PostCostCell post={d} />
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('agreements.deliverables.formTitle')}
        size="lg"
      >
        {adding ? (
          <PostForm workspaceId={workspaceId} post={null} agreement={a} onDone={() => setAdding(false)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
