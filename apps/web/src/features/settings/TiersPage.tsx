import type { TierPolicy } from '@evergreen/contracts';
import { Alert, Badge, Checkbox, Group, NumberInput, Paper, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { startFrom, useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { SaveActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useCurrentWorkspace, useTiers, useUpdateTiers } from '../workspaces/api.ts';
import { sumHundredths } from './tierText.ts';

interface TierRow {
  tier: number;
  name: string;
  targetMin: number | string;
  targetMax: number | string;
  cadenceDays: number | string;
  caseByCase: boolean;
  budgetSharePct: number | string;
}

interface TiersFormValues {
  tiers: TierRow[];
}

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

function toRow(policy: TierPolicy): TierRow {
  return {
    tier: policy.tier,
    name: policy.name,
    targetMin: policy.targetMin ?? '',
    targetMax: policy.targetMax ?? '',
    cadenceDays: policy.cadenceDays ?? '',
    caseByCase: policy.cadenceDays === null,
    budgetSharePct: policy.budgetSharePct,
  };
}

function optionalInt(value: number | string): number | null {
  if (value === '' || value === null) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The share as the API wants it: an exact decimal string ("40", "33.5"). */
function shareString(value: number | string): string {
  const s = typeof value === 'number' ? String(value) : value.trim();
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function toPolicy(row: TierRow): TierPolicy {
  return {
    tier: row.tier,
    name: row.name.trim(),
    targetMin: optionalInt(row.targetMin),
    targetMax: optionalInt(row.targetMax),
    cadenceDays: row.caseByCase ? null : optionalInt(row.cadenceDays),
    budgetSharePct: shareString(row.budgetSharePct),
  };
}

function validateTiers(values: TiersFormValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  values.tiers.forEach((row, i) => {
    const p = `tiers.${i}`;
    if (!row.name.trim()) errors[`${p}.name`] = t('validation.required');
    else if (row.name.trim().length > 60) errors[`${p}.name`] = t('validation.maxLength', { max: 60 });
    const min = optionalInt(row.targetMin);
    const max = optionalInt(row.targetMax);
    if (min !== null && max !== null && min > max) errors[`${p}.targetMax`] = t('validation.maxBelowMin');
    if (!row.caseByCase) {
      const cadence = optionalInt(row.cadenceDays);
      if (cadence === null) errors[`${p}.cadenceDays`] = t('validation.cadenceRequired');
    }
    const share = shareString(row.budgetSharePct);
    if (share === '') errors[`${p}.budgetSharePct`] = t('validation.required');
    else if (!PERCENT.test(share) || Number(share) > 100)
      errors[`${p}.budgetSharePct`] = t('validation.percent');
  });
  const sum = sumHundredths(values.tiers.map((row) => shareString(row.budgetSharePct)));
  if (sum !== 10_000) errors.tiers = t('tiers.sumMustBe100');
  return errors;
}

export function TiersPage() {
  const { t } = useTranslation();
  const { workspaceId, isOwner } = useCurrentWorkspace();
  const tiers = useTiers(workspaceId);
  return (
    <>
      <PageHeader title={t('settings.tiers.title')} description={t('settings.tiers.description')} />
      <QueryStates query={tiers}>
        {(data) => (
          <TiersForm key={workspaceId} workspaceId={workspaceId} initial={data} editable={isOwner} />
        )}
      </QueryStates>
    </>
  );
}

function TiersForm({
  workspaceId,
  initial,
  editable,
}: {
  workspaceId: string;
  initial: TierPolicy[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const update = useUpdateTiers(workspaceId);
  const form = useForm<TiersFormValues>({
    initialValues: { tiers: [...initial].sort((a, b) => a.tier - b.tier).map(toRow) },
    validate: (values) => validateTiers(values, t),
  });

  const shares = form.values.tiers.map((row) => shareString(row.budgetSharePct));
  const sum = sumHundredths(shares);
  const sumOk = sum === 10_000;
  const sumText = fmt.percent(String(sum / 100));

  const send = useFormSubmit(update, form, {
    done: () => t('common.saved'),
    after: (saved) => startFrom(form, { tiers: [...saved].sort((a, b) => a.tier - b.tier).map(toRow) }),
  });
  const submit = form.onSubmit((values) => send(values.tiers.map(toPolicy)));

  const tiersError = form.errors.tiers;

  return (
    <StackForm onSubmit={submit} label={t('settings.tiers.title')}>
      {!editable ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
          {t('settings.readOnlyOwner')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" horizontalSpacing="sm" data-testid="tiers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={56}>{t('tiers.columns.tier')}</Table.Th>
                <Table.Th>{t('tiers.columns.name')}</Table.Th>
                <Table.Th w={110}>{t('tiers.columns.targetMin')}</Table.Th>
                <Table.Th w={110}>{t('tiers.columns.targetMax')}</Table.Th>
                <Table.Th w={210}>{t('tiers.columns.cadenceDays')}</Table.Th>
                <Table.Th w={130}>{t('tiers.columns.budgetShare')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.values.tiers.map((row, i) => {
                const n = row.tier;
                const label = (column: string) => t('tiers.fieldLabel', { tier: n, column });
                return (
                  <Table.Tr key={row.tier} data-testid={`tier-row-${n}`}>
                    <Table.Td>
                      <Badge variant="outline" circle>
                        {n}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={label(t('tiers.columns.name'))}
                        readOnly={!editable}
                        {...bindField(form, `tiers.${i}.name`, `tier-${n}-name`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <WholeNumberInput
                        aria-label={label(t('tiers.columns.targetMin'))}
                        min={0}
                        max={10000}
                        readOnly={!editable}
                        placeholder="—"
                        {...bindField(form, `tiers.${i}.targetMin`, `tier-${n}-min`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <WholeNumberInput
                        aria-label={label(t('tiers.columns.targetMax'))}
                        min={0}
                        max={10000}
                        readOnly={!editable}
                        placeholder="—"
                        {...bindField(form, `tiers.${i}.targetMax`, `tier-${n}-max`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" align="center">
                        <WholeNumberInput
                          aria-label={label(t('tiers.columns.cadenceDays'))}
                          min={1}
                          max={3650}
                          readOnly={!editable}
                          disabled={row.caseByCase}
                          placeholder={row.caseByCase ? '—' : undefined}
                          w={90}
                          {...bindField(form, `tiers.${i}.cadenceDays`, `tier-${n}-cadence`)}
                          value={row.caseByCase ? '' : row.cadenceDays}
                        />
                        <Checkbox
                          label={t('tiers.caseByCase')}
                          size="xs"
                          disabled={!editable}
                          {...bindField(form, `tiers.${i}.caseByCase`, `tier-${n}-case-by-case`, 'checkbox')}
                        />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={label(t('tiers.columns.budgetShare'))}
                        min={0}
                        max={100}
                        decimalScale={2}
                        allowNegative={false}
                        suffix=" %"
                        readOnly={!editable}
                        {...bindField(form, `tiers.${i}.budgetSharePct`, `tier-${n}-share`)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" fw={600} ta="right">
                    {t('tiers.total')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {sumOk ? (
                      <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
                    ) : (
                      <IconAlertTriangle size={18} color="var(--mantine-color-orange-6)" aria-hidden />
                    )}
                    <Text size="sm" fw={700} c={sumOk ? undefined : 'orange'} data-testid="tiers-sum">
                      {sumText}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {!sumOk && !tiersError ? (
        <Alert color="orange" variant="light" role="status" data-testid="tiers-sum-warning">
          {t('tiers.sumWarning', { sum: sumText })}
        </Alert>
      ) : null}
      {tiersError ? (
        <Alert color="red" variant="light" role="alert" data-testid="tiers-error">
          {tiersError}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('tiers.help')}
      </Text>
      {editable ? <SaveActions form={form} saving={update.isPending} testId="tiers-save" /> : null}
    </StackForm>
  );
}
