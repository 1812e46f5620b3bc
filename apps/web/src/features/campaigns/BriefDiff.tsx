import type { BriefDiff as Diff } from '@evergreen/contracts';
import { Badge, Box, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { platformNames } from '../roster/handles.ts';
import { useDeliverableTypeLabel } from './BriefForm.tsx';
import { diffRows, diffStats } from './diffRows.ts';

type Deliverable = NonNullable<Diff['deliverables']>['added'][number];

const added = {
  background: 'var(--mantine-color-green-light)',
  color: 'var(--mantine-color-green-light-color)',
};
const removed = {
  background: 'var(--mantine-color-red-light)',
  color: 'var(--mantine-color-red-light-color)',
};

function Old({ children }: { children: ReactNode }) {
  return (
    <Text span size="sm" px={4} style={{ ...removed, textDecoration: 'line-through', borderRadius: 3 }}>
      {children}
    </Text>
  );
}
function New({ children }: { children: ReactNode }) {
  return (
    <Text span size="sm" px={4} style={{ ...added, borderRadius: 3 }}>
      {children}
    </Text>
  );
}

function FieldLabel({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
      {children}
    </Text>
  );
}

/** What changed from the base version, field by field; the body as a line diff in green and red. */
export function BriefDiffView({ diff, testId }: { diff: Diff; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const typeLabel = useDeliverableTypeLabel();
  const deliverable = (d: Deliverable) =>
    [
      `${d.quantity} × ${typeLabel(d.type)}`,
      d.platform
        ? d.platform === 'other'
          ? t('briefs.form.otherPlatform')
          : platformNames[d.platform]
        : null,
      d.dueOn ? t('briefs.dueShort', { date: fmt.day(d.dueOn) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const empty = !diff.title && !diff.body && !diff.deliverables && !diff.dueOn;

  return (
    <Stack gap="sm" data-testid={testId}>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('briefs.diff.none')}
        </Text>
      ) : null}
      {diff.title ? (
        <Stack gap={4} data-field="title">
          <FieldLabel>{t('briefs.fields.title')}</FieldLabel>
          <Group gap={6} wrap="wrap">
            <Old>{diff.title.from}</Old>
            <Text span c="dimmed" aria-hidden>
              →
            </Text>
            <New>{diff.title.to}</New>
          </Group>
        </Stack>
      ) : null}
      {diff.dueOn ? (
        <Stack gap={4} data-field="dueOn">
          <FieldLabel>{t('briefs.fields.dueOn')}</FieldLabel>
          <Group gap={6} wrap="wrap">
            {diff.dueOn.from ? (
              <Old>{fmt.day(diff.dueOn.from)}</Old>
            ) : (
              <Text size="sm" c="dimmed">
                {t('briefs.diff.noDate')}
              </Text>
            )}
            <Text span c="dimmed" aria-hidden>
              →
            </Text>
            {diff.dueOn.to ? (
              <New>{fmt.day(diff.dueOn.to)}</New>
            ) : (
              <Text size="sm" c="dimmed">
                {t('briefs.diff.noDate')}
              </Text>
            )}
          </Group>
        </Stack>
      ) : null}
      {diff.deliverables ? (
        <Stack gap={4} data-field="deliverables">
          <FieldLabel>{t('briefs.fields.deliverables')}</FieldLabel>
          {diff.deliverables.added.map((d) => (
            <Group key={`a:${d.type}:${d.platform ?? ''}`} gap={6} wrap="nowrap">
              <Badge size="xs" color="green" variant="light" tt="none">
                {t('briefs.diff.added')}
              </Badge>
              <New>{deliverable(d)}</New>
            </Group>
          ))}
          {diff.deliverables.removed.map((d) => (
            <Group key={`r:${d.type}:${d.platform ?? ''}`} gap={6} wrap="nowrap">
              <Badge size="xs" color="red" variant="light" tt="none">
                {t('briefs.diff.removed')}
              </Badge>
              <Old>{deliverable(d)}</Old>
            </Group>
          ))}
          {diff.deliverables.changed.map((c) => (
            <Group key={`c:${c.from.type}:${c.from.platform ?? ''}`} gap={6} wrap="wrap">
              <Badge size="xs" color="blue" variant="light" tt="none">
                {t('briefs.diff.changed')}
              </Badge>
              <Old>{deliverable(c.from)}</Old>
              <Text span c="dimmed" aria-hidden>
                →
              </Text>
              <New>{deliverable(c.to)}</New>
            </Group>
          ))}
        </Stack>
      ) : null}
      {diff.body ? <BodyDiff lines={diff.body} /> : null}
    </Stack>
  );
}

function BodyDiff({ lines }: { lines: NonNullable<Diff['body']> }) {
  const { t } = useTranslation();
  const stats = diffStats(lines);
  const rows = diffRows(lines);
  const num = {
    width: 34,
    flexShrink: 0,
    textAlign: 'right' as const,
    opacity: 0.6,
    userSelect: 'none' as const,
  };
  return (
    <Stack gap={4} data-field="body">
      <Group gap="xs">
        <FieldLabel>{t('briefs.fields.body')}</FieldLabel>
        <Text size="xs" c="green" fw={600}>
          +{stats.added}
        </Text>
        <Text size="xs" c="red" fw={600}>
          −{stats.removed}
        </Text>
      </Group>
      <Box
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          fontFamily: 'var(--mantine-font-family-monospace)',
          fontSize: 'var(--mantine-font-size-xs)',
        }}
      >
        {rows.map((row, i) =>
          row.kind === 'skip' ? (
            <Box
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              key={i}
              px="xs"
              py={2}
              c="dimmed"
              style={{ background: 'var(--mantine-color-default-hover)', fontStyle: 'italic' }}
            >
              {t('briefs.diff.unchangedLines', { count: row.count })}
            </Box>
          ) : (
            <Box
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              key={i}
              data-op={row.op}
              style={{
                display: 'flex',
                gap: 6,
                padding: '1px 6px',
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-word',
                ...(row.op === 'add' ? added : row.op === 'remove' ? removed : {}),
              }}
            >
              <span style={num}>{row.oldNo ?? ''}</span>
              <span style={num}>{row.newNo ?? ''}</span>
              <span style={{ width: 12, flexShrink: 0, fontWeight: 700 }} aria-hidden>
                {row.op === 'add' ? '+' : row.op === 'remove' ? '−' : ' '}
              </span>
              <span style={{ textDecoration: row.op === 'remove' ? 'line-through' : undefined }}>
                <VisuallyHidden>
                  {row.op === 'add'
                    ? t('briefs.diff.addedLine')
                    : row.op === 'remove'
                      ? t('briefs.diff.removedLine')
                      : ''}
                </VisuallyHidden>
                {row.text || ' '}
              </span>
            </Box>
          ),
        )}
      </Box>
    </Stack>
  );
}
