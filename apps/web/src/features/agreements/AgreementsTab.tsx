import type { Agreement, Creator } from '@evergreen/contracts';
import { utcToday } from '@evergreen/rules';
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconFileDescription, IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { EmptyList, QueryStates, ScrollTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { currencyDigits, formatMoney, minorToInput } from '../../shared/money.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { AgreementStatusBadge, itemLabel } from './AgreementBadges.tsx';
import { AgreementForm } from './AgreementForm.tsx';
import { emptyAgreementValues, type RateRow } from './agreementForm.ts';
import { useCreatorAgreements } from './api.ts';
import { nextDecision, shownStatus } from './rules.ts';

/** The creator page's Agreements tab: every term, newest first, and "New agreement". */
export function AgreementsTab({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const heading = useHeadings('agreements.list');
  const fmt = useFormatters();
  const navigate = useNavigate();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const agreements = useCreatorAgreements(workspaceId, creator.id);
  const [creating, setCreating] = useState(false);
  const today = utcToday();

  const newValues = () => {
    // The creator's rate card is the starting point, in its currency.
    const currency = creator.rates[0]?.currency ?? workspace.data?.reportingCurrency ?? 'USD';
    const rates: RateRow[] = creator.rates
      .filter((r) => r.currency === currency)
      .map((r) => ({
        deliverableType: r.deliverableType,
        amount: minorToInput(r.amountMinor, currencyDigits(currency), fmt.lng),
      }));
    const spoken = creator.languages.find((l): l is 'en' | 'ru' => l === 'en' || l === 'ru');
    return emptyAgreementValues({
      startsOn: today,
      currency,
      language: spoken ?? workspace.data?.defaultLanguage ?? 'en',
      rates,
    });
  };

  const newButton = canWrite ? (
    <Button
      leftSection={<IconPlus size={16} aria-hidden />}
      onClick={() => setCreating(true)}
      data-testid="agreement-new"
    >
      {t('agreements.new')}
    </Button>
  ) : null;

  return (
    <Stack gap="md" data-testid="agreements-tab">
      <QueryStates
        query={agreements}
        isEmpty={(result) => result.length === 0}
        empty={
          <EmptyList
            color="gray"
            py="lg"
            icon={<IconFileDescription size={28} aria-hidden />}
            title={t('agreements.empty.title')}
            text={t('agreements.empty.text')}
            testId="agreements-empty"
            actions={newButton}
          />
        }
      >
        {(result) => (
          <>
            {newButton ? <Group justify="flex-end">{newButton}</Group> : null}
            <ScrollTable
              minWidth={760}
              verticalSpacing="sm"
              highlightOnHover
              testId="agreements-table"
              columns={heading('agreement', 'status', 'term', 'money', 'next')}
            >
              {result.map((a) => (
                <AgreementRow key={a.id} agreement={a} workspaceId={workspaceId} today={today} />
              ))}
            </ScrollTable>
          </>
        )}
      </QueryStates>

      <FormModal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('agreements.form.heading', { name: creator.displayName })}
        size="xl"
      >
        <AgreementForm
          workspaceId={workspaceId}
          creatorId={creator.id}
          creatorName={creator.displayName}
          initialValues={newValues()}
          onDone={(created) => {
            setCreating(false);
            void navigate(`/w/${workspaceId}/agreements/${created.id}`);
          }}
          onCancel={() => setCreating(false)}
        />
      </FormModal>
    </Stack>
  );
}

/** The money of an agreement in a few short lines, in its own currency. */
export function moneyLines(a: Agreement, t: TFunction, lng: string): string[] {
  const money = (minor: number) => formatMoney(minor, a.currency, lng);
  const lines: string[] = [];
  if (a.monthlyFeeMinor !== null)
    lines.push(t('agreements.money.perMonth', { amount: money(a.monthlyFeeMinor) }));
  if (a.feeMinor !== null) lines.push(t('agreements.money.fee', { amount: money(a.feeMinor) }));
  for (const r of a.rates) lines.push(`${itemLabel(r.deliverableType, t)} · ${money(r.amountMinor)}`);
  return lines;
}

function AgreementRow({
  agreement: a,
  workspaceId,
  today,
}: {
  agreement: Agreement;
  workspaceId: string;
  today: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const next = nextDecision(a, today);
  const lines = moneyLines(a, t, fmt.lng);
  return (
    <Table.Tr data-testid={`agreement-row-${a.id}`}>
      <Table.Td>
        <Stack gap={2}>
          <Anchor component={Link} to={`/w/${workspaceId}/agreements/${a.id}`} fw={600} size="sm">
            {a.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t(`agreements.types.${a.type}`)}
            {a.termNumber > 1 ? ` · ${t('agreements.termNumber', { number: a.termNumber })}` : ''}
            {a.dates.renewsOn && a.status !== 'ended' ? ` · ${t('agreements.autoRenews')}` : ''}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <AgreementStatusBadge
          status={shownStatus(a)}
          data-status={shownStatus(a)}
          data-testid="agreement-row-status"
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {t('agreements.range', { from: fmt.day(a.startsOn), to: fmt.day(a.dates.termEndsOn) })}
        </Text>
      </Table.Td>
      <Table.Td>
        {lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          lines.map((line) => (
            <Text key={line} size="sm" style={{ whiteSpace: 'nowrap' }}>
              {line}
            </Text>
          ))
        )}
      </Table.Td>
      <Table.Td>
        {next ? (
          <Stack gap={0}>
            <Text size="sm" c={next.date < today && next.kind !== 'ended' ? 'red' : undefined}>
              {fmt.day(next.date)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`agreements.nextKinds.${next.kind}`)}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
