import type { AuditEntry } from '@evergreen/contracts';
import { Button, Center, Code, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { OwnerOnly, PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useAuditLog } from './api.ts';
import {
  auditActionText,
  auditChangeText,
  auditCurrency,
  auditEntityText,
  auditFieldLabel,
} from './auditText.ts';

export function AuditPage() {
  const { t } = useTranslation();
  const { workspaceId, isOwner } = useCurrentWorkspace();
  return (
    <>
      <PageHeader title={t('settings.audit.title')} description={t('settings.audit.description')} />
      {isOwner ? <AuditContent workspaceId={workspaceId} /> : <OwnerOnly />}
    </>
  );
}

/** `{ role: { from: "manager", to: "owner" } }` reads as "Role: Manager → Owner". */
function Changes({ changes, entityType }: { changes: AuditEntry['changes']; entityType: string }) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const ctx = { entityType, currency: auditCurrency(changes) };
  if (!changes || Object.keys(changes).length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {Object.entries(changes).map(([key, value]) => {
        const label = auditFieldLabel(key, t);
        return (
          <Text size="xs" key={key} style={{ wordBreak: 'break-word' }}>
            {label ? (
              <Text span inherit fw={600}>
                {label}:
              </Text>
            ) : (
              <Code>{key}</Code>
            )}{' '}
            {auditChangeText(key, value, t, lng, ctx)}
          </Text>
        );
      })}
    </Stack>
  );
}

function AuditContent({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const audit = useAuditLog(workspaceId);

  if (audit.isPending) return <PageLoader />;
  if (audit.isError) return <QueryError error={audit.error} onRetry={() => void audit.refetch()} />;
  const entries = audit.data.pages.flatMap((page) => page.entries);

  if (entries.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="audit-empty">
        {t('audit.empty')}
      </Text>
    );
  }

  return (
    <Stack gap="md">
      <DataTable
        minWidth={860}
        verticalSpacing="sm"
        striped
        testId="audit-table"
        columns={[
          { label: t('audit.time'), w: 190 },
          t('audit.actor'),
          t('audit.action'),
          t('audit.entity'),
          t('audit.changes'),
        ]}
      >
        {entries.map((entry) => (
          <Table.Tr key={entry.id} data-testid={`audit-row-${entry.id}`}>
            <Table.Td>
              <Text size="sm">{fmt.dateTime(entry.at)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{entry.actor ?? t('audit.system')}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={500} title={entry.action} data-testid={`audit-action-${entry.id}`}>
                {auditActionText(entry.action, t)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{auditEntityText(entry.entityType, t)}</Text>
              {entry.entityId ? (
                <Text size="xs" c="dimmed" ff="monospace" title={entry.entityId}>
                  {entry.entityId.length > 13 ? `${entry.entityId.slice(0, 8)}…` : entry.entityId}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td maw={380}>
              <Changes changes={entry.changes} entityType={entry.entityType} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Center>
        {audit.hasNextPage ? (
          <Button
            variant="default"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('audit.end')}
          </Text>
        )}
      </Center>
    </Stack>
  );
}
