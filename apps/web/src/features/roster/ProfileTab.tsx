import type { Creator } from '@evergreen/contracts';
import { Alert, Button, Group, Paper } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { CreatorFields } from './CreatorFields.tsx';
import { useUpdateCreator } from './api.ts';
import {
  type CreatorFormValues,
  changedFields,
  creatorFieldAliases,
  creatorToValues,
  validateCreator,
} from './creatorForm.ts';

/** Every field of the profile; owners and managers edit, analysts read. */
export function ProfileTab({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const update = useUpdateCreator(workspaceId, creator.id);
  const handleError = useApiErrorHandler();
  const form = useForm<CreatorFormValues>({
    initialValues: creatorToValues(creator, lng),
    validate: (values) => validateCreator(values, t, lng, 'edit'),
  });

  const submit = form.onSubmit((values) => {
    const changes = changedFields(values, form.getInitialValues(), lng);
    if (Object.keys(changes).length === 0) {
      form.resetDirty();
      return;
    }
    update.mutate(changes, {
      onSuccess: (saved) => {
        const next = creatorToValues(saved, lng);
        form.setInitialValues(next);
        form.setValues(next);
        form.resetDirty(next);
        notifications.show({ color: 'teal', message: t('common.saved') });
      },
      onError: (error) => handleError(error, form, creatorFieldAliases(values)),
    });
  });

  return (
    <Paper withBorder radius="md" p="lg">
      {!canWrite ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />} mb="lg">
          {t('creatorPage.readOnly')}
        </Alert>
      ) : null}
      <form
        onSubmit={submit}
        noValidate
        aria-label={t('creatorPage.tabs.profile')}
        data-testid="creator-profile-form"
      >
        <CreatorFields
          form={form}
          mode="edit"
          workspaceId={workspaceId}
          defaultCurrency={workspace.data?.reportingCurrency ?? 'USD'}
          readOnly={!canWrite}
        />
        {canWrite ? (
          <Group justify="flex-end" mt="xl">
            <Button
              variant="default"
              onClick={() => form.reset()}
              disabled={!form.isDirty() || update.isPending}
            >
              {t('common.reset')}
            </Button>
            <Button
              type="submit"
              loading={update.isPending}
              disabled={!form.isDirty()}
              data-testid="creator-form-submit"
            >
              {t('common.save')}
            </Button>
          </Group>
        ) : null}
      </form>
    </Paper>
  );
}
