import type { CreatorSummary } from '@evergreen/contracts';
import { Anchor, Badge, Box, Checkbox, Group, Text } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, memo, type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QuietBadge, StatusBadge, TierBadge } from './CreatorBadges.tsx';
import type { SortDir, SortKey } from './filters.ts';
import { handleLabel, platformNames } from './handles.ts';
import { MIN_WIDTH, RosterHeader, rowStyle } from './RosterHeader.tsx';

const ROW_HEIGHT = 58;

interface RosterTableProps {
  workspaceId: string;
  creators: CreatorSummary[];
  today: string;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  busy?: boolean;
}

/** Keeps the table's box filling the window below it, so the page itself barely scrolls. */
function useFillHeight(min: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    const update = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - 24)));
    };
    update();
    window.addEventListener('resize', update);
    const observer = new ResizeObserver(update);
    if (ref.current?.parentElement) observer.observe(ref.current.parentElement);
    return () => {
      window.removeEventListener('resize', update);
      observer.disconnect();
    };
  }, [min]);
  return { ref, height };
}

/**
 * The roster as a virtualised grid: only the rows in view (and a few around them) are in the
 * DOM, so 2,000 creators scroll as smoothly as 20. Rows have one fixed height.
 */
export function RosterTable({
  workspaceId,
  creators,
  today,
  selectable,
  selected,
  onToggle,
  onToggleAll,
  sort,
  dir,
  onSort,
  busy,
}: RosterTableProps) {
  const { t } = useTranslation();
  const { ref: boxRef, height } = useFillHeight(420);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: creators.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => creators[index]?.id ?? index,
  });

  const selectedShown = selectable ? creators.filter((c) => selected.has(c.id)).length : 0;
  const allShown = creators.length > 0 && selectedShown === creators.length;

  return (
    <Box ref={boxRef}>
      <div
        ref={scrollRef}
        data-testid="roster-scroll"
        style={{
          height,
          overflow: 'auto',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
          position: 'relative',
          contain: 'strict',
        }}
      >
        <table
          aria-label={t('roster.title')}
          aria-rowcount={creators.length + 1}
          aria-busy={busy}
          data-testid="roster-table"
          style={{ display: 'grid', minWidth: MIN_WIDTH, borderCollapse: 'collapse' }}
        >
          <RosterHeader
            selectable={selectable}
            allShown={allShown}
            someShown={selectedShown > 0 && !allShown}
            empty={creators.length === 0}
            onToggleAll={onToggleAll}
            sort={sort}
            dir={dir}
            onSort={onSort}
          />
          <tbody style={{ display: 'grid', height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const creator = creators[item.index];
              if (!creator) return null;
              return (
                <RosterRow
                  key={creator.id}
                  creator={creator}
                  index={item.index}
                  top={item.start}
                  workspaceId={workspaceId}
                  today={today}
                  selectable={selectable}
                  selected={selected.has(creator.id)}
                  onToggle={onToggle}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </Box>
  );
}

function Cell({ children, style }: { children?: ReactNode; style?: CSSProperties }) {
  return <td style={{ padding: '0 10px', minWidth: 0, overflow: 'hidden', ...style }}>{children}</td>;
}

const RosterRow = memo(function RosterRow({
  creator: c,
  index,
  top,
  workspaceId,
  today,
  selectable,
  selected,
  onToggle,
}: {
  creator: CreatorSummary;
  index: number;
  top: number;
  workspaceId: string;
  today: string;
  selectable: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const next = c.checkIn.nextCheckInOn;
  const overdue = next !== null && next < today;
  const snoozed = c.checkIn.snoozedUntil !== null && c.checkIn.snoozedUntil > today;
  const handles = c.handles.map(
    (h) => `${h.platform === 'other' ? '' : `${platformNames[h.platform]} `}${handleLabel(h)}`,
  );
  const extraTags = c.tags.length - 2;

  return (
    <tr
      aria-rowindex={index + 2}
      data-selected={selected || undefined}
      data-testid={`roster-row-${c.id}`}
      style={{
        ...rowStyle,
        position: 'absolute',
        top: 0,
        left: 0,
        width: '100%',
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Cell style={{ paddingLeft: 14 }}>
        {selectable ? (
          <Checkbox
            size="xs"
            checked={selected}
            onChange={() => onToggle(c.id)}
            aria-label={t('roster.selectRow', { name: c.displayName })}
            data-testid={`roster-select-${c.id}`}
          />
        ) : null}
      </Cell>
      <Cell>
        <Anchor
          component={Link}
          to={`/w/${workspaceId}/creators/${c.id}`}
          size="sm"
          fw={600}
          display="block"
          truncate
          data-testid={`roster-name-${c.id}`}
        >
          {c.displayName}
        </Anchor>
        <Text size="xs" c="dimmed" truncate title={handles.join(' · ')}>
          {handles.length ? handles.join(' · ') : (c.email ?? ' ')}
        </Text>
      </Cell>
      <Cell>
        <TierBadge tier={c.tier} size="sm" />
      </Cell>
      <Cell>
        <StatusBadge status={c.status} size="sm" />
      </Cell>
      <Cell>
        <Text size="sm" truncate>
          {c.markets.join(', ') || '—'}
        </Text>
      </Cell>
      <Cell>
        <Text size="sm" truncate c={c.ownerName ? undefined : 'dimmed'}>
          {c.ownerName ?? t('creator.noOwner')}
        </Text>
      </Cell>
      <Cell>
        <Group gap={4} wrap="nowrap" title={c.tags.join(', ')}>
          {c.tags.slice(0, 2).map((tag) => (
            <Badge key={tag} size="sm" variant="default" tt="none" maw={110} style={{ flexShrink: 1 }}>
              {tag}
            </Badge>
          ))}
          {extraTags > 0 ? (
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              +{extraTags}
            </Text>
          ) : null}
        </Group>
      </Cell>
      <Cell>
        <Text size="sm" c={c.checkIn.lastTouchpointOn ? undefined : 'dimmed'} truncate>
          {c.checkIn.lastTouchpointOn ? fmt.day(c.checkIn.lastTouchpointOn) : t('creator.never')}
        </Text>
      </Cell>
      <Cell>
        {next ? (
          <Text
            size="sm"
            c={overdue ? 'red' : undefined}
            fw={overdue ? 600 : undefined}
            truncate
            data-overdue={overdue || undefined}
            data-testid={`roster-next-${c.id}`}
          >
            {fmt.day(next)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" span title={t('creator.checkIn.notOnRhythm')}>
            —
          </Text>
        )}
        {c.checkIn.goneQuiet || snoozed ? (
          <Group gap={4} wrap="nowrap" mt={2}>
            {c.checkIn.goneQuiet ? (
              <QuietBadge size="xs" withTooltip={false} data-testid={`roster-quiet-${c.id}`} />
            ) : null}
            {snoozed ? (
              <span
                role="img"
                title={t('creator.snoozedUntil', { date: fmt.day(c.checkIn.snoozedUntil) })}
                aria-label={t('creator.snoozedUntil', { date: fmt.day(c.checkIn.snoozedUntil) })}
                style={{ display: 'inline-flex' }}
              >
                <IconClockPause size={14} color="var(--mantine-color-dimmed)" aria-hidden />
              </span>
            ) : null}
          </Group>
        ) : null}
      </Cell>
    </tr>
  );
});
