import type { PortfolioSettings } from '@evergreen/contracts';
import { Button, NumberInput, SimpleGrid, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../performance/ui.tsx';
import { useSavePortfolioSettings } from './api.ts';

const FIELDS = [
  'concentrationWarnPct',
  'touchpointMinutes',
  'briefMinutes',
  'reviewMinutes',
  'reportMinutes',
] as const;

/** The concentration threshold and the minutes a task takes, which the workload is worked out from. */
export function SettingsSection({
  ws,
  settings,
  canWrite,
}: {
  ws: string;
  settings: PortfolioSettings;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const save = useSavePortfolioSettings(ws);
  const [draft, setDraft] = useState<PortfolioSettings>(settings);
  // Take the server's values when they change (not on every refetch of the same values, which
  // would throw away what is being typed).
  const saved = JSON.stringify(settings);
  useEffect(() => setDraft(JSON.parse(saved) as PortfolioSettings), [saved]);
  const changed = FIELDS.some((f) => draft[f] !== settings[f]);
  return (
    <Section
      id="portfolio-settings"
      title={t('portfolio.settings.title')}
      description={t('portfolio.settings.description')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
          {FIELDS.map((f) => (
            <NumberInput
              key={f}
              label={t(`portfolio.settings.${f}`)}
              value={draft[f]}
              min={f === 'concentrationWarnPct' ? 1 : 0}
              max={f === 'concentrationWarnPct' ? 100 : 1440}
              allowDecimal={false}
              disabled={!canWrite}
              onChange={(v) => setDraft((d) => ({ ...d, [f]: typeof v === 'number' ? v : d[f] }))}
              data-testid={`portfolio-setting-${f}`}
            />
          ))}
        </SimpleGrid>
        {save.isError ? (
          <Text c="red" size="sm" mt="xs" role="alert">
            {save.error.message}
          </Text>
        ) : null}
        {canWrite ? (
          <Button
            type="submit"
            mt="sm"
            loading={save.isPending}
            disabled={!changed}
            data-testid="portfolio-settings-save"
          >
            {t('portfolio.settings.save')}
          </Button>
        ) : null}
      </form>
    </Section>
  );
}
