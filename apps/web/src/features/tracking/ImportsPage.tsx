import {
  type CsvImportMode,
  type CsvRowError,
  type ImportKind,
  type ImportRun,
  importKinds,
} from '@evergreen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import en from '../../locales/en.json';
import { useErrorText } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import {
  fileHead,
  type ImportReading,
  useImportRun,
  useImportRuns,
  useInvalidateTracking,
  useStartImport,
} from './api.ts';
import { MappingStep } from './MappingStep.tsx';
import { importColumns, progressPercent } from './rules.ts';

const isKind = (value: string | null): value is ImportKind =>
  (importKinds as readonly (string | null)[]).includes(value);

/** "Row 5, column amount: …": the code worded in the interface language, the server's words as a last resort. */
export function rowErrorText(e: Pick<CsvRowError, 'code' | 'message'>, t: TFunction): string {
  if (Object.hasOwn(en.imports.errors, e.code))
    return t(`imports.errors.${e.code as keyof typeof en.imports.errors}`);
  if (Object.hasOwn(en.csv.errors, e.code)) return t(`csv.errors.${e.code as keyof typeof en.csv.errors}`);
  return t('csv.errors.invalid_value');
}

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

function Columns({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const cols = importColumns[kind];
  return (
    <Stack gap={6} data-testid="import-columns">
      <Text size="sm">{t(`imports.help.${kind}`)}</Text>
      <Group gap={6}>
        <Text size="sm" fw={500}>
          {t('imports.requiredColumns')}
        </Text>
        {cols.required.map((c) => (
          <Code key={c}>{c}</Code>
        ))}
      </Group>
      <Group gap={6}>
        <Text size="sm" fw={500}>
          {t('imports.optionalColumns')}
        </Text>
        {cols.optional.map((c) => (
          <Code key={c}>{c}</Code>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('imports.docs')} <Code>docs/csv.md</Code>
      </Text>
    </Stack>
  );
}

function UploadForm({
  workspaceId,
  kind,
  onStarted,
}: {
  workspaceId: string;
  kind: ImportKind;
  onStarted: (id: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const start = useStartImport(workspaceId);
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<{ key: string; head: Blob } | null>(null);
  const [reading, setReading] = useState<ImportReading | null>(null);
  const [mode, setMode] = useState<CsvImportMode>('all_or_nothing');
  const [failure, setFailure] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<number | null>(null);

  const choose = (next: File | null) => {
    setFile(next);
    setHead(null);
    setReading(null);
    setFailure(null);
    // The preview reads the file's first 256 KB (whole lines), as the import checks it.
    if (next)
      void fileHead(next).then((blob) =>
        setHead({ key: `${next.name}:${next.size}:${next.lastModified}:${Math.random()}`, head: blob }),
      );
  };

  const submit = () => {
    if (!file || !reading) return;
    setFailure(null);
    setUploaded(0);
    start.mutate(
      {
        kind,
        file,
        mode,
        reading,
        onUpload: (p) => setUploaded(Math.floor((p.loaded / p.total) * 100)),
      },
      {
        onSuccess: (run) => {
          onStarted(run.id);
          choose(null);
        },
        onError: (error) => setFailure(errorText(error)),
        onSettled: () => setUploaded(null),
      },
    );
  };

  return (
    <Stack gap="sm">
      <FileInput
        label={t('imports.file')}
        placeholder={t('csv.choose')}
        accept=".csv,text/csv,text/plain"
        value={file}
        onChange={choose}
        clearable
        clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
        leftSection={<IconFileUpload size={16} aria-hidden />}
        maw={480}
        data-testid="import-file"
      />
      {head ? (
        <MappingStep
          key={head.key}
          workspaceId={workspaceId}
          kind={kind}
          file={head}
          onReading={setReading}
        />
      ) : null}
      <Radio.Group
        label={t('csv.mode')}
        value={mode}
        onChange={(value) => setMode(value === 'valid_rows' ? 'valid_rows' : 'all_or_nothing')}
      >
        <Stack gap={6} mt={6}>
          <Radio value="all_or_nothing" label={t('csv.modes.all_or_nothing')} data-testid="import-mode-all" />
          <Radio value="valid_rows" label={t('csv.modes.valid_rows')} data-testid="import-mode-valid" />
        </Stack>
      </Radio.Group>
      {start.isPending && uploaded !== null ? (
        <Stack gap={4} maw={480} data-testid="import-upload">
          <Progress value={uploaded} size="lg" aria-label={t('imports.progress')} />
          <Text size="sm" c="dimmed" data-testid="import-upload-text">
            {uploaded < 100 ? t('imports.uploading', { percent: uploaded }) : t('imports.uploaded')}
          </Text>
        </Stack>
      ) : null}
      {failure ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {failure}
        </Alert>
      ) : null}
      <Group>
        <Button
          leftSection={<IconUpload size={16} aria-hidden />}
          onClick={submit}
          disabled={!file || !reading}
          loading={start.isPending}
          data-testid="import-start"
        >
          {t('imports.start')}
        </Button>
      </Group>
    </Stack>
  );
}

function RunPanel({ workspaceId, runId }: { workspaceId: string; runId: string }) {
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

function RunView({ run }: { run: ImportRun }) {
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
              <Count label={t('imports.counts.total')} value={result.totalRows} testId="import-count-total" />
              <Count
                label={t('imports.counts.created')}
                value={result.created}
                testId="import-count-created"
              />
              <Count
                label={t('imports.counts.updated')}
                value={result.updated}
                testId="import-count-updated"
              />
              <Count
                label={t('imports.counts.unchanged')}
                value={result.unchanged}
                testId="import-count-unchanged"
              />
              <Count
                label={t('imports.counts.skipped')}
                value={result.skipped}
                testId="import-count-skipped"
              />
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

function StatusBadge({ run }: { run: ImportRun }) {
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

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
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

function RowErrors({ errors, count }: { errors: CsvRowError[]; count: number }) {
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

function RecentImports({ workspaceId, onOpen }: { workspaceId: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const runs = useImportRuns(workspaceId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="imports-recent">
      <Title order={2} size="h4" id="imports-recent">
        {t('imports.recent')}
      </Title>
      {runs.isPending ? (
        <PageLoader />
      ) : runs.isError ? (
        <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('imports.none')}
        </Text>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" fz="sm" data-testid="imports-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.started')}</Table.Th>
                  <Table.Th>{t('imports.kind')}</Table.Th>
                  <Table.Th>{t('imports.file')}</Table.Th>
                  <Table.Th>{t('imports.statusLabel')}</Table.Th>
                  <Table.Th ta="right">{t('imports.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.data.map((r) => (
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
