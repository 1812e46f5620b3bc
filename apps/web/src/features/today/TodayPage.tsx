import type { TodayCheckInItem as TodayItem } from '@evergreen/contracts';
import { Badge, Button, Group, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconAddressBook, IconClockPause, IconPlant2 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { EmptyList } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { PageLoader, QueryError } from '../../shared/ui/QueryStates.tsx';
import { TodayRenewalCard } from '../agreements/TodayRenewalCard.tsx';
import { TodayPaymentCard } from '../budgets/TodayPaymentCard.tsx';
import { type TodayScope, useCreators, useToday } from '../roster/api.ts';
import { defaultFilters } from '../roster/filters.ts';
import { SnoozeForm } from '../roster/SnoozeForm.tsx';
import { SendMessageDialogSlot } from '../roster/slots.tsx';
import { TouchpointForm } from '../roster/TouchpointForm.tsx';
import { TodaySuggestions } from '../selection/TodaySuggestions.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { rememberedScope, rememberScope } from './scope.ts';
import { TodayCard } from './TodayCard.tsx';
import { TodayDeliverableCard } from './TodayDeliverableCard.tsx';

type Bucket = TodayItem['bucket'];

const buckets: Bucket[] = ['overdue', 'due', 'upcoming'];

/** Cards shown per section before "Show more": a day after a big import can hold hundreds. */
const PAGE = 25;

type Dialog = { type: 'log' | 'snooze' | 'message'; item: TodayItem } | null;

const overdueFilters = { ...defaultFilters, due: 'overdue' as const };

/** "Saturday, 21 November 2026", capitalised also in languages that write weekdays in lower case. */
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** The manager's day: who is overdue, due today and coming up this week. */
export function TodayPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [scope, setScope] = useState<TodayScope>(rememberedScope);
  const today = useToday(workspaceId, scope);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [limits, setLimits] = useState<Record<Bucket, number>>({ overdue: PAGE, due: PAGE, upcoming: PAGE });
  const close = () => setDialog(null);

  const changeScope = (value: string) => {
    const next: TodayScope = value === 'mine' ? 'mine' : 'team';
    rememberScope(next);
    setScope(next);
  };

  const scopeControl = (
    <SegmentedControl
      value={scope}
      onChange={changeScope}
      aria-label={t('today.scope.label')}
      data-testid="today-scope"
      data={[
        { value: 'mine', label: <span data-testid="today-scope-mine">{t('today.scope.mine')}</span> },
        { value: 'team', label: <span data-testid="today-scope-team">{t('today.scope.team')}</span> },
      ]}
    />
  );

  const data = today.data;
  // Check-ins, renewal decisions and payments, in the order the API gives (decisions, then
  // payments, then check-ins in each bucket).
  const items = data?.items ?? [];
  const serverToday = data?.date;
  // An empty Today means "everyone is warm" only if there is someone to be warm with. The
  // roster's tier counts (active creators) tell; asking for overdue creators keeps the answer small.
  const roster = useCreators(workspaceId, overdueFilters, Boolean(data && items.length === 0));
  const activeCreators = roster.data?.tiers.reduce((sum, tier) => sum + tier.count, 0);

  return (
    <>
      <PageHeader
        title={t('today.title')}
        description={serverToday ? capitalise(fmt.day(serverToday, 'full')) : t('today.description')}
        actions={scopeControl}
      />
      {today.isPending ? (
        <PageLoader />
      ) : today.isError ? (
        <QueryError error={today.error} onRetry={() => void today.refetch()} />
      ) : (
        <Stack gap="xl" data-testid="today" aria-busy={today.isFetching}>
          {data ? (
            <TodaySuggestions suggestions={data.suggestions} workspaceId={workspaceId} canWrite={canWrite} />
          ) : null}
          {data && data.snoozed > 0 ? (
            <Group gap={6} data-testid="today-snoozed">
              <IconClockPause size={16} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text size="sm" c="dimmed">
                {t('today.snoozedCount', { count: data.snoozed })}
              </Text>
            </Group>
          ) : null}
          {items.length === 0 && activeCreators === 0 ? (
            <EmptyList
              color="gray"
              size="lg"
              icon={<IconAddressBook size={32} aria-hidden />}
              title={t('today.noCreators.title')}
              text={t('today.noCreators.text')}
              testId="today-no-creators"
              actions={
                <Button component={Link} to={`/w/${workspaceId}/roster`} variant="light">
                  {t('today.noCreators.openRoster')}
                </Button>
              }
            />
          ) : items.length === 0 && roster.isPending ? (
            <PageLoader />
          ) : items.length === 0 ? (
            <EmptyList
              color="teal"
              size="lg"
              icon={<IconPlant2 size={32} aria-hidden />}
              title={t('today.empty.title')}
              text={scope === 'mine' ? t('today.empty.textMine') : t('today.empty.text')}
              testId="today-empty"
              actions={
                scope === 'mine' ? (
                  <Button variant="light" onClick={() => changeScope('team')}>
                    {t('today.empty.seeTeam')}
                  </Button>
                ) : null
              }
            />
          ) : (
            buckets.map((bucket) => {
              const inBucket = items.filter((item) => item.bucket === bucket);
              return (
                <Stack
                  key={bucket}
                  gap="sm"
                  component="section"
                  aria-labelledby={`today-${bucket}-heading`}
                  data-testid={`today-section-${bucket}`}
                >
                  <Group gap="xs">
                    <Title order={2} size="h4" id={`today-${bucket}-heading`}>
                      {t(`today.sections.${bucket}`)}
                    </Title>
                    <Badge
                      variant="light"
                      color={bucket === 'overdue' && inBucket.length > 0 ? 'red' : 'gray'}
                      circle={inBucket.length < 10}
                    >
                      {inBucket.length}
                    </Badge>
                  </Group>
                  {inBucket.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t(`today.sectionEmpty.${bucket}`)}
                    </Text>
                  ) : (
                    inBucket
                      .slice(0, limits[bucket])
                      .map((item) =>
                        item.type === 'renewal_decision' ? (
                          <TodayRenewalCard
                            key={`${item.agreementId}-${item.decision}`}
                            item={item}
                            workspaceId={workspaceId}
                            today={serverToday ?? item.dueOn}
                          />
                        ) : item.type === 'payment' ? (
                          <TodayPaymentCard key={item.paymentId} item={item} workspaceId={workspaceId} />
                        ) : item.type === 'deliverable' ? (
                          <TodayDeliverableCard
                            key={item.deliverableId}
                            item={item}
                            workspaceId={workspaceId}
                          />
                        ) : (
                          <TodayCard
                            key={item.creatorId}
                            item={item}
                            workspaceId={workspaceId}
                            canWrite={canWrite}
                            onLog={() => setDialog({ type: 'log', item })}
                            onSnooze={() => setDialog({ type: 'snooze', item })}
                            onMessage={() => setDialog({ type: 'message', item })}
                          />
                        ),
                      )
                  )}
                  {inBucket.length > limits[bucket] ? (
                    <Group>
                      <Button
                        variant="subtle"
                        size="sm"
                        onClick={() => setLimits((prev) => ({ ...prev, [bucket]: prev[bucket] + 50 }))}
                        data-testid={`today-more-${bucket}`}
                      >
                        {t('today.showMore', {
                          count: Math.min(50, inBucket.length - limits[bucket]),
                          left: fmt.number(inBucket.length - limits[bucket]),
                        })}
                      </Button>
                    </Group>
                  ) : null}
                </Stack>
              );
            })
          )}
        </Stack>
      )}

      <Modal
        opened={dialog?.type === 'log'}
        onClose={close}
        title={dialog ? t('touchpoint.title', { name: dialog.item.creatorName }) : ''}
        size="lg"
      >
        {dialog?.type === 'log' ? (
          <TouchpointForm
            workspaceId={workspaceId}
            creatorId={dialog.item.creatorId}
            creatorName={dialog.item.creatorName}
            today={serverToday}
            defaultKind={dialog.item.nudge.kind}
            defaultChannel={dialog.item.preferredChannel}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
      {/* Hosted here, not in the card: a sent message takes the card off Today, the outcome stays. */}
      <SendMessageDialogSlot
        opened={dialog?.type === 'message'}
        onClose={close}
        workspaceId={workspaceId}
        creatorId={dialog?.item.creatorId ?? ''}
        creatorName={dialog?.item.creatorName ?? ''}
        {...(dialog?.item.type === 'check_in' ? { templateKey: dialog.item.nudge.templateKey } : {})}
      />
      <Modal
        opened={dialog?.type === 'snooze'}
        onClose={close}
        title={dialog ? t('snooze.title', { name: dialog.item.creatorName }) : ''}
      >
        {dialog?.type === 'snooze' ? (
          <SnoozeForm
            workspaceId={workspaceId}
            creatorId={dialog.item.creatorId}
            creatorName={dialog.item.creatorName}
            today={serverToday}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
    </>
  );
}
