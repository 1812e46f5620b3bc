import type { Campaign } from '@evergreen/contracts';
import { campaignStatuses } from '@evergreen/contracts';
import { Anchor, CloseButton, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ClearFiltersButton, FilterMultiSelect } from '../../shared/layout/ListPage.tsx';
import { CampaignStatusBadge, Chips } from './CampaignBadges.tsx';
import { type CampaignFilters, defaultCampaignFilters, hasCampaignFilters } from './filters.ts';

export function CampaignsTable({ workspaceId, campaigns }: { workspaceId: string; campaigns: Campaign[] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="campaigns-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('campaigns.columns.name')}</Table.Th>
            <Table.Th>{t('campaigns.columns.status')}</Table.Th>
            <Table.Th>{t('campaigns.columns.dates')}</Table.Th>
            <Table.Th>{t('campaigns.columns.products')}</Table.Th>
            <Table.Th>{t('campaigns.columns.markets')}</Table.Th>
            <Table.Th>{t('campaigns.columns.outcome')}</Table.Th>
            <Table.Th ta="right">{t('campaigns.columns.briefs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((c) => (
            <Table.Tr key={c.id} data-testid={`campaign-row-${c.id}`}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${workspaceId}/campaigns/${c.id}`} fw={600} size="sm">
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <CampaignStatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {fmt.day(c.startsOn)} – {fmt.day(c.endsOn)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Chips items={c.products} />
              </Table.Td>
              <Table.Td>
                <Chips items={c.markets} color="blue" />
              </Table.Td>
              <Table.Td maw={320}>
                <Text
                  size="sm"
                  lineClamp={2}
                  c={c.outcome ? undefined : 'dimmed'}
                  title={c.outcome ?? undefined}
                >
                  {c.outcome ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {fmt.number(c.briefCount)}
                  {c.briefCount > 0 ? (
                    <Text span inherit c="dimmed">
                      {' · '}
                      {t('campaigns.acceptedCount', { count: c.acceptedCount })}
                    </Text>
                  ) : null}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CampaignFilterBar({
  filters,
  update,
  markets,
}: {
  filters: CampaignFilters;
  update: (patch: Partial<CampaignFilters>) => void;
  markets: string[];
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 300);
  const [product, setProduct] = useState(filters.product);
  const [debouncedProduct] = useDebouncedValue(product, 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search writes the URL
  useEffect(() => {
    if (debounced.trim() !== filters.q.trim()) update({ q: debounced });
  }, [debounced]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search writes the URL
  useEffect(() => {
    if (debouncedProduct.trim() !== filters.product.trim()) update({ product: debouncedProduct });
  }, [debouncedProduct]);
  const marketData = [...new Set([...markets, ...filters.market])].sort().map((code) => {
    const name = fmt.region(code);
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  });
  const statusData = campaignStatuses.map((value) => ({ value, label: t(`campaigns.status.${value}`) }));
  const w = { base: '100%', xs: 150 } as const;

  return (
    <Group component="search" gap="xs" align="flex-end" aria-label={t('campaigns.filters.label')}>
      <TextInput
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        placeholder={t('campaigns.filters.search')}
        aria-label={t('campaigns.filters.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          search ? (
            <CloseButton
              size="sm"
              aria-label={t('campaigns.filters.clearSearch')}
              onClick={() => setSearch('')}
            />
          ) : null
        }
        w={{ base: '100%', xs: 220 }}
        data-testid="campaigns-search"
      />
      <FilterMultiSelect
        label={t('campaigns.filters.status')}
        testId="campaigns-filter-status"
        data={statusData}
        value={filters.status}
        onChange={(v) =>
          update({
            status: v.filter((s) => statusData.some((o) => o.value === s)) as CampaignFilters['status'],
          })
        }
        w={w}
      />
      <FilterMultiSelect
        label={t('campaigns.filters.market')}
        testId="campaigns-filter-market"
        data={marketData}
        value={filters.market}
        onChange={(v) => update({ market: v })}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
        w={w}
      />
      <TextInput
        value={product}
        onChange={(e) => setProduct(e.currentTarget.value)}
        placeholder={t('campaigns.filters.product')}
        aria-label={t('campaigns.filters.product')}
        w={w}
        data-testid="campaigns-filter-product"
      />
      {(['from', 'to'] as const).map((bound) => (
        <TextInput
          key={bound}
          type="date"
          value={filters[bound]}
          onChange={(e) => update({ [bound]: e.currentTarget.value })}
          aria-label={t(`campaigns.filters.${bound}`)}
          leftSection={
            <Text size="xs" c="dimmed">
              {t(`campaigns.filters.${bound}Short`)}
            </Text>
          }
          leftSectionWidth={36}
          w={{ base: '100%', xs: 160 }}
          data-testid={`campaigns-filter-${bound}`}
        />
      ))}
      <ClearFiltersButton
        active={hasCampaignFilters(filters)}
        onClear={() => {
          setSearch('');
          setProduct('');
          update(defaultCampaignFilters);
        }}
        label={t('campaigns.filters.clear')}
        testId="campaigns-filter-clear"
      />
    </Group>
  );
}
