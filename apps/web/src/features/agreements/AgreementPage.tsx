import type { Agreement } from '@evergreen/contracts';
import { daysBetween, utcToday } from '@evergreen/rules';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAdjustments,
  IconArrowLeft,
  IconArrowRight,
  IconCalendarEvent,
  IconCheck,
  IconDownload,
  IconExternalLink,
  IconFlag,
  IconPencil,
  IconPlayerPlay,
  IconRefresh,
  IconSend,
  IconSignature,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../shared/api/client.ts';
import { useApiErrorHandler } from '../../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';
import { ConfirmButton } from '../../shared/ui/ConfirmButton.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { ComposeDialog } from '../messaging/ComposeDialog.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { AgreementStatusBadge, formatMonths, itemLabel } from './AgreementBadges.tsx';
import { AgreementForm } from './AgreementForm.tsx';
import { agreementToValues } from './agreementForm.ts';
import {
  documentUrl,
  useActivateAgreement,
  useAgreement,
  useAgreementSendPreview,
  useDeleteAgreement,
  useSendAgreement,
} from './api.ts';
import { DeliverablesSection } from './DeliverablesSection.tsx';
import { LedgerSection } from './LedgerSection.tsx';
import { AcceptForm, EndForm, ExtendForm, NoticeForm, RenewForm } from './LifecycleForms.tsx';
import { type AgreementAction, agreementActions, daysLeftColor, shownStatus } from './rules.ts';

/** /w/:workspaceId/agreements/:agreementId */
export function AgreementPage() {
  const { t } = useTranslation();
  const { agreementId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const agreement = useAgreement(workspaceId, agreementId);
  if (agreement.isPending) return <PageLoader />;
  if (agreement.isError) {
    return isApiError(agreement.error, 'not_found') ? (
      <Alert
        color="gray"
        variant="light"
        title={t('agreements.page.notFoundTitle')}
        data-testid="agreement-not-found"
      >
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('agreements.page.notFoundText')}</Text>
          <Anchor component={Link} to={`/w/${workspaceId}/renewals`} size="sm">
            {t('renewals.title')}
          </Anchor>
        </Stack>
      </Alert>
    ) : (
      <QueryError error={agreement.error} onRetry={() => void agreement.refetch()} />
    );
  }
  return <AgreementView agreement={agreement.data} />;
}

type Dialog = Exclude<AgreementAction, 'send' | 'activate' | 'delete'> | 'review' | null;

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <div data-testid={testId}>{children}</div>
    </Stack>
  );
}

function AgreementView({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const handleError = useApiErrorHandler();
  const send = useSendAgreement(workspaceId, a.id);
  const [sending, setSending] = useState(false);
  const activate = useActivateAgreement(workspaceId, a.id);
  const remove = useDeleteAgreement(workspaceId, a.id, a.creatorId);
  const actions = agreementActions(a, canWrite);
  const can = (action: AgreementAction) => actions.includes(action);
  const creatorPath = `/w/${workspaceId}/creators/${a.creatorId}`;
  const agreementPath = (id: string) => `/w/${workspaceId}/agreements/${id}`;

  const dialogs: Record<Exclude<Dialog, null | 'edit'>, { title: string; body: ReactNode }> = {
    accept: {
      title: t('agreements.accept.title', { name: a.creatorName }),
      body: <AcceptForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    notice: {
      title: t('agreements.notice.title'),
      body: <NoticeForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    end: {
      title: t('agreements.end.title'),
      body: <EndForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    extend: {
      title: t('agreements.extend.title'),
      body: <ExtendForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    review: {
      title: t('agreements.review.title', { number: a.termNumber + 1 }),
      body: (
        <RenewForm
          review
          workspaceId={workspaceId}
          agreement={a}
          onDone={(next) => {
            close();
            void navigate(agreementPath(next.id));
          }}
          onCancel={close}
        />
      ),
    },
    renew: {
      title: t('agreements.renew.title', { number: a.termNumber + 1 }),
      body: (
        <RenewForm
          workspaceId={workspaceId}
          agreement={a}
          onDone={(next) => {
            close();
            void navigate(agreementPath(next.id));
          }}
          onCancel={close}
        />
      ),
    },
  };

  return (
    <Stack gap="lg" data-testid="agreement-page">
      <Anchor component={Link} to={`${creatorPath}?tab=agreements`} size="sm" data-testid="agreement-back">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('agreements.page.back', { name: a.creatorName })}
        </Group>
      </Anchor>

      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="wrap">
            <Title
              order={1}
              size="h2"
              style={{ wordBreak: 'break-word' }}
              data-testid="agreement-title-heading"
            >
              {a.title}
            </Title>
            <AgreementStatusBadge
              status={shownStatus(a)}
              size="lg"
              data-testid="agreement-status"
              data-status={shownStatus(a)}
            />
          </Group>
          <Group gap="xs" wrap="wrap">
            <Badge variant="outline" color="gray" tt="none">
              {t(`agreements.types.${a.type}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('agreements.termNumber', { number: a.termNumber })}
            </Text>
            <Text size="sm" c="dimmed">
              ·
            </Text>
            <Anchor component={Link} to={creatorPath} size="sm">
              {a.creatorName}
            </Anchor>
            {a.previousAgreementId ? (
              <Anchor
                component={Link}
                to={agreementPath(a.previousAgreementId)}
                size="sm"
                data-testid="agreement-previous"
              >
                <IconArrowLeft size={12} aria-hidden style={{ verticalAlign: -1 }} />{' '}
                {t('agreements.page.previousTerm')}
              </Anchor>
            ) : null}
            {a.nextAgreementId ? (
              <Anchor
                component={Link}
                to={agreementPath(a.nextAgreementId)}
                size="sm"
                data-testid="agreement-next"
              >
                {t('agreements.page.nextTerm')}{' '}
                <IconArrowRight size={12} aria-hidden style={{ verticalAlign: -1 }} />
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button
            component="a"
            href={documentUrl(workspaceId, a.id, 'html')}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconExternalLink size={16} aria-hidden />}
            data-testid="agreement-document"
          >
            {t('agreements.actions.openDocument')}
          </Button>
          <Button
            component="a"
            href={documentUrl(workspaceId, a.id, 'pdf')}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            data-testid="agreement-pdf"
          >
            {t('agreements.actions.downloadPdf')}
          </Button>
        </Group>
      </Group>

      <ComposeDialog
        opened={sending}
        onClose={() => setSending(false)}
        title={t('agreements.sendDialog.title', { name: a.creatorName })}
        // biome-ignore lint/correctness/useHookAtTopLevel: ComposeForm calls usePreview at its top level, so the preview loads only while the dialog is open
        usePreview={() => useAgreementSendPreview(workspaceId, a.id)}
        send={async (draft) => {
          const r = await send.mutateAsync(draft);
          return { outcome: r.outcome, done: t('agreements.sendDialog.done') };
        }}
        sending={send.isPending}
        creatorName={a.creatorName}
        intro={t('agreements.sendDialog.intro')}
        sendLabel={t('agreements.sendDialog.send')}
        sendByHandLabel={t('agreements.sendDialog.sendByHand')}
        testId="agreement-send"
      />
      {actions.length > 0 ? (
        <Paper withBorder radius="md" p="sm" data-testid="agreement-actions">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" mr="xs">
              {a.scheduled
                ? t('agreements.page.next.scheduled', { date: fmt.day(a.startsOn) })
                : t(`agreements.page.next.${a.status}`)}
            </Text>
            {can('send') ? (
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                onClick={() => setSending(true)}
                data-testid="agreement-send"
              >
                {t('agreements.actions.send')}
              </Button>
            ) : null}
            {can('accept') ? (
              <Button
                leftSection={<IconSignature size={16} aria-hidden />}
                onClick={() => setDialog('accept')}
                data-testid="agreement-accept"
              >
                {t('agreements.actions.accept')}
              </Button>
            ) : null}
            {can('activate') ? (
              <Button
                leftSection={<IconPlayerPlay size={16} aria-hidden />}
                loading={activate.isPending}
                onClick={() =>
                  activate.mutate(undefined, {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', message: t('agreements.actions.activated') }),
                    onError: (error) => handleError(error),
                  })
                }
                data-testid="agreement-activate"
              >
                {t('agreements.actions.activate')}
              </Button>
            ) : null}
            {can('renew') && (a.rates.length > 0 || a.monthlyFeeMinor !== null || a.feeMinor !== null) ? (
              <Button
                variant="light"
                leftSection={<IconAdjustments size={16} aria-hidden />}
                onClick={() => setDialog('review')}
                data-testid="agreement-review-rates"
              >
                {t('agreements.actions.reviewRates')}
              </Button>
            ) : null}
            {can('renew') ? (
              <Button
                leftSection={<IconRefresh size={16} aria-hidden />}
                onClick={() => setDialog('renew')}
                data-testid="agreement-renew"
              >
                {t('agreements.actions.renew')}
              </Button>
            ) : null}
            {can('extend') ? (
              <Button
                variant="light"
                leftSection={<IconCheck size={16} aria-hidden />}
                onClick={() => setDialog('extend')}
                data-testid="agreement-extend-decision"
              >
                {t('agreements.actions.extend')}
              </Button>
            ) : null}
            {can('edit') ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setDialog('edit')}
                data-testid="agreement-edit"
              >
                {t('agreements.actions.edit')}
              </Button>
            ) : null}
            {can('notice') ? (
              <Button
                variant="light"
                color="orange"
                leftSection={<IconFlag size={16} aria-hidden />}
                onClick={() => setDialog('notice')}
                data-testid="agreement-notice"
              >
                {t('agreements.actions.notice')}
              </Button>
            ) : null}
            {can('end') ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => setDialog('end')}
                data-testid="agreement-end"
              >
                {t('agreements.actions.end')}
              </Button>
            ) : null}
            {can('delete') ? (
              <ConfirmButton
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                title={t('agreements.actions.deleteTitle')}
                message={t('agreements.actions.deleteText', { title: a.title })}
                confirmLabel={t('agreements.actions.delete')}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutateAsync().then(
                    () => navigate(`${creatorPath}?tab=agreements`),
                    (error: unknown) => handleError(error),
                  )
                }
                testId="agreement-delete"
              >
                {t('agreements.actions.delete')}
              </ConfirmButton>
            ) : null}
          </Group>
        </Paper>
      ) : null}

      <KeyDates agreement={a} />
      <StatusFacts agreement={a} />
      <Summary agreement={a} />

      {a.type === 'retainer' && a.status !== 'draft' && a.status !== 'sent' ? (
        <LedgerSection workspaceId={workspaceId} agreement={a} />
      ) : null}
      <DeliverablesSection workspaceId={workspaceId} agreement={a} canWrite={canWrite} />

      <Modal
        opened={dialog !== null && dialog !== 'edit'}
        onClose={close}
        title={dialog && dialog !== 'edit' ? dialogs[dialog].title : ''}
        size={dialog === 'renew' || dialog === 'review' ? 'lg' : 'md'}
      >
        {dialog && dialog !== 'edit' ? dialogs[dialog].body : null}
      </Modal>
      <Modal opened={dialog === 'edit'} onClose={close} title={t('agreements.form.editHeading')} size="xl">
        {dialog === 'edit' ? (
          <AgreementForm
            workspaceId={workspaceId}
            creatorId={a.creatorId}
            creatorName={a.creatorName}
            agreementId={a.id}
            initialValues={agreementToValues(a, fmt.lng)}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** "in 30 days", "today", "12 days ago" against today (UTC, as the server counts). */
function useDaysFromToday() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const today = utcToday();
  return (day: string) => {
    const n = daysBetween(today, day);
    return {
      n,
      text:
        n === 0
          ? t('agreements.dates.today')
          : n > 0
            ? t('agreements.dates.inDays', { duration: fmt.days(n) })
            : t('agreements.dates.daysAgo', { duration: fmt.days(-n) }),
    };
  };
}

function KeyDates({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const fromToday = useDaysFromToday();
  const d = a.dates;
  const live = a.status === 'accepted' || a.status === 'active';
  const settled = a.nextAgreementId !== null || a.status === 'notice_given' || a.status === 'ended';
  type Kind =
    | 'starts'
    | 'term_end'
    | 'notice_deadline'
    | 'rate_review'
    | 'month_six'
    | 'effective_end'
    | 'renews_on'
    | 'ended';
  const rows: { kind: Kind; date: string | null; muted?: boolean; done?: string }[] = [
    ...(a.scheduled ? [{ kind: 'starts' as const, date: a.startsOn }] : []),
    { kind: 'term_end', date: d.termEndsOn },
    { kind: 'notice_deadline', date: d.noticeDeadline, muted: settled },
    { kind: 'rate_review', date: d.rateReviewOn, muted: settled },
  ];
  if (d.monthSixOn) {
    rows.push({
      kind: 'month_six',
      date: d.monthSixOn,
      done: a.extendDecision
        ? t('agreements.dates.decided', { decision: t(`agreements.extend.decided.${a.extendDecision}`) })
        : undefined,
    });
  }
  if (d.effectiveEndOn) rows.push({ kind: 'effective_end', date: d.effectiveEndOn });
  if (d.renewsOn) rows.push({ kind: 'renews_on', date: d.renewsOn });
  if (a.endedOn) rows.push({ kind: 'ended', date: a.endedOn });
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement-dates">
      <Group gap={6} mb="sm">
        <IconCalendarEvent size={18} aria-hidden />
        <Title order={2} size="h5">
          {t('agreements.dates.title')}
        </Title>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        {rows.map((row) => {
          if (!row.date) return null;
          const rel = fromToday(row.date);
          const urgent =
            live &&
            !row.muted &&
            !row.done &&
            row.kind !== 'renews_on' &&
            row.kind !== 'starts' &&
            row.kind !== 'ended';
          return (
            <Fact
              key={row.kind}
              label={t(`agreements.dates.kinds.${row.kind}`)}
              testId={`agreement-date-${row.kind}`}
            >
              <Text
                size="sm"
                fw={500}
                td={row.muted ? 'line-through' : undefined}
                c={row.muted ? 'dimmed' : undefined}
              >
                {fmt.day(row.date)}
              </Text>
              <Text size="xs" c={row.done ? 'teal' : urgent ? (daysLeftColor(rel.n) ?? 'dimmed') : 'dimmed'}>
                {row.done ?? rel.text}
              </Text>
            </Fact>
          );
        })}
      </SimpleGrid>
      {a.status === 'active' && !a.nextAgreementId && !a.scheduled ? (
        <Text size="xs" c="dimmed" mt="sm">
          {a.autoRenew && d.renewsOn
            ? t('agreements.dates.autoRenewNote', {
                date: fmt.day(d.renewsOn),
                deadline: fmt.day(d.noticeDeadline),
              })
            : t('agreements.dates.manualNote', { date: fmt.day(d.termEndsOn) })}
        </Text>
      ) : null}
    </Paper>
  );
}

/** Who accepted and when; who gave notice; the month-6 decision with what was learned. */
function StatusFacts({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const lines: { key: string; text: string; detail?: string | null }[] = [];
  if (a.previousAgreementId) {
    // A renewed term: when it was made, and what its acceptance is (its own, or the first term's).
    lines.push({
      key: 'renewed',
      text: t('agreements.page.renewedOn', {
        number: a.termNumber - 1,
        date: fmt.dateTime(a.createdAt),
      }),
      detail:
        !a.acceptedAt && a.autoRenew && a.status !== 'draft' && a.status !== 'sent'
          ? t('agreements.page.coveredByFirst')
          : null,
    });
  }
  if (a.scheduled) {
    lines.push({ key: 'scheduled', text: t('agreements.page.scheduledOn', { date: fmt.day(a.startsOn) }) });
  }
  if (a.sentAt)
    lines.push({ key: 'sent', text: t('agreements.page.sentAt', { date: fmt.dateTime(a.sentAt) }) });
  if (a.acceptedAt && a.acceptedName) {
    lines.push({
      key: 'accepted',
      text: t('agreements.page.acceptedAs', { name: a.acceptedName, date: fmt.dateTime(a.acceptedAt) }),
      detail: [
        a.acceptedIp ? t('agreements.page.acceptedIp', { ip: a.acceptedIp }) : null,
        a.acceptedOnBehalf ? t('agreements.page.onBehalf') : null,
        a.acceptedOnBehalf === false ? t('agreements.page.byCreator') : null,
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  if (a.noticeGivenOn && a.noticeBy) {
    lines.push({
      key: 'notice',
      text: t(`agreements.page.noticeBy.${a.noticeBy}`, { date: fmt.day(a.noticeGivenOn) }),
      detail: a.noticeReason,
    });
  }
  if (a.extendDecision && a.extendDecidedOn) {
    lines.push({
      key: 'month_six',
      text: t('agreements.page.decided', {
        decision: t(`agreements.extend.decided.${a.extendDecision}`),
        date: fmt.day(a.extendDecidedOn),
      }),
      detail: a.extendDecisionNotes,
    });
  }
  if (lines.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement-history">
      <Stack gap="xs">
        {lines.map((line) => (
          <div key={line.key} data-testid={`agreement-fact-${line.key}`}>
            <Text size="sm">{line.text}</Text>
            {line.detail ? (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {line.detail}
              </Text>
            ) : null}
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

function Summary({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = (minor: number) => formatMoney(minor, a.currency, fmt.lng);
  const yesNo = (value: boolean) => (value ? t('agreements.summary.yes') : t('agreements.summary.no'));
  const none = (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
  const text = (value: ReactNode) => <Text size="sm">{value}</Text>;
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement-summary">
      <Title order={2} size="h5" mb="sm">
        {t('agreements.summary.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md" verticalSpacing="md">
        <Fact label={t('agreements.summary.term')}>
          {text(t('agreements.range', { from: fmt.day(a.startsOn), to: fmt.day(a.dates.termEndsOn) }))}
          <Text size="xs" c="dimmed">
            {formatMonths(a.termMonths, fmt.lng)}
          </Text>
        </Fact>
        {a.collaborationsPerYear !== null ? (
          <Fact label={t('agreements.form.collaborationsPerYear')}>
            {text(fmt.number(a.collaborationsPerYear))}
          </Fact>
        ) : null}
        {a.deliverablesPerMonth !== null ? (
          <Fact label={t('agreements.form.deliverablesPerMonth')}>
            {text(fmt.number(a.deliverablesPerMonth))}
          </Fact>
        ) : null}
        {a.monthlyFeeMinor !== null ? (
          <Fact label={t('agreements.form.monthlyFee')} testId="agreement-summary-monthly-fee">
            {text(money(a.monthlyFeeMinor))}
          </Fact>
        ) : null}
        {a.feeMinor !== null ? (
          <Fact label={t('agreements.form.fee')} testId="agreement-summary-fee">
            {text(money(a.feeMinor))}
          </Fact>
        ) : null}
        <Fact label={t('agreements.summary.rates')} testId="agreement-summary-rates">
          {a.rates.length === 0
            ? none
            : a.rates.map((r) => (
                <Text key={r.deliverableType} size="sm">
                  {itemLabel(r.deliverableType, t)} · {money(r.amountMinor)}
                </Text>
              ))}
        </Fact>
        {a.type === 'retainer' ? (
          <Fact label={t('agreements.summary.inclusions')} testId="agreement-summary-inclusions">
            {a.inclusions.length === 0
              ? none
              : a.inclusions.map((i) => (
                  <Text key={i.item} size="sm">
                    {itemLabel(i.item, t)} × {fmt.number(i.quantity)}
                  </Text>
                ))}
          </Fact>
        ) : null}
        <Fact label={t('agreements.summary.rights')}>
          {text(
            a.usagePeriodDays !== null
              ? t('agreements.summary.usageFor', { duration: fmt.days(a.usagePeriodDays) })
              : t('agreements.summary.usageUnset'),
          )}
          <Text size="xs" c="dimmed">
            {t('agreements.form.paidUsage')}: {yesNo(a.paidUsage)} · {t('agreements.summary.whitelisting')}:{' '}
            {yesNo(a.whitelisting)}
          </Text>
        </Fact>
        <Fact label={t('agreements.summary.exclusivity')}>
          {a.exclusivityCategory
            ? text(
                a.exclusivityDays !== null
                  ? t('agreements.summary.exclusiveFor', {
                      category: a.exclusivityCategory,
                      duration: fmt.days(a.exclusivityDays),
                    })
                  : a.exclusivityCategory,
              )
            : none}
        </Fact>
        <Fact label={t('agreements.summary.payment')}>
          {text(t('agreements.summary.paymentWithin', { duration: fmt.days(a.paymentTermsDays) }))}
          <Text size="xs" c="dimmed">
            {a.currency}
            {fmt.currency(a.currency) ? ` · ${fmt.currency(a.currency)}` : ''}
          </Text>
        </Fact>
        <Fact label={t('agreements.summary.renewal')} testId="agreement-summary-renewal">
          {text(
            a.autoRenew
              ? t('agreements.summary.autoRenew', {
                  duration: formatMonths(a.renewalTermMonths ?? a.termMonths, fmt.lng),
                })
              : t('agreements.summary.noAutoRenew'),
          )}
          <Text size="xs" c="dimmed">
            {t('agreements.summary.reviewBound', { pct: fmt.percent(a.reviewMaxAdjustPct) })}
          </Text>
        </Fact>
        <Fact label={t('agreements.summary.notice')}>
          {text(t('agreements.summary.noticeDays', { duration: fmt.days(a.noticeDays) }))}
        </Fact>
        <Fact label={t('agreements.form.language')}>{text(a.language === 'ru' ? 'Русский' : 'English')}</Fact>
      </SimpleGrid>
      {a.notes ? (
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('agreements.form.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.notes}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  );
}
