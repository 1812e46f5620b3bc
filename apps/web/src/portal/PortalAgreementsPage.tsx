import type { Agreement } from '@evergreen/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../shared/i18n/format.ts';
import { formatMoney } from '../shared/money.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { validators } from '../shared/validation.ts';
import { useAcceptPortalAgreement, usePortalAgreements, usePortalNotice } from './api.ts';
import { notifyDone } from './notify.ts';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/** The creator's agreements: read (HTML, PDF), accept by typed name, key dates, give notice. */
export function PortalAgreementsPage() {
  const { t } = useTranslation();
  const { ws } = usePortal();
  const list = usePortalAgreements(ws);
  // A link emailed with an agreement opens it: /portal/agreements?open=<id>, shown first.
  const [params] = useSearchParams();
  const focus = params.get('open');
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.agreements')} />
      {list.data.length === 0 ? <Text c="dimmed">{t('portal.agreements.empty')}</Text> : null}
      {[...list.data]
        .sort((x, y) => Number(y.id === focus) - Number(x.id === focus))
        .map((a) => (
          <AgreementCard key={a.id} ws={ws} a={a} focused={a.id === focus} />
        ))}
    </Stack>
  );
}

function AgreementCard({ ws, a, focused }: { ws: string; a: Agreement; focused: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const lng = i18n.resolvedLanguage ?? 'en';
  const fee = a.monthlyFeeMinor ?? a.feeMinor;
  type Kind = 'starts' | 'term_end' | 'notice_deadline' | 'rate_review' | 'effective_end' | 'renews_on';
  const dates: [Kind, string | null][] = [
    ['starts', a.startsOn],
    ['term_end', a.dates.termEndsOn],
    ['notice_deadline', a.dates.noticeDeadline],
    ['rate_review', a.dates.rateReviewOn],
    ['effective_end', a.dates.effectiveEndOn],
    ['renews_on', a.dates.renewsOn],
  ];
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="portal-agreement"
      data-agreement-id={a.id}
      data-focused={focused ? 'true' : undefined}
      style={focused ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {a.title}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`agreements.types.${a.type}`)}
              {fee != null ? ` · ${formatMoney(fee, a.currency, lng)}` : ''}
            </Text>
          </Stack>
          <Badge variant="light" data-testid="portal-agreement-status" data-status={a.status}>
            {t(`agreements.statuses.${a.status}`)}
          </Badge>
        </Group>
        <Group gap="md">
          <Anchor href={`/api/v1/portal/agreements/${a.id}/document.html`} target="_blank" size="sm">
            {t('portal.agreements.read')}
          </Anchor>
          <Anchor href={`/api/v1/portal/agreements/${a.id}/document.pdf`} target="_blank" size="sm">
            {t('portal.agreements.pdf')}
          </Anchor>
        </Group>
        <Table variant="vertical" layout="fixed" withTableBorder data-testid="portal-agreement-dates">
          <Table.Caption>{t('agreements.dates.title')}</Table.Caption>
          <Table.Tbody>
            {dates
              .filter(([, d]) => d)
              .map(([kind, d]) => (
                <Table.Tr key={kind}>
                  <Table.Th w="50%">{t(`agreements.dates.kinds.${kind}`)}</Table.Th>
                  <Table.Td data-testid={`portal-date-${kind}`}>{f.day(d)}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
        {a.acceptedAt ? (
          <Text size="sm" data-testid="portal-agreement-accepted">
            {t('portal.agreements.acceptedLine', { name: a.acceptedName, date: f.dateTime(a.acceptedAt) })}
          </Text>
        ) : null}
        {a.status === 'sent' ? <AcceptAgreement ws={ws} a={a} /> : null}
        {a.status === 'active' || a.status === 'accepted' ? <GiveNotice ws={ws} a={a} /> : null}
        {a.noticeGivenOn ? (
          <Text size="sm">
            {t('portal.agreements.noticeLine', {
              date: f.day(a.noticeGivenOn),
              end: f.day(a.dates.effectiveEndOn),
            })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function AcceptAgreement({ ws, a }: { ws: string; a: Agreement }) {
  const { t } = useTranslation();
  const accept = useAcceptPortalAgreement(ws, a.id);
  const handleError = useApiErrorHandler();
  const v = validators(t);
  const form = useForm({ initialValues: { acceptedName: '' }, validate: { acceptedName: v.required } });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        accept.mutate(values.acceptedName.trim(), {
          onSuccess: () => notifyDone(t('portal.agreements.accepted')),
          onError: (error) => handleError(error, form),
        }),
      )}
    >
      <Alert color="blue" variant="light">
        <Stack gap="xs">
          <Text size="sm">{t('portal.agreements.acceptIntro')}</Text>
          <TextInput
            label={t('portal.typedName')}
            required
            autoComplete="name"
            data-testid="portal-agreement-name"
            {...form.getInputProps('acceptedName')}
          />
          <Button type="submit" loading={accept.isPending} data-testid="portal-agreement-accept">
            {t('portal.agreements.accept')}
          </Button>
        </Stack>
      </Alert>
    </form>
  );
}

function GiveNotice({ ws, a }: { ws: string; a: Agreement }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const notice = usePortalNotice(ws, a.id);
  const handleError = useApiErrorHandler();
  const form = useForm({ initialValues: { reason: '' } });
  if (!open)
    return (
      <Button variant="default" size="sm" onClick={() => setOpen(true)} data-testid="portal-notice-open">
        {t('portal.agreements.notice')}
      </Button>
    );
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        notice.mutate(values.reason.trim(), {
          onSuccess: () => {
            setOpen(false);
            notifyDone(t('portal.agreements.noticeGiven'));
          },
          onError: (error) => handleError(error, form),
        }),
      )}
    >
      <Stack gap="xs">
        <Text size="sm">{t('portal.agreements.noticeIntro', { days: a.noticeDays })}</Text>
        <Textarea
          label={t('portal.agreements.noticeReason')}
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        <Group gap="xs">
          <Button type="submit" color="red" loading={notice.isPending} data-testid="portal-notice-submit">
            {t('portal.agreements.noticeConfirm')}
          </Button>
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
