import type { ImportPreview, MappingKind } from '@evergreen/contracts';
import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en.json';
import { useErrorText } from '../../shared/api/useApiErrorHandler.ts';
import { useSaveMapping } from './api.ts';
import { mappingToSave } from './rules.ts';

/** The server's notes (English sentences of known shapes) in the interface language. */
export function noteText(note: string, t: TFunction): string {
  const merged = /^(\d+) more line-item rows? of orders already read/.exec(note);
  if (merged) return t('imports.mapping.notes.merged', { count: Number(merged[1]) });
  const summary = /^Row (\d+) \("(.*)"\) is a summary row/.exec(note);
  if (summary) return t('imports.mapping.notes.summary', { row: summary[1], value: summary[2] });
  const lifetime = /no capture time: .*\((.+)\)$/.exec(note);
  if (lifetime) return t('imports.mapping.notes.lifetime', { at: lifetime[1] });
  const currency = /^The file has no currency column: .*\(([A-Z]{3})\)$/.exec(note);
  if (currency) return t('imports.mapping.notes.currency', { currency: currency[1] });
  const refunds = /^(\d+) refund rows? \(negative amounts?\) added/.exec(note);
  if (refunds) return t('imports.mapping.notes.refunds', { count: Number(refunds[1]) });
  const refund =
    /^Row (\d+) is a refund \((.+)\) of order (.+?)(, which is not in the file| listed below)/.exec(note);
  if (refund)
    return t(
      refund[4] === ' listed below'
        ? 'imports.mapping.notes.lateRefund'
        : 'imports.mapping.notes.orphanRefund',
      {
        row: refund[1],
        amount: refund[2],
        order: refund[3],
      },
    );
  return note;
}

/** The preset's name in the interface language (its own name when unknown). */
export function presetName(p: ImportPreview, t: TFunction): string {
  return p.preset
    ? Object.hasOwn(en.imports.mapping.presets, p.preset)
      ? t(`imports.mapping.presets.${p.preset as keyof typeof en.imports.mapping.presets}`)
      : p.preset
    : '';
}

/** A field a preset derives, in words ("order status"). */
export function derivedFieldText(field: string, t: TFunction): string {
  return Object.hasOwn(en.imports.mapping.derivedFields, field)
    ? t(`imports.mapping.derivedFields.${field as keyof typeof en.imports.mapping.derivedFields}`)
    : field;
}

export function sourceText(p: ImportPreview, t: TFunction): string {
  const preset = presetName(p, t);
  switch (p.source) {
    case 'preset':
      return t('imports.mapping.source.preset', { preset });
    case 'saved':
      return t('imports.mapping.source.saved', { name: p.savedMapping ?? '' });
    case 'given':
      return preset ? t('imports.mapping.source.adjusted', { preset }) : t('imports.mapping.source.given');
    case 'columns':
      return t('imports.mapping.source.columns');
    default:
      return t('imports.mapping.source.proposed');
  }
}

export function SaveMapping({
  workspaceId,
  kind,
  preview,
  onSaved,
}: {
  workspaceId: string;
  kind: MappingKind;
  preview: ImportPreview;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const save = useSaveMapping(workspaceId);
  const [name, setName] = useState(preview.savedMapping ?? '');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = () => {
    setFailure(null);
    save.mutate(
      {
        kind,
        name: name.trim(),
        header: preview.header,
        mapping: mappingToSave(preview),
      },
      { onSuccess: onSaved, onError: (e) => setFailure(errorText(e)) },
    );
  };
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={t('imports.mapping.saveAs')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={120}
          w={260}
          data-testid="import-mapping-name"
        />
        <Button
          variant="light"
          leftSection={<IconDeviceFloppy size={16} aria-hidden />}
          onClick={submit}
          disabled={!name.trim() || preview.missing.length > 0}
          loading={save.isPending}
          data-testid="import-mapping-save"
        >
          {t('imports.mapping.save')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('imports.mapping.saveHelp')}
      </Text>
      {failure ? (
        <Text size="sm" c="red.8" role="alert">
          {failure}
        </Text>
      ) : null}
    </Stack>
  );
}
