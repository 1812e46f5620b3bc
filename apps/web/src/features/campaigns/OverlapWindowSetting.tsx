import type { Workspace } from '@evergreen/contracts';
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { SettingsCard } from '../../shared/layout/SettingsCard.tsx';
import { WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { useSetOverlapWindow } from './api.ts';

/** Settings → Workspace: the overlap window, saved on its own (owners only). */
export function OverlapWindowSetting({ workspace, editable }: { workspace: Workspace; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSetOverlapWindow(workspace.id);
  const send = useFormSubmit(save, undefined, { done: () => t('common.saved') });
  const [value, setValue] = useState<number | string>(workspace.overlapWindowDays);
  const n = typeof value === 'number' ? value : Number(value);
  const valid = value !== '' && Number.isInteger(n) && n >= 0 && n <= 365;
  const dirty = valid && n !== workspace.overlapWindowDays;
  return (
    <SettingsCard testId="workspace-overlap-section" title={t('overlaps.setting.title')} order={3}>
      <Group align="flex-end" gap="sm">
        <WholeNumberInput
          label={t('overlaps.setting.label')}
          description={t('overlaps.setting.hint')}
          min={0}
          max={365}
          readOnly={!editable}
          value={value}
          onChange={setValue}
          error={value !== '' && !valid ? t('overlaps.setting.range') : undefined}
          w={{ base: '100%', xs: 360 }}
          data-testid="workspace-overlap-days"
        />
        {editable ? (
          <Button
            loading={save.isPending}
            disabled={!dirty}
            onClick={() => send(n)}
            data-testid="workspace-overlap-save"
          >
            {t('common.save')}
          </Button>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {t('overlaps.setting.example')}
      </Text>
    </SettingsCard>
  );
}
