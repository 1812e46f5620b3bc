import type { CreatorStatus } from '@evergreen/contracts';
import { ActionBar, Button, Modal, Select, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconStairs, IconTag, IconToggleRight, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { FormActions, StackForm } from '../../shared/ui/FormActions.tsx';
import { GrowingTextarea } from '../../shared/ui/FormFields.tsx';
import { type BulkAction, useBulkCreators } from './api.ts';
import { useOwnerOptions } from './CreatorFields.tsx';
import { isStatus, statusOptions } from './options.ts';

type ActionType = BulkAction['type'];

interface BulkValues {
  tier: string;
  reason: string;
  ownerUserId: string | null;
  tag: string;
  status: CreatorStatus | null;
}

const NO_OWNER = '__none__';

/** What owners and managers can do to many selected creators at once. */
export function BulkActions({
  workspaceId,
  ids,
  tierNames,
  onDone,
  onClear,
}: {
  workspaceId: string;
  ids: string[];
  tierNames: Record<number, string>;
  onDone: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const [action, setAction] = useState<ActionType | null>(null);
  const count = ids.length;

  const buttons: { type: ActionType; label: string; icon: typeof IconTag; testId: string }[] = [
    { type: 'change_tier', label: t('roster.bulk.changeTier'), icon: IconStairs, testId: 'roster-bulk-tier' },
    {
      type: 'assign_owner',
      label: t('roster.bulk.assignOwner'),
      icon: IconUserCheck,
      testId: 'roster-bulk-owner',
    },
    { type: 'add_tag', label: t('roster.bulk.addTag'), icon: IconTag, testId: 'roster-bulk-tag' },
    {
      type: 'set_status',
      label: t('roster.bulk.setStatus'),
      icon: IconToggleRight,
      testId: 'roster-bulk-status',
    },
  ];

  return (
    <>
      <ActionBar
        opened={count > 0}
        onClose={onClear}
        closeOnEscape
        zIndex={150}
        aria-label={t('roster.bulk.label')}
        data-testid="roster-bulk-bar"
        p={6}
      >
        <Text size="sm" fw={600} px="xs" data-testid="roster-bulk-count" style={{ whiteSpace: 'nowrap' }}>
          {t('roster.bulk.selected', { count })}
        </Text>
        <ActionBar.Divider />
        {buttons.map((b) => (
          <Button
            key={b.type}
            size="xs"
            variant="subtle"
            leftSection={<b.icon size={14} aria-hidden />}
            onClick={() => setAction(b.type)}
            data-testid={b.testId}
          >
            {b.label}
          </Button>
        ))}
        <ActionBar.Divider />
        <ActionBar.CloseButton aria-label={t('roster.bulk.clear')} data-testid="roster-bulk-clear" />
      </ActionBar>
      <Modal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? buttons.find((b) => b.type === action)?.label : ''}
      >
        {action ? (
          <BulkForm
            key={action}
            workspaceId={workspaceId}
            action={action}
            ids={ids}
            tierNames={tierNames}
            onCancel={() => setAction(null)}
            onDone={() => {
              setAction(null);
              onDone();
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}

function BulkForm({
  workspaceId,
  action,
  ids,
  tierNames,
  onCancel,
  onDone,
}: {
  workspaceId: string;
  action: ActionType;
  ids: string[];
  tierNames: Record<number, string>;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const bulk = useBulkCreators(workspaceId);
  const owners = useOwnerOptions(workspaceId);
  const handleError = useApiErrorHandler();
  const required = (value: unknown) =>
    (typeof value === 'string' ? value.trim() : value) ? null : t('validation.required');
  const form = useForm<BulkValues>({
    initialValues: { tier: '', reason: '', ownerUserId: null, tag: '', status: null },
    validate: {
      tier: (value) => (action === 'change_tier' ? required(value) : null),
      reason: (value) =>
        action !== 'change_tier'
          ? null
          : (required(value) ?? (value.trim().length > 500 ? t('validation.maxLength', { max: 500 }) : null)),
      ownerUserId: (value) => (action === 'assign_owner' ? required(value) : null),
      tag: (value) =>
        action !== 'add_tag'
          ? null
          : (required(value) ?? (value.trim().length > 60 ? t('validation.maxLength', { max: 60 }) : null)),
      status: (value) => (action === 'set_status' ? required(value) : null),
    },
  });

  const toAction = (v: BulkValues): BulkAction | null => {
    switch (action) {
      case 'change_tier':
        return { type: action, tier: Number(v.tier), reason: v.reason.trim() };
      case 'assign_owner':
        return { type: action, ownerUserId: v.ownerUserId === NO_OWNER ? null : v.ownerUserId };
      case 'add_tag':
        return { type: action, tag: v.tag.trim() };
      case 'set_status':
        return v.status ? { type: action, status: v.status } : null;
    }
  };

  const submit = form.onSubmit((values) => {
    const payload = toAction(values);
    if (!payload) return;
    bulk.mutate(
      { ids, action: payload },
      {
        onSuccess: ({ updated }) => {
          notifications.show({ color: 'teal', message: t('roster.bulk.done', { count: updated }) });
          onDone();
        },
        onError: (error) =>
          handleError(error, form, {
            'action.tier': 'tier',
            'action.reason': 'reason',
            'action.ownerUserId': 'ownerUserId',
            'action.tag': 'tag',
            'action.status': 'status',
          }),
      },
    );
  });

  return (
    <StackForm onSubmit={submit} testId="roster-bulk-form" gap="sm">
      <Text size="sm" c="dimmed">
        {t('roster.bulk.applyTo', { count: ids.length })}
      </Text>
      {action === 'change_tier' ? (
        <>
          <Select
            label={t('tierChange.newTier')}
            data={[1, 2, 3].map((n) => ({
              value: String(n),
              label: tierNames[n]
                ? `${t('creator.tier', { tier: n })} · ${tierNames[n]}`
                : t('creator.tier', { tier: n }),
            }))}
            allowDeselect={false}
            required
            data-testid="roster-bulk-value"
            {...form.getInputProps('tier')}
          />
          <GrowingTextarea
            label={t('tierChange.reason')}
            description={t('tierChange.reasonHint')}
            required
            data-testid="roster-bulk-reason"
            {...form.getInputProps('reason')}
          />
        </>
      ) : null}
      {action === 'assign_owner' ? (
        <Select
          label={t('creatorForm.owner')}
          data={[{ value: NO_OWNER, label: t('creator.noOwner') }, ...owners]}
          searchable
          allowDeselect={false}
          required
          nothingFoundMessage={t('common.nothingFound')}
          data-testid="roster-bulk-value"
          {...form.getInputProps('ownerUserId')}
        />
      ) : null}
      {action === 'add_tag' ? (
        <TextInput
          label={t('roster.bulk.tag')}
          required
          data-testid="roster-bulk-value"
          {...form.getInputProps('tag')}
        />
      ) : null}
      {action === 'set_status' ? (
        <Select
          label={t('creatorForm.status')}
          data={statusOptions(t)}
          allowDeselect={false}
          required
          data-testid="roster-bulk-value"
          {...form.getInputProps('status')}
          onChange={(value) => form.setFieldValue('status', isStatus(value) ? value : null)}
        />
      ) : null}
      <FormActions
        onCancel={onCancel}
        loading={bulk.isPending}
        label={t('roster.bulk.apply')}
        testId="roster-bulk-submit"
        gap="md"
        mt="xs"
      />
    </StackForm>
  );
}
