import { type Language, languages, type MessageTemplate } from '@evergreen/contracts';
import { type MergeField, mergeFields } from '@evergreen/rules';
import {
  Alert,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { type GetInputPropsReturnType, useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type FocusEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client.ts';
import { fieldIssueText } from '../../shared/api/fieldErrors.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCreators } from '../roster/api.ts';
import { defaultFilters } from '../roster/filters.ts';
import { kindOptions } from '../roster/options.ts';
import { useCreateTemplate, useDraftPreview, useUpdateTemplate } from './api.ts';
import {
  fieldDescription,
  formValuesFrom,
  insertToken,
  isConditionalField,
  planVariants,
  TEMPLATE_KEY,
  type TemplateFormValues,
  templateName,
  usedFields,
  type VariantDraft,
  variantState,
} from './templateForm.ts';

type Part = 'subject' | 'body';
interface Spot {
  language: Language;
  part: Part;
}

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
                data-testid="template-name"
                {...form.getInputProps('name')}
              />
              <Select
                label={t('templates.kind')}
                data={kindOptions(t)}
                allowDeselect={false}
                readOnly={readOnly}
                data-testid="template-kind"
                {...form.getInputProps('kind')}
              />
            </Group>
            <TextInput
              label={t('templates.key')}
              description={isNew ? t('templates.keyHint') : t('templates.keyFixed')}
              required={isNew}
              readOnly={!isNew || readOnly}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              data-testid="template-key"
              {...form.getInputProps('key')}
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

type PartInputProps = GetInputPropsReturnType & {
  ref: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
  onFocus: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  readOnly: boolean;
};

function VariantFields({
  language,
  draft,
  template,
  subject,
  body,
}: {
  language: Language;
  draft: VariantDraft;
  template: MessageTemplate | null;
  subject: PartInputProps;
  body: PartInputProps;
}) {
  const { t } = useTranslation();
  const before = template?.variants.find((v) => v.language === language);
  const state = variantState(draft);
  const unchangedDefault =
    before?.source === 'default' &&
    draft.subject.trim() === before.subject.trim() &&
    draft.body.trim() === before.body.trim();
  const badge =
    state === 'empty'
      ? template?.builtIn
        ? { label: t('templates.variantState.usesBuiltIn'), color: 'gray' }
        : { label: t('templates.variantState.empty'), color: 'gray' }
      : unchangedDefault
        ? { label: t('templates.variantState.builtIn'), color: 'gray' }
        : { label: t('templates.variantState.own'), color: 'teal' };
  const { ref: subjectRef, ...subjectProps } = subject;
  const { ref: bodyRef, ...bodyProps } = body;
  return (
    <Paper withBorder radius="md" p="md" data-testid={`template-variant-${language}`}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            {t(`templates.languages.${language}`)}
          </Title>
          <Badge variant="light" color={badge.color} data-testid={`template-variant-state-${language}`}>
            {badge.label}
          </Badge>
        </Group>
        <TextInput
          label={t('templates.subject')}
          ref={subjectRef}
          data-testid={`template-subject-${language}`}
          lang={language}
          {...subjectProps}
        />
        <Textarea
          label={t('templates.body')}
          ref={bodyRef}
          autosize
          minRows={6}
          maxRows={16}
          data-testid={`template-body-${language}`}
          lang={language}
          {...bodyProps}
        />
      </Stack>
    </Paper>
  );
}

function FieldHelper({
  onInsert,
  used,
  spot,
}: {
  onInsert: (field: MergeField) => void;
  used: Set<string>;
  spot: Spot;
}) {
  const { t } = useTranslation();
  const target = `${t(`templates.languages.${spot.language}`)}, ${t(
    spot.part === 'subject' ? 'templates.subject' : 'templates.body',
  ).toLowerCase()}`;
  return (
    <Paper withBorder radius="md" p="md" data-testid="template-fields">
      <Stack gap="xs">
        <div>
          <Title order={3} size="h5">
            {t('templates.fields.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('templates.fields.hint', { target })}
          </Text>
        </div>
        <Group gap={6}>
          {mergeFields.map((field) => {
            const description = fieldDescription(field, t);
            const conditional = isConditionalField(field);
            return (
              <Tooltip key={field} label={description ?? field} withArrow openDelay={200}>
                <Button
                  size="compact-xs"
                  variant={conditional ? 'default' : 'light'}
                  color={conditional ? 'gray' : 'teal'}
                  // Keep the cursor in the subject or text the field goes into.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => onInsert(field)}
                  aria-label={t('templates.fields.insertAria', { field: description ?? field })}
                  data-used={used.has(field) || undefined}
                  data-testid={`template-field-${field}`}
                  ff="monospace"
                  fw={used.has(field) ? 700 : 400}
                >
                  {field}
                </Button>
              </Tooltip>
            );
          })}
        </Group>
        <Text size="xs" c="dimmed">
          {t('templates.fields.later')}
        </Text>
        <Code block fz="xs">
          {'{{#lastPost}}\n"{{lastPost.title}}" — {{lastPost.engagementRate}}\n{{/lastPost}}'}
        </Code>
      </Stack>
    </Paper>
  );
}

function DraftPreview({
  workspaceId,
  language,
  onLanguage,
  draft,
}: {
  workspaceId: string;
  language: Language;
  onLanguage: (language: Language) => void;
  draft: VariantDraft;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const creators = useCreators(workspaceId, defaultFilters);
  const [picked, setPicked] = useState<string | null>(null);
  const options = (creators.data?.creators ?? []).map((c) => ({ value: c.id, label: c.displayName }));
  const creatorId = picked ?? options[0]?.value ?? null;
  const [subject] = useDebouncedValue(draft.subject, 400);
  const [body] = useDebouncedValue(draft.body, 400);
  const preview = useDraftPreview(workspaceId, creatorId, language, { subject, body });
  const hasText = subject.trim() !== '' && body.trim() !== '';
  const issues = isApiError(preview.error) ? preview.error.fields : [];

  return (
    <Paper withBorder radius="md" p="md" data-testid="template-preview">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            {t('templates.preview.title')}
          </Title>
          <SegmentedControl
            size="xs"
            value={language}
            onChange={(value) => onLanguage(value === 'ru' ? 'ru' : 'en')}
            aria-label={t('templates.preview.language')}
            data={languages.map((l) => ({ value: l, label: l.toUpperCase() }))}
            data-testid="template-preview-language"
          />
        </Group>
        <Select
          label={t('templates.preview.creator')}
          placeholder={t('templates.preview.creatorPlaceholder')}
          data={options}
          value={creatorId}
          onChange={setPicked}
          searchable
          limit={50}
          nothingFoundMessage={t('common.nothingFound')}
          allowDeselect={false}
          disabled={creators.isPending}
          data-testid="template-preview-creator"
        />
        {creators.isError ? (
          <QueryError error={creators.error} onRetry={() => void creators.refetch()} />
        ) : creators.isSuccess && options.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('templates.preview.noCreators')}
          </Text>
        ) : !hasText ? (
          <Text size="sm" c="dimmed">
            {t('templates.preview.needText')}
          </Text>
        ) : issues.length > 0 ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
            <Stack gap={2}>
              {issues.map((issue) => (
                <Text size="sm" key={`${issue.field}:${issue.code}:${String(issue.params?.name ?? '')}`}>
                  {`${t(issue.field === 'subject' ? 'templates.subject' : 'templates.body')}: ${fieldIssueText(issue, t, lng)}`}
                </Text>
              ))}
            </Stack>
          </Alert>
        ) : preview.isError ? (
          <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
        ) : preview.data ? (
          <Stack
            gap={6}
            data-testid="template-preview-message"
            style={{ opacity: preview.isPlaceholderData ? 0.6 : 1 }}
          >
            <Text size="sm">
              <Text span inherit c="dimmed">
                {t('message.subject')}:
              </Text>{' '}
              <Text span inherit fw={600} data-testid="template-preview-subject">
                {preview.data.subject}
              </Text>
            </Text>
            <Text
              size="sm"
              style={{ whiteSpace: 'pre-wrap' }}
              mt="xs"
              lang={preview.data.language}
              data-testid="template-preview-body"
            >
              {preview.data.text}
            </Text>
            {preview.data.missingFields.length > 0 ? (
              <Text size="xs" c="orange">
                {t('message.missingFields', { fields: preview.data.missingFields.join(', ') })}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Skeleton h={160} radius="md" />
        )}
      </Stack>
    </Paper>
  );
}
