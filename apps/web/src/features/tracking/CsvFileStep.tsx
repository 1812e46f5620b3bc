import type { MappingKind } from '@evergreen/contracts';
import { FileInput, type FileInputProps } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileHead } from './api.ts';
import { MappingStep } from './MappingStep.tsx';
import type { ImportReading } from './rules.ts';

/**
 * The CSV file an import reads: the file, its text, its head for the mapping step, and how the
 * mapping step says to read it. Choosing (or clearing) a file first calls `onChoose` (for the form
 * to drop what it knew of the last one); a file `accept` refuses is shown but not read.
 */
export function useCsvFile({
  onChoose,
  accept = () => true,
}: {
  onChoose?: () => void;
  accept?: (file: File) => boolean;
} = {}) {
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [head, setHead] = useState<{ key: string; head: Blob } | null>(null);
  const [reading, setReading] = useState<ImportReading | null>(null);
  const choose = async (chosen: File | null) => {
    setFile(chosen);
    onChoose?.();
    setCsv(null);
    setHead(null);
    setReading(null);
    if (!chosen || !accept(chosen)) return;
    setCsv(await chosen.text());
    // The mapping step first: how the columns will be read; the import (or its preview) follows it.
    setHead({ key: `${chosen.name}:${chosen.size}:${Math.random()}`, head: await fileHead(chosen) });
  };
  return { file, csv, head, reading, setReading, choose };
}

/** The file field of a CSV import (`useCsvFile`) and, once a file is read, its mapping step. */
export function CsvFileStep({
  csvFile,
  workspaceId,
  kind,
  ...input
}: Omit<FileInputProps, 'value' | 'onChange' | 'multiple'> & {
  csvFile: ReturnType<typeof useCsvFile>;
  workspaceId: string;
  kind: MappingKind;
  'data-testid': string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FileInput
        placeholder={t('csv.choose')}
        accept=".csv,text/csv,text/plain"
        clearable
        clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
        leftSection={<IconFileUpload size={16} aria-hidden />}
        {...input}
        value={csvFile.file}
        onChange={(chosen) => void csvFile.choose(chosen)}
      />
      {csvFile.head ? (
        <MappingStep
          key={csvFile.head.key}
          workspaceId={workspaceId}
          kind={kind}
          file={csvFile.head}
          onReading={csvFile.setReading}
        />
      ) : null}
    </>
  );
}
