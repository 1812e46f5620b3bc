import { CloseButton, Group, Select, TagsInput, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ClearFiltersButton, FilterMultiSelect } from '../../shared/layout/ListPage.tsx';
import { useOwnerOptions } from './CreatorFields.tsx';
import {
  type DueFilter,
  defaultFilters,
  dueFilters,
  hasActiveFilters,
  type RosterFilters,
} from './filters.ts';
import { statusOptions } from './options.ts';

export function FilterBar({
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
      <FilterMultiSelect
        label={t('roster.filters.tier')}
        testId="roster-filter-tier"
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
      />
      <FilterMultiSelect
        label={t('roster.filters.status')}
        testId="roster-filter-status"
        {...common}
        data={statusOptions(t)}
        value={filters.status}
        onChange={(v) =>
          update({
            status: v.filter((s) => statusOptions(t).some((o) => o.value === s)) as RosterFilters['status'],
          })
        }
      />
      <FilterMultiSelect
        label={t('roster.filters.market')}
        testId="roster-filter-market"
        {...common}
        data={marketData}
        value={filters.market}
        onChange={(v) => update({ market: v })}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
      />
      <FilterMultiSelect
        label={t('roster.filters.owner')}
        testId="roster-filter-owner"
        {...common}
        data={ownerData}
        value={filters.owner}
        onChange={(v) => update({ owner: v })}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
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
