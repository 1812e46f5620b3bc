import type { BriefDetail, BriefVersion } from '@evergreen/contracts';
import { Alert, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../shared/api/client.ts';
import { type FormSubmitOptions, useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { bindField, GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import { outcomeText } from '../messaging/MessageDraft.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useAcceptBrief, useEditBrief, useRespondChange } from './api.ts';
import { BriefForm } from './BriefForm.tsx';
import { valuesToEditBrief, versionToValues } from './briefForm.ts';

export function EditBrief({
  brief: b,
  base,
  changeMode,
  onClose,
}: {
  brief: BriefDetail;
  base: BriefVersion;
  changeMode: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const edit = useEditBrief(workspaceId, b.campaignId, b.id);
  const initial = versionToValues(base);
  const send = useFormSubmit(edit, undefined, {
    after: (saved) => {
      const o = saved.outcome;
      notifications.show({
        color: !o || o.status === 'sent' ? 'teal' : 'yellow',
        message: changeMode ? t('briefs.changeRequested', { name: b.creatorName }) : t('briefs.edited'),
      });
      // What really happened to the email that tells the creator (emailed, queued, or not).
      if (o)
        notifications.show({
          color: o.status === 'sent' ? 'teal' : 'yellow',
          autoClose: o.status === 'sent' ? 6000 : false,
          message: [
            outcomeText(o, t),
            o.portalLink && o.status !== 'by_hand'
              ? t(`message.outcome.portal.${o.portalLink}`, { name: o.creatorName })
              : '',
          ]
            .filter(Boolean)
            .join(' '),
          'data-testid': 'brief-change-email',
        });
      onClose();
    },
    onError: (error, fallback) => {
      if (error instanceof ApiError && error.fields.some((f) => f.code === 'no_change')) {
        notifications.show({ color: 'yellow', message: t('briefs.form.noChange') });
      } else if (isApiError(error, 'conflict')) {
        notifications.show({
          color: 'red',
          title: t('errors.conflict'),
          message: t('briefs.conflict'),
        });
      } else fallback();
    },
  });
  return (
    <BriefForm
      mode={changeMode ? 'change' : 'edit'}
      creatorName={b.creatorName}
      initialValues={initial}
      submitting={edit.isPending}
      onCancel={onClose}
      onSubmit={(values, form) => {
        const input = valuesToEditBrief(values, initial, changeMode);
        if (!input) {
          notifications.show({ color: 'yellow', message: t('briefs.form.noChange') });
          return;
        }
        send(input, { form });
      }}
    />
  );
}

export function AcceptForm({
  brief: b,
  change,
  onClose,
}: {
  brief: BriefDetail;
  change: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const accept = useAcceptBrief(workspaceId, b.campaignId, b.id);
  const respond = useRespondChange(workspaceId, b.campaignId, b.id);
  const form = useForm({
    initialValues: { name: '' },
    validate: {
      name: (v: string) =>
        v.trim().length < 2
          ? t('briefs.acceptForm.nameRequired')
          : v.trim().length > 200
            ? t('validation.maxLength', { max: 200 })
            : null,
    },
  });
  const options: FormSubmitOptions<unknown, unknown> = {
    done: () => t('briefs.acceptedDone', { version: b.currentVersion }),
    after: onClose,
    onError: (error, fallback) => {
      if (isApiError(error, 'conflict')) {
        notifications.show({ color: 'red', title: t('errors.conflict'), message: t('briefs.conflict') });
        onClose();
      } else fallback();
    },
  };
  const sendAccept = useFormSubmit(accept, form, options);
  const sendChange = useFormSubmit(respond, form, options);
  const submit = form.onSubmit(({ name }) =>
    change
      ? sendChange({ version: b.currentVersion, decision: 'accept', name: name.trim() })
      : sendAccept({ version: b.currentVersion, name: name.trim() }),
  );
  return (
    <StackForm onSubmit={submit} gap="sm">
      <Text size="sm">
        {change
          ? t('briefs.acceptForm.changeText', { name: b.creatorName, version: b.currentVersion })
          : t('briefs.acceptForm.text', { name: b.creatorName, version: b.currentVersion })}
      </Text>
      <Alert color="blue" variant="light">
        {t('briefs.acceptForm.records')}
      </Alert>
      <TextInput
        label={t('briefs.acceptForm.name')}
        description={t('briefs.acceptForm.nameHint', { name: b.creatorName })}
        placeholder={b.creatorName}
        required
        data-autofocus
        {...bindField(form, 'name', 'brief-accept-name')}
      />
      <FormActions
        onCancel={onClose}
        loading={accept.isPending || respond.isPending}
        label={t('briefs.acceptForm.submit', { version: b.currentVersion })}
        testId="brief-accept-submit"
        color="teal"
        icon={<IconSignature size={16} aria-hidden />}
        gap="md"
      />
    </StackForm>
  );
}

export function DeclineForm({ brief: b, onClose }: { brief: BriefDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { workspaceId } = useCurrentWorkspace();
  const respond = useRespondChange(workspaceId, b.campaignId, b.id);
  const form = useForm({ initialValues: { note: '' } });
  const send = useFormSubmit(respond, form, {
    done: () => t('briefs.declinedDone', { version: b.acceptedVersion ?? '' }),
    after: onClose,
  });
  const submit = form.onSubmit(({ note }) =>
    send({ version: b.currentVersion, decision: 'decline', ...(note.trim() ? { note: note.trim() } : {}) }),
  );
  return (
    <StackForm onSubmit={submit} gap="sm">
      <Text size="sm">
        {t('briefs.declineForm.text', { name: b.creatorName, version: b.acceptedVersion ?? '' })}
      </Text>
      <GrowingTextarea
        label={t('briefs.declineForm.note')}
        {...bindField(form, 'note', 'brief-cr-decline-note')}
      />
      <FormActions
        onCancel={onClose}
        loading={respond.isPending}
        label={t('briefs.actions.declineChange')}
        testId="brief-cr-decline-submit"
        color="red"
        gap="md"
      />
    </StackForm>
  );
}
