import type { BriefDetail, BriefVersion } from '@evergreen/contracts';
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import {
  useAcceptPortalBrief,
  useDeclinePortalBrief,
  usePortalBrief,
  usePortalBriefs,
  useRespondPortalChange,
} from './api.ts';
import { notifyDone } from './notify.ts';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/** The creator's briefs: every version and change request; accept, or decline a change with a reason. */
export function PortalBriefsPage() {
  const { t } = useTranslation();
  const { ws } = usePortal();
  const briefs = usePortalBriefs(ws);
  // A link emailed with a brief opens it: /portal/briefs?open=<id>, shown first and open.
  const [params] = useSearchParams();
  const focus = params.get('open');
  const [open, setOpen] = useState<string | null>(focus);
  const f = useFormatters();
  if (briefs.isPending) return <PageLoader />;
  if (briefs.isError) return <QueryError error={briefs.error} onRetry={() => briefs.refetch()} />;
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.briefs')} />
      {briefs.data.length === 0 ? (
        <Text c="dimmed" data-testid="portal-briefs-empty">
          {t('portal.briefs.empty')}
        </Text>
      ) : null}
      {[...briefs.data]
        .sort((x, y) => Number(y.id === focus) - Number(x.id === focus))
        .map((b) => (
          <Card
            key={b.id}
            withBorder
            radius="md"
            padding="md"
            data-testid="portal-brief"
            data-brief-id={b.id}
            data-focused={b.id === focus ? 'true' : undefined}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="xs" c="dimmed">
                    {b.campaignName}
                  </Text>
                  <Text fw={600}>{b.title}</Text>
                </Stack>
                <Badge
                  variant="light"
                  color={
                    b.status === 'change_requested' ? 'orange' : b.status === 'declined' ? 'red' : 'teal'
                  }
                >
                  {t(`briefs.status.${b.status}`)}
                </Badge>
              </Group>
              {b.dueOn ? <Text size="sm">{t('portal.briefs.due', { date: f.day(b.dueOn) })}</Text> : null}
              <Button
                variant="default"
                size="sm"
                onClick={() => setOpen(open === b.id ? null : b.id)}
                aria-expanded={open === b.id}
                data-testid="portal-brief-open"
              >
                {open === b.id ? t('portal.briefs.close') : t('portal.briefs.open')}
              </Button>
              {open === b.id ? <BriefBody ws={ws} id={b.id} /> : null}
            </Stack>
          </Card>
        ))}
    </Stack>
  );
}

function BriefBody({ ws, id }: { ws: string; id: string }) {
  const { t } = useTranslation();
  const detail = usePortalBrief(ws, id);
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => detail.refetch()} />;
  const b = detail.data;
  return (
    <Stack gap="sm">
      {b.status === 'sent' ? <AcceptForm ws={ws} brief={b} /> : null}
      {b.decline ? (
        <Alert color="red" variant="light" data-testid="portal-brief-declined">
          <Text size="sm">{t('portal.briefs.youDeclined', { version: b.decline.version })}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {b.decline.reason}
          </Text>
        </Alert>
      ) : null}
      {b.status === 'change_requested' && b.pendingChangeVersion ? (
        <ChangeRequestForm
          ws={ws}
          brief={b}
          version={b.versions.find((v) => v.version === b.pendingChangeVersion)!}
        />
      ) : null}
      <Title order={2} size="h5">
        {t('portal.briefs.versions')}
      </Title>
      {[...b.versions].reverse().map((v) => (
        <VersionCard key={v.version} v={v} inForce={v.version === (b.acceptedVersion ?? b.currentVersion)} />
      ))}
    </Stack>
  );
}

function VersionCard({ v, inForce }: { v: BriefVersion; inForce: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  return (
    <Card withBorder radius="sm" padding="sm" data-testid={`portal-version-${v.version}`}>
      <Stack gap={4}>
        <Group gap="xs">
          <Text fw={600} size="sm">
            {t('portal.briefs.version', { version: v.version })}
          </Text>
          {inForce ? (
            <Badge size="sm" color="teal" variant="light">
              {t('portal.briefs.inForce')}
            </Badge>
          ) : null}
          {v.changeStatus ? (
            <Badge size="sm" variant="outline">
              {t(`portal.briefs.change.${v.changeStatus}`)}
            </Badge>
          ) : null}
        </Group>
        {v.changeNote ? (
          <Text size="sm" fs="italic">
            {t('portal.briefs.changeNote', { note: v.changeNote })}
          </Text>
        ) : null}
        <Text size="sm" fw={500}>
          {v.title}
        </Text>
        {v.body ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {v.body}
          </Text>
        ) : null}
        {v.dueOn ? <Text size="sm">{t('portal.briefs.due', { date: f.day(v.dueOn) })}</Text> : null}
        <Text size="xs" c="dimmed">
          {f.dateTime(v.createdAt)}
        </Text>
      </Stack>
    </Card>
  );
}

/**
 * A brief's answer: accept by typing one's name, or decline with a reason; the toggle switches
 * between the two (and which field is required).
 */
function useAnswerForm() {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const form = useForm({
    initialValues: { name: '', reason: '' },
    validate: {
      name: (value) => (!declining && !value.trim() ? t('validation.required') : null),
      reason: (value) => (declining && !value.trim() ? t('validation.required') : null),
    },
  });
  return { form, declining, toggle: () => setDeclining(!declining) };
}

/** The answer's field (the typed name, or the reason to decline), then `submit` and the toggle. */
function AnswerFields({
  answer: { form, declining, toggle },
  reasonLabel,
  testId,
  submit,
}: {
  answer: ReturnType<typeof useAnswerForm>;
  reasonLabel: string;
  /** `${testId}-reason`, `${testId}-name` and `${testId}-toggle`. */
  testId: string;
  submit: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {declining ? (
        <Textarea
          label={reasonLabel}
          required
          autosize
          minRows={2}
          data-testid={`${testId}-reason`}
          {...form.getInputProps('reason')}
        />
      ) : (
        <TextInput
          label={t('portal.typedName')}
          required
          autoComplete="name"
          data-testid={`${testId}-name`}
          {...form.getInputProps('name')}
        />
      )}
      <Group gap="xs">
        {submit}
        <Button variant="default" onClick={toggle} data-testid={`${testId}-toggle`}>
          {declining ? t('portal.briefs.acceptInstead') : t('portal.briefs.declineInstead')}
        </Button>
      </Group>
    </>
  );
}

function AcceptForm({ ws, brief }: { ws: string; brief: BriefDetail }) {
  const { t } = useTranslation();
  const accept = useAcceptPortalBrief(ws, brief.id);
  const decline = useDeclinePortalBrief(ws, brief.id);
  const handleError = useApiErrorHandler();
  const answer = useAnswerForm();
  const { form, declining } = answer;
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        declining
          ? decline.mutate(
              { version: brief.currentVersion, reason: values.reason.trim() },
              {
                onSuccess: () => notifyDone(t('portal.briefs.briefDeclined')),
                onError: (error) => handleError(error, form),
              },
            )
          : accept.mutate(
              { version: brief.currentVersion, name: values.name.trim() },
              {
                onSuccess: () => notifyDone(t('portal.briefs.accepted')),
                onError: (error) => handleError(error, form),
              },
            ),
      )}
    >
      <Alert color="blue" variant="light">
        <Stack gap="xs">
          <Text size="sm">{t('portal.briefs.acceptIntro', { version: brief.currentVersion })}</Text>
          <AnswerFields
            answer={answer}
            reasonLabel={t('portal.briefs.declineBriefReason')}
            testId="portal-brief"
            submit={
              declining ? (
                <Button
                  type="submit"
                  color="red"
                  loading={decline.isPending}
                  data-testid="portal-brief-decline"
                >
                  {t('portal.briefs.declineBrief')}
                </Button>
              ) : (
                <Button type="submit" loading={accept.isPending} data-testid="portal-brief-accept">
                  {t('portal.briefs.accept')}
                </Button>
              )
            }
          />
        </Stack>
      </Alert>
    </form>
  );
}

function ChangeRequestForm({
  ws,
  brief,
  version,
}: {
  ws: string;
  brief: BriefDetail;
  version: BriefVersion;
}) {
  const { t } = useTranslation();
  const respond = useRespondPortalChange(ws, brief.id);
  const handleError = useApiErrorHandler();
  const answer = useAnswerForm();
  const { form, declining } = answer;
  const done = (message: string) => () => notifyDone(message);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        respond.mutate(
          declining
            ? { version: version.version, decision: 'decline', note: values.reason.trim() }
            : { version: version.version, decision: 'accept', name: values.name.trim() },
          {
            onSuccess: done(declining ? t('portal.briefs.declined') : t('portal.briefs.accepted')),
            onError: (error) => handleError(error, form, { note: 'reason' }),
          },
        ),
      )}
    >
      <Alert color="orange" variant="light" data-testid="portal-change-request">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('portal.briefs.changeIntro', { version: version.version })}
          </Text>
          {version.changeNote ? <Text size="sm">{version.changeNote}</Text> : null}
          <AnswerFields
            answer={answer}
            reasonLabel={t('portal.briefs.declineReason')}
            testId="portal-change"
            submit={
              <Button type="submit" loading={respond.isPending} data-testid="portal-change-submit">
                {declining ? t('portal.briefs.decline') : t('portal.briefs.acceptChange')}
              </Button>
            }
          />
        </Stack>
      </Alert>
    </form>
  );
}
