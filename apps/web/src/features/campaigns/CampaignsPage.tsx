import type { Campaign } from '@evergreen/contracts';
import { campaignStatuses } from '@evergreen/contracts';
import {
  Anchor,
  Button,
  CloseButton,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch, IconTargetArrow } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { ClearFiltersButton, EmptyList, NoMatch } from '../../shared/layout/ListPage.tsx';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useCampaigns, useCreateCampaign } from './api.ts';
import { CampaignStatusBadge, Chips } from './CampaignBadges.tsx';
import { CampaignFields } from './CampaignFields.tsx';
import {
  type CampaignFormValues,
  campaignFieldAliases,
  emptyCampaignValues,
  validateCampaign,
  valuesToCreateCampaign,
} from './campaignForm.ts';
import {
  type CampaignFilters,
  campaignFiltersFromSearch,
  campaignFiltersToSearch,
  defaultCampaignFilters,
  hasCampaignFilters,
} from './filters.ts';

export function CampaignsPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => campaignFiltersFromSearch(searchParams), [searchParams]);
  const campaigns = useCampaigns(workspaceId, filters);
  const [createOpened, setCreateOpened] = useState(false);
  const update = useCallback(
    (patch: Partial<CampaignFilters>) =>
      setSearchParams(campaignFiltersToSearch({ ...filters, ...patch }), { replace: true }),
    [filters, setSearchParams],
  );
  const list = campaigns.data?.campaigns;
  const products = useMemo(
    () => [...new Set((list ?? []).flatMap((c) => c.products))].sort((a, b) => a.localeCompare(b)),
    [list],
  );

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.description')}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCreateOpened(true)}
              data-testid="campaign-new"
            >
              {t('campaigns.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <CampaignFilterBar
          filters={filters}
          update={update}
          markets={[
            ...new Set([...(workspace.data?.markets ?? []), ...(list ?? []).flatMap((c) => c.markets)]),
          ]}
        />
        {campaigns.isPending ? (
          <PageLoader />
        ) : campaigns.isError && !campaigns.data ? (
          <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        ) : (
          <>
            <Group gap="xs" mih={22}>
              <Text size="sm" c="dimmed" data-testid="campaigns-count">
                {t('campaigns.shown', {
                  count: campaigns.data.total,
                  shown: fmt.number(campaigns.data.total),
                })}
              </Text>
              {campaigns.isFetching ? (
                <Loader size={14} role="status" aria-label={t('common.loading')} />
              ) : null}
            </Group>
            {list && list.length > 0 ? (
              <CampaignsTable workspaceId={workspaceId} campaigns={list} />
            ) : hasCampaignFilters(filters) ? (
              <NoMatch
                title={t('campaigns.noMatch.title')}
                text={t('campaigns.noMatch.text')}
                clearLabel={t('campaigns.filters.clear')}
                onClear={() => update(defaultCampaignFilters)}
              />
            ) : (
              <EmptyList
                icon={<IconTargetArrow size={28} aria-hidden />}
                title={t('campaigns.empty.title')}
                text={t('campaigns.empty.text')}
                testId="campaigns-empty"
                addLabel={t('campaigns.new')}
                onAdd={canWrite ? () => setCreateOpened(true) : undefined}
              />
            )}
          </>
        )}
      </Stack>
      {canWrite ? (
        <Modal
          opened={createOpened}
          onClose={() => setCreateOpened(false)}
          title={t('campaigns.create.title')}
          size="xl"
        >
          {createOpened ? (
            <CreateCampaignForm
              workspaceId={workspaceId}
              currency={workspace.data?.reportingCurrency ?? 'USD'}
              markets={workspace.data?.markets ?? []}
              productSuggestions={products}
              onClose={() => setCreateOpened(false)}
            />
          ) : null}
        </Modal>
      ) : null}
    </>
  );
}

function CampaignsTable({ workspaceId, campaigns }: { workspaceId: string; campaigns: Campaign[] }) {
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

function CampaignFilterBar({
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
      <MultiSelect
        data={statusData}
        value={filters.status}
        onChange={(v) =>
          update({
            status: v.filter((s) => statusData.some((o) => o.value === s)) as CampaignFilters['status'],
          })
        }
        placeholder={filters.status.length ? undefined : t('campaigns.filters.status')}
        aria-label={t('campaigns.filters.status')}
        clearable
        w={w}
        data-testid="campaigns-filter-status"
      />
      <MultiSelect
        data={marketData}
        value={filters.market}
        onChange={(v) => update({ market: v })}
        placeholder={filters.market.length ? undefined : t('campaigns.filters.market')}
        aria-label={t('campaigns.filters.market')}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        w={w}
        data-testid="campaigns-filter-market"
      />
      <TextInput
        value={product}
        onChange={(e) => setProduct(e.currentTarget.value)}
        placeholder={t('campaigns.filters.product')}
        aria-label={t('campaigns.filters.product')}
        w={w}
        data-testid="campaigns-filter-product"
      />
      <TextInput
        type="date"
        value={filters.from}
        onChange={(e) => update({ from: e.currentTarget.value })}
        aria-label={t('campaigns.filters.from')}
        leftSection={
          <Text size="xs" c="dimmed">
            {t('campaigns.filters.fromShort')}
          </Text>
        }
        leftSectionWidth={36}
        w={{ base: '100%', xs: 160 }}
        data-testid="campaigns-filter-from"
      />
      <TextInput
        type="date"
        value={filters.to}
        onChange={(e) => update({ to: e.currentTarget.value })}
        aria-label={t('campaigns.filters.to')}
        leftSection={
          <Text size="xs" c="dimmed">
            {t('campaigns.filters.toShort')}
          </Text>
        }
        leftSectionWidth={36}
        w={{ base: '100%', xs: 160 }}
        data-testid="campaigns-filter-to"
      />
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

function CreateCampaignForm({
  workspaceId,
  currency,
  markets,
  productSuggestions,
  onClose,
}: {
  workspaceId: string;
  currency: string;
  markets: string[];
  productSuggestions: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const navigate = useNavigate();
  const create = useCreateCampaign(workspaceId);
  const handleError = useApiErrorHandler();
  const form = useForm<CampaignFormValues>({
    initialValues: emptyCampaignValues(currency, markets.length === 1 ? markets : []),
    validate: (values) => validateCampaign(values, t, lng),
  });
  const submit = form.onSubmit((values) => {
    create.mutate(valuesToCreateCampaign(values, lng), {
      onSuccess: (created) => {
        notifications.show({ color: 'teal', message: t('campaigns.create.done', { name: created.name }) });
        onClose();
        navigate(`/w/${workspaceId}/campaigns/${created.id}`);
      },
      onError: (error) => handleError(error, form, campaignFieldAliases),
    });
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('campaigns.create.title')} data-testid="campaign-form">
      <Stack gap="lg">
        <CampaignFields form={form} productSuggestions={productSuggestions} />
        <FormActions
          onCancel={onClose}
          loading={create.isPending}
          label={t('campaigns.create.submit')}
          testId="campaign-submit"
          gap="md"
        />
      </Stack>
    </form>
  );
}
