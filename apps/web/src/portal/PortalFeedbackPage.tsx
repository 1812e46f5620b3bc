import { insightKinds } from '@evergreen/contracts';
import { Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { validators } from '../shared/validation.ts';
import { usePortalInsights, useSendPortalInsight } from './api.ts';
import { notifyDone } from './notify.ts';
import { PortalInsightCard } from './PortalInsightCard.tsx';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/**
 * The creator's voice: feedback and market insights to the brand (a trend, product feedback,
 * what resonates in their market). Each lands in the brand's insights log and on the creator's
 * timeline as theirs, from the portal.
 */
export function PortalFeedbackPage() {
  const { t } = useTranslation();
  const { ws } = usePortal();
  const sent = usePortalInsights(ws);
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.feedback')} intro={t('portal.feedback.intro')} />
      <FeedbackForm ws={ws} />
      <Title order={2} size="h5">
        {t('portal.feedback.sentTitle')}
      </Title>
      {sent.isPending ? <PageLoader /> : null}
      {sent.isError ? <QueryError error={sent.error} onRetry={() => sent.refetch()} /> : null}
      {sent.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.feedback.none')}
        </Text>
      ) : null}
      {sent.data?.map((i) => (
        <PortalInsightCard key={i.id} insight={i} testId="portal-insight">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {i.body}
          </Text>
        </PortalInsightCard>
      ))}
    </Stack>
  );
}

function FeedbackForm({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const v = validators(t);
  const send = useSendPortalInsight(ws);
  const handleError = useApiErrorHandler();
  const form = useForm({
    initialValues: { kind: 'trend' as (typeof insightKinds)[number], market: '', product: '', body: '' },
    validate: {
      body: v.required,
      market: (m) => (m.trim() && !/^[A-Za-z]{2}$/.test(m.trim()) ? t('portal.feedback.marketHint') : null),
    },
  });
  return (
    <Paper withBorder radius="md" p="md">
      <form
        onSubmit={form.onSubmit((values) =>
          send.mutate(
            {
              kind: values.kind,
              ...(values.market.trim() ? { market: values.market.trim().toUpperCase() } : {}),
              ...(values.product.trim() ? { product: values.product.trim() } : {}),
              body: values.body.trim(),
            },
            {
              onSuccess: () => {
                form.reset();
                notifyDone(t('portal.feedback.sent'));
              },
              onError: (error) => handleError(error, form),
            },
          ),
        )}
        data-testid="portal-feedback-form"
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('portal.feedback.kind')}
            data={insightKinds.map((k) => ({ value: k, label: t(`selection.insights.kind.${k}`) }))}
            data-testid="portal-feedback-kind"
            {...form.getInputProps('kind')}
          />
          <Group gap="sm" wrap="wrap" align="flex-start">
            <TextInput
              label={t('portal.feedback.market')}
              description={t('portal.feedback.marketHint')}
              maxLength={2}
              w={140}
              data-testid="portal-feedback-market"
              {...form.getInputProps('market')}
            />
            <TextInput
              label={t('portal.feedback.product')}
              style={{ flex: '1 1 10rem', minWidth: 0 }}
              data-testid="portal-feedback-product"
              {...form.getInputProps('product')}
            />
          </Group>
          <Textarea
            label={t('portal.feedback.body')}
            autosize
            minRows={3}
            maxLength={4000}
            data-testid="portal-feedback-body"
            {...form.getInputProps('body')}
          />
          <Group>
            <Button type="submit" loading={send.isPending} data-testid="portal-feedback-send">
              {t('portal.feedback.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
