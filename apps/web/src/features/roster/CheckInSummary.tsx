import type { Creator } from '@evergreen/contracts';
import { daysBetween } from '@evergreen/rules';
import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import { IconClockPause } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { Fact as SharedFact } from '../../shared/layout/EntityPage.tsx';
import { QuietBadge } from './CreatorBadges.tsx';

/** A fact of the creator's rhythm: its label, and its value in a block of its own. */
export function Fact(props: { label: string; children: ReactNode; testId?: string }) {
  return <SharedFact boxed {...props} />;
}

/** The relationship's rhythm: cadence in force, last and next touchpoint, quiet and snoozed flags. */
export function CheckInSummary({ creator: c, today }: { creator: Creator; today: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { cadenceDays, lastTouchpointOn, nextCheckInOn, goneQuiet, snoozedUntil } = c.checkIn;
  const own = c.cadenceDaysOverride !== null;
  const overdueDays = nextCheckInOn && nextCheckInOn < today ? daysBetween(nextCheckInOn, today) : 0;
  const snoozed = snoozedUntil !== null && snoozedUntil > today;
  return (
    <Paper withBorder radius="md" p="md" data-testid="creator-checkin">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Fact label={t('creator.checkIn.cadence')} testId="creator-cadence">
          <Text size="sm" fw={500}>
            {cadenceDays === null
              ? t('creator.checkIn.none')
              : t('creator.checkIn.every', { duration: fmt.days(cadenceDays) })}
          </Text>
          {cadenceDays !== null ? (
            <Text size="xs" c="dimmed">
              {own ? t('creator.checkIn.own') : t('creator.checkIn.fromTier', { tier: c.tier })}
            </Text>
          ) : null}
        </Fact>
        <Fact label={t('creator.checkIn.last')} testId="creator-last-touchpoint">
          <Text size="sm" fw={500} c={lastTouchpointOn ? undefined : 'dimmed'}>
            {lastTouchpointOn ? fmt.day(lastTouchpointOn) : t('creator.never')}
          </Text>
        </Fact>
        <Fact label={t('creator.checkIn.next')} testId="creator-next-check-in">
          {nextCheckInOn ? (
            <>
              <Text
                size="sm"
                fw={overdueDays ? 700 : 500}
                c={overdueDays ? 'red' : undefined}
                data-overdue={overdueDays > 0 || undefined}
              >
                {fmt.day(nextCheckInOn)}
              </Text>
              {overdueDays ? (
                <Text size="xs" c="red">
                  {t('creator.overdueBy', { duration: fmt.days(overdueDays) })}
                </Text>
              ) : null}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('creator.checkIn.notOnRhythm')}
            </Text>
          )}
        </Fact>
        <Fact label={t('creator.checkIn.flags')}>
          <Group gap={6}>
            {goneQuiet ? <QuietBadge data-testid="creator-quiet" /> : null}
            {snoozed ? (
              <Text size="sm" data-testid="creator-snoozed">
                <IconClockPause size={14} aria-hidden style={{ verticalAlign: -2 }} />{' '}
                {t('creator.snoozedUntil', { date: fmt.day(snoozedUntil) })}
              </Text>
            ) : null}
            {!goneQuiet && !snoozed ? (
              <Text size="sm" c="dimmed">
                —
              </Text>
            ) : null}
          </Group>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}
