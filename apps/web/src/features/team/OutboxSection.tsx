import { Alert, Badge, Button, Code, Table, Text, Tooltip } from '@mantine/core';
import { IconMailOff, IconRefresh } from '@tabler/icons-react';
import { Trans, useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { DataTable, ListSection, QueryStates, useHeadings } from '../../shared/layout/ListPage.tsx';
import { useOutbox, useRetryOutbox } from './api.ts';
import { emailStatusColor } from './statusColors.ts';

export function OutboxSection({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const heading = useHeadings('team.outbox');
  const fmt = useFormatters();
  const outbox = useOutbox(workspaceId);
  const retry = useRetryOutbox(workspaceId);
  const handleError = useApiErrorHandler();

  return (
    <ListSection
      id="outbox"
      title={t('team.outbox.title')}
      description={t('team.outbox.description')}
      testId="outbox-panel"
    >
      <QueryStates query={outbox}>
        {(data) => (
          <>
            {!data.smtpConfigured ? (
              <Alert
                color="yellow"
                variant="light"
                icon={<IconMailOff size={18} aria-hidden />}
                title={t('team.outbox.notConfiguredTitle')}
                data-testid="outbox-smtp-warning"
              >
                <Text size="sm">
                  <Trans i18nKey="team.outbox.notConfiguredText" components={{ code: <Code /> }} />
                </Text>
              </Alert>
            ) : null}
            {data.messages.length === 0 ? (
              <Text size="sm" c="dimmed" data-testid="outbox-empty">
                {t('team.outbox.empty')}
              </Text>
            ) : (
              <DataTable
                minWidth={820}
                testId="outbox-table"
                columns={heading('created', 'to', 'subject', { key: 'status', miw: 130 }, 'attempts')}
                actions
              >
                {data.messages.map((message) => (
                  <Table.Tr key={message.id} data-testid={`outbox-row-${message.id}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{fmt.dateTime(message.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{message.toAddress}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {message.subject}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Tooltip
                        label={message.lastError ?? ''}
                        disabled={!message.lastError}
                        multiline
                        w={320}
                        withArrow
                      >
                        <Badge variant="dot" color={emailStatusColor[message.status]} miw="fit-content">
                          {t(`team.emailStatus.${message.status}`)}
                        </Badge>
                      </Tooltip>
                      {message.status === 'sent' && message.sentAt ? (
                        <Text size="xs" c="dimmed">
                          {fmt.dateTime(message.sentAt)}
                        </Text>
                      ) : null}
                      {message.lastError ? (
                        <Text size="xs" c="red" lineClamp={2} title={message.lastError}>
                          {message.lastError}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{message.attempts}</Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {message.status === 'failed' ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          leftSection={<IconRefresh size={14} aria-hidden />}
                          loading={retry.isPending && retry.variables === message.id}
                          onClick={() => retry.mutate(message.id, { onError: (e) => handleError(e) })}
                          data-testid={`outbox-retry-${message.id}`}
                        >
                          {t('team.outbox.retry')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </>
        )}
      </QueryStates>
    </ListSection>
  );
}
