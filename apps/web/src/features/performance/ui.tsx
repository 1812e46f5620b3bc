import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { type ReportParams, type Reports, reportCsvUrl, useReport } from './api.ts';

/** A titled block of the Performance page, with its CSV export on the right. */
export function Section({
  id,
  title,
  description,
  csvUrl,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  csvUrl?: string;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={`${id}-heading`}
      data-testid={id}
    >
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={3} size="h4" id={`${id}-heading`}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {csvUrl ? <ExportCsv href={csvUrl} testId={`${id}-csv`} /> : null}
      </Group>
      {children}
    </Paper>
  );
}

/** The reports shown as a section of their own, and the section's name (its id, heading and texts). */
const reportSections = {
  'partnerships-vs-one-offs': 'partnerships',
  'conversion-lag': 'lag',
  engagement: 'engagement',
  creators: 'creators',
} as const;

/**
 * One report as a Performance section: `performance-<name>` with the heading and description of
 * `performance.<name>`, the report's CSV, and its states; while `isEmpty`, a hint on the `missing`
 * posts, orders or creators.
 */
export function ReportSection<K extends keyof typeof reportSections>({
  report,
  ws,
  period,
  isEmpty,
  missing,
  emptyTestId,
  children,
}: {
  report: K;
  ws: string;
  period: ReportParams;
  isEmpty: (data: Reports[K]) => boolean;
  missing: 'posts' | 'orders' | 'creators';
  emptyTestId?: string;
  children: (data: Reports[K]) => ReactNode;
}) {
  const { t } = useTranslation();
  const query = useReport(ws, report, period);
  const name = reportSections[report];
  return (
    <Section
      id={`performance-${name}`}
      title={t(`performance.${name}.title`)}
      description={t(`performance.${name}.description`)}
      csvUrl={reportCsvUrl(ws, report, period)}
    >
      <QueryStates
        query={query}
        isEmpty={isEmpty}
        empty={
          <EmptyHint title={t(`performance.empty.${missing}Title`)} testId={emptyTestId}>
            {t(`performance.empty.${missing}Text`)}
          </EmptyHint>
        }
      >
        {children}
      </QueryStates>
    </Section>
  );
}

export function ExportCsv({ href, testId }: { href: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={href}
      download
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} aria-hidden />}
      style={{ flexShrink: 0 }}
      data-testid={testId}
    >
      {t('performance.exportCsv')}
    </Button>
  );
}

/** What to do when a section has nothing to show. */
export function EmptyHint({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Alert
      variant="light"
      color="gray"
      icon={<IconInfoCircle size={18} aria-hidden />}
      title={title}
      data-testid={testId}
    >
      {children}
    </Alert>
  );
}

export function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
