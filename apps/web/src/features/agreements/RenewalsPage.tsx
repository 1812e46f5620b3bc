import type { RenewalDecision } from '@evergreen/contracts';
import { Anchor, Badge, Group, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { IconCalendarRepeat, IconRefresh, IconRepeatOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { intlLocale, useFormatters } from '../../shared/i18n/format.ts';
import { EmptyList, ScrollTable } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { TierBadge } from '../roster/CreatorBadges.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useRenewals } from './api.ts';
import { daysLeftColor, groupByMonth } from './rules.ts';

export const WITHIN_OPTIONS = [30, 90, 180, 365] as const;
const STORAGE_KEY = 'evergreen.renewals.within';

function rememberedWithin(): number {
  try {
    const n = Number(localStorage.getItem(STORAGE_KEY));
    return (WITHIN_OPTIONS as readonly number[]).includes(n) ? n : 90;
  } catch {
    return 90;
  }
}

/** "July 2026", "Июль 2026" for a 'YYYY-MM' month. */
function monthHeading(month: string, lng: string): string {
  const name = new Intl.DateTimeFormat(intlLocale(lng), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${month}-01T00:00:00Z`))
    .replace(/\s*г\.$/, '');
  return name.charAt(0).toLocaleUpperCase(lng) + name.slice(1);
}

/** The renewal pipeline: every decision date ahead (and missed), by month. Read-only for everyone. */
export function RenewalsPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [within, setWithin] = useState(rememberedWithin);
  const renewals = useRenewals(workspaceId, within);

  const changeWithin = (value: string | null) => {
    const n = Number(value);
    if (!(WITHIN_OPTIONS as readonly number[]).includes(n)) return;
    try {
      localStorage.setItem(STORAGE_KEY, String(n));
    } catch {
      // Storage unavailable: the choice lasts for this visit.
    }
    setWithin(n);
  };

  const withinSelect = (
    <Select
      label={t('renewals.within')}
      value={String(within)}
      onChange={changeWithin}
      allowDeselect={false}
      w={240}
      data={WITHIN_OPTIONS.map((n) => ({
        value: String(n),
        label: t('renewals.withinOption', { duration: fmt.days(n) }),
      }))}
      data-testid="renewals-within"
    />
  );

  const items = renewals.data?.items ?? [];
  const open = (item: RenewalDecision) => void navigate(`/w/${workspaceId}/agreements/${item.agreementId}`);

  return (
    <>
      <PageHeader
        title={t('renewals.title')}
        description={canWrite ? t('renewals.description') : t('renewals.readOnly')}
        actions={withinSelect}
      />
      {renewals.isPending ? (
        <PageLoader />
      ) : renewals.isError ? (
        <QueryError error={renewals.error} onRetry={() => void renewals.refetch()} />
      ) : items.length === 0 ? (
        <EmptyList
          color="teal"
          size="lg"
          icon={<IconCalendarRepeat size={32} aria-hidden />}
          title={t('renewals.empty.title')}
          text={t('renewals.empty.text', { duration: fmt.days(within) })}
          testId="renewals-empty"
        />
      ) : (
        <Paper withBorder radius="md" data-testid="renewals" aria-busy={renewals.isFetching}>
          <ScrollTable
            minWidth={980}
            verticalSpacing="sm"
            highlightOnHover
            columns={[
              t('renewals.columns.date'),
              t('renewals.columns.decision'),
              t('renewals.columns.creator'),
              t('renewals.columns.agreement'),
              t('renewals.columns.renewal'),
            ]}
          >
            {groupByMonth(items).map((group) => [
              <Table.Tr key={group.month} data-testid={`renewals-month-${group.month}`}>
                <Table.Th colSpan={5} bg="var(--mantine-color-default-hover)" py={6}>
                  <Group gap="xs">
                    <Text size="sm" fw={700}>
                      {monthHeading(group.month, fmt.lng)}
                    </Text>
                    <Badge size="sm" variant="light" color="gray" circle={group.items.length < 10}>
                      {group.items.length}
                    </Badge>
                  </Group>
                </Table.Th>
              </Table.Tr>,
              ...group.items.map((item) => (
                <RenewalRow key={`${item.agreementId}-${item.kind}`} item={item} onOpen={() => open(item)} />
              )),
            ])}
          </ScrollTable>
        </Paper>
      )}
    </>
  );
}

function RenewalRow({ item, onOpen }: { item: RenewalDecision; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId } = useCurrentWorkspace();
  const days = item.daysLeft;
  const color = daysLeftColor(days);
  return (
    <Table.Tr
      onClick={onOpen}
      style={{ cursor: 'pointer' }}
      data-testid={`renewal-row-${item.agreementId}-${item.kind}`}
      data-past-due={item.pastDue || undefined}
    >
      <Table.Td>
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {fmt.day(item.date)}
        </Text>
        <Text
          size="xs"
          c={color ?? 'dimmed'}
          fw={days < 0 ? 700 : undefined}
          style={{ whiteSpace: 'nowrap' }}
        >
          {days < 0
            ? t('renewals.overdue', { duration: fmt.days(-days) })
            : days === 0
              ? t('renewals.today')
              : t('renewals.daysLeft', { duration: fmt.days(days) })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge
          variant="light"
          color={kindColors[item.kind]}
          tt="none"
          styles={{ label: { overflow: 'visible' } }}
        >
          {t(`renewals.kinds.${item.kind}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Anchor
            component={Link}
            to={`/w/${workspaceId}/creators/${item.creatorId}`}
            size="sm"
            style={{ whiteSpace: 'nowrap' }}
            onClick={(e) => e.stopPropagation()}
          >
            {item.creatorName}
          </Anchor>
          <TierBadge tier={item.tier} size="xs" styles={{ label: { overflow: 'visible' } }} />
        </Group>
      </Table.Td>
      <Table.Td>
        <Anchor
          component={Link}
          to={`/w/${workspaceId}/agreements/${item.agreementId}`}
          size="sm"
          fw={600}
          onClick={(e) => e.stopPropagation()}
        >
          {item.agreementTitle}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t(`agreements.types.${item.agreementType}`)}
          {item.termNumber > 1 ? ` · ${t('agreements.termNumber', { number: item.termNumber })}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        {item.autoRenew ? (
          <Tooltip
            label={
              item.renewsOn ? t('renewals.renewsOn', { date: fmt.day(item.renewsOn) }) : t('renewals.auto')
            }
          >
            <Group gap={4} wrap="nowrap" data-testid={`renewal-auto-${item.agreementId}`}>
              <IconRefresh size={14} color="var(--mantine-color-teal-6)" aria-hidden />
              <Text size="xs" c="teal" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {item.renewsOn
                  ? t('renewals.renewsOnShort', { date: fmt.day(item.renewsOn) })
                  : t('renewals.auto')}
              </Text>
            </Group>
          </Tooltip>
        ) : (
          <Group gap={4} wrap="nowrap">
            <IconRepeatOff size={14} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text size="xs" c="dimmed">
              {t('renewals.manual')}
            </Text>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

const kindColors: Record<RenewalDecision['kind'], string> = {
  month_six: 'violet',
  rate_review: 'blue',
  notice_deadline: 'orange',
  term_end: 'gray',
};
