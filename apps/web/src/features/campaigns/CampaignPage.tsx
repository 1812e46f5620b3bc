import type { Brief, CampaignDetail } from '@evergreen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useCampaign, useCreateBrief, useUpdateCampaign } from './api.ts';
import { BriefForm } from './BriefForm.tsx';
import { emptyBriefValues, valuesToCreateBrief } from './briefForm.ts';
import { BriefStatusBadge, CampaignStatusBadge, Chips, UrgentBadge } from './CampaignBadges.tsx';
import { CampaignFields } from './CampaignFields.tsx';
import {
  type CampaignFormValues,
  campaignFieldAliases,
  campaignToValues,
  changedCampaignFields,
  formatDecimal,
  validateCampaign,
} from './campaignForm.ts';
import { SuggestionsSection } from './SuggestionsSection.tsx';

export function CampaignPage() {
  const { t } = useTranslation();
  const { campaignId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const campaign = useCampaign(workspaceId, campaignId);
  const back = (
    <Anchor component={Link} to={`/w/${workspaceId}/campaigns`} size="sm" data-testid="campaign-back">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t('campaigns.back')}
      </Group>
    </Anchor>
  );
  if (campaign.isPending) return <PageLoader />;
  if (campaign.isError) {
    return (
      <Stack gap="md" align="flex-start">
        {back}
        {isApiError(campaign.error, 'not_found') ? (
          <Alert color="gray" variant="light" title={t('campaigns.notFoundTitle')}>
            {t('campaigns.notFoundText')}
          </Alert>
        ) : (
          <QueryError error={campaign.error} onRetry={() => void campaign.refetch()} />
        )}
      </Stack>
    );
  }
  return <CampaignView campaign={campaign.data} back={back} />;
}

function CampaignView({ campaign: c, back }: { campaign: CampaignDetail; back: ReactNode }) {
  const { t } = useTranslation();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [editing, setEditing] = useState(false);
  const [assign, setAssign] = useState<{ creatorId: string; creatorName: string } | null>(null);
  const takesBriefs = c.status === 'planning' || c.status === 'active';

  return (
    <Stack gap="lg" data-testid="campaign-page">
      {back}
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={1} size="h2" data-testid="campaign-title">
            {c.name}
          </Title>
          <CampaignStatusBadge status={c.status} size="lg" />
        </Group>
        {canWrite && !editing ? (
          <Button
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setEditing(true)}
            data-testid="campaign-edit"
          >
            {t('campaigns.edit')}
          </Button>
        ) : null}
      </Group>
      {editing ? (
        <EditCampaign campaign={c} onDone={() => setEditing(false)} />
      ) : (
        <CampaignFacts campaign={c} />
      )}

      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('campaigns.briefsTitle', { count: c.briefs.length })}
        </Title>
        {c.briefs.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="campaign-no-briefs">
            {canWrite && takesBriefs ? t('campaigns.noBriefsAssign') : t('campaigns.noBriefs')}
          </Text>
        ) : (
          <BriefsTable workspaceId={workspaceId} briefs={c.briefs} showCampaign={false} />
        )}
      </Stack>

      <SuggestionsSection
        campaign={c}
        canAssign={canWrite && takesBriefs}
        onAssign={(creatorId, creatorName) => setAssign({ creatorId, creatorName })}
      />

      <Modal
        opened={assign !== null}
        onClose={() => setAssign(null)}
        title={assign ? t('briefs.assignTitle', { name: assign.creatorName }) : ''}
        size="xl"
      >
        {assign ? (
          <AssignBrief
            campaign={c}
            creatorId={assign.creatorId}
            creatorName={assign.creatorName}
            onClose={() => setAssign(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function CampaignFacts({ campaign: c }: { campaign: CampaignDetail }) {
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

function EditCampaign({ campaign: c, onDone }: { campaign: CampaignDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const { workspaceId } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const update = useUpdateCampaign(workspaceId, c.id);
  const handleError = useApiErrorHandler();
  const [initial] = useState(() => campaignToValues(c, lng, workspace.data?.reportingCurrency ?? 'USD'));
  const form = useForm<CampaignFormValues>({
    initialValues: initial,
    validate: (values) => validateCampaign(values, t, lng),
  });
  const submit = form.onSubmit((values) => {
    const changes = changedCampaignFields(values, initial, lng);
    if (Object.keys(changes).length === 0) {
      onDone();
      return;
    }
    update.mutate(changes, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('common.saved') });
        onDone();
      },
      onError: (error) => handleError(error, form, campaignFieldAliases),
    });
  });
  return (
    <Paper withBorder radius="md" p="lg">
      <form onSubmit={submit} noValidate data-testid="campaign-form" aria-label={t('campaigns.edit')}>
        <Stack gap="lg">
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
        </Stack>
      </form>
    </Paper>
  );
}

function AssignBrief({
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
  const handleError = useApiErrorHandler();
  return (
    <BriefForm
      mode="create"
      creatorName={creatorName}
      initialValues={emptyBriefValues(campaign.name)}
      submitting={create.isPending}
      onCancel={onClose}
      onSubmit={(values, form) =>
        create.mutate(valuesToCreateBrief(values, creatorId), {
          onSuccess: (created) => {
            notifications.show({ color: 'teal', message: t('briefs.created', { name: creatorName }) });
            onClose();
            navigate(`/w/${workspaceId}/campaigns/${campaign.id}/briefs/${created.id}`);
          },
          onError: (error) => handleError(error, form),
        })
      }
    />
  );
}

/** Briefs with their state: used on the campaign page and the creator's Briefs tab. */
export function BriefsTable({
  workspaceId,
  briefs,
  showCampaign,
}: {
  workspaceId: string;
  briefs: Brief[];
  showCampaign: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="briefs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{showCampaign ? t('briefs.columns.campaign') : t('briefs.columns.creator')}</Table.Th>
            <Table.Th>{t('briefs.columns.title')}</Table.Th>
            <Table.Th>{t('briefs.columns.status')}</Table.Th>
            <Table.Th ta="center">{t('briefs.columns.accepted')}</Table.Th>
            <Table.Th ta="center">{t('briefs.columns.current')}</Table.Th>
            <Table.Th>{t('briefs.columns.due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {briefs.map((b) => {
            const href = `/w/${workspaceId}/campaigns/${b.campaignId}/briefs/${b.id}`;
            const urgent = b.warnings.find((w) => w.code === 'urgent');
            return (
              <Table.Tr key={b.id} data-testid={`brief-row-${b.id}`}>
                <Table.Td>
                  {showCampaign ? (
                    <Anchor component={Link} to={`/w/${workspaceId}/campaigns/${b.campaignId}`} size="sm">
                      {b.campaignName}
                    </Anchor>
                  ) : (
                    <Anchor component={Link} to={`/w/${workspaceId}/creators/${b.creatorId}`} size="sm">
                      {b.creatorName}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={href} size="sm" fw={600}>
                    {b.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <BriefStatusBadge status={b.status} />
                    {b.pendingChangeVersion !== null ? (
                      <Badge variant="outline" color="orange" tt="none" size="sm">
                        {t('briefs.pendingChange', { version: b.pendingChangeVersion })}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="center">
                  <Text size="sm" c={b.acceptedVersion ? undefined : 'dimmed'}>
                    {b.acceptedVersion ? t('briefs.versionShort', { version: b.acceptedVersion }) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="center">
                  <Text size="sm">{t('briefs.versionShort', { version: b.currentVersion })}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={b.dueOn ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                      {b.dueOn ? fmt.day(b.dueOn) : '—'}
                    </Text>
                    {urgent ? (
                      <UrgentBadge
                        size="sm"
                        title={t('briefs.urgentShort', {
                          due: fmt.days(urgent.daysUntilDue),
                          lead: fmt.days(urgent.leadTimeDays),
                        })}
                      />
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
