import type { Order } from '@evergreen/contracts';
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import {
  DataTable,
  DateFilter,
  FilterGrid,
  PagedResults,
  SelectFilter,
  useListFilters,
} from '../../shared/layout/ListPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { type OrderQuery, useCreatorOptions, useOrders } from './api.ts';
import { ImportButton } from './ImportButton.tsx';
import { lagParts } from './rules.ts';

const PAGE = 50;
type Filters = Omit<OrderQuery, 'limit' | 'offset'>;

/** Orders, newest first, with the creator, post and touch each is attributed to. */
export function OrdersPage() {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const [searchParams] = useSearchParams();
  // The creator's Tracking tab links here with ?creatorId=<id>.
  const { filters, set, page, setPage, active } = useListFilters<Filters>(() => {
    const creatorId = searchParams.get('creatorId');
    return creatorId ? { creatorId } : {};
  });
  const creators = useCreatorOptions(workspaceId);
  const orders = useOrders(workspaceId, { ...filters, limit: PAGE, offset: (page - 1) * PAGE });

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        description={t('orders.description')}
        actions={
          <ImportButton workspaceId={workspaceId} kind="orders">
            {t('orders.import')}
          </ImportButton>
        }
      />
      <FilterGrid>
        <SelectFilter
          label={t('orders.columns.creator')}
          data={creators.data ?? []}
          value={filters.creatorId}
          onChange={(creatorId) => set({ creatorId })}
          searchable
          data-testid="orders-filter-creator"
        />
        <SelectFilter
          label={t('orders.filters.attribution')}
          data={[
            { value: 'yes', label: t('orders.filters.attributed') },
            { value: 'no', label: t('orders.filters.unattributed') },
          ]}
          placeholder={t('orders.filters.all')}
          value={filters.attributed}
          onChange={(value) => set({ attributed: value === 'yes' || value === 'no' ? value : undefined })}
          data-testid="orders-filter-attributed"
        />
        <DateFilter
          label={t('orders.filters.from')}
          value={filters.from}
          onChange={(from) => set({ from })}
        />
        <DateFilter label={t('orders.filters.to')} value={filters.to} onChange={(to) => set({ to })} />
      </FilterGrid>
      <PagedResults
        query={orders}
        count={(data) => data.orders.length}
        testId="orders"
        filtered={active}
        emptyText={t('orders.empty')}
        noMatchText={t('orders.noMatch')}
        totalText={(count) => t('orders.total', { count })}
        page={page}
        onPage={setPage}
        pageSize={PAGE}
        pagerLabel={t('posts.pages')}
      >
        {(data) => (
          <DataTable
            minWidth={900}
            verticalSpacing="xs"
            fz="sm"
            testId="orders-table"
            columns={[
              t('orders.columns.order'),
              t('orders.columns.orderedAt'),
              { label: t('orders.columns.amount'), right: true },
              t('orders.columns.touch'),
              t('orders.columns.creator'),
              t('orders.columns.by'),
              t('orders.columns.lag'),
            ]}
          >
            {data.orders.map((o) => (
              <OrderRow key={o.id} order={o} workspaceId={workspaceId} />
            ))}
          </DataTable>
        )}
      </PagedResults>
      <Text size="xs" c="dimmed" mt="md">
        {t('orders.rule')}
      </Text>
    </>
  );
}

function OrderRow({ order: o, workspaceId }: { order: Order; workspaceId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const a = o.attribution;
  const lag = a?.lagSeconds != null ? lagParts(a.lagSeconds) : null;
  return (
    <Table.Tr data-testid={`order-row-${o.externalId}`} data-attributed={a ? 'yes' : 'no'}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {o.externalId}
        </Text>
        <Text size="xs" c="dimmed">
          {t('orders.customer', { id: o.customerId })}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(o.orderedAt)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Stack gap={2} align="flex-end">
          <Text
            size="sm"
            td={o.status === 'paid' || o.status === 'partially_refunded' ? undefined : 'line-through'}
          >
            {formatMoney(o.amountMinor, o.currency, fmt.lng)}
          </Text>
          {o.status !== 'paid' ? (
            <Badge
              size="xs"
              variant="light"
              color={o.status === 'partially_refunded' ? 'yellow' : 'gray'}
              data-testid={`order-status-${o.externalId}`}
            >
              {t(`orders.status.${o.status}`)}
            </Badge>
          ) : null}
          {o.refundedMinor > 0 && o.status !== 'refunded' ? (
            <Text size="xs" c="dimmed">
              {t('orders.refunded', { amount: formatMoney(o.refundedMinor, o.currency, fmt.lng) })}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {o.promoCode ? (
            <Text size="xs">
              {t('orders.code')}: <b>{o.promoCode}</b>
            </Text>
          ) : null}
          {o.utmSource || o.utmCampaign ? (
            <Text size="xs" c="dimmed">
              utm: {[o.utmSource, o.utmCampaign].filter(Boolean).join(' / ')}
            </Text>
          ) : null}
          {!o.promoCode && !o.utmSource && !o.utmCampaign ? (
            <Text size="xs" c="dimmed">
              —
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td data-testid={`order-creator-${o.externalId}`}>
        {a ? (
          <Anchor component={Link} to={`/w/${workspaceId}/creators/${a.creatorId}`} size="sm">
            {a.creatorName ?? t('posts.unknownCreator')}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            {t('orders.unattributed')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {a ? (
          <Badge
            variant="light"
            color={a.by === 'code' ? 'grape' : 'blue'}
            tt="none"
            data-testid={`order-by-${o.externalId}`}
          >
            {t(`orders.by.${a.by}`)}
          </Badge>
        ) : null}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {lag ? t(`orders.lag.${lag.unit}`, { count: lag.value }) : a ? t('orders.noPost') : ''}
      </Table.Td>
    </Table.Tr>
  );
}
