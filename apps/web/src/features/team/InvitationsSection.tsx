import type { TeamRole } from '@evergreen/contracts';
import { Alert, Badge, Button, CloseButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { InlineCreateForm, ListSection, ListTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { CopyField } from '../../shared/ui/CopyField.tsx';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { RoleBadge, RoleSelect } from '../../shared/ui/RoleBadge.tsx';
import { validators } from '../../shared/validation.ts';
import { useCreateInvitation, useInvitations, useResendInvitation, useRevokeInvitation } from './api.ts';
import { TEAM_ROLES } from './MembersSection.tsx';
import { emailStatusColor, invitationStatusColor } from './statusColors.ts';

export function InvitationsSection({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const heading = useHeadings('team.invitations');
  const fmt = useFormatters();
  const invitations = useInvitations(workspaceId);
  const create = useCreateInvitation(workspaceId);
  const revoke = useRevokeInvitation(workspaceId);
  const resend = useResendInvitation(workspaceId);
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const [created, setCreated] = useState<{ email: string; acceptUrl: string } | null>(null);

  const form = useForm<{ email: string; role: TeamRole }>({
    initialValues: { email: '', role: 'manager' },
    validate: { email: v.email },
  });

  const send = useFormSubmit(create, form, {
    after: (result) => {
      setCreated({ email: result.invitation.email, acceptUrl: result.acceptUrl });
      form.reset();
    },
  });
  const submit = form.onSubmit((values) => send({ email: values.email.trim(), role: values.role }));

  return (
    <ListSection id="invitations" title={t('team.invitations.title')}>
      <InlineCreateForm
        onSubmit={submit}
        ariaLabel={t('team.invitations.formLabel')}
        submitLabel={t('team.invitations.submit')}
        icon={<IconSend size={16} aria-hidden />}
        loading={create.isPending}
        submitTestId="invite-submit"
        help={t('team.invitations.roleHelp')}
      >
        <TextInput
          label={t('team.invitations.email')}
          type="email"
          placeholder="name@example.com"
          required
          style={{ flex: '1 1 260px' }}
          {...bindField(form, 'email', 'invite-email')}
        />
        <RoleSelect
          roles={TEAM_ROLES}
          label={t('team.invitations.role')}
          {...bindField(form, 'role', 'invite-role')}
        />
      </InlineCreateForm>

      {created ? (
        <Alert
          color="teal"
          variant="light"
          title={t('team.invitations.createdTitle', { email: created.email })}
          data-testid="invite-created"
          withCloseButton={false}
        >
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text size="sm">{t('team.invitations.createdText')}</Text>
              <CloseButton aria-label={t('common.close')} onClick={() => setCreated(null)} />
            </Group>
            <CopyField
              label={t('team.invitations.acceptUrl')}
              value={created.acceptUrl}
              testId="invite-accept-url"
            />
          </Stack>
        </Alert>
      ) : null}

      <ListTable
        query={invitations}
        emptyTestId="invitations-empty"
        emptyText={t('team.invitations.empty')}
        minWidth={820}
        testId="invitations-table"
        columns={heading('email', 'role', 'status', 'emailStatus', 'invitedBy', 'expires')}
        actions
      >
        {(list) =>
          list.map((inv) => (
            <Table.Tr key={inv.id} data-testid={`invitation-row-${inv.id}`}>
              <Table.Td>
                <Text size="sm">{inv.email}</Text>
              </Table.Td>
              <Table.Td>
                <RoleBadge role={inv.role} />
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={invitationStatusColor[inv.status]}
                  data-testid={`invitation-status-${inv.id}`}
                >
                  {t(`team.invitationStatus.${inv.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {inv.emailStatus ? (
                  <Badge variant="dot" color={emailStatusColor[inv.emailStatus]}>
                    {t(`team.emailStatus.${inv.emailStatus}`)}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{inv.invitedBy ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={fmt.dateTime(inv.expiresAt)}>
                  {inv.status === 'pending' ? fmt.relative(inv.expiresAt) : fmt.date(inv.expiresAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                {inv.status === 'pending' ? (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconMailForward size={14} aria-hidden />}
                      loading={resend.isPending && resend.variables === inv.id}
                      onClick={() =>
                        resend.mutate(inv.id, {
                          onSuccess: () =>
                            notifications.show({
                              color: 'teal',
                              message: t('team.invitations.resent', { email: inv.email }),
                            }),
                          onError: (e) => handleError(e),
                        })
                      }
                      aria-label={t('team.invitations.resendAria', { email: inv.email })}
                      data-testid={`invitation-resend-${inv.id}`}
                    >
                      {t('team.invitations.resend')}
                    </Button>
                    <MutationConfirmButton
                      mutation={revoke}
                      variables={inv.id}
                      title={t('team.invitations.revokeTitle')}
                      message={t('team.invitations.revokeText', { email: inv.email })}
                      ariaLabel={t('team.invitations.revokeAria', { email: inv.email })}
                      testId={`invitation-revoke-${inv.id}`}
                    >
                      {t('team.invitations.revoke')}
                    </MutationConfirmButton>
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))
        }
      </ListTable>
    </ListSection>
  );
}
