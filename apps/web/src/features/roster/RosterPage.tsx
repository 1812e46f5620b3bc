import { utcToday } from '@evergreen/rules';
import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { EmptyList, NoMatch } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useMe } from '../auth/api.ts';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useCreators } from './api.ts';
import { BulkActions } from './BulkActions.tsx';
import { CreateCreatorModal } from './CreateCreatorModal.tsx';
import {
  defaultFilters,
  filtersFromSearch,
  filtersToSearch,
  hasActiveFilters,
  nextSort,
  type RosterFilters,
} from './filters.ts';
import { FilterBar } from './RosterFilterBar.tsx';
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
