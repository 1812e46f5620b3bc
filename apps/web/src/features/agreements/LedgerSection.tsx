import type { Agreement, RetainerLedger } from '@evergreen/contracts';
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconZzz } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, QueryStates } from '../../shared/layout/ListPage.tsx';
import { SectionHeader } from '../../shared/ui/PageHeader.tsx';
import { itemLabel } from './AgreementBadges.tsx';
import { useLedger } from './api.ts';
import { balanceColor } from './rules.ts';

/** "July 2026", "Июль 2026": the month a ledger row covers, by its first day. */
function monthLabel(day: string, lng: string): string {
  const name = new Intl.DateTimeFormat(intlLocale(lng), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${day}T00:00:00Z`))
    .replace(/\s*г\.$/, '');
  return name.charAt(0).toLocaleUpperCase(lng) + name.slice(1);
}

/** A retainer's included vs delivered, month by month, with the two flags in colour. */
export function LedgerSection({ workspaceId, agreement }: { workspaceId: string; agreement: Agreement }) {
  const { t } = useTranslation();
  const ledger = useLedger(workspaceId, agreement.id, true);
  return (
    <Stack gap="sm" component="section" aria-labelledby="ledger-heading" data-testid="agreement-ledger">
      <SectionHeader
        id="ledger-heading"
        title={t('agreements.ledger.title')}
        description={t('agreements.ledger.explain')}
      />
      <QueryStates query={ledger}>{(data) => <LedgerTable ledger={data} />}</QueryStates>
    </Stack>
  );
}

function LedgerTable({ ledger }: { ledger: RetainerLedger }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const items = ledger.months[0]?.items.map((i) => i.item) ?? [];
  if (ledger.months.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('agreements.ledger.notStarted')}
      </Text>
    );
  }
  const flagged = ledger.creatorBehind.length > 0 || ledger.brandNotUsing.length > 0;
  return (
    <Stack gap="sm">
      <Group gap="xs" data-testid="ledger-summary">
        {ledger.creatorBehind.length > 0 ? (
          <Badge
            color="red"
            variant="light"
            tt="none"
            leftSection={<IconAlertTriangle size={12} aria-hidden />}
          >
            {t('agreements.ledger.summaryBehind', {
              items: ledger.creatorBehind.map((i) => itemLabel(i, t)).join(', '),
            })}
          </Badge>
        ) : null}
        {ledger.brandNotUsing.length > 0 ? (
          <Badge color="yellow" variant="light" tt="none" leftSection={<IconZzz size={12} aria-hidden />}>
            {t('agreements.ledger.summaryNotUsing', {
              items: ledger.brandNotUsing.map((i) => itemLabel(i, t)).join(', '),
            })}
          </Badge>
        ) : null}
        {!flagged ? (
          <Badge color="teal" variant="light" tt="none">
            {t('agreements.ledger.onTrack')}
          </Badge>
        ) : null}
        {ledger.extras.length > 0 ? (
          <Text size="sm" c="dimmed">
            {t('agreements.ledger.extras', {
              items: ledger.extras
                .map((e) => `${itemLabel(e.item, t)} × ${fmt.number(e.delivered)}`)
                .join(', '),
            })}
          </Text>
        ) : null}
      </Group>
      <DataTable
        minWidth={180 + items.length * 200}
        verticalSpacing="xs"
        striped
        columns={[t('agreements.ledger.month'), ...items.map((item) => itemLabel(item, t))]}
      >
        {ledger.months.map((m) => (
          <Table.Tr
            key={m.index}
            data-testid={`ledger-row-${m.from.slice(0, 7)}`}
            data-in-progress={m.inProgress || undefined}
          >
            <Table.Td>
              <Text size="sm" fw={500}>
                {monthLabel(m.from, fmt.lng)}
              </Text>
              <Text size="xs" c="dimmed">
                {m.inProgress
                  ? t('agreements.ledger.inProgress')
                  : t('agreements.range', { from: fmt.day(m.from), to: fmt.day(m.to) })}
              </Text>
            </Table.Td>
            {m.items.map((cell) => (
              <Table.Td key={cell.item} data-testid={`ledger-cell-${m.from.slice(0, 7)}-${cell.item}`}>
                <Stack gap={2}>
                  <Text size="sm">
                    {t('agreements.ledger.delivered', {
                      delivered: fmt.number(cell.delivered),
                      included: fmt.number(cell.included),
                    })}
                  </Text>
                  <Text
                    size="xs"
                    c={balanceColor(cell.balance) ?? 'dimmed'}
                    fw={cell.balance !== 0 ? 600 : undefined}
                  >
                    {cell.balance > 0
                      ? t('agreements.ledger.owed', { n: fmt.number(cell.balance) })
                      : cell.balance < 0
                        ? t('agreements.ledger.ahead', { n: fmt.number(-cell.balance) })
                        : t('agreements.ledger.even')}
                    {cell.openRequests > 0
                      ? ` · ${t('agreements.ledger.open', { n: fmt.number(cell.openRequests) })}`
                      : ''}
                  </Text>
                  <Group gap={4}>
                    {cell.creatorBehind ? (
                      <Badge size="xs" color="red" variant="filled" tt="none">
                        {t('agreements.ledger.creatorBehind')}
                      </Badge>
                    ) : null}
                    {cell.brandNotUsing ? (
                      <Badge size="xs" color="yellow" variant="filled" tt="none" c="dark">
                        {t('agreements.ledger.brandNotUsing')}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </DataTable>
      <Text size="xs" c="dimmed">
        {t('agreements.ledger.balanceHint')}
      </Text>
    </Stack>
  );
}
