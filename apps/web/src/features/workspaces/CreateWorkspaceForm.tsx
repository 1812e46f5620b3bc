import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { currentLanguage } from '../../shared/i18n/i18n.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { useCreateWorkspace } from './api.ts';
import {
  toWorkspaceRequest,
  WorkspaceFields,
  type WorkspaceFormValues,
  workspaceFormValues,
  workspaceValidation,
} from './WorkspaceFields.tsx';

/** Creates a workspace and opens it. */
export function CreateWorkspaceForm({
  onCancel,
  onCreated,
}: {
  onCancel?: () => void;
  onCreated?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateWorkspace();
  const handleError = useApiErrorHandler();
  const form = useForm<WorkspaceFormValues>({
    initialValues: workspaceFormValues(null, currentLanguage()),
    validate: workspaceValidation(t),
  });

  const submit = form.onSubmit((values) => {
    create.mutate(toWorkspaceRequest(values), {
      onSuccess: (created) => {
        onCreated?.();
        navigate(`/w/${created.id}`);
      },
      onError: (error) => handleError(error, form),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('workspace.create.title')}>
      <WorkspaceFields form={form} testIdPrefix="create-workspace" />
      <FormActions
        onCancel={onCancel}
        loading={create.isPending}
        label={t('workspace.create.submit')}
        testId="create-workspace-submit"
        gap="md"
        mt="xl"
      />
    </form>
  );
}
