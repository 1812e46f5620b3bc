import { platforms } from '@evergreen/contracts';
import { Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { RowsField } from '../../shared/ui/RowsField.tsx';
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
    <RowsField
      count={rows.length}
      max={12}
      readOnly={readOnly}
      empty={t('creatorForm.noHandles')}
      removeLabel={t('creatorForm.removeHandle')}
      addLabel={t('creatorForm.addHandle')}
      testId={`${P}-handle`}
      onRemove={(i) => form.removeListItem('handles', i)}
      onAdd={() => {
        const used = new Set(rows.map((r) => r.platform));
        const next = platforms.find((p) => !used.has(p)) ?? null;
        form.insertListItem('handles', { platform: next, handle: '', url: '' });
      }}
      row={(i) => (
        <>
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
        </>
      )}
    />
  );
}
