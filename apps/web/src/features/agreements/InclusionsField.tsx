import { Autocomplete, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { bindField, hintBelow, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { RowsField } from '../../shared/ui/RowsField.tsx';
import { itemLabel } from './AgreementBadges.tsx';
import { type AgreementFormValues, INCLUSION_SUGGESTIONS } from './agreementForm.ts';

export function InclusionsField({ form }: { form: UseFormReturnType<AgreementFormValues> }) {
  const { t } = useTranslation();
  const rows = form.values.inclusions;
  const used = new Set(rows.map((r) => r.item.trim()));
  const next = INCLUSION_SUGGESTIONS.find((item) => !used.has(item)) ?? '';
  /** A known item's name in words, under the code typed. */
  const known = (raw: string) =>
    itemLabel(raw.trim(), t) !== raw.trim() ? itemLabel(raw.trim(), t) : undefined;
  return (
    <RowsField
      count={rows.length}
      max={30}
      hint={t('agreements.form.inclusionsHint')}
      empty={t('agreements.form.noInclusions')}
      removeLabel={t('agreements.form.removeInclusion')}
      addLabel={t('agreements.form.addInclusion')}
      testId="agreement-inclusion"
      onRemove={(i) => form.removeListItem('inclusions', i)}
      onAdd={() => form.insertListItem('inclusions', { item: next, quantity: 1 })}
      row={(i) => (
        <>
          <Autocomplete
            aria-label={t('agreements.form.inclusionItem')}
            placeholder={t('agreements.form.inclusionItem')}
            data={[...INCLUSION_SUGGESTIONS]}
            renderOption={({ option }) => (
              <Stack gap={0}>
                <Text size="sm">{itemLabel(option.value, t)}</Text>
                <Text size="xs" c="dimmed">
                  {option.value}
                </Text>
              </Stack>
            )}
            description={known(rows[i]?.item ?? '')}
            {...hintBelow}
            style={{ flex: 2, minWidth: 0 }}
            {...bindField(form, `inclusions.${i}.item`, `agreement-inclusion-item-${i}`)}
          />
          <WholeNumberInput
            aria-label={t('agreements.form.quantity')}
            min={1}
            max={1000}
            leftSection={
              <Text size="sm" c="dimmed">
                ×
              </Text>
            }
            w={110}
            style={{ flexShrink: 0 }}
            {...bindField(form, `inclusions.${i}.quantity`, `agreement-inclusion-qty-${i}`)}
          />
        </>
      )}
    />
  );
}
