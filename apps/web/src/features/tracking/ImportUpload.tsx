import type { CsvImportMode, ImportKind } from '@evergreen/contracts';
import { Alert, Button, Code, FileInput, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../shared/api/useApiErrorHandler.ts';
import { fileHead, type ImportReading, useStartImport } from './api.ts';
import { MappingStep } from './MappingStep.tsx';
import { importColumns } from './rules.ts';

export function Columns({ kind }: { kind: ImportKind }) {
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

export function UploadForm({
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
