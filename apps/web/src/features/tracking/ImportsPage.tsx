import { type ImportKind, importKinds } from '@evergreen/contracts';
import { Alert, Anchor, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, QueryStates, useHeadings } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useImportRuns } from './api.ts';
import { RunPanel, StatusBadge } from './ImportRun.tsx';
import { Columns, UploadForm } from './ImportUpload.tsx';

const isKind = (value: string | null): value is ImportKind =>
  (importKinds as readonly (string | null)[]).includes(value);

/** Upload a posts, metrics or orders CSV, watch it run, read the result; recent imports. */
export function ImportsPage() {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const kindParam = searchParams.get('kind');
  const kind: ImportKind = isKind(kindParam) ? kindParam : 'orders';
  const [runId, setRunId] = useState<string | null>(null);
  // Three kinds side by side do not fit a phone: stacked there.
  const narrow = useMediaQuery('(max-width: 30em)');

  const setKind = (value: string) => {
    const next = new URLSearchParams(searchParams);
    next.set('kind', value);
    setSearchParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <SegmentedControl
              value={kind}
              onChange={setKind}
              data={importKinds.map((k) => ({
                value: k,
                label: <span data-testid={`import-kind-${k}`}>{t(`imports.kinds.${k}`)}</span>,
              }))}
              aria-label={t('imports.kind')}
              orientation={narrow ? 'vertical' : 'horizontal'}
              style={{ alignSelf: 'flex-start' }}
            />
            <Columns kind={kind} />
            {canWrite ? (
              <UploadForm key={kind} workspaceId={workspaceId} kind={kind} onStarted={setRunId} />
            ) : (
              <Alert color="gray" variant="light">
                {t('imports.readOnly')}
              </Alert>
            )}
          </Stack>
        </Paper>
        {runId ? <RunPanel workspaceId={workspaceId} runId={runId} /> : null}
        <RecentImports workspaceId={workspaceId} onOpen={setRunId} />
      </Stack>
    </>
  );
}

function RecentImports({ workspaceId, onOpen }: { workspaceId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const heading = useHeadings('imports');
  const fmt = useFormatters();
  const runs = useImportRuns(workspaceId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="imports-recent">
      <Title order={2} size="h4" id="imports-recent">
        {t('imports.recent')}
      </Title>
      <QueryStates
        query={runs}
        isEmpty={(data) => data.length === 0}
        empty={
          <Text size="sm" c="dimmed">
            {t('imports.none')}
          </Text>
        }
      >
        {(data) => (
          <DataTable
            minWidth={640}
            verticalSpacing="xs"
            fz="sm"
            testId="imports-list"
            columns={heading('started', 'kind', 'file', 'statusLabel', { key: 'summary', right: true })}
          >
            {data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component="button" type="button" size="sm" onClick={() => onOpen(r.id)}>
                    {fmt.dateTime(r.startedAt)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`imports.kinds.${r.kind}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1} maw={240}>
                    {r.fileName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge run={r} />
                </Table.Td>
                <Table.Td ta="right">
                  {r.result
                    ? t('csv.result', {
                        created: r.result.created,
                        updated: r.result.updated,
                        unchanged: r.result.unchanged,
                        skipped: r.result.skipped,
                      })
                    : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryStates>
    </Stack>
  );
}
