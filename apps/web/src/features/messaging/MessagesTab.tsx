import type { CreatorMessage } from '@evergreen/contracts';
import { ActionIcon, Alert, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail, IconMailCheck, IconMailOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable } from '../../shared/layout/ListPage.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { emailStatusColor } from '../team/statusColors.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useCreatorMessages, useMarkSent, useTemplates } from './api.ts';
import { canMarkSent } from './messages.ts';
import { templateName } from './templateForm.ts';

/** The creator page's Messages tab: every email to this creator, and marking hand-sent ones as sent. */
export function MessagesTab({ creatorId, creatorName }: { creatorId: string; creatorName: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const messages = useCreatorMessages(workspaceId, creatorId);
  const templates = useTemplates(workspaceId);
  const markSent = useMarkSent(workspaceId);
  const handleError = useApiErrorHandler();

  if (messages.isPending) return <PageLoader />;
  if (messages.isError) return <QueryError error={messages.error} onRetry={() => void messages.refetch()} />;
  const { smtpConfigured } = messages.data;
  const list = messages.data.messages;

  const templateLabel = (m: CreatorMessage) => {
    if (!m.templateKey) return null;
    const tpl = templates.data?.find((x) => x.key === m.templateKey);
    return tpl ? templateName(tpl, t) : m.templateKey;
  };

  const waiting = list.some((m) => m.status === 'queued' || m.status === 'failed');

  return (
    <Stack gap="md" data-testid="creator-messages">
      {!smtpConfigured && waiting ? (
        <Alert color="yellow" variant="light" icon={<IconMailOff size={18} aria-hidden />}>
          {t('creatorMessages.noSmtp')}
        </Alert>
      ) : null}
      {list.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="messages-empty">
          {canWrite ? t('creatorMessages.emptyWriter') : t('creatorMessages.empty')}
        </Text>
      ) : (
        <DataTable
          minWidth={820}
          verticalSpacing="sm"
          testId="messages-table"
          columns={[
            t('creatorMessages.created'),
            { label: t('creatorMessages.subject'), miw: 280 },
            t('creatorMessages.by'),
            { label: t('creatorMessages.status'), miw: 160 },
            { ariaLabel: t('common.actions') },
          ]}
        >
          {list.map((m) => {
            const label = templateLabel(m);
            const markable = canWrite && canMarkSent(m.status, smtpConfigured);
            return (
              <Table.Tr key={m.id} data-testid={`message-row-${m.id}`} data-status={m.status}>
                <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  <Text size="sm">{fmt.dateTime(m.createdAt)}</Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm" fw={500} lang={m.language ?? undefined}>
                    {m.subject}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2} lang={m.language ?? undefined}>
                    {m.bodyText}
                  </Text>
                  <Group gap={6} mt={4}>
                    {label ? (
                      <Badge size="xs" variant="outline" color="gray" tt="none">
                        {label}
                      </Badge>
                    ) : null}
                    {m.language ? (
                      <Badge size="xs" variant="outline" color="gray">
                        {m.language.toUpperCase()}
                      </Badge>
                    ) : null}
                    <Text size="xs" c="dimmed">
                      {t('creatorMessages.loggedAs', { kind: t(`creator.kind.${m.touchpointKind}`) })}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Text size="sm">{m.sentBy ?? '—'}</Text>
                  <Text size="xs" c="dimmed">
                    {m.toAddress}
                  </Text>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  <Tooltip label={m.lastError ?? ''} disabled={!m.lastError} multiline w={320} withArrow>
                    <Badge
                      variant="dot"
                      color={emailStatusColor[m.status]}
                      miw="fit-content"
                      data-testid={`message-status-${m.id}`}
                    >
                      {t(`team.emailStatus.${m.status}`)}
                    </Badge>
                  </Tooltip>
                  {m.status === 'sent' && m.sentAt ? (
                    <Text size="xs" c="dimmed">
                      {fmt.dateTime(m.sentAt)}
                    </Text>
                  ) : null}
                  {m.status === 'failed' && m.lastError ? (
                    <Text size="xs" c="red" lineClamp={2} title={m.lastError}>
                      {m.lastError}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                  {markable ? (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={t('message.openMailApp')} withArrow>
                        <ActionIcon
                          component="a"
                          href={m.mailto}
                          variant="subtle"
                          size="md"
                          aria-label={t('creatorMessages.openMailAppAria', { subject: m.subject })}
                          data-testid={`message-mailto-${m.id}`}
                        >
                          <IconMail size={16} aria-hidden />
                        </ActionIcon>
                      </Tooltip>
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconMailCheck size={14} aria-hidden />}
                        loading={markSent.isPending && markSent.variables === m.id}
                        onClick={() =>
                          markSent.mutate(m.id, {
                            onSuccess: () =>
                              notifications.show({
                                color: 'teal',
                                message: t('message.markedSent', { name: creatorName }),
                              }),
                            onError: (error) => handleError(error),
                          })
                        }
                        aria-label={t('creatorMessages.markSentAria', { subject: m.subject })}
                        data-testid={`message-mark-sent-${m.id}`}
                      >
                        {t('message.markSent')}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      )}
    </Stack>
  );
}
