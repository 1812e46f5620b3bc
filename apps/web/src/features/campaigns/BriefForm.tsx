import { platforms } from '@evergreen/contracts';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en.json';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, DayInput, GrowingTextarea, WholeNumberInput } from '../../shared/ui/FormFields.tsx';
import { platformNames } from '../roster/handles.ts';
import { type BriefFormValues, emptyDeliverable, validateBrief } from './briefForm.ts';

export type BriefFormMode = 'create' | 'edit' | 'change';

const deliverableTypes = ['sponsored_post', 'story', 'reel', 'video', 'short', 'live', 'post'] as const;
type DeliverableType = (typeof deliverableTypes)[number];
const isDeliverableType = (v: string): v is DeliverableType =>
  (deliverableTypes as readonly string[]).includes(v);

/**
 * A brief's content: title, body, due date and deliverables. In "change" mode (the creator
 * already accepted) it also asks for the change note and says the creator must accept it.
 */
export function BriefForm({
  initialValues,
  mode,
  creatorName,
  submitting,
  onSubmit,
  onCancel,
}: {
  initialValues: BriefFormValues;
  mode: BriefFormMode;
  creatorName: string;
  submitting: boolean;
  onSubmit: (values: BriefFormValues, form: UseFormReturnType<BriefFormValues>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<BriefFormValues>({
    initialValues,
    validate: (values) => validateBrief(values, t, mode === 'change'),
  });
  const submit = form.onSubmit((values) => onSubmit(values, form));
  const typeLabel = useDeliverableTypeLabel();
  const platformData = platforms.map((p) => ({
    value: p,
    label: p === 'other' ? t('briefs.form.otherPlatform') : platformNames[p],
  }));
  const typeData = deliverableTypes.map((value) => ({ value, label: t(`briefs.deliverableTypes.${value}`) }));

  return (
    <StackForm onSubmit={submit} label={t(`briefs.form.title.${mode}`)} testId="brief-form">
      {mode === 'change' ? (
        <Alert color="orange" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          {t('briefs.form.changeExplain', { name: creatorName })}
        </Alert>
      ) : mode === 'edit' ? (
        <Text size="sm" c="dimmed">
          {t('briefs.form.editExplain')}
        </Text>
      ) : null}
      <TextInput label={t('briefs.fields.title')} required {...bindField(form, 'title', 'brief-title')} />
      <GrowingTextarea
        label={t('briefs.fields.body')}
        description={t('briefs.fields.bodyHint')}
        minRows={6}
        maxRows={20}
        {...bindField(form, 'body', 'brief-body')}
      />
      <DayInput
        label={t('briefs.fields.dueOn')}
        w={{ base: '100%', xs: 220 }}
        {...bindField(form, 'dueOn', 'brief-due')}
      />
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('briefs.fields.deliverables')}
        </Text>
        {form.values.deliverables.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('briefs.form.noDeliverables')}
          </Text>
        ) : null}
        {form.values.deliverables.map((_, i) => (
          <Paper
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            key={i}
            withBorder
            radius="sm"
            p="xs"
            data-testid={`brief-deliverable-${i}`}
          >
            <Group gap="xs" align="flex-start" wrap="wrap">
              <Autocomplete
                label={t('briefs.fields.type')}
                data={typeData.map((o) => o.value)}
                renderOption={({ option }) => <Text size="sm">{typeLabel(option.value)}</Text>}
                required
                w={{ base: '100%', xs: 180 }}
                {...bindField(form, `deliverables.${i}.type`, `brief-deliverable-type-${i}`)}
              />
              <Select
                label={t('briefs.fields.platform')}
                data={platformData}
                clearable
                comboboxProps={{ withinPortal: true }}
                w={{ base: '100%', xs: 150 }}
                {...bindField(form, `deliverables.${i}.platform`, `brief-deliverable-platform-${i}`)}
              />
              <WholeNumberInput
                label={t('briefs.fields.quantity')}
                min={1}
                max={1000}
                w={{ base: '100%', xs: 100 }}
                {...bindField(form, `deliverables.${i}.quantity`, `brief-deliverable-quantity-${i}`)}
              />
              <DayInput
                label={t('briefs.fields.deliverableDue')}
                w={{ base: '100%', xs: 170 }}
                {...bindField(form, `deliverables.${i}.dueOn`, `brief-deliverable-due-${i}`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                onClick={() => form.removeListItem('deliverables', i)}
                aria-label={t('briefs.form.removeDeliverable')}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('deliverables', emptyDeliverable())}
            data-testid="brief-add-deliverable"
          >
            {t('briefs.form.addDeliverable')}
          </Button>
        </Group>
      </Stack>
      {mode === 'change' ? (
        <GrowingTextarea
          label={t('briefs.fields.changeNote')}
          description={t('briefs.fields.changeNoteHint')}
          required
          {...bindField(form, 'changeNote', 'brief-change-note')}
        />
      ) : null}
      <FormActions
        onCancel={onCancel}
        loading={submitting}
        label={t(`briefs.form.submit.${mode}`)}
        testId="brief-submit"
        gap="md"
      />
    </StackForm>
  );
}

/**
 * A deliverable type in words: a brief's types and the rate types the forms suggest (youtube_integration,
 * telegram_post …) translated; anything typed by hand shown as typed.
 */
export function useDeliverableTypeLabel() {
  const { t } = useTranslation();
  return (type: string) =>
    isDeliverableType(type)
      ? t(`briefs.deliverableTypes.${type}`)
      : Object.hasOwn(en.deliverableTypeNames, type)
        ? t(`deliverableTypeNames.${type as keyof typeof en.deliverableTypeNames}`)
        : type;
}
