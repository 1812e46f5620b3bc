import { platforms } from '@evergreen/contracts';
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { bindField } from '../../shared/ui/FormFields.tsx';
import type { CreatorFormValues } from './creatorForm.ts';
import { platformNames } from './handles.ts';

export const P = 'creator-form';

export function HandlesField({
  form,
  readOnly,
}: {
  form: UseFormReturnType<CreatorFormValues>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const platformData = platforms.map((p) => ({
    value: p,
    label: p === 'other' ? t('creatorForm.otherPlatform') : platformNames[p],
  }));
  const rows = form.values.handles;
  return (
    <Stack gap="xs">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('creatorForm.noHandles')}
        </Text>
      ) : null}
      {rows.map((_, i) => (
        // Rows have no id of their own; index keys are fine for a short list edited in place.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`${P}-handle-row-${i}`}>
          <Select
            aria-label={t('creatorForm.platform')}
            placeholder={t('creatorForm.platform')}
            data={platformData}
            allowDeselect={false}
            readOnly={readOnly}
            w={150}
            style={{ flexShrink: 0 }}
            {...bindField(form, `handles.${i}.platform`, `${P}-handle-platform-${i}`)}
          />
          <TextInput
            aria-label={t('creatorForm.handle')}
            placeholder={t('creatorForm.handlePlaceholder')}
            readOnly={readOnly}
            style={{ flex: 1, minWidth: 0 }}
            {...bindField(form, `handles.${i}.handle`, `${P}-handle-${i}`)}
          />
          <TextInput
            aria-label={t('creatorForm.url')}
            placeholder={t('creatorForm.url')}
            readOnly={readOnly}
            style={{ flex: 1.3, minWidth: 0 }}
            visibleFrom="xs"
            {...bindField(form, `handles.${i}.url`, `${P}-handle-url-${i}`)}
          />
          {readOnly ? null : (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => form.removeListItem('handles', i)}
              aria-label={t('creatorForm.removeHandle')}
              data-testid={`${P}-handle-remove-${i}`}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {readOnly || rows.length >= 12 ? null : (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => {
              const used = new Set(rows.map((r) => r.platform));
              const next = platforms.find((p) => !used.has(p)) ?? null;
              form.insertListItem('handles', { platform: next, handle: '', url: '' });
            }}
            data-testid={`${P}-handle-add`}
          >
            {t('creatorForm.addHandle')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
