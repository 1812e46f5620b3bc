import { Checkbox, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import { type CSSProperties, memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortDir, SortKey } from './filters.ts';

export const HEADER_HEIGHT = 40;

export const COLUMNS =
  '40px minmax(200px, 2.2fr) 104px 116px minmax(64px, 0.6fr) minmax(120px, 1fr) minmax(130px, 1.2fr) 124px 144px';

export const MIN_WIDTH = 1080;

// One object for every row: a new one per render would defeat the rows' memo and re-render
// every visible row on each scrolled frame.
export const rowStyle: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: COLUMNS,
  alignItems: 'center',
  minWidth: MIN_WIDTH,
};

export type Column = {
  id: string;
  label: string;
  sort?: SortKey;
};

/** The sticky header: its own memo, so scrolling (which re-renders the table) leaves it alone. */
export const RosterHeader = memo(function RosterHeader({
  selectable,
  allShown,
  someShown,
  empty,
  onToggleAll,
  sort,
  dir,
  onSort,
}: {
  selectable: boolean;
  allShown: boolean;
  someShown: boolean;
  empty: boolean;
  onToggleAll: () => void;
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
}) {
  const { t } = useTranslation();
  const columns: Column[] = [
    { id: 'name', label: t('roster.columns.name'), sort: 'name' },
    { id: 'tier', label: t('roster.columns.tier'), sort: 'tier' },
    { id: 'status', label: t('roster.columns.status'), sort: 'status' },
    { id: 'markets', label: t('roster.columns.markets') },
    { id: 'owner', label: t('roster.columns.owner') },
    { id: 'tags', label: t('roster.columns.tags') },
    { id: 'last', label: t('roster.columns.lastTouchpoint'), sort: 'last_touchpoint' },
    { id: 'next', label: t('roster.columns.nextCheckIn'), sort: 'next_check_in' },
  ];
  return (
    <thead
      style={{
        display: 'grid',
        position: 'sticky',
        top: 0,
        zIndex: 2,
        background: 'var(--mantine-color-body)',
      }}
    >
      <tr
        aria-rowindex={1}
        style={{
          ...rowStyle,
          height: HEADER_HEIGHT,
          background: 'var(--mantine-color-default-hover)',
          borderBottom: '1px solid var(--mantine-color-default-border)',
        }}
      >
        <th style={{ paddingLeft: 14, textAlign: 'left' }}>
          {selectable ? (
            <Checkbox
              size="xs"
              aria-label={t('roster.selectAll')}
              checked={allShown}
              indeterminate={someShown}
              onChange={onToggleAll}
              disabled={empty}
              data-testid="roster-bulk-select-all"
            />
          ) : null}
        </th>
        {columns.map((column) => (
          <th
            key={column.id}
            aria-sort={
              column.sort && column.sort === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined
            }
            style={{ padding: '0 10px', minWidth: 0, textAlign: 'left' }}
          >
            {column.sort ? (
              <SortButton
                label={column.label}
                active={column.sort === sort}
                dir={dir}
                onClick={() => column.sort && onSort(column.sort)}
                testId={`roster-sort-${column.sort}`}
              />
            ) : (
              <Text size="xs" fw={700} c="dimmed" lineClamp={2} lh={1.25}>
                {column.label}
              </Text>
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
});

export function SortButton({
  label,
  active,
  dir,
  onClick,
  testId,
}: {
  label: string;
  active: boolean;
  dir: SortDir;
  onClick: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const Icon = !active ? IconArrowsSort : dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton
      onClick={onClick}
      aria-label={t('roster.sortBy', { column: label })}
      data-testid={testId}
      style={{ display: 'flex', alignItems: 'center', gap: 4, maxWidth: '100%' }}
    >
      <Text size="xs" fw={700} c={active ? undefined : 'dimmed'} lineClamp={2} lh={1.25}>
        {label}
      </Text>
      <Icon size={13} stroke={2} aria-hidden style={{ flexShrink: 0, opacity: active ? 1 : 0.45 }} />
    </UnstyledButton>
  );
}
