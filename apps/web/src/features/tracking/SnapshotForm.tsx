import type { Deliverable } from '@evergreen/contracts';
import { Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { useAddSnapshot } from './api.ts';
import { isoToLocal, localToIso, parseCount } from './rules.ts';

export const countFields = [
  'impressions',
  'reach',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'videoViews',
] as const;

export type CountField = (typeof countFields)[number];

export type SnapshotValues = { capturedAt: string } & Record<CountField, string>;

export function SnapshotForm({
  workspaceId,
  post,
  onDone,
}: {
  workspaceId: string;
  post: Deliverable;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddSnapshot(workspaceId, post.id);
  const countRule = (value: string) =>
    parseCount(value) === undefined ? t('posts.snapshots.countInvalid') : null;
  const form = useForm<SnapshotValues>({
    initialValues: {
      capturedAt: isoToLocal(new Date().toISOString()),
      impressions: '',
      reach: '',
      likes: '',
      comments: '',
      shares: '',
      saves: '',
      clicks: '',
      videoViews: '',
    },
    validate: {
      capturedAt: (value) => (localToIso(value) ? null : t('validation.required')),
      impressions: countRule,
      reach: countRule,
      likes: countRule,
      comments: countRule,
      shares: countRule,
      saves: countRule,
      clicks: countRule,
      videoViews: countRule,
    },
  });
  const send = useFormSubmit(add, form, { done: () => t('posts.snapshots.added'), after: onDone });
  const submit = form.onSubmit((values) => {
    const counts = Object.fromEntries(countFields.map((f) => [f, parseCount(values[f]) ?? null]));
    send({ capturedAt: localToIso(values.capturedAt) ?? '', ...counts });
  });
  return (
    <Paper withBorder radius="md" p="md">
      <StackForm onSubmit={submit} testId="snapshot-form" gap="sm">
        <TextInput
          type="datetime-local"
          label={t('posts.snapshots.capturedAt')}
          required
          w={{ base: '100%', xs: 260 }}
          {...bindField(form, 'capturedAt', 'snapshot-captured')}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {countFields.map((f) => (
            <TextInput
              key={f}
              label={t(`posts.counts.${f}`)}
              inputMode="numeric"
              data-testid={`snapshot-${f}`}
              {...form.getInputProps(f)}
            />
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('posts.snapshots.hint')}
        </Text>
        <FormActions
          onCancel={onDone}
          loading={add.isPending}
          label={t('posts.snapshots.save')}
          testId="snapshot-submit"
        />
      </StackForm>
    </Paper>
  );
}
