import {
  Button,
  EmptyState,
  Group,
  MultiSelect,
  type MultiSelectProps,
  Pagination,
  Paper,
  Select,
  type SelectProps,
  SimpleGrid,
  Stack,
  Table,
  type TableProps,
  Text,
  TextInput,
  type TextProps,
  Title,
} from '@mantine/core';
import { IconFilterOff, IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type en from '../../locales/en.json';
import { PageLoader, QueryError } from '../ui/QueryStates.tsx';

/**
 * The pieces every list page repeats: filters that reset the page, the loading / error / empty /
 * data states of its query, a bordered scrolling table with its header row, and the pager.
 */

/** Filters kept without their empty values (so "any filter set?" is `active`), and the page they reset. */
export function useListFilters<F extends object>(initial: F | (() => F) = {} as F) {
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPage] = useState(1);
  const set = (patch: Partial<F>) => {
    setFilters((prev) => {
      const next = { ...prev, ...patch };
      for (const key of Object.keys(next) as (keyof F)[]) if (!next[key]) delete next[key];
      return next;
    });
    setPage(1);
  };
  return { filters, set, page, setPage, active: Object.keys(filters).length > 0 };
}

/** The bordered box of filter fields above a list: one column on a phone, up to `md` columns wide. */
export function FilterGrid({ children, md = 4 }: { children: ReactNode; md?: number }) {
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md }} spacing="sm">
        {children}
      </SimpleGrid>
    </Paper>
  );
}

/** A dimmed line said where a list has nothing to show. */
export function EmptyText({
  testId,
  children,
  ...props
}: TextProps & { testId?: string; children: ReactNode }) {
  return (
    <Text c="dimmed" data-testid={testId} {...props}>
      {children}
    </Text>
  );
}

/**
 * A query's four states: the loader, the error with Retry, `empty` when `isEmpty(data)`, else the content.
 */
export function QueryStates<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

/** A list's query states, where an empty list is a dimmed line (`emptyTestId`) instead of the table. */
export function ListStates<T>({
  query,
  emptyText,
  emptyTestId,
  children,
}: {
  query: UseQueryResult<T[]>;
  emptyText: ReactNode;
  emptyTestId: string;
  children: (list: T[]) => ReactNode;
}) {
  return (
    <QueryStates
      query={query}
      isEmpty={(data) => data.length === 0}
      empty={
        <EmptyText size="sm" testId={emptyTestId}>
          {emptyText}
        </EmptyText>
      }
    >
      {children}
    </QueryStates>
  );
}

/** A column heading: its text, or the text with right alignment, or an unlabelled actions column. */
export type Column =
  | string
  | { label?: string; right?: boolean; ariaLabel?: string; w?: number | string; miw?: number | string };

/** The texts (not groups) directly under the i18n key `P` ('tokens' → 'name' | 'role' | …). */
type TextKeysUnder<P extends string, T = typeof en> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? TextKeysUnder<Rest, T[Head]>
    : never
  : P extends keyof T
    ? { [K in keyof T[P]]: T[P][K] extends string ? K : never }[keyof T[P]] & string
    : never;

/**
 * Column headings whose texts sit under one i18n key: `const heading = useHeadings('tokens')`, then
 * `columns={heading('name', { key: 'count', right: true })}` heads the columns with the texts of
 * `tokens.name` and `tokens.count` (the latter right-aligned).
 */
export function useHeadings<P extends string>(prefix: P) {
  const { t } = useTranslation();
  const text = (key: string) => (t as (key: string) => string)(`${prefix}.${key}`);
  type Key = TextKeysUnder<P>;
  return (...specs: (Key | ({ key: Key } & Omit<Extract<Column, object>, 'label'>))[]): Column[] =>
    specs.map((spec) => {
      if (typeof spec === 'string') return text(spec);
      const { key, ...column } = spec;
      return { ...column, label: text(key) };
    });
}

/**
 * The header row of a table from its column headings; `actions` adds the last, unlabelled column
 * that holds each row's buttons (screen readers call it "Actions").
 */
export function TableHead({ columns, actions }: { columns: readonly Column[]; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) =>
          typeof column === 'string' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
            <Table.Th key={i}>{column}</Table.Th>
          ) : (
            <Table.Th
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life
              key={i}
              ta={column.right ? 'right' : undefined}
              aria-label={column.ariaLabel}
              w={column.w}
              miw={column.miw}
            >
              {column.label}
            </Table.Th>
          ),
        )}
        {actions ? <Table.Th aria-label={t('common.actions')} /> : null}
      </Table.Tr>
    </Table.Thead>
  );
}

type ScrollTableProps = Omit<TableProps, 'children'> & {
  minWidth: number;
  columns: readonly Column[];
  /** A last, unlabelled column for each row's buttons (see TableHead). */
  actions?: boolean;
  testId?: string;
  caption?: ReactNode;
  children: ReactNode;
};

/** A table that scrolls sideways on a narrow screen rather than squeezing its columns. */
export function ScrollTable({
  minWidth,
  columns,
  actions,
  testId,
  caption,
  children,
  ...tableProps
}: ScrollTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table data-testid={testId} {...tableProps}>
        {caption ? <Table.Caption>{caption}</Table.Caption> : null}
        <TableHead columns={columns} actions={actions} />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A bordered ScrollTable, for a list standing on its own (not inside a section's box); its rows are
 * spaced "sm" unless `verticalSpacing` says otherwise.
 */
export function DataTable({ verticalSpacing = 'sm', ...props }: ScrollTableProps) {
  return (
    <Paper withBorder radius="md">
      <ScrollTable verticalSpacing={verticalSpacing} {...props} />
    </Paper>
  );
}

/** A list's query states (ListStates) around a bordered table (DataTable) of its rows. */
export function ListTable<T>({
  query,
  emptyText,
  emptyTestId,
  children,
  ...table
}: Omit<ScrollTableProps, 'children'> & {
  query: UseQueryResult<T[]>;
  emptyText: ReactNode;
  emptyTestId: string;
  children: (list: T[]) => ReactNode;
}) {
  return (
    <ListStates query={query} emptyText={emptyText} emptyTestId={emptyTestId}>
      {(list) => <DataTable {...table}>{children(list)}</DataTable>}
    </ListStates>
  );
}

/**
 * A paged list's results: its query's states (the empty line says "nothing matches" while a filter
 * is set), "N in all" above the table, and the pager below it.
 */
export function PagedResults<T extends { total: number }>({
  query,
  count,
  testId,
  filtered,
  emptyText,
  noMatchText,
  totalText,
  page,
  onPage,
  pageSize,
  pagerLabel,
  children,
}: {
  query: UseQueryResult<T>;
  /** How many rows this page holds. */
  count: (data: T) => number;
  /** `${testId}-empty` and `${testId}-total`. */
  testId: string;
  filtered: boolean;
  emptyText: string;
  noMatchText: string;
  totalText: (total: number) => string;
  page: number;
  onPage: (page: number) => void;
  pageSize: number;
  pagerLabel: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <QueryStates
      query={query}
      isEmpty={(data) => count(data) === 0}
      empty={<EmptyText testId={`${testId}-empty`}>{filtered ? noMatchText : emptyText}</EmptyText>}
    >
      {(data) => (
        <Stack gap="sm">
          <Text size="sm" c="dimmed" data-testid={`${testId}-total`}>
            {totalText(data.total)}
          </Text>
          {children(data)}
          <ListPager
            page={page}
            onChange={onPage}
            total={data.total}
            pageSize={pageSize}
            label={pagerLabel}
          />
        </Stack>
      )}
    </QueryStates>
  );
}

/** A titled part of a page (a list and what goes with it); its heading names it for screen readers. */
export function ListSection({
  id,
  title,
  description,
  testId,
  children,
}: {
  /** The heading's id is `${id}-heading`. */
  id: string;
  title: ReactNode;
  description?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const heading = (
    <Title order={2} size="h4" id={`${id}-heading`}>
      {title}
    </Title>
  );
  return (
    <Stack gap="sm" component="section" aria-labelledby={`${id}-heading`} data-testid={testId}>
      {description ? (
        <Stack gap={2}>
          {heading}
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </Stack>
      ) : (
        heading
      )}
      {children}
    </Stack>
  );
}

/**
 * The one-line form above a list that adds to it (an invitation, a token): its fields, the submit
 * button level with the inputs, and a line of help under them.
 */
export function InlineCreateForm({
  onSubmit,
  ariaLabel,
  submitLabel,
  icon,
  loading,
  submitTestId,
  help,
  children,
}: {
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  ariaLabel: string;
  submitLabel: ReactNode;
  icon: ReactNode;
  loading: boolean;
  submitTestId: string;
  help: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={onSubmit} noValidate aria-label={ariaLabel}>
        <Group align="flex-start" gap="sm">
          {children}
          <Button type="submit" mt={25} leftSection={icon} loading={loading} data-testid={submitTestId}>
            {submitLabel}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {help}
        </Text>
      </form>
    </Paper>
  );
}

/** The pager under a list, shown only when there is more than one page. */
export function ListPager({
  page,
  onChange,
  total,
  pageSize,
  label,
}: {
  page: number;
  onChange: (page: number) => void;
  total: number;
  pageSize: number;
  label: string;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <Pagination
      value={page}
      onChange={onChange}
      total={Math.ceil(total / pageSize)}
      aria-label={label}
      getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
    />
  );
}

/** A date filter: an empty field means "no bound". */
export function DateFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      type="date"
      label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** A choice among a list's filters: clearing it means "any" (`undefined`). */
export function SelectFilter({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'value' | 'onChange'> & {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  return <Select clearable {...props} value={value ?? null} onChange={(v) => onChange(v ?? undefined)} />;
}

/** A list that nothing matches: says so and offers to clear the filters. */
export function NoMatch({
  title,
  text,
  clearLabel,
  onClear,
  testId,
}: {
  title: string;
  text: string;
  clearLabel: string;
  onClear: () => void;
  testId?: string;
}) {
  return (
    <EmptyState
      icon={<IconFilterOff size={28} aria-hidden />}
      title={title}
      description={text}
      data-testid={testId}
      py="xl"
    >
      <EmptyState.Actions>
        <Button variant="light" onClick={onClear}>
          {clearLabel}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/**
 * A list with nothing in it yet: says what it will hold and, to those who may, offers to add the
 * first (`onAdd`) or what else to do (`actions`). `color` and `size` for a page's whole content
 * (Today, renewals) rather than one list; `py="lg"` for a tab's, less tall.
 */
export function EmptyList({
  icon,
  title,
  text,
  testId,
  addLabel,
  onAdd,
  actions,
  color,
  size,
  py = 'xl',
}: {
  icon: ReactNode;
  title: string;
  text: string;
  testId: string;
  addLabel?: string | undefined;
  onAdd?: (() => void) | undefined;
  actions?: ReactNode;
  color?: string;
  size?: 'lg';
  py?: 'lg' | 'xl';
}) {
  return (
    <EmptyState
      variant="light"
      color={color}
      size={size}
      icon={icon}
      title={title}
      description={text}
      data-testid={testId}
      py={py}
    >
      {onAdd ? (
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onAdd}>
            {addLabel}
          </Button>
        </EmptyState.Actions>
      ) : actions ? (
        <EmptyState.Actions>{actions}</EmptyState.Actions>
      ) : null}
    </EmptyState>
  );
}

/** "Clear filters" in a filter bar, shown only while a filter is set. */
export function ClearFiltersButton({
  active,
  onClear,
  label,
  testId,
  size,
}: {
  active: boolean;
  onClear: () => void;
  label: string;
  testId: string;
  size?: string;
}) {
  if (!active) return null;
  return (
    <Button
      variant="subtle"
      size={size}
      leftSection={<IconFilterOff size={16} aria-hidden />}
      onClick={onClear}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}

/**
 * A filter of several values: its label shows as the placeholder while nothing is chosen and names
 * the field for screen readers; it can be cleared.
 */
export function FilterMultiSelect({
  label,
  testId,
  ...props
}: Omit<MultiSelectProps, 'label' | 'placeholder'> & { label: string; testId: string }) {
  return (
    <MultiSelect
      {...props}
      placeholder={props.value?.length ? undefined : label}
      aria-label={label}
      clearable
      data-testid={testId}
    />
  );
}
