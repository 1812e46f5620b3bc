import type { CreatorImportPreview, CsvImportMode } from '@evergreen/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Radio,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError } from '../../shared/api/client.ts';
import { useErrorText } from '../../shared/api/useApiErrorHandler.ts';
import { CsvFileStep, useCsvFile } from '../tracking/CsvFileStep.tsx';
import { useImportCreators, usePreviewImport } from './api.ts';
import { type CsvProblem, csvProblemText, problemFromRowError, problemsFromIssues } from './csvText.ts';
import { filtersToApiQuery, type RosterFilters } from './filters.ts';

const MAX_BYTES = 5 * 1024 * 1024;

/** "Export CSV" (the roster as filtered) and, for owners and managers, "Import CSV". */
export function CsvActions({
  workspaceId,
  canWrite,
  filters,
}: {
  workspaceId: string;
  canWrite: boolean;
  filters: RosterFilters;
}) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  const exportHref = `${API_BASE}/workspaces/${workspaceId}/creators/export.csv?${new URLSearchParams(filtersToApiQuery(filters))}`;
  return (
    <>
      <Button
        component="a"
        href={exportHref}
        download
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
        data-testid="roster-export"
      >
        {t('csv.export')}
      </Button>
      {canWrite ? (
        <Button
          variant="default"
          leftSection={<IconUpload size={16} aria-hidden />}
          onClick={() => setImporting(true)}
          data-testid="roster-import"
        >
          {t('csv.import')}
        </Button>
      ) : null}
      <Modal
        opened={importing}
        onClose={() => setImporting(false)}
        title={t('csv.importTitle')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {importing ? <ImportForm workspaceId={workspaceId} onClose={() => setImporting(false)} /> : null}
      </Modal>
    </>
  );
}

function ImportForm({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const previewImport = usePreviewImport(workspaceId);
  const runImport = useImportCreators(workspaceId);
  const [preview, setPreview] = useState<CreatorImportPreview | null>(null);
  const [problems, setProblems] = useState<CsvProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [mode, setMode] = useState<CsvImportMode>('all_or_nothing');

  const showError = (error: unknown) => {
    if (error instanceof ApiError && error.fields.length > 0) {
      setProblems(problemsFromIssues(error.fields));
      setFailure(t('csv.refused'));
    } else {
      setFailure(errorText(error));
    }
  };

  const csvFile = useCsvFile({
    onChoose: () => {
      setPreview(null);
      setProblems([]);
      setFailure(null);
    },
    accept: (chosen) => {
      if (chosen.size <= MAX_BYTES) return true;
      setFailure(t('csv.tooLarge'));
      return false;
    },
  });
  const { csv, reading } = csvFile;

  const readingKey = JSON.stringify(reading);
  // biome-ignore lint/correctness/useExhaustiveDependencies: previews the rows when the reading changes
  useEffect(() => {
    setPreview(null);
    setProblems([]);
    if (!csv || !reading) return;
    setFailure(null);
    previewImport.mutate(
      { csv, reading },
      {
        onSuccess: (result) => {
          setPreview(result);
          setProblems(result.rows.flatMap((row) => row.errors.map(problemFromRowError)));
        },
        onError: showError,
      },
    );
  }, [csv, readingKey]);

  const doImport = () => {
    if (!csv) return;
    runImport.mutate(
      { csv, mode, reading },
      {
        onSuccess: (result) => {
          notifications.show({
            color: result.skipped > 0 ? 'yellow' : 'teal',
            title: t('csv.done'),
            message: t('csv.result', {
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
              skipped: result.skipped,
            }),
          });
          onClose();
        },
        onError: showError,
      },
    );
  };

  const counts = preview?.counts;
  const errorRows = counts?.error ?? 0;
  const importable = (counts?.create ?? 0) + (counts?.update ?? 0);
  const blocked = errorRows > 0 && mode === 'all_or_nothing';

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('csv.help')}
      </Text>
      <CsvFileStep
        csvFile={csvFile}
        workspaceId={workspaceId}
        kind="creators"
        label={t('csv.file')}
        data-testid="csv-file"
      />
      {failure ? (
        <Alert color="red" variant="light" title={failure} data-testid="csv-error">
          {problems.length > 0 ? <ProblemList problems={problems} /> : null}
        </Alert>
      ) : null}
      {preview && counts ? (
        <Stack gap="sm" data-testid="csv-preview">
          <Group gap="xs">
            <Badge color="teal" variant="light" tt="none" data-testid="csv-count-create">
              {t('csv.counts.create', { count: counts.create })}
            </Badge>
            <Badge color="blue" variant="light" tt="none" data-testid="csv-count-update">
              {t('csv.counts.update', { count: counts.update })}
            </Badge>
            <Badge color="gray" variant="light" tt="none" data-testid="csv-count-unchanged">
              {t('csv.counts.unchanged', { count: counts.unchanged })}
            </Badge>
            <Badge color={errorRows ? 'red' : 'gray'} variant="light" tt="none" data-testid="csv-count-error">
              {t('csv.counts.error', { count: counts.error })}
            </Badge>
          </Group>
          {problems.length > 0 ? (
            <Alert color="orange" variant="light" title={t('csv.rowErrors')}>
              <ProblemList problems={problems} />
            </Alert>
          ) : null}
          {preview.rows.some((r) => r.action === 'update') ? (
            <ScrollArea.Autosize mah={200}>
              <Table verticalSpacing={4} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('csv.row')}</Table.Th>
                    <Table.Th>{t('roster.columns.name')}</Table.Th>
                    <Table.Th>{t('csv.changes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows
                    .filter((r) => r.action === 'update')
                    .slice(0, 100)
                    .map((r) => (
                      <Table.Tr key={r.row}>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>{r.displayName ?? '—'}</Table.Td>
                        <Table.Td>{r.changes.join(', ')}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          ) : null}
          {errorRows > 0 ? (
            <Radio.Group
              value={mode}
              onChange={(value) => setMode(value === 'valid_rows' ? 'valid_rows' : 'all_or_nothing')}
              label={t('csv.mode')}
            >
              <Stack gap={6} mt={6}>
                <Radio
                  value="all_or_nothing"
                  label={t('csv.modes.all_or_nothing')}
                  data-testid="csv-mode-all"
                />
                <Radio value="valid_rows" label={t('csv.modes.valid_rows')} data-testid="csv-mode-valid" />
              </Stack>
            </Radio.Group>
          ) : null}
        </Stack>
      ) : null}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          onClick={doImport}
          loading={previewImport.isPending || runImport.isPending}
          disabled={!preview || blocked || importable === 0}
          data-testid="csv-import-submit"
        >
          {t('csv.importSubmit', { count: importable })}
        </Button>
      </Group>
    </Stack>
  );
}

function ProblemList({ problems }: { problems: CsvProblem[] }) {
  const { t } = useTranslation();
  const shown = problems.slice(0, 20);
  return (
    <>
      <List size="sm" spacing={2}>
        {shown.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is replaced whole
          <List.Item key={i}>{csvProblemText(p, t)}</List.Item>
        ))}
      </List>
      {problems.length > shown.length ? (
        <Text size="sm" mt={4}>
          {t('csv.more', { count: problems.length - shown.length })}
        </Text>
      ) : null}
    </>
  );
}
