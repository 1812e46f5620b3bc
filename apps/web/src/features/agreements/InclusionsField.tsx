import { ActionIcon, Autocomplete, Button, Group, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { bindField, hintBelow, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { itemLabel } from './AgreementBadges.tsx';
import { type AgreementFormValues, INCLUSION_SUGGESTIONS } from './agreementForm.ts';

export function InclusionsField({ form }: { form: UseFormReturnType<AgreementFormValues> }) {
  const { t } = useTranslation();
  const rows = form.values.inclusions;
  const used = new Set(rows.map((r) => r.item.trim()));
  const next = INCLUSION_SUGGESTIONS.find((item) => !used.has(item)) ?? '';
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t('agreements.form.inclusionsHint')}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('agreements.form.noInclusions')}
        </Text>
      ) : null}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`agreement-inclusion-row-${i}`}>
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
            description={
              itemLabel(row.item.trim(), t) !== row.item.trim() ? itemLabel(row.item.trim(), t) : undefined
            }
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
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => form.removeListItem('inclusions', i)}
            aria-label={t('agreements.form.removeInclusion')}
            data-testid={`agreement-inclusion-remove-${i}`}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      {rows.length >= 30 ? null : (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('inclusions', { item: next, quantity: 1 })}
            data-testid="agreement-inclusion-add"
          >
            {t('agreements.form.addInclusion')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
