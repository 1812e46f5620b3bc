import {
  Button,
  CloseButton,
  Group,
  Loader,
  MultiSelect,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { utcToday } from '../../shared/days.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ClearFiltersButton, EmptyList, NoMatch } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useMe } from '../auth/api.ts';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useCreators } from './api.ts';
import { BulkActions } from './BulkActions.tsx';
import { CreateCreatorModal } from './CreateCreatorModal.tsx';
import { useOwnerOptions } from './CreatorFields.tsx';
import {
  type DueFilter,
  defaultFilters,
  dueFilters,
  filtersFromSearch,
  filtersToSearch,
  hasActiveFilters,
  nextSort,
  type RosterFilters,
} from './filters.ts';
import { statusOptions } from './options.ts';
import { RosterTable } from './RosterTable.tsx';
import { RosterImportSlot } from './slots.tsx';
import { TierCards } from './TierCards.tsx';

export function RosterPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const me = useMe();
  const workspace = useWorkspace(workspaceId);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const creators = useCreators(workspaceId, filters);
  const [createOpened, setCreateOpened] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());

  const update = useCallback(
    (patch: Partial<RosterFilters>) =>
      setSearchParams(filtersToSearch({ ...filters, ...patch }), { replace: true }),
    [filters, setSearchParams],
  );

  const list = creators.data?.creators;
  const shownIds = useMemo(() => new Set((list ?? []).map((c) => c.id)), [list]);
  // Bulk actions apply to selected creators that are still in the list.
  const selectedIds = useMemo(() => [...selected].filter((id) => shownIds.has(id)), [selected, shownIds]);

  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback(() => {
    setSelected((prev) => {
      const all = list ?? [];
      const allSelected = all.length > 0 && all.every((c) => prev.has(c.id));
      return allSelected ? new Set() : new Set(all.map((c) => c.id));
    });
  }, [list]);
  const clearSelection = useCallback(() => setSelected(new Set()), []);

  const tierNames = Object.fromEntries((creators.data?.tiers ?? []).map((tier) => [tier.tier, tier.name]));

  return (
    <>
      <PageHeader
        title={t('roster.title')}
        description={t('roster.description')}
        actions={
          <Group gap="xs" wrap="wrap">
            <RosterImportSlot workspaceId={workspaceId} canWrite={canWrite} filters={filters} />
            {canWrite ? (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setCreateOpened(true)}
                data-testid="roster-add"
              >
                {t('roster.add')}
              </Button>
            ) : null}
          </Group>
        }
      />
      {creators.isPending ? (
        <PageLoader />
      ) : creators.isError && !creators.data ? (
        <QueryError error={creators.error} onRetry={() => void creators.refetch()} />
      ) : (
        <Stack gap="md">
          <TierCards
            tiers={creators.data.tiers}
            selected={filters.tier}
            onToggle={(tier) =>
              update({
                tier: filters.tier.includes(tier)
                  ? filters.tier.filter((n) => n !== tier)
                  : [...filters.tier, tier].sort(),
              })
            }
          />
          <FilterBar
            filters={filters}
            update={update}
            workspaceId={workspaceId}
            tierNames={tierNames}
            workspaceMarkets={workspace.data?.markets ?? []}
            creatorMarkets={list ?? []}
          />
          <Group justify="space-between" gap="xs" mih={22}>
            <Group gap="xs">
              <Text size="sm" c="dimmed" data-testid="roster-count">
                {t('roster.shown', { count: creators.data.total, shown: fmt.number(creators.data.total) })}
              </Text>
              {creators.isFetching ? (
                <Loader size={14} role="status" aria-label={t('common.loading')} />
              ) : null}
            </Group>
            {creators.isError ? (
              <Text size="sm" c="red">
                {t('errors.network')}
              </Text>
            ) : null}
          </Group>
          {list && list.length > 0 ? (
            <RosterTable
              workspaceId={workspaceId}
              creators={list}
              today={utcToday()}
              selectable={canWrite}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
              sort={filters.sort}
              dir={filters.dir}
              onSort={(key) => update(nextSort(filters, key))}
              busy={creators.isFetching}
            />
          ) : hasActiveFilters(filters) ? (
            <NoMatch
              title={t('roster.noMatch.title')}
              text={t('roster.noMatch.text')}
              clearLabel={t('roster.filters.clear')}
              onClear={() => update({ ...defaultFilters, sort: filters.sort, dir: filters.dir })}
              testId="roster-no-match"
            />
          ) : (
            <EmptyList
              icon={<IconUsersGroup size={28} aria-hidden />}
              title={t('roster.empty.title')}
              text={t('roster.empty.text')}
              testId="roster-empty"
              addLabel={t('roster.add')}
              onAdd={canWrite ? () => setCreateOpened(true) : undefined}
            />
          )}
        </Stack>
      )}
      {canWrite ? (
        <>
          <BulkActions
            workspaceId={workspaceId}
            ids={selectedIds}
            tierNames={tierNames}
            onDone={clearSelection}
            onClear={clearSelection}
          />
          <CreateCreatorModal
            workspaceId={workspaceId}
            opened={createOpened}
            onClose={() => setCreateOpened(false)}
            defaultOwnerId={me.data?.user.id ?? null}
            defaultCurrency={workspace.data?.reportingCurrency ?? 'USD'}
          />
        </>
      ) : null}
    </>
  );
}

function FilterBar({
  filters,
  update,
  workspaceId,
  tierNames,
  workspaceMarkets,
  creatorMarkets,
}: {
  filters: RosterFilters;
  update: (patch: Partial<RosterFilters>) => void;
  workspaceId: string;
  tierNames: Record<number, string>;
  workspaceMarkets: string[];
  creatorMarkets: { markets: string[]; tags: string[] }[];
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const owners = useOwnerOptions(workspaceId);
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 300);

  // Typing updates the URL once the typing pauses…
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search writes the URL
  useEffect(() => {
    if (debounced.trim() !== filters.q.trim()) update({ q: debounced });
  }, [debounced]);
  // …and a URL changed elsewhere (back, "clear filters") updates the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the URL only
  useEffect(() => {
    if (filters.q.trim() !== search.trim()) setSearch(filters.q);
  }, [filters.q]);

  const marketData = useMemo(() => {
    const codes = new Set([...workspaceMarkets, ...filters.market]);
    for (const c of creatorMarkets) for (const m of c.markets) codes.add(m);
    return [...codes].sort().map((code) => {
      const name = fmt.region(code);
      return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
    });
  }, [workspaceMarkets, creatorMarkets, filters.market, fmt]);
  const tagData = useMemo(() => {
    const tags = new Set(filters.tag);
    for (const c of creatorMarkets) for (const tag of c.tags) tags.add(tag);
    return [...tags].sort((a, b) => a.localeCompare(b));
  }, [creatorMarkets, filters.tag]);

  // Short labels: chosen tiers show as pills in a narrow box; the option list adds the names.
  const tierData = [1, 2, 3].map((n) => ({ value: String(n), label: t('creator.tier', { tier: n }) }));
  const ownerData = [
    { value: 'me', label: t('roster.filters.ownerMe') },
    { value: 'none', label: t('creator.noOwner') },
    ...owners,
  ];
  for (const id of filters.owner) {
    if (!ownerData.some((o) => o.value === id))
      ownerData.push({ value: id, label: t('creator.formerMember') });
  }
  const dueData = dueFilters.map((value) => ({ value, label: t(`roster.filters.dueOptions.${value}`) }));
  const common = { size: 'sm', w: { base: '100%', xs: 180 }, comboboxProps: { withinPortal: true } } as const;

  return (
    <Group component="search" gap="xs" align="flex-start" aria-label={t('roster.filters.label')}>
      <TextInput
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        placeholder={t('roster.search')}
        aria-label={t('roster.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          search ? (
            <CloseButton size="sm" aria-label={t('roster.clearSearch')} onClick={() => setSearch('')} />
          ) : null
        }
        w={{ base: '100%', xs: 300 }}
        data-testid="roster-search"
      />
      <MultiSelect
        {...common}
        data={tierData}
        value={filters.tier.map(String)}
        onChange={(v) => update({ tier: v.map(Number).sort() })}
        renderOption={({ option }) => (
          <Text size="sm">
            {option.label}
            {tierNames[Number(option.value)] ? (
              <Text span inherit c="dimmed">
                {' · '}
                {tierNames[Number(option.value)]}
              </Text>
            ) : null}
          </Text>
        )}
        placeholder={filters.tier.length ? undefined : t('roster.filters.tier')}
        aria-label={t('roster.filters.tier')}
        clearable
        data-testid="roster-filter-tier"
      />
      <MultiSelect
        {...common}
        data={statusOptions(t)}
        value={filters.status}
        onChange={(v) =>
          update({
            status: v.filter((s) => statusOptions(t).some((o) => o.value === s)) as RosterFilters['status'],
          })
        }
        placeholder={filters.status.length ? undefined : t('roster.filters.status')}
        aria-label={t('roster.filters.status')}
        clearable
        data-testid="roster-filter-status"
      />
      <MultiSelect
        {...common}
        data={marketData}
        value={filters.market}
        onChange={(v) => update({ market: v })}
        placeholder={filters.market.length ? undefined : t('roster.filters.market')}
        aria-label={t('roster.filters.market')}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        data-testid="roster-filter-market"
      />
      <MultiSelect
        {...common}
        data={ownerData}
        value={filters.owner}
        onChange={(v) => update({ owner: v })}
        placeholder={filters.owner.length ? undefined : t('roster.filters.owner')}
        aria-label={t('roster.filters.owner')}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        data-testid="roster-filter-owner"
      />
      <TagsInput
        {...common}
        data={tagData}
        value={filters.tag}
        onChange={(v) => update({ tag: [...new Set(v.map((tag) => tag.trim()).filter(Boolean))] })}
        placeholder={filters.tag.length ? undefined : t('roster.filters.tag')}
        aria-label={t('roster.filters.tag')}
        clearable
        data-testid="roster-filter-tag"
      />
      <Select
        {...common}
        data={dueData}
        value={filters.due}
        onChange={(v) =>
          update({ due: (dueFilters as readonly string[]).includes(v ?? '') ? (v as DueFilter) : null })
        }
        placeholder={t('roster.filters.due')}
        aria-label={t('roster.filters.due')}
        clearable
        data-testid="roster-filter-due"
      />
      <ClearFiltersButton
        active={hasActiveFilters(filters)}
        onClear={() => {
          setSearch('');
          update({ ...defaultFilters, sort: filters.sort, dir: filters.dir });
        }}
        label={t('roster.filters.clear')}
        testId="roster-filter-clear"
        size="sm"
      />
    </Group>
  );
}
