import type { ExchangeRate } from '@evergreen/contracts';
import {
  ActionIcon,
  Alert,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useDeleteRate, useExchangeRates } from './api.ts';
import { AddRateForm, BulkRatesForm } from './RatesForms.tsx';

/** An exact decimal in the user's locale ("0,0112" in Russian) without going through a float. */
function formatRate(rate: string, lng: string): string {
  const [int = '0', frac] = rate.split('.');
  const grouped = new Intl.NumberFormat(intlLocale(lng)).format(BigInt(int));
  const sep = lng === 'ru' ? ',' : '.';
  return frac ? `${grouped}${sep}${frac}` : grouped;
}

export function RatesPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const rates = useExchangeRates(workspaceId);
  const remove = useDeleteRate(workspaceId);
  const handleError = useApiErrorHandler();
  const reporting = workspace.data?.reportingCurrency ?? '';
  const sorted = [...(rates.data ?? [])].sort(
    (a, b) => b.onDate.localeCompare(a.onDate) || a.currency.localeCompare(b.currency),
  );
  return (
    <>
      <PageHeader
        title={t('rates.title')}
        description={reporting ? t('rates.description', { reporting }) : undefined}
      />
      <Stack gap="lg">
        {!canWrite ? (
          <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
            {t('rates.readOnly')}
          </Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <AddRateForm workspaceId={workspaceId} reporting={reporting} />
            <BulkRatesForm workspaceId={workspaceId} />
          </SimpleGrid>
        )}
        {rates.isPending || workspace.isPending ? (
          <PageLoader />
        ) : rates.isError ? (
          <QueryError error={rates.error} onRetry={() => void rates.refetch()} />
        ) : sorted.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="rates-empty">
            {t('rates.empty')}
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing="xs" striped data-testid="rates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rates.columns.date')}</Table.Th>
                    <Table.Th>{t('rates.columns.currency')}</Table.Th>
                    <Table.Th ta="right">{t('rates.columns.rate')}</Table.Th>
                    <Table.Th>{t('rates.columns.meaning')}</Table.Th>
                    {canWrite ? (
                      <Table.Th w={48}>
                        <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                      </Table.Th>
                    ) : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted.map((r: ExchangeRate) => (
                    <Table.Tr key={r.id} data-testid={`rate-row-${r.currency}-${r.onDate}`}>
                      <Table.Td>{fmt.day(r.onDate)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500} span>
                          {r.currency}
                        </Text>{' '}
                        <Text size="xs" c="dimmed" span>
                          {fmt.currency(r.currency) ?? ''}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {formatRate(r.rate, fmt.lng)}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {t('rates.meaning', {
                            currency: r.currency,
                            rate: formatRate(r.rate, fmt.lng),
                            reporting: r.reportingCurrency,
                          })}
                        </Text>
                      </Table.Td>
                      {canWrite ? (
                        <Table.Td>
                          <Tooltip label={t('rates.delete')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('rates.deleteLabel', {
                                currency: r.currency,
                                on: fmt.day(r.onDate),
                              })}
                              loading={remove.isPending && remove.variables === r.id}
                              onClick={() =>
                                remove.mutate(r.id, {
                                  onSuccess: () =>
                                    notifications.show({ color: 'teal', message: t('rates.deleted') }),
                                  onError: (error) => handleError(error),
                                })
                              }
                              data-testid={`rate-delete-${r.id}`}
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
    </>
  );
}
