import type { CampaignDetail } from '@evergreen/contracts';
import { Alert, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { Fact as SharedFact } from '../../shared/layout/EntityPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useCreateBrief, useUpdateCampaign } from './api.ts';
import { BriefForm } from './BriefForm.tsx';
import { emptyBriefValues, valuesToCreateBrief } from './briefForm.ts';
import { Chips } from './CampaignBadges.tsx';
import { CampaignFields } from './CampaignFields.tsx';
import {
  type CampaignFormValues,
  campaignFieldAliases,
  campaignToValues,
  changedCampaignFields,
  formatDecimal,
  validateCampaign,
} from './campaignForm.ts';

export function Fact(props: { label: string; children: ReactNode }) {
  return <SharedFact boxed {...props} />;
}

export function CampaignFacts({ campaign: c }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Paper withBorder radius="md" p="md" data-testid="campaign-details">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Fact label={t('campaigns.columns.dates')}>
            <Text size="sm" fw={500}>
              {fmt.day(c.startsOn)} – {fmt.day(c.endsOn)}
            </Text>
          </Fact>
          <Fact label={t('campaigns.columns.products')}>
            <Chips items={c.products} />
          </Fact>
          <Fact label={t('campaigns.columns.markets')}>
            <Chips items={c.markets} color="blue" />
          </Fact>
          <Fact label={t('campaigns.fields.budget')}>
            <Text size="sm" fw={500} data-testid="campaign-budget-view">
              {c.budget ? formatMoney(c.budget.amountMinor, c.budget.currency, fmt.lng) : '—'}
            </Text>
          </Fact>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Fact label={t('campaigns.fields.outcome')}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={c.outcome ? undefined : 'dimmed'}>
              {c.outcome ?? '—'}
            </Text>
          </Fact>
          <Fact label={t('campaigns.target')}>
            <Text size="sm" c={c.targetMetric || c.targetValue ? undefined : 'dimmed'}>
              {c.targetMetric || c.targetValue
                ? `${c.targetMetric ?? ''}${c.targetMetric && c.targetValue ? ': ' : ''}${
                    c.targetValue ? formatDecimal(c.targetValue, fmt.lng) : ''
                  }`
                : '—'}
            </Text>
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

export function EditCampaign({ campaign: c, onDone }: { campaign: CampaignDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const { workspaceId } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const update = useUpdateCampaign(workspaceId, c.id);
  const [initial] = useState(() => campaignToValues(c, lng, workspace.data?.reportingCurrency ?? 'USD'));
  const form = useForm<CampaignFormValues>({
    initialValues: initial,
    validate: (values) => validateCampaign(values, t, lng),
  });
  const send = useFormSubmit(update, form, {
    done: () => t('common.saved'),
    after: onDone,
    fieldAliases: campaignFieldAliases,
  });
  const submit = form.onSubmit((values) => {
    const changes = changedCampaignFields(values, initial, lng);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    send(changes);
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <StackForm onSubmit={submit} label={t('campaigns.edit')} testId="campaign-form" gap="lg">
        <CampaignFields form={form} />
        {form.values.status === 'cancelled' && c.status !== 'cancelled' ? (
          <Alert color="orange" variant="light">
            {t('campaigns.cancelHint')}
          </Alert>
        ) : null}
        <FormActions
          onCancel={onDone}
          loading={update.isPending}
          label={t('common.save')}
          testId="campaign-submit"
          gap="md"
        />
      </StackForm>
    </Paper>
  );
}

export function AssignBrief({
  campaign,
  creatorId,
  creatorName,
  onClose,
}: {
  campaign: CampaignDetail;
  creatorId: string;
  creatorName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const navigate = useNavigate();
  const create = useCreateBrief(workspaceId, campaign.id);
  const send = useFormSubmit(create, undefined, {
    done: () => t('briefs.created', { name: creatorName }),
    after: (created) => {
      onClose();
      navigate(`/w/${workspaceId}/campaigns/${campaign.id}/briefs/${created.id}`);
    },
  });
  return (
    <BriefForm
      mode="create"
      creatorName={creatorName}
      initialValues={emptyBriefValues(campaign.name)}
      submitting={create.isPending}
      onCancel={onClose}
      onSubmit={(values, form) => send(valuesToCreateBrief(values, creatorId), { form })}
    />
  );
}
