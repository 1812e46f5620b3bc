import { Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { EmptyList, NoMatch } from '../../shared/layout/ListPage.tsx';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useCampaigns, useCreateCampaign } from './api.ts';
import { CampaignFields } from './CampaignFields.tsx';
import { CampaignFilterBar, CampaignsTable } from './CampaignsList.tsx';
import {
  type CampaignFormValues,
  campaignFieldAliases,
  emptyCampaignValues,
  validateCampaign,
  valuesToCreateCampaign,
} from './campaignForm.ts';
import {
  type CampaignFilters,
  campaignFiltersFromSearch,
  campaignFiltersToSearch,
  defaultCampaignFilters,
  hasCampaignFilters,
} from './filters.ts';

export function CampaignsPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => campaignFiltersFromSearch(searchParams), [searchParams]);
  const campaigns = useCampaigns(workspaceId, filters);
  const [createOpened, setCreateOpened] = useState(false);
  const update = useCallback(
    (patch: Partial<CampaignFilters>) =>
      setSearchParams(campaignFiltersToSearch({ ...filters, ...patch }), { replace: true }),
    [filters, setSearchParams],
  );
  const list = campaigns.data?.campaigns;
  const products = useMemo(
    () => [...new Set((list ?? []).flatMap((c) => c.products))].sort((a, b) => a.localeCompare(b)),
    [list],
  );

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.description')}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setCreateOpened(true)}
              data-testid="campaign-new"
            >
              {t('campaigns.new')}
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <CampaignFilterBar
          filters={filters}
          update={update}
          markets={[
            ...new Set([...(workspace.data?.markets ?? []), ...(list ?? []).flatMap((c) => c.markets)]),
          ]}
        />
        {campaigns.isPending ? (
          <PageLoader />
        ) : campaigns.isError && !campaigns.data ? (
          <QueryError error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        ) : (
          <>
            <Group gap="xs" mih={22}>
              <Text size="sm" c="dimmed" data-testid="campaigns-count">
                {t('campaigns.shown', {
                  count: campaigns.data.total,
                  shown: fmt.number(campaigns.data.total),
                })}
              </Text>
              {campaigns.isFetching ? (
                <Loader size={14} role="status" aria-label={t('common.loading')} />
              ) : null}
            </Group>
            {list && list.length > 0 ? (
              <CampaignsTable workspaceId={workspaceId} campaigns={list} />
            ) : hasCampaignFilters(filters) ? (
              <NoMatch
                title={t('campaigns.noMatch.title')}
                text={t('campaigns.noMatch.text')}
                clearLabel={t('campaigns.filters.clear')}
                onClear={() => update(defaultCampaignFilters)}
              />
            ) : (
              <EmptyList
                icon={<IconTargetArrow size={28} aria-hidden />}
                title={t('campaigns.empty.title')}
                text={t('campaigns.empty.text')}
                testId="campaigns-empty"
                addLabel={t('campaigns.new')}
                onAdd={canWrite ? () => setCreateOpened(true) : undefined}
              />
            )}
          </>
        )}
      </Stack>
      {canWrite ? (
        <Modal
          opened={createOpened}
          onClose={() => setCreateOpened(false)}
          title={t('campaigns.create.title')}
          size="xl"
        >
          {createOpened ? (
            <CreateCampaignForm
              workspaceId={workspaceId}
              currency={workspace.data?.reportingCurrency ?? 'USD'}
              markets={workspace.data?.markets ?? []}
              productSuggestions={products}
              onClose={() => setCreateOpened(false)}
            />
          ) : null}
        </Modal>
      ) : null}
    </>
  );
}

function CreateCampaignForm({
  workspaceId,
  currency,
  markets,
  productSuggestions,
  onClose,
}: {
  workspaceId: string;
  currency: string;
  markets: string[];
  productSuggestions: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const navigate = useNavigate();
  const create = useCreateCampaign(workspaceId);
  const form = useForm<CampaignFormValues>({
    initialValues: emptyCampaignValues(currency, markets.length === 1 ? markets : []),
    validate: (values) => validateCampaign(values, t, lng),
  });
  const send = useFormSubmit(create, form, {
    done: (created) => t('campaigns.create.done', { name: created.name }),
    after: (created) => {
      onClose();
      navigate(`/w/${workspaceId}/campaigns/${created.id}`);
    },
    fieldAliases: campaignFieldAliases,
  });
  const submit = form.onSubmit((values) => send(valuesToCreateCampaign(values, lng)));
  return (
    <StackForm onSubmit={submit} label={t('campaigns.create.title')} testId="campaign-form" gap="lg">
      <CampaignFields form={form} productSuggestions={productSuggestions} />
      <FormActions
        onCancel={onClose}
        loading={create.isPending}
        label={t('campaigns.create.submit')}
        testId="campaign-submit"
        gap="md"
      />
    </StackForm>
  );
}
