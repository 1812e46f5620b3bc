import { buildTrackedUrl } from '@evergreen/contracts';
import {
  Button,
  Group,
  Paper,
  Select,
  type SelectProps,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLink, IconPlus, IconTicket } from '@tabler/icons-react';
import { type ChangeEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { CopyIcon } from '../../shared/ui/CopyField.tsx';
import { CardForm, FormActions } from '../../shared/ui/FormActions.tsx';
import { bindField, hintBelow } from '../../shared/ui/FormFields.tsx';
import { type Option, useCreateTracker, useUtmSuggestion } from './api.ts';
import { isHttpUrl, normaliseCode, normaliseUtm } from './rules.ts';

/** The copy button beside a code or a link (the tracking tab imports it from here). */
export { CopyIcon };

/** What the promo-code form and the link builder work on: a creator, and the campaigns to tie a tracker to. */
interface TrackerFormProps {
  workspaceId: string;
  creatorId: string;
  campaigns: Option[];
}

/** The campaign a tracker counts for, or none (any campaign). */
function CampaignSelect({ campaigns, ...props }: { campaigns: Option[] } & SelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('tracking.campaign')}
      placeholder={t('tracking.anyCampaign')}
      data={campaigns}
      clearable
      searchable
      {...props}
    />
  );
}

export function CodeForm({ workspaceId, creatorId, campaigns }: TrackerFormProps) {
  const { t } = useTranslation();
  const create = useCreateTracker(workspaceId);
  const form = useForm({
    initialValues: { code: '', campaignId: null as string | null },
    validate: { code: (value) => (normaliseCode(value) ? null : t('tracking.codes.invalid')) },
  });
  const send = useFormSubmit(create, form, {
    done: (saved) => t('tracking.codes.added', { code: saved.code }),
    after: () => form.reset(),
  });
  const submit = form.onSubmit((values) =>
    send({
      kind: 'promo_code',
      creatorId,
      campaignId: values.campaignId,
      code: normaliseCode(values.code) ?? '',
    }),
  );
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit} noValidate data-testid="code-form">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('tracking.codes.code')}
            description={t('tracking.codes.hint')}
            {...hintBelow}
            leftSection={<IconTicket size={16} aria-hidden />}
            styles={{ input: { textTransform: 'uppercase' } }}
            w={260}
            {...bindField(form, 'code', 'code-input')}
          />
          <CampaignSelect campaigns={campaigns} w={240} {...form.getInputProps('campaignId')} />
          <Button
            type="submit"
            mt={25}
            leftSection={<IconPlus size={16} aria-hidden />}
            loading={create.isPending}
            data-testid="code-submit"
          >
            {t('tracking.codes.add')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

export interface LinkValues {
  campaignId: string | null;
  destinationUrl: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
}

/** Destination + UTM fields prefilled from the server's suggestion, the built URL live, copy, save. */
export function LinkBuilder({ workspaceId, creatorId, campaigns }: TrackerFormProps) {
  const { t } = useTranslation();
  const create = useCreateTracker(workspaceId);
  const utmRule = (value: string) => (normaliseUtm(value) ? null : t('tracking.links.utmInvalid'));
  const form = useForm<LinkValues>({
    initialValues: {
      campaignId: null,
      destinationUrl: '',
      utmSource: '',
      utmMedium: '',
      utmCampaign: '',
      utmContent: '',
    },
    validate: {
      destinationUrl: (value) => (isHttpUrl(value) ? null : t('creatorForm.urlInvalid')),
      utmSource: utmRule,
      utmMedium: utmRule,
      utmCampaign: utmRule,
      utmContent: (value) =>
        value.trim() === '' || normaliseUtm(value) ? null : t('tracking.links.utmInvalid'),
    },
  });
  const v = form.values;
  const suggestion = useUtmSuggestion(workspaceId, creatorId, v.campaignId);
  // The suggestion fills the UTM fields until someone edits them.
  const edited = useRef(new Set<string>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: refills when a new suggestion arrives
  useEffect(() => {
    const s = suggestion.data;
    if (!s) return;
    for (const key of ['utmSource', 'utmMedium', 'utmCampaign'] as const) {
      if (!edited.current.has(key)) form.setFieldValue(key, s[key]);
    }
  }, [suggestion.data]);
  const utmProps = (key: 'utmSource' | 'utmMedium' | 'utmCampaign' | 'utmContent') => {
    const props = form.getInputProps(key);
    return {
      ...props,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        edited.current.add(key);
        props.onChange(e);
      },
    };
  };

  const source = normaliseUtm(v.utmSource);
  const campaign = normaliseUtm(v.utmCampaign);
  const preview =
    isHttpUrl(v.destinationUrl) && source && campaign
      ? buildTrackedUrl(v.destinationUrl.trim(), {
          source,
          medium: normaliseUtm(v.utmMedium),
          campaign,
          content: normaliseUtm(v.utmContent),
        })
      : null;

  const send = useFormSubmit(create, form, {
    done: () => t('tracking.links.added'),
    after: () => {
      form.setFieldValue('destinationUrl', '');
      form.setFieldValue('utmContent', '');
    },
  });
  const submit = form.onSubmit((values) =>
    send({
      kind: 'link',
      creatorId,
      campaignId: values.campaignId,
      destinationUrl: values.destinationUrl.trim(),
      utmSource: normaliseUtm(values.utmSource) ?? undefined,
      utmMedium: normaliseUtm(values.utmMedium) ?? undefined,
      utmCampaign: normaliseUtm(values.utmCampaign) ?? undefined,
      utmContent: normaliseUtm(values.utmContent),
    }),
  );

  return (
    <CardForm onSubmit={submit} testId="link-builder">
      <Text fw={600} size="sm">
        {t('tracking.links.builder')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          type="url"
          label={t('tracking.links.destination')}
          placeholder="https://"
          leftSection={<IconLink size={16} aria-hidden />}
          {...bindField(form, 'destinationUrl', 'link-destination')}
        />
        <CampaignSelect campaigns={campaigns} {...bindField(form, 'campaignId', 'link-campaign')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <TextInput label="utm_source" data-testid="link-utm-source" {...utmProps('utmSource')} />
        <TextInput label="utm_medium" data-testid="link-utm-medium" {...utmProps('utmMedium')} />
        <TextInput label="utm_campaign" data-testid="link-utm-campaign" {...utmProps('utmCampaign')} />
        <TextInput
          label="utm_content"
          placeholder={t('tracking.links.optional')}
          data-testid="link-utm-content"
          {...utmProps('utmContent')}
        />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('tracking.links.preview')}
        </Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text
            size="sm"
            ff="monospace"
            c={preview ? undefined : 'dimmed'}
            style={{ wordBreak: 'break-all', flex: 1 }}
            data-testid="link-preview"
          >
            {preview ?? t('tracking.links.previewEmpty')}
          </Text>
          {preview ? <CopyIcon value={preview} testId="link-copy" /> : null}
        </Group>
      </Stack>
      <FormActions loading={create.isPending} label={t('tracking.links.save')} testId="link-submit" />
    </CardForm>
  );
}
