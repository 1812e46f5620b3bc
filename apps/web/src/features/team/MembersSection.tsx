import type { Member, TeamRole } from '@evergreen/contracts';
import { Badge, Group, Table, Text } from '@mantine/core';
import { IconLogout, IconUserMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, ListSection, QueryStates, useHeadings } from '../../shared/layout/ListPage.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { RoleBadge, RoleSelect } from '../../shared/ui/RoleBadge.tsx';
import { useMe } from '../auth/api.ts';
import { useChangeRole, useMembers, useRemoveMember, useSignOutMember } from './api.ts';

export const TEAM_ROLES: TeamRole[] = ['owner', 'manager', 'analyst'];

function isTeamRole(value: string | null): value is TeamRole {
  return value === 'owner' || value === 'manager' || value === 'analyst';
}

export function MembersSection({ workspaceId, canManage }: { workspaceId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const heading = useHeadings('team.members');
  const fmt = useFormatters();
  const me = useMe();
  const members = useMembers(workspaceId);
  const changeRole = useChangeRole(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const signOut = useSignOutMember(workspaceId);
  const handleError = useApiErrorHandler();
  const myId = me.data?.user.id;

  const renderRole = (member: Member) => {
    if (!canManage || !isTeamRole(member.role)) return <RoleBadge role={member.role} />;
    return (
      <RoleSelect
        roles={TEAM_ROLES}
        aria-label={t('team.members.roleFor', { name: member.name })}
        value={member.role}
        size="xs"
        w={150}
        disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
        onChange={(value) => {
          if (isTeamRole(value) && value !== member.role) {
            changeRole.mutate({ userId: member.userId, role: value }, { onError: (e) => handleError(e) });
          }
        }}
        data-testid={`member-role-${member.userId}`}
      />
    );
  };

  return (
    <ListSection id="members" title={t('team.members.title')}>
      <QueryStates query={members}>
        {(data) => (
          <DataTable
            minWidth={640}
            highlightOnHover
            testId="members-table"
            columns={heading('name', 'email', 'role', 'joined')}
            actions={canManage}
          >
            {data.map((member) => (
              <Table.Tr key={member.userId} data-testid={`member-row-${member.userId}`}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {member.name}
                    </Text>
                    {member.userId === myId ? (
                      <Badge size="xs" variant="outline" color="gray">
                        {t('team.members.you')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{member.email}</Text>
                </Table.Td>
                <Table.Td>{renderRole(member)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{fmt.date(member.joinedAt)}</Text>
                </Table.Td>
                {canManage ? (
                  <Table.Td style={{ textAlign: 'right' }}>
                    {member.userId !== myId ? (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <MutationConfirmButton
                          mutation={signOut}
                          variables={member.userId}
                          done={(r) =>
                            t('team.members.signedOut', { name: member.name, count: r.sessionsEnded })
                          }
                          color="gray"
                          leftSection={<IconLogout size={14} aria-hidden />}
                          title={t('team.members.signOutTitle')}
                          message={t('team.members.signOutText', { name: member.name })}
                          ariaLabel={t('team.members.signOutAria', { name: member.name })}
                          testId={`member-signout-${member.userId}`}
                        >
                          {t('team.members.signOut')}
                        </MutationConfirmButton>
                        <MutationConfirmButton
                          mutation={remove}
                          variables={member.userId}
                          leftSection={<IconUserMinus size={14} aria-hidden />}
                          title={t('team.members.removeTitle')}
                          message={t('team.members.removeText', { name: member.name })}
                          ariaLabel={t('team.members.removeAria', { name: member.name })}
                          testId={`member-remove-${member.userId}`}
                        >
                          {t('team.members.remove')}
                        </MutationConfirmButton>
                      </Group>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryStates>
    </ListSection>
  );
}
