import type { Workspace } from '@evergreen/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { useSetOverlapWindow } from './api.ts';

/** Settings → Workspace: the overlap window, saved on its own (owners only). */
export function OverlapWindowSetting({ workspace, editable }: { workspace: Workspace; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSetOverlapWindow(workspace.id);
  const handleError = useApiErrorHandler();
  const [value, setValue] = useState<number | string>(workspace.overlapWindowDays);
  const n = typeof value === 'number' ? value : Number(value);
  const valid = value !== '' && Number.isInteger(n) && n >= 0 && n <= 365;
  const dirty = valid && n !== workspace.overlapWindowDays;
  return (
    <Paper withBorder p="lg" radius="md" maw={720} mt="lg" data-testid="workspace-overlap-section">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('overlaps.setting.title')}
        </Title>
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
              onClick={() =>
                save.mutate(n, {
                  onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
                  onError: (error) => handleError(error),
                })
              }
              data-testid="workspace-overlap-save"
            >
              {t('common.save')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t('overlaps.setting.example')}
        </Text>
      </Stack>
    </Paper>
  );
}
