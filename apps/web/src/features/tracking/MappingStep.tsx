import type { ColumnMapping, ImportPreview, MappingKind } from '@evergreen/contracts';
import {
  Alert,
  Badge,
  Code,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en.json';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useImportPreview } from './api.ts';
import { rowErrorText } from './ImportRun.tsx';
import { derivedFieldText, noteText, presetName, SaveMapping, sourceText } from './MappingParts.tsx';
import { type ImportReading, readingOf, remap } from './rules.ts';

const IGNORE = '';

/**
 * The mapping step of an import: how the server will read the chosen file (encoding, separator,
 * time zone, preset or saved mapping), each column's field, the first rows as they will be read,
 * and what would make the import refuse it; the user changes the mapping and sees it re-read.
 */
export function MappingStep({
  workspaceId,
  kind,
  file,
  onReading,
}: {
  workspaceId: string;
  kind: MappingKind;
  file: { key: string; head: Blob };
  /** How the import must read the file (null while the preview is not ready or refuses it). */
  onReading: (reading: ImportReading | null) => void;
}) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [encoding, setEncoding] = useState<string | null>(null);
  const preview = useImportPreview(workspaceId, kind, file, mapping, encoding);
  const p = preview.data;
  // The encoding comes from the first (raw) preview; later ones are sent as text.
  if (p && !mapping && p.encoding && p.encoding !== encoding) setEncoding(p.encoding);
  const ready = p && !preview.isFetching && !preview.isError && p.problems.length === 0;
  const reading = ready ? readingOf(p) : null;
  const key = JSON.stringify(reading);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tells the form when the reading changes
  useEffect(() => onReading(reading), [key]);

  if (preview.isPending) return <PageLoader />;
  if (preview.isError && !p)
    return <QueryError error={preview.error} onRetry={() => void preview.refetch()} />;
  if (!p) return null;
  const change = (next: ColumnMapping) => setMapping(next);
  const setOption = (name: 'decimal' | 'dateOrder', value: string) =>
    value &&
    change({
      ...remap(p, '', null),
      options: { ...p.mapping.options, [name]: value },
    });
  const mapped = p.fields.filter((f) => f.column !== null);
  const derived = Object.keys(p.rows[0]?.values ?? {}).filter((f) => !mapped.some((m) => m.field === f));
  const fieldOptions = [
    { value: IGNORE, label: t('imports.mapping.ignore') },
    ...p.fields.map((f) => ({
      value: f.field,
      label: f.required ? `${f.field} (${t('imports.mapping.required')})` : f.field,
    })),
  ];
  const problemText = (x: ImportPreview['problems'][number]) =>
    Object.hasOwn(en.imports.mapping.problems, x.code)
      ? t(`imports.mapping.problems.${x.code as keyof typeof en.imports.mapping.problems}`, {
          column: x.column ?? '',
        })
      : x.message;

  return (
    <Paper withBorder radius="md" p="md" data-testid="import-mapping" aria-busy={preview.isFetching}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('imports.mapping.title')}
        </Title>
        <Group gap="xs" data-testid="import-mapping-facts">
          <Text size="sm" fw={600} c="teal.9" data-testid="import-mapping-source" data-source={p.source}>
            {sourceText(p, t)}
          </Text>
          <Badge variant="outline" color="gray" tt="none" data-testid="import-mapping-encoding">
            {t('imports.mapping.encoding', { value: encoding ?? p.encoding ?? 'utf-8' })}
          </Badge>
          <Badge variant="outline" color="gray" tt="none" data-testid="import-mapping-delimiter">
            {t('imports.mapping.delimiter', {
              value: p.delimiter === '\t' ? t('imports.mapping.tab') : p.delimiter,
            })}
          </Badge>
          <Badge variant="outline" color="gray" tt="none" data-testid="import-mapping-zone">
            {t('imports.mapping.timeZone', { value: p.timeZone })}
          </Badge>
        </Group>
        {preview.isError ? <QueryError error={preview.error} onRetry={() => void preview.refetch()} /> : null}
        {p.problems.length > 0 ? (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={t('imports.mapping.problemsTitle')}
            data-testid="import-mapping-problems"
          >
            <Stack gap="xs">
              <List size="sm">
                {p.problems.map((x) => (
                  <List.Item key={`${x.code}-${x.column}`} data-code={x.code}>
                    {problemText(x)}
                  </List.Item>
                ))}
              </List>
              {p.problems.some((x) => x.code === 'ambiguous_date') ? (
                <NativeSelect
                  label={t('imports.mapping.dateOrder')}
                  data={[
                    { value: '', label: t('imports.mapping.choose') },
                    { value: 'dmy', label: t('imports.mapping.dmy') },
                    { value: 'mdy', label: t('imports.mapping.mdy') },
                  ]}
                  value=""
                  onChange={(e) => setOption('dateOrder', e.currentTarget.value)}
                  maw={320}
                  data-testid="import-mapping-date-order"
                />
              ) : null}
              {p.problems.some((x) => x.code === 'ambiguous_number') ? (
                <NativeSelect
                  label={t('imports.mapping.decimal')}
                  data={[
                    { value: '', label: t('imports.mapping.choose') },
                    { value: 'dot', label: t('imports.mapping.dot') },
                    { value: 'comma', label: t('imports.mapping.comma') },
                  ]}
                  value=""
                  onChange={(e) => setOption('decimal', e.currentTarget.value)}
                  maw={320}
                  data-testid="import-mapping-decimal"
                />
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {p.notes.length > 0 ? (
          <List size="sm" c="dimmed" data-testid="import-mapping-notes">
            {p.notes.map((n) => (
              <List.Item key={n}>{noteText(n, t)}</List.Item>
            ))}
          </List>
        ) : null}
        <Text fw={600} size="sm" id="import-mapping-columns">
          {t('imports.mapping.columns', { count: p.header.length })}
        </Text>
        <Table.ScrollContainer minWidth={320} mah={320} type="native">
          <Table
            verticalSpacing={4}
            fz="sm"
            striped
            data-testid="import-mapping-table"
            aria-labelledby="import-mapping-columns"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.mapping.fileColumn')}</Table.Th>
                <Table.Th>{t('imports.mapping.field')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.header.map((column) => {
                // A column no field is mapped to that the preset still reads (status, refunds…).
                const uses = p.mapping.columns[column] ? undefined : p.derived[column];
                return (
                  <Table.Tr key={column} data-column={column}>
                    <Table.Td>
                      <Code>{column}</Code>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        size="xs"
                        aria-label={t('imports.mapping.fieldFor', { column })}
                        data={
                          uses
                            ? [
                                { value: IGNORE, label: t('imports.mapping.derivedOption') },
                                ...fieldOptions.slice(1),
                              ]
                            : fieldOptions
                        }
                        value={p.mapping.columns[column] ?? IGNORE}
                        onChange={(e) => change(remap(p, column, e.currentTarget.value || null))}
                        miw={160}
                      />
                      {uses ? (
                        <Text size="xs" c="dimmed" mt={2} data-testid="import-mapping-derived">
                          {t('imports.mapping.derived', {
                            preset: presetName(p, t),
                            fields: uses.map((f) => derivedFieldText(f, t)).join(', '),
                          })}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {p.rows.length > 0 ? (
          <>
            <Text fw={600} size="sm" id="import-mapping-sample">
              {t('imports.mapping.sample')}
            </Text>
            <Table.ScrollContainer minWidth={480} mah={320} type="native">
              <Table
                verticalSpacing={4}
                fz="sm"
                data-testid="import-mapping-sample"
                aria-labelledby="import-mapping-sample"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('csv.row')}</Table.Th>
                    {mapped.map((f) => (
                      <Table.Th key={f.field} data-field={f.field}>
                        {f.field}
                        <Text span size="xs" c="dimmed" display="block">
                          {f.column}
                        </Text>
                      </Table.Th>
                    ))}
                    {derived.map((f) => (
                      <Table.Th key={f} data-field={f}>
                        {f}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.rows.map((r) => (
                    <Table.Tr key={r.row} data-row={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      {[
                        ...mapped.map((f) => ({ field: f.field, column: f.column })),
                        ...derived.map((f) => ({ field: f, column: null })),
                      ].map(({ field, column }) => {
                        const error = r.errors.find((e) => e.column === column && column !== null);
                        return (
                          <Table.Td key={field} data-field={field} style={{ whiteSpace: 'nowrap' }}>
                            {error ? (
                              <Text span size="sm" c="red.8" data-testid="import-mapping-cell-error">
                                {rowErrorText(error, t)}
                              </Text>
                            ) : (
                              (r.values[field] ?? '—')
                            )}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        ) : null}
        <SaveMapping workspaceId={workspaceId} kind={kind} preview={p} onSaved={() => setMapping(null)} />
      </Stack>
    </Paper>
  );
}
