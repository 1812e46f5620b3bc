import { type Language, languages, type MessageTemplate } from '@evergreen/contracts';
import type { MergeField } from '@evergreen/rules';
import { Alert, Button, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type FocusEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { kindOptions } from '../roster/options.ts';
import { useCreateTemplate, useUpdateTemplate } from './api.ts';
import { DraftPreview, FieldHelper, type Part, type Spot, VariantFields } from './TemplateFormParts.tsx';
import {
  formValuesFrom,
  insertToken,
  planVariants,
  TEMPLATE_KEY,
  type TemplateFormValues,
  templateName,
  usedFields,
  variantState,
} from './templateForm.ts';

function validate(
  values: TemplateFormValues,
  t: TFunction,
  isNew: boolean,
  existingKeys: string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (isNew) {
    const key = values.key.trim();
    if (!key) errors.key = t('validation.required');
    else if (!TEMPLATE_KEY.test(key)) errors.key = t('templates.keyInvalid');
    else if (existingKeys.includes(key)) errors.key = t('templates.keyTaken');
  }
  const name = values.name.trim();
  if (!name) errors.name = t('validation.required');
  else if (name.length > 120) errors.name = t('validation.maxLength', { max: 120 });
  let complete = 0;
  for (const language of languages) {
    const v = values.variants[language];
    const state = variantState(v);
    if (state === 'complete') complete += 1;
    if (state === 'partial') {
      if (!v.subject.trim()) errors[`variants.${language}.subject`] = t('validation.required');
      if (!v.body.trim()) errors[`variants.${language}.body`] = t('validation.required');
    }
    if (v.subject.trim().length > 300)
      errors[`variants.${language}.subject`] = t('validation.maxLength', { max: 300 });
  }
  if (complete === 0) errors.variants = t('templates.needOneLanguage');
  return errors;
}

export function TemplateForm({
  workspaceId,
  template,
  canWrite,
  existingKeys,
  onDone,
}: {
  workspaceId: string;
  /** null: a new template. */
  template: MessageTemplate | null;
  canWrite: boolean;
  existingKeys: string[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const create = useCreateTemplate(workspaceId);
  const update = useUpdateTemplate(workspaceId);
  const handleError = useApiErrorHandler();
  const isNew = template === null;
  const readOnly = !canWrite;
  const uiLanguage: Language = i18n.resolvedLanguage === 'ru' ? 'ru' : 'en';
  const [spot, setSpot] = useState<Spot>({ language: uiLanguage, part: 'body' });
  const inputs = useRef<Partial<Record<string, HTMLInputElement | HTMLTextAreaElement | null>>>({});

  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<TemplateFormValues>({
    initialValues: formValuesFrom(template, template ? templateName(template, t) : ''),
    validate: (values) => validate(values, t, isNew, existingKeys),
    // "Write at least one language" is about all the variants: it goes once any of them changes.
    onValuesChange: (values, previous) => {
      if (values.variants !== previous.variants) form.clearFieldError('variants');
    },
  });

  /** Brings the first problem into view: the form is taller than the dialog. */
  const showFirstError = () =>
    requestAnimationFrame(() => {
      const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]');
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)
        el.focus({ preventScroll: true });
    });

  const submit = form.onSubmit((values) => {
    const mode = template?.id ? 'update' : 'create';
    const plan = planVariants(values, template, mode);
    const ownBefore = template?.variants.some((v) => v.source === 'workspace') ?? false;
    if (mode === 'update' && plan.variants.length === 0 && ownBefore) {
      form.setFieldError('variants', t('templates.resetInstead'));
      showFirstError();
      return;
    }
    const name = values.name.trim();
    const onError = (error: unknown) => {
      // The API words a taken key for creators; a template key deserves its own sentence.
      if (isApiError(error) && error.fields.some((f) => f.field === 'key' && f.code === 'taken')) {
        form.setFieldError('key', t('templates.keyTaken'));
        showFirstError();
        return;
      }
      handleError(error, form, plan.aliases);
      showFirstError();
    };
    const onSuccess = () => {
      notifications.show({
        color: 'teal',
        message: t(mode === 'create' && !template ? 'templates.created' : 'templates.saved', { name }),
      });
      onDone();
    };
    if (mode === 'update' && template?.id) {
      update.mutate(
        {
          id: template.id,
          input: {
            name,
            kind: values.kind,
            ...(plan.variants.length > 0 ? { variants: plan.variants } : {}),
          },
        },
        { onSuccess, onError },
      );
    } else {
      create.mutate(
        { key: values.key.trim(), name, kind: values.kind, variants: plan.variants },
        { onSuccess, onError },
      );
    }
  }, showFirstError);

  const pathOf = (s: Spot) => `variants.${s.language}.${s.part}`;

  const insertField = (field: MergeField) => {
    const path = pathOf(spot);
    const el = inputs.current[path];
    const current = form.getValues().variants[spot.language][spot.part];
    const next = insertToken(current, el?.selectionStart ?? null, el?.selectionEnd ?? null, `{{${field}}}`);
    form.setFieldValue(path, next.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  const partProps = (language: Language, part: Part) => {
    const path = `variants.${language}.${part}`;
    const props = form.getInputProps(path);
    return {
      ...props,
      ref: (el: HTMLInputElement | HTMLTextAreaElement | null) => {
        inputs.current[path] = el;
      },
      onFocus: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
        props.onFocus?.(event);
        setSpot({ language, part });
      },
      readOnly,
    };
  };

  const used = new Set(
    usedFields(`${form.values.variants[spot.language].subject}\n${form.values.variants[spot.language].body}`),
  );
  const formError = form.errors.variants;

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      data-testid="template-form"
      aria-label={t('templates.formLabel')}
    >
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: canWrite ? 7 : 12 }}>
          <Stack gap="md">
            <Group grow align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('templates.name')}
                required={!readOnly}
                readOnly={readOnly}
                {...bindField(form, 'name', 'template-name')}
              />
              <Select
                label={t('templates.kind')}
                data={kindOptions(t)}
                allowDeselect={false}
                readOnly={readOnly}
                {...bindField(form, 'kind', 'template-kind')}
              />
            </Group>
            <TextInput
              label={t('templates.key')}
              description={isNew ? t('templates.keyHint') : t('templates.keyFixed')}
              required={isNew}
              readOnly={!isNew || readOnly}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...bindField(form, 'key', 'template-key')}
            />
            {canWrite ? (
              <Text size="sm" c="dimmed">
                {template?.builtIn ? t('templates.languagesHintBuiltIn') : t('templates.languagesHint')}
              </Text>
            ) : null}
            {formError ? (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle size={18} aria-hidden />}
                data-form-error
                role="alert"
              >
                {formError}
              </Alert>
            ) : null}
            {languages.map((language) => (
              <VariantFields
                key={language}
                language={language}
                draft={form.values.variants[language]}
                template={template}
                subject={partProps(language, 'subject')}
                body={partProps(language, 'body')}
              />
            ))}
          </Stack>
        </Grid.Col>
        {canWrite ? (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <FieldHelper onInsert={insertField} used={used} spot={spot} />
              <DraftPreview
                workspaceId={workspaceId}
                language={spot.language}
                onLanguage={(language) => setSpot({ language, part: spot.part })}
                draft={form.values.variants[spot.language]}
              />
            </Stack>
          </Grid.Col>
        ) : null}
      </Grid>
      <Group justify="flex-end" gap="sm" mt="lg">
        <Button variant="default" onClick={onDone}>
          {readOnly ? t('common.close') : t('common.cancel')}
        </Button>
        {canWrite ? (
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="template-save">
            {isNew ? t('templates.add') : t('templates.save')}
          </Button>
        ) : null}
      </Group>
    </form>
  );
}
