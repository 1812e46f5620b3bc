import type { Creator } from '@evergreen/contracts';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startFrom, useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { Fact as SharedFact } from '../../shared/layout/EntityPage.tsx';
import { formatMoney } from '../../shared/money.ts';
import { FormActions } from '../../shared/ui/FormActions.tsx';
import { itemLabel } from '../agreements/AgreementBadges.tsx';
import { useCurrentWorkspace, useWorkspace } from '../workspaces/api.ts';
import { useUpdateCreator } from './api.ts';
import { HandleLinks } from './CreatorBadges.tsx';
import { CreatorFields } from './CreatorFields.tsx';
import {
  type CreatorFormValues,
  changedFields,
  creatorFieldAliases,
  creatorToValues,
  validateCreator,
} from './creatorForm.ts';

/** The profile as a read view; owners and managers press Edit for the form. */
export function ProfileTab({ creator }: { creator: Creator }) {
  const { t } = useTranslation();
  const { canWrite } = useCurrentWorkspace();
  const [editing, setEditing] = useState(false);
  if (editing && canWrite) return <ProfileForm creator={creator} onClose={() => setEditing(false)} />;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="creator-profile">
      <Group justify="space-between" align="flex-start" mb="md">
        <Title order={2} size="h4">
          {t('creatorPage.tabs.profile')}
        </Title>
        {canWrite ? (
          <Button
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setEditing(true)}
            data-testid="creator-profile-edit"
          >
            {t('creatorPage.editProfile')}
          </Button>
        ) : null}
      </Group>
      <ProfileFacts creator={creator} />
    </Paper>
  );
}

function Fact(props: { label: string; children: ReactNode; testId?: string }) {
  return <SharedFact style={{ minWidth: 0 }} {...props} />;
}

function ProfileFacts({ creator: c }: { creator: Creator }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const text = (value: string | null | undefined) =>
    value ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const list = (values: string[]) => text(values.length ? values.join(', ') : null);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" verticalSpacing="md">
        <Fact label={t('creatorForm.displayName')} testId="profile-display-name">
          {text(c.displayName)}
        </Fact>
        <Fact label={t('creatorForm.legalName')}>{text(c.legalName)}</Fact>
        <Fact label={t('creatorForm.email')}>{text(c.email)}</Fact>
        <Fact label={t('creatorForm.status')}>{text(t(`creator.status.${c.status}`))}</Fact>
        <Fact label={t('creatorForm.owner')}>{text(c.ownerName ?? t('creator.noOwner'))}</Fact>
        <Fact label={t('creatorForm.externalId')}>{text(c.externalId)}</Fact>
        <Fact label={t('creatorForm.markets')}>{list(c.markets)}</Fact>
        <Fact label={t('creatorForm.languages')}>{list(c.languages)}</Fact>
        <Fact label={t('creatorForm.tags')}>{list(c.tags)}</Fact>
        <Fact label={t('creatorForm.preferredChannel')}>
          {text(c.preferredChannel ? t(`creator.channel.${c.preferredChannel}`) : null)}
        </Fact>
        <Fact label={t('creatorForm.leadTimeDays')}>
          {text(c.leadTimeDays === null ? null : fmt.days(c.leadTimeDays))}
        </Fact>
        <Fact label={t('creatorForm.cadenceOverride')}>
          {text(c.cadenceDaysOverride === null ? null : fmt.days(c.cadenceDaysOverride))}
        </Fact>
      </SimpleGrid>
      <Fact label={t('creatorForm.sections.handles')}>
        {c.handles.length ? <HandleLinks handles={c.handles} /> : text(null)}
      </Fact>
      <Fact label={t('creatorForm.sections.rates')} testId="profile-rates">
        {c.rates.length
          ? c.rates.map((r) => (
              <Text key={r.deliverableType} size="sm">
                {itemLabel(r.deliverableType, t)} · {formatMoney(r.amountMinor, r.currency, fmt.lng)}
              </Text>
            ))
          : text(null)}
      </Fact>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Fact label={t('creatorForm.briefingStyle')}>{text(c.briefingStyle)}</Fact>
        <Fact label={t('creatorForm.boundaries')}>{text(c.boundaries)}</Fact>
        <Fact label={t('creatorForm.notes')}>{text(c.notes)}</Fact>
      </SimpleGrid>
    </Stack>
  );
}

/** Every field of the profile, to edit (owners and managers). */
function ProfileForm({ creator, onClose }: { creator: Creator; onClose: () => void }) {
  const { t } = useTranslation();
  const { lng } = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const workspace = useWorkspace(workspaceId);
  const update = useUpdateCreator(workspaceId, creator.id);
  const form = useForm<CreatorFormValues>({
    initialValues: creatorToValues(creator, lng),
    validate: (values) => validateCreator(values, t, lng, 'edit'),
  });

  const send = useFormSubmit(update, form, {
    done: () => t('common.saved'),
    after: (saved) => {
      startFrom(form, creatorToValues(saved, lng));
      onClose();
    },
  });
  const submit = form.onSubmit((values) => {
    const changes = changedFields(values, form.getInitialValues(), lng);
    if (Object.keys(changes).length === 0) {
      form.resetDirty();
      return;
    }
    send(changes, { fieldAliases: creatorFieldAliases(values) });
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
          <FormActions
            onCancel={onClose}
            cancelDisabled={update.isPending}
            cancelTestId="creator-form-cancel"
            loading={update.isPending}
            disabled={!form.isDirty()}
            label={t('common.save')}
            testId="creator-form-submit"
            gap="md"
            mt="xl"
          />
        ) : null}
      </form>
    </Paper>
  );
}
