import { Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { useCreateCreator } from './api.ts';
import { CreatorFields } from './CreatorFields.tsx';
import {
  type CreatorFormValues,
  creatorFieldAliases,
  emptyCreatorValues,
  validateCreator,
  valuesToCreate,
} from './creatorForm.ts';

export function CreateCreatorModal({
  workspaceId,
  opened,
  onClose,
  defaultOwnerId,
  defaultCurrency,
}: {
  workspaceId: string;
  opened: boolean;
  onClose: () => void;
  defaultOwnerId: string | null;
  defaultCurrency: string;
}) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t('roster.create.title')} size="xl">
      <CreateCreatorForm
        workspaceId={workspaceId}
        onClose={onClose}
        defaultOwnerId={defaultOwnerId}
        defaultCurrency={defaultCurrency}
      />
    </FormModal>
  );
}

function CreateCreatorForm({
  workspaceId,
  onClose,
  defaultOwnerId,
  defaultCurrency,
}: {
  workspaceId: string;
  onClose: () => void;
  defaultOwnerId: string | null;
  defaultCurrency: string;
}) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const navigate = useNavigate();
  const create = useCreateCreator(workspaceId);
  const form = useForm<CreatorFormValues>({
    initialValues: emptyCreatorValues({ ownerUserId: defaultOwnerId }),
    validate: (values) => validateCreator(values, t, lng, 'create'),
  });

  const send = useFormSubmit(create, form, {
    done: (created) => t('roster.create.done', { name: created.displayName }),
    after: (created) => {
      onClose();
      navigate(`/w/${workspaceId}/creators/${created.id}`);
    },
  });
  const submit = form.onSubmit((values) =>
    send(valuesToCreate(values, lng), { fieldAliases: creatorFieldAliases(values) }),
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t('roster.create.title')}
      data-testid="creator-create-form"
    >
      <Stack gap="lg">
        <CreatorFields
          form={form}
          mode="create"
          workspaceId={workspaceId}
          defaultCurrency={defaultCurrency}
        />
        <FormActions
          onCancel={onClose}
          loading={create.isPending}
          label={t('roster.create.submit')}
          testId="creator-form-submit"
          gap="md"
        />
      </Stack>
    </form>
  );
}
