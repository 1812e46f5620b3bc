import { ActionIcon, Autocomplete, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { bindField, hintBelow } from '../../shared/ui/FormFields.tsx';
import { itemLabel } from './AgreementBadges.tsx';

/** Deliverables offered while typing a rate; any other name can be typed. */
export const DELIVERABLE_SUGGESTIONS = [
  'reel',
  'story',
  'post',
  'short',
  'youtube_integration',
  'stream',
  'ugc_video',
];

/** A row of the rate card as a form holds it: what, how much (as typed) and, where asked, in what. */
export interface RateRow {
  deliverableType: string;
  amount: string;
  currency?: string;
}

/** The form behind the rows (any Mantine form whose `rates` are rate rows). */
interface RatesForm<R extends RateRow> {
  values: { rates: R[] };
  // biome-ignore lint/suspicious/noExplicitAny: Mantine's getInputProps returns loosely typed props
  getInputProps: (path: string) => any;
  removeListItem: (path: 'rates', index: number) => void;
  insertListItem: (path: 'rates', item: R) => void;
}

/**
 * A rate card's rows (deliverable, amount and, with `currencies`, currency), removable, with "Add"
 * under them (up to 50). Used by the creator's profile and by agreements; `testIdPrefix` and the
 * label texts say which.
 */
export function RateRowsField<R extends RateRow>({
  form,
  testIdPrefix,
  labels,
  amountHint,
  newRow,
  currencies,
  readOnly = false,
}: {
  form: RatesForm<R>;
  testIdPrefix: string;
  labels: {
    none: string;
    deliverableType: string;
    amount: string;
    currency?: string;
    remove: string;
    add: string;
  };
  amountHint: (row: R) => ReactNode;
  newRow: () => R;
  currencies?: string[];
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const rows = form.values.rates;
  const P = testIdPrefix;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {labels.none}
        </Text>
      ) : null}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`${P}-rate-row-${i}`}>
          <Autocomplete
            aria-label={labels.deliverableType}
            placeholder={labels.deliverableType}
            data={DELIVERABLE_SUGGESTIONS}
            renderOption={({ option }) => <Text size="sm">{itemLabel(option.value, t)}</Text>}
            readOnly={readOnly}
            style={{ flex: 1.4, minWidth: 0 }}
            {...bindField(form, `rates.${i}.deliverableType`, `${P}-rate-type-${i}`)}
          />
          <TextInput
            aria-label={labels.amount}
            placeholder={t('creatorForm.amountPlaceholder')}
            inputMode="decimal"
            readOnly={readOnly}
            style={{ flex: 1, minWidth: 0 }}
            description={amountHint(row)}
            {...hintBelow}
            {...bindField(form, `rates.${i}.amount`, `${P}-rate-amount-${i}`)}
          />
          {currencies ? (
            <Select
              aria-label={labels.currency}
              data={currencies}
              searchable
              allowDeselect={false}
              limit={50}
              readOnly={readOnly}
              w={100}
              style={{ flexShrink: 0 }}
              {...bindField(form, `rates.${i}.currency`, `${P}-rate-currency-${i}`)}
            />
          ) : null}
          {readOnly ? null : (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => form.removeListItem('rates', i)}
              aria-label={labels.remove}
              data-testid={`${P}-rate-remove-${i}`}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {readOnly || rows.length >= 50 ? null : (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('rates', newRow())}
            data-testid={`${P}-rate-add`}
          >
            {labels.add}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
