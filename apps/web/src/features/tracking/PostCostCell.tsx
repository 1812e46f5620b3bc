import type { Deliverable } from '@evergreen/contracts';
import { Table, Text } from '@mantine/core';
import { useFormatters } from '../../shared/i18n/format.ts';
import { formatMoney } from '../../shared/money.ts';

/** A post's cost as a right-aligned table cell on one line; "—" for a post without one. */
export function PostCostCell({ post }: { post: Pick<Deliverable, 'costMinor' | 'costCurrency'> }) {
  const fmt = useFormatters();
  return (
    <Table.Td ta="right">
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {post.costMinor !== null && post.costCurrency
          ? formatMoney(post.costMinor, post.costCurrency, fmt.lng)
          : '—'}
      </Text>
    </Table.Td>
  );
}
