import { Anchor, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { API_BASE } from '../../shared/api/client.ts';
import { useFormatters } from '../../shared/i18n/format.ts';
import { QueryStates } from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { ExportCsv } from '../performance/ui.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { useInsights } from './api.ts';
import { InsightSharingRow } from './InsightSharing.tsx';
import { InsightTags } from './InsightTags.tsx';

const MARKET = /^[A-Za-z]{2}$/;

/** The page's filters as the CSV export's query: the file holds every match, not only the newest 500. */
const csvQuery = (q: Record<string, string>) => {
  const s = new URLSearchParams(q).toString();
  return s ? `?${s}` : '';
};

/** What creators told the brand about their markets, searchable by market and product. */
export function InsightsPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [market, setMarket] = useState('');
  const [product, setProduct] = useState('');
  const [debounced] = useDebouncedValue({ market, product }, 250);
  const query = {
    ...(MARKET.test(debounced.market.trim()) ? { market: debounced.market.trim().toUpperCase() } : {}),
    ...(debounced.product.trim() ? { product: debounced.product.trim() } : {}),
  };
  const insights = useInsights(workspaceId, query);
  return (
    <>
      <PageHeader
        title={t('selection.insightsPage.title')}
        description={t('selection.insightsPage.description')}
      />
      <Stack gap="md" data-testid="insights-page">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <TextInput
            label={t('selection.insights.market')}
            placeholder="DE"
            value={market}
            maxLength={2}
            onChange={(e) => setMarket(e.currentTarget.value)}
            w={110}
            data-testid="insights-market"
          />
          <TextInput
            label={t('selection.insights.product')}
            value={product}
            onChange={(e) => setProduct(e.currentTarget.value)}
            style={{ flex: '1 1 14rem' }}
            data-testid="insights-product"
          />
          {insights.data?.length ? (
            <ExportCsv
              href={`${API_BASE}/workspaces/${workspaceId}/insights.csv${csvQuery(query)}`}
              testId="insights-csv"
            />
          ) : null}
        </Group>
        <QueryStates
          query={insights}
          isEmpty={(result) => result.length === 0}
          empty={<Text c="dimmed">{t('selection.insights.none')}</Text>}
        >
          {(result) =>
            result.map((i) => (
              <Paper key={i.id} withBorder radius="md" p="md" data-testid={`insight-${i.id}`}>
                <Stack gap={4}>
                  <InsightTags insight={i}>
                    <Anchor
                      component={Link}
                      to={`/w/${workspaceId}/creators/${i.creatorId}?tab=partnership`}
                      size="sm"
                    >
                      {i.creatorName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {fmt.day(i.heardOn)}
                      {i.byName ? ` · ${i.byName}` : ''}
                    </Text>
                  </InsightTags>
                  <Text size="sm">{i.body}</Text>
                  <InsightSharingRow ws={workspaceId} insight={i} canWrite={canWrite} />
                </Stack>
              </Paper>
            ))
          }
        </QueryStates>
      </Stack>
    </>
  );
}
