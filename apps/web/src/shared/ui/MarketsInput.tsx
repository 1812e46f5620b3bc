import { TagsInput, type TagsInputProps, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format.ts';
import { REGION_CODES } from '../regions.ts';

/** "US — United States": a market's code with its name in the interface language. */
export function useMarketLabel() {
  const fmt = useFormatters();
  return (code: string) => {
    const name = fmt.region(code);
    return name && name !== code ? `${code} — ${name}` : code;
  };
}

/** Normalizes typed market codes: "us " → "US", duplicates dropped. */
export function normalizeMarkets(values: string[]): string[] {
  return [...new Set(values.map((m) => m.trim().toUpperCase()).filter(Boolean))];
}

/**
 * Markets as ISO region codes (a workspace's, a creator's): typed or picked by code or name,
 * normalized as they are entered. Suggestions appear once something is typed, not as a
 * 250-country list on focus.
 */
export function MarketsInput({
  readOnly,
  testId,
  onChange,
  ...props
}: Omit<TagsInputProps, 'onChange'> & { testId: string; onChange?: (value: string[]) => void }) {
  const { t } = useTranslation();
  const marketLabel = useMarketLabel();
  const [search, setSearch] = useState('');
  return (
    <TagsInput
      placeholder={readOnly ? undefined : t('workspace.fields.marketsPlaceholder')}
      data={search.trim() ? REGION_CODES : []}
      searchValue={search}
      onSearchChange={setSearch}
      readOnly={readOnly}
      clearable={!readOnly}
      maxTags={50}
      splitChars={[',', ' ', ';']}
      limit={8}
      renderOption={({ option }) => <Text size="sm">{marketLabel(option.value)}</Text>}
      filter={({ options, search: typed }) => {
        const q = typed.trim().toLowerCase();
        if (!q) return options;
        return options.filter((o) => 'value' in o && marketLabel(o.value).toLowerCase().includes(q));
      }}
      data-testid={testId}
      {...props}
      onChange={(value) => onChange?.(normalizeMarkets(value))}
    />
  );
}
