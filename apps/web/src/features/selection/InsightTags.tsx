import type { PortalLearned } from '@evergreen/contracts';
import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The line over an insight: its kind, market and product, then `children` (when it was heard, who
 * from). `dense` shows the product as a dimmed note, for a list inside a creator's tab.
 */
export function InsightTags({
  insight,
  dense = false,
  children,
}: {
  insight: Pick<PortalLearned, 'kind' | 'market' | 'product'>;
  dense?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="light">{t(`selection.insights.kind.${insight.kind}`)}</Badge>
      {insight.market ? <Badge variant="outline">{insight.market}</Badge> : null}
      {insight.product ? (
        dense ? (
          <Text size="xs" c="dimmed">
            {insight.product}
          </Text>
        ) : (
          <Text size="sm" fw={500}>
            {insight.product}
          </Text>
        )
      ) : null}
      {children}
    </Group>
  );
}
