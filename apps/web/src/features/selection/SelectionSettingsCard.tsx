import { pillars, type SelectionSettings } from '@evergreen/contracts';
import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, TagsInput, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useSelectionSettings, useUpdateSelectionSettings } from './api.ts';

/** Settings → Workspace: the score's pillar weights and the escalation path of issues (docs/selection.md). */
export function SelectionSettingsCard() {
  const { workspaceId } = useCurrentWorkspace();
  const settings = useSelectionSettings(workspaceId);
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SelectionSettingsForm key={JSON.stringify(settings.data)} initial={settings.data} />;
}

function SelectionSettingsForm({ initial }: { initial: SelectionSettings }) {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const save = useUpdateSelectionSettings(workspaceId);
  const [weights, setWeights] = useState(initial.weights);
  const [path, setPath] = useState(initial.escalationPath);
  const total = pillars.reduce((s, p) => s + weights[p], 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (total > 0) save.mutate({ weights, escalationPath: path });
  };
  return (
    <Paper withBorder p="lg" radius="md" maw={720} mt="lg" data-testid="selection-settings">
      <form onSubmit={submit}>
        <Stack gap="md">
          <SectionHeader title={t('selection.settings.title')} description={t('selection.settings.help')} />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {pillars.map((p) => (
              <NumberInput
                key={p}
                label={t(`selection.pillars.${p}`)}
                min={0}
                max={100}
                allowDecimal={false}
                disabled={!canWrite}
                value={weights[p]}
                onChange={(v) => setWeights((w) => ({ ...w, [p]: typeof v === 'number' ? v : 0 }))}
                data-testid={`selection-weight-${p}`}
              />
            ))}
          </SimpleGrid>
          {total === 0 ? (
            <Text size="sm" c="red">
              {t('selection.settings.allZero')}
            </Text>
          ) : null}
          <TagsInput
            label={t('selection.settings.escalation')}
            description={t('selection.settings.escalationHint')}
            value={path}
            onChange={setPath}
            disabled={!canWrite}
            maxTags={10}
          />
          {canWrite ? (
            <Group>
              <Button
                type="submit"
                loading={save.isPending}
                disabled={total === 0}
                data-testid="selection-settings-save"
              >
                {t('selection.settings.save')}
              </Button>
            </Group>
          ) : null}
          {save.isError ? (
            <Text size="sm" c="red">
              {save.error.message}
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
