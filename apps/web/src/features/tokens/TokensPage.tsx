import { Alert, Badge, Button, Code, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../shared/api/useFormSubmit.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { InlineCreateForm, ListSection, ListTable, useHeadings } from '../../shared/layout/ListPage.tsx';
import { CopyField } from '../../shared/ui/CopyField.tsx';
import { bindField } from '../../shared/ui/FormFields.tsx';
import { MutationConfirmButton } from '../../shared/ui/MutationConfirmButton.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { OwnerOnly } from '../../shared/ui/QueryStates.tsx';
import { RoleBadge, RoleSelect } from '../../shared/ui/RoleBadge.tsx';
import { validators } from '../../shared/validation.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCreateToken, useRevokeToken, useTokens } from './api.ts';

const TOKEN_ROLES = ['analyst', 'manager'] as const;
type TokenRole = (typeof TOKEN_ROLES)[number];

export function TokensPage() {
  const { t } = useTranslation();
  const { workspaceId, isOwner } = useCurrentWorkspace();
  return (
    <>
      <PageHeader title={t('settings.tokens.title')} description={t('settings.tokens.description')} />
      {isOwner ? <TokensContent workspaceId={workspaceId} /> : <OwnerOnly />}
    </>
  );
}

function TokensContent({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const heading = useHeadings('tokens');
  const fmt = useFormatters();
  const tokens = useTokens(workspaceId);
  const create = useCreateToken(workspaceId);
  const revoke = useRevokeToken(workspaceId);
  const v = validators(t);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  const form = useForm<{ name: string; role: TokenRole }>({
    initialValues: { name: '', role: 'analyst' },
    validate: { name: (value) => v.required(value) ?? v.maxLength(80)(value) },
  });

  const send = useFormSubmit(create, form, {
    after: (result) => {
      setSecret({ name: result.token.name, value: result.secret });
      form.reset();
    },
  });
  const submit = form.onSubmit((values) => send({ name: values.name.trim(), role: values.role }));

  return (
    <Stack gap="xl">
      <InlineCreateForm
        onSubmit={submit}
        ariaLabel={t('tokens.formLabel')}
        submitLabel={t('tokens.create')}
        icon={<IconKey size={16} aria-hidden />}
        loading={create.isPending}
        submitTestId="token-create"
        help={t('tokens.roleHelp')}
      >
        <TextInput
          label={t('tokens.name')}
          placeholder={t('tokens.namePlaceholder')}
          required
          style={{ flex: '1 1 240px' }}
          {...bindField(form, 'name', 'token-name')}
        />
        <RoleSelect roles={TOKEN_ROLES} label={t('tokens.role')} {...bindField(form, 'role', 'token-role')} />
      </InlineCreateForm>

      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={t('tokens.secretTitle', { name: secret?.name ?? '' })}
        size="lg"
        closeOnClickOutside={false}
      >
        {secret ? (
          <Stack gap="md">
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
              {t('tokens.secretWarning')}
            </Alert>
            <CopyField label={t('tokens.secret')} value={secret.value} testId="token-secret" />
            <Text size="sm" c="dimmed">
              {t('tokens.usage')} <Code>Authorization: Bearer {'<token>'}</Code>
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => setSecret(null)} data-testid="token-secret-done">
                {t('tokens.secretDone')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>

      <ListSection id="tokens" title={t('tokens.listTitle')}>
        <ListTable
          query={tokens}
          emptyTestId="tokens-empty"
          emptyText={t('tokens.empty')}
          minWidth={760}
          testId="tokens-table"
          columns={heading('name', 'role', 'prefix', 'created', 'lastUsed', 'status')}
          actions
        >
          {(list) =>
            list.map((token) => (
              <Table.Tr
                key={token.id}
                data-testid={`token-row-${token.id}`}
                opacity={token.revokedAt ? 0.6 : 1}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {token.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={token.role} />
                </Table.Td>
                <Table.Td>
                  <Code>{token.tokenPrefix}…</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{fmt.date(token.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" title={fmt.dateTime(token.lastUsedAt)}>
                    {token.lastUsedAt ? fmt.relative(token.lastUsedAt) : t('tokens.neverUsed')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Badge color="gray" variant="light" title={fmt.dateTime(token.revokedAt)}>
                      {t('tokens.revoked')}
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light">
                      {t('tokens.active')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {!token.revokedAt ? (
                    <MutationConfirmButton
                      mutation={revoke}
                      variables={token.id}
                      title={t('tokens.revokeTitle')}
                      message={t('tokens.revokeText', { name: token.name })}
                      ariaLabel={t('tokens.revokeAria', { name: token.name })}
                      testId={`token-revoke-${token.id}`}
                    >
                      {t('tokens.revoke')}
                    </MutationConfirmButton>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))
          }
        </ListTable>
      </ListSection>
    </Stack>
  );
}
