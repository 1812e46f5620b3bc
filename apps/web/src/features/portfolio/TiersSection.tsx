import { Badge, Group, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { Section, Stat } from '../performance/ui.tsx';
import type { PortfolioSectionProps } from './sections.ts';

/** Each tier's head count against its target, and the bench (creators waiting for a tier). */
export function TiersSection({ ws, data }: PortfolioSectionProps) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Section
      id="portfolio-tiers"
      title={t('portfolio.tiers.title')}
      description={t('portfolio.tiers.description')}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {data.tiers.map((tier) => (
          <Stat
            key={tier.tier}
            label={tier.name}
            value={fmt.number(tier.count)}
            hint={t(`portfolio.tiers.health.${tier.health}`, {
              target:
                tier.targetMin == null && tier.targetMax == null
                  ? t('portfolio.tiers.noTarget')
                  : `${tier.targetMin ?? 0}–${tier.targetMax ?? '∞'}`,
              gap: Math.abs(tier.gap),
            })}
            testId={`portfolio-tier-${tier.tier}`}
          />
        ))}
      </SimpleGrid>
      <Text size="sm" fw={600} mt="md">
        {t('portfolio.bench.title', { n: data.benchTotal })}
      </Text>
      {data.bench.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portfolio.bench.empty')}
        </Text>
      ) : (
        <Group gap="xs" mt={4} data-testid="portfolio-bench">
          {data.bench.map((b) => (
            <Badge
              key={b.creatorId}
              component={Link}
              to={`/w/${ws}/creators/${b.creatorId}`}
              variant="light"
              style={{ cursor: 'pointer' }}
            >
              {b.name} · {t('portfolio.tierShort', { tier: b.tier })}
            </Badge>
          ))}
        </Group>
      )}
    </Section>
  );
}
