import type { CsvRowError, ImportRun } from '@evergreen/contracts';
import {
  Alert,
  Badge,
  Code,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en.json';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useImportRun, useInvalidateTracking } from './api.ts';
import { progressPercent } from './rules.ts';

/** "Row 5, column amount: …": the code worded in the interface language, the server's words as a last resort. */
export function rowErrorText(e: Pick<CsvRowError, 'code' | 'message'>, t: TFunction): string {
  if (Object.hasOwn(en.imports.errors, e.code))
    return t(`imports.errors.${e.code as keyof typeof en.imports.errors}`);
  if (Object.hasOwn(en.csv.errors, e.code)) return t(`csv.errors.${e.code as keyof typeof en.csv.errors}`);
  return t('csv.errors.invalid_value');
}

export function RunPanel({ workspaceId, runId }: { workspaceId: string; runId: string }) {
  const run = useImportRun(workspaceId, runId);
  const invalidate = useInvalidateTracking(workspaceId);
  const status = run.data?.status;
  // Once the run has finished, what it wrote shows on every page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the status changes on purpose
  useEffect(() => {
    if (status && status !== 'running') void invalidate();
  }, [status]);
  if (run.isPending) return <PageLoader />;
  if (run.isError) return <QueryError error={run.error} onRetry={() => void run.refetch()} />;
  return <RunView run={run.data} />;
}

export function RunView({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const percent = progressPercent(run.progress);
  const result = run.result;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="import-run" data-status={run.status}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t(`imports.kinds.${run.kind}`)}
            {run.fileName ? (
              <Text span c="dimmed" fw={400} size="sm">
                {' · '}
                {run.fileName}
              </Text>
            ) : null}
          </Title>
          <StatusBadge run={run} />
        </Group>
        {run.status === 'running' ? (
          <Stack gap={6}>
            <Progress value={percent} animated striped size="lg" aria-label={t('imports.progress')} />
            <Text size="sm" c="dimmed" data-testid="import-progress">
              {t(`imports.phases.${run.progress.phase}`)}
              {run.progress.totalRows > 0
                ? ` · ${t('imports.rowsOf', {
                    done: fmt.number(run.progress.processedRows),
                    total: fmt.number(run.progress.totalRows),
                  })}`
                : null}
            </Text>
          </Stack>
        ) : (
          <Progress
            value={100}
            size="lg"
            color={
              run.status === 'interrupted'
                ? 'orange'
                : run.status === 'failed' || (result && !result.wrote)
                  ? 'red'
                  : 'teal'
            }
            aria-label={t('imports.progress')}
          />
        )}
        {run.status === 'interrupted' ? (
          <Alert color="orange" variant="light" data-testid="import-interrupted">
            {t('imports.interruptedText')}
          </Alert>
        ) : null}
        {run.error ? (
          <Alert color="red" variant="light" title={t('imports.failed')} data-testid="import-error">
            {run.error}
          </Alert>
        ) : null}
        {result ? (
          <>
            {!result.wrote && result.errorCount > 0 ? (
              <Alert color="red" variant="light" data-testid="import-nothing-written">
                {t('imports.nothingWritten')}
              </Alert>
            ) : null}
            <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="md" data-testid="import-counts">
              {(
                [
                  ['total', result.totalRows],
                  ['created', result.created],
                  ['updated', result.updated],
                  ['unchanged', result.unchanged],
                  ['skipped', result.skipped],
                ] as const
              ).map(([key, value]) => (
                <Count
                  key={key}
                  label={t(`imports.counts.${key}`)}
                  value={value}
                  testId={`import-count-${key}`}
                />
              ))}
            </SimpleGrid>
            {result.rowErrors.length > 0 ? (
              <RowErrors errors={result.rowErrors} count={result.errorCount} />
            ) : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function StatusBadge({ run }: { run: ImportRun }) {
  const { t } = useTranslation();
  const failed =
    run.status === 'failed' || (run.result !== null && !run.result.wrote && run.result.errorCount > 0);
  const color =
    run.status === 'running'
      ? 'blue'
      : run.status === 'interrupted'
        ? 'orange'
        : failed
          ? 'red'
          : run.result?.errorCount
            ? 'yellow'
            : 'teal';
  return (
    <Badge
      variant="light"
      color={color}
      tt="none"
      leftSection={run.status === 'done' && !failed ? <IconCheck size={12} aria-hidden /> : null}
      data-testid="import-status"
    >
      {t(`imports.status.${failed ? 'failed' : run.status}`)}
    </Badge>
  );
}

export function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  const fmt = useFormatters();
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={600} data-testid={testId}>
        {fmt.number(value)}
      </Text>
    </Stack>
  );
}

export function RowErrors({ errors, count }: { errors: CsvRowError[]; count: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('imports.rowErrors', { count })}
      </Text>
      <Table.ScrollContainer minWidth={480} mah={360}>
        <Table verticalSpacing={4} fz="sm" striped data-testid="import-row-errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('csv.row')}</Table.Th>
              <Table.Th w={180}>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one cell can fail twice; the list is never reordered
              <Table.Tr key={`${e.row}-${e.column}-${i}`} data-testid={`import-row-error-${e.row}`}>
                <Table.Td data-testid="import-row-error-row">{e.row}</Table.Td>
                <Table.Td data-testid="import-row-error-column">
                  {e.column ? <Code>{e.column}</Code> : '—'}
                </Table.Td>
                <Table.Td>{rowErrorText(e, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {count > errors.length ? (
        <Text size="xs" c="dimmed">
          {t('csv.more', { count: count - errors.length })}
        </Text>
      ) : null}
    </Stack>
  );
}
