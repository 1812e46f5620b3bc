import type { UpdateWorkspaceRequest, Workspace } from '@evergreen/contracts';
import { Alert, Paper } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { startFrom, useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { SaveActions } from '../../shared/ui/FormActions.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { OverlapWindowSetting } from '../campaigns/OverlapWindowSetting.tsx';
import { SelectionSettingsCard } from '../selection/SelectionSettingsCard.tsx';
import { OrderWebhookCard } from '../tracking/OrderWebhookCard.tsx';
import { ReceiversCard } from '../tracking/ReceiversCard.tsx';
import { useCurrentWorkspace, useUpdateWorkspace, useWorkspace } from '../workspaces/api.ts';
import {
  toWorkspaceRequest,
  WorkspaceFields,
  type WorkspaceFormValues,
  workspaceFormValues,
  workspaceValidation,
} from '../workspaces/WorkspaceFields.tsx';
import { AttributionSettings } from './AttributionSettings.tsx';

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { workspaceId, isOwner } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);

  return (
    <>
      <PageHeader title={t('settings.workspace.title')} description={t('settings.workspace.description')} />
      <QueryStates query={workspace}>
        {(data) => (
          <>
            <WorkspaceSettingsForm key={data.id} workspace={data} editable={isOwner} />
            <OverlapWindowSetting
              key={`overlap:${data.id}:${data.overlapWindowDays}`}
              workspace={data}
              editable={isOwner}
            />
            <AttributionSettings
              key={`attribution:${data.id}:${data.attributionWindowDays}:${data.repeatHorizonDays}`}
              workspace={data}
              editable={isOwner}
            />
            <SelectionSettingsCard />
            {isOwner ? <OrderWebhookCard workspaceId={workspaceId} /> : null}
            {isOwner ? <ReceiversCard workspaceId={workspaceId} /> : null}
          </>
        )}
      </QueryStates>
    </>
  );
}

function WorkspaceSettingsForm({ workspace, editable }: { workspace: Workspace; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateWorkspace(workspace.id);
  const form = useForm<WorkspaceFormValues>({
    initialValues: workspaceFormValues(workspace, workspace.defaultLanguage),
    validate: workspaceValidation(t),
  });

  const send = useFormSubmit(update, form, {
    done: () => t('common.saved'),
    after: (saved) => startFrom(form, workspaceFormValues(saved, saved.defaultLanguage)),
  });
  const submit = form.onSubmit((values) => {
    const full = toWorkspaceRequest(values);
    // Send only what changed, so the audit log records exactly that.
    const changes: UpdateWorkspaceRequest = {};
    if (form.isDirty('name')) changes.name = full.name;
    if (form.isDirty('reportingCurrency')) changes.reportingCurrency = full.reportingCurrency;
    if (form.isDirty('fiscalYearStartMonth')) changes.fiscalYearStartMonth = full.fiscalYearStartMonth;
    if (form.isDirty('markets')) changes.markets = full.markets;
    if (form.isDirty('defaultLanguage')) changes.defaultLanguage = full.defaultLanguage;
    if (form.isDirty('timeZone')) changes.timeZone = full.timeZone;
    send(changes);
  });

  return (
    <Paper withBorder p="lg" radius="md" maw={720}>
      {!editable ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} mb="lg">
          {t('settings.readOnlyOwner')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate aria-label={t('settings.workspace.title')}>
        <WorkspaceFields form={form} testIdPrefix="workspace" readOnly={!editable} />
        {editable ? (
          <SaveActions form={form} saving={update.isPending} testId="workspace-save" mt="xl" />
        ) : null}
      </form>
    </Paper>
  );
}
