import { type Language, languages, type MessageTemplate } from '@evergreen/contracts';
import { type MergeField, mergeFields } from '@evergreen/rules';
import {
  Alert,
  Badge,
  Button,
  Code,
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
import type { GetInputPropsReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FocusEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client.ts';
import { fieldIssueText } from '../../shared/api/fieldErrors.ts';
import { QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCreators } from '../roster/api.ts';
import { defaultFilters } from '../roster/filters.ts';
import { useDraftPreview } from './api.ts';
import { fieldDescription, isConditionalField, type VariantDraft, variantState } from './templateForm.ts';

export type Part = 'subject' | 'body';

export interface Spot {
  language: Language;
  part: Part;
}

export type PartInputProps = GetInputPropsReturnType & {
  ref: (el: HTMLInputElement | HTMLTextAreaElement | null) => void;
  onFocus: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  readOnly: boolean;
};

export function VariantFields({
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

export function FieldHelper({
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

export function DraftPreview({
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
