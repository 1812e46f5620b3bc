import type { CreatorList } from '@evergreen/contracts';
import { Group, Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/format.ts';
import { targetGap, targetRangeText } from './tierHealth.ts';

type TierCount = CreatorList['tiers'][number];

/** Active creators per tier against the tier's target; a card filters the roster by its tier. */
export function TierCards({
  tiers,
  selected,
  onToggle,
}: {
  tiers: TierCount[];
  selected: number[];
  onToggle: (tier: number) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      {tiers.map((tier) => {
        const range = targetRangeText(tier.targetMin, tier.targetMax);
        const warn = tier.health !== 'ok';
        const active = selected.includes(tier.tier);
        const gap = targetGap(tier);
        return (
          <UnstyledButton
            key={tier.tier}
            onClick={() => onToggle(tier.tier)}
            aria-pressed={active}
            // The card's own text names it (WCAG 2.5.3, label in name); what a click does is its title.
            title={t('roster.tierCard.filter', { tier: tier.tier, name: tier.name })}
            data-testid={`tier-card-${tier.tier}`}
            data-health={tier.health}
          >
            <Paper
              withBorder
              radius="md"
              p="sm"
              h="100%"
              style={{
                borderColor: active
                  ? 'var(--mantine-primary-color-filled)'
                  : warn
                    ? 'var(--mantine-color-orange-outline)'
                    : undefined,
                boxShadow: active ? '0 0 0 1px var(--mantine-primary-color-filled)' : undefined,
              }}
            >
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" truncate>
                {t('creator.tier', { tier: tier.tier })} · {tier.name}
              </Text>
              <Text mt={4} lh={1.2} data-testid={`tier-card-${tier.tier}-count`}>
                <Text span fz={26} fw={700}>
                  {fmt.number(tier.count)}
                </Text>{' '}
                <Text span size="sm" c="dimmed">
                  {range ? t('roster.tierCard.of', { target: range }) : t('roster.tierCard.active')}
                </Text>
              </Text>
              <Group gap={4} mt={6} wrap="nowrap" data-testid={`tier-card-${tier.tier}-health`}>
                {warn ? (
                  <IconAlertTriangle size={14} color="var(--mantine-color-orange-text)" aria-hidden />
                ) : range ? (
                  <IconCircleCheck size={14} color="var(--mantine-color-teal-text)" aria-hidden />
                ) : null}
                <Text size="xs" c={warn ? 'orange' : 'dimmed'} fw={warn ? 600 : undefined}>
                  {tier.health === 'under'
                    ? t('roster.tierCard.under', { n: gap })
                    : tier.health === 'over'
                      ? t('roster.tierCard.over', { n: gap })
                      : range
                        ? t('roster.tierCard.ok')
                        : t('roster.tierCard.noTarget')}
                </Text>
              </Group>
            </Paper>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
