import { type Workspace, workspace as workspaceSchema } from '@evergreen/contracts';
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useWorkspaceMutation } from '../../shared/api/invalidation.ts';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { SettingsCard } from '../../shared/layout/SettingsCard.tsx';
import { WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { workspaceKeys } from '../workspaces/api.ts';

const whole = (v: number | string) => (typeof v === 'number' ? v : Number(v));

/**
 * Settings → Workspace: the attribution window and the repeat purchase horizon, saved on their
 * own (owners only). A new window re-attributes every order on the server.
 */
export function AttributionSettings({ workspace, editable }: { workspace: Workspace; editable: boolean }) {
  const { t } = useTranslation();
  const [windowDays, setWindowDays] = useState<number | string>(workspace.attributionWindowDays);
  const [horizonDays, setHorizonDays] = useState<number | string>(workspace.repeatHorizonDays);
  // A new window re-attributes every order: results, ROI and orders refetch.
  const save = useWorkspaceMutation(workspace.id, {
    writes: ['workspace', 'order'],
    mutationFn: (input: { attributionWindowDays?: number; repeatHorizonDays?: number }) =>
      api.patch<Workspace>(`/workspaces/${workspace.id}`, input, workspaceSchema),
    onSuccess: (updated, _input, queryClient) =>
      queryClient.setQueryData(workspaceKeys.detail(workspace.id), updated),
  });
  const send = useFormSubmit(save, undefined, { done: () => t('common.saved') });
  const w = whole(windowDays);
  const h = whole(horizonDays);
  const windowValid = windowDays !== '' && Number.isInteger(w) && w >= 1 && w <= 365;
  const horizonValid = horizonDays !== '' && Number.isInteger(h) && h >= 1 && h <= 730;
  const changes = {
    ...(windowValid && w !== workspace.attributionWindowDays ? { attributionWindowDays: w } : {}),
    ...(horizonValid && h !== workspace.repeatHorizonDays ? { repeatHorizonDays: h } : {}),
  };
  const dirty = windowValid && horizonValid && Object.keys(changes).length > 0;
  return (
    <SettingsCard testId="workspace-attribution-section" title={t('settings.attribution.title')} order={3}>
      <WholeNumberInput
        label={t('settings.attribution.windowLabel')}
        description={t('settings.attribution.windowHint')}
        min={1}
        max={365}
        readOnly={!editable}
        value={windowDays}
        onChange={setWindowDays}
        error={windowDays !== '' && !windowValid ? t('settings.attribution.windowRange') : undefined}
        w={{ base: '100%', xs: 360 }}
        data-testid="workspace-attribution-window"
      />
      <WholeNumberInput
        label={t('settings.attribution.horizonLabel')}
        description={t('settings.attribution.horizonHint')}
        min={1}
        max={730}
        readOnly={!editable}
        value={horizonDays}
        onChange={setHorizonDays}
        error={horizonDays !== '' && !horizonValid ? t('settings.attribution.horizonRange') : undefined}
        w={{ base: '100%', xs: 360 }}
        data-testid="workspace-repeat-horizon"
      />
      {editable ? (
        <Group justify="flex-end">
          <Button
            loading={save.isPending}
            disabled={!dirty}
            onClick={() => send(changes)}
            data-testid="workspace-attribution-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      ) : null}
    </SettingsCard>
  );
}
