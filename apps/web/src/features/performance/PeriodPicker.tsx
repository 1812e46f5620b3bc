import { isDay, utcToday } from '@evergreen/rules';
import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type PeriodRange, type PresetId, presetOf, presetRange, presets } from './numbers.ts';

/** The report period lives in the URL (?from&to), so a link or a reload shows the same numbers. */
export function usePeriod(): [PeriodRange, (next: PeriodRange) => void] {
  const [params, setParams] = useSearchParams();
  const today = utcToday();
  const fallback = presetRange('12m', today);
  const from = params.get('from');
  const to = params.get('to');
  const range: PeriodRange =
    isDay(from) && isDay(to) && from <= to
      ? { from, to }
      : isDay(from) && !to
        ? { from, to: today }
        : fallback;
  const set = (next: PeriodRange) => {
    const p = new URLSearchParams(params);
    p.set('from', next.from);
    p.set('to', next.to);
    setParams(p, { replace: true });
  };
  return [range, set];
}

export function PeriodPicker({
  value,
  onChange,
}: {
  value: PeriodRange;
  onChange: (r: PeriodRange) => void;
}) {
  const { t } = useTranslation();
  const today = utcToday();
  const preset = presetOf(value, today);
  const label: Record<PresetId, string> = {
    '90d': t('performance.period.90d'),
    '12m': t('performance.period.12m'),
    '24m': t('performance.period.24m'),
  };
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="performance-period">
      <SegmentedControl
        aria-label={t('performance.period.label')}
        value={preset ?? ''}
        onChange={(id) => onChange(presetRange(id as PresetId, today))}
        data={presets.map((p) => ({ value: p.id, label: label[p.id] }))}
        // On a phone the three presets share the width and their labels wrap.
        maw="100%"
        styles={{ label: { whiteSpace: 'normal' } }}
        data-testid="performance-presets"
      />
      <TextInput
        type="date"
        label={t('performance.period.from')}
        value={value.from}
        max={value.to}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isDay(v) && v <= value.to) onChange({ from: v, to: value.to });
        }}
        w={160}
        data-testid="performance-from"
      />
      <TextInput
        type="date"
        label={t('performance.period.to')}
        value={value.to}
        min={value.from}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isDay(v) && v >= value.from) onChange({ from: value.from, to: v });
        }}
        w={160}
        data-testid="performance-to"
      />
    </Group>
  );
}
