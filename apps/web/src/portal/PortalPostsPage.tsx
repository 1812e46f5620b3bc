import { type Deliverable, SCREENSHOT_MAX_BYTES, screenshotContentTypes } from '@evergreen/contracts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiErrorHandler } from '../shared/api/useApiErrorHandler.ts';
import { useFormatters } from '../shared/i18n/format.ts';
import { PageLoader, QueryError } from '../shared/ui/QueryStates.tsx';
import { UploadButton } from '../shared/ui/UploadButton.tsx';
import { useCheckedUpload } from '../shared/ui/useCheckedUpload.ts';
import {
  portalScreenshotUrl,
  usePortalDeliverables,
  usePortalScreenshots,
  useSubmitPortalPost,
  useUploadPortalScreenshot,
} from './api.ts';
import { notifyDone } from './notify.ts';
import { usePortal } from './PortalLayout.tsx';
import { PortalPageTitle } from './PortalPageTitle.tsx';

/** The creator's posts: what is due and when, submit the link and numbers, see the approval. */
export function PortalPostsPage() {
  const { t } = useTranslation();
  const { ws } = usePortal();
  const list = usePortalDeliverables(ws);
  if (list.isPending) return <PageLoader />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Stack gap="md">
      <PortalPageTitle title={t('portal.sections.deliverables')} />
      {list.data.length === 0 ? <Text c="dimmed">{t('portal.posts.empty')}</Text> : null}
      {list.data.map((d) => (
        <PostCard key={d.id} ws={ws} d={d} />
      ))}
    </Stack>
  );
}

function PostCard({ ws, d }: { ws: string; d: Deliverable }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder radius="md" padding="md" data-testid="portal-post">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {d.title ?? t(`deliverableTypeNames.${d.type}` as 'deliverableTypeNames.reel')}
            </Text>
            <Text size="sm" c="dimmed">
              {d.dueOn ? t('portal.briefs.due', { date: f.day(d.dueOn) }) : t('portal.posts.noDue')}
            </Text>
          </Stack>
          <Badge variant="light" data-testid="portal-post-status" data-status={d.status}>
            {t(`portal.posts.status.${d.status}`)}
          </Badge>
        </Group>
        {d.url ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="portal-post-url">
            {d.url}
          </Text>
        ) : null}
        {d.latestReach != null || d.latestEngagements != null ? (
          <Text size="sm" data-testid="portal-post-numbers">
            {t('portal.posts.numbers', {
              reach: f.number(d.latestReach ?? 0),
              engagements: f.number(d.latestEngagements ?? 0),
            })}
          </Text>
        ) : null}
        <PostScreenshots ws={ws} deliverableId={d.id} />
        {d.status !== 'missed' ? (
          open ? (
            <SubmitForm ws={ws} d={d} onDone={() => setOpen(false)} />
          ) : (
            <Button variant="default" size="sm" onClick={() => setOpen(true)} data-testid="portal-post-open">
              {d.url ? t('portal.posts.update') : t('portal.posts.submit')}
            </Button>
          )
        ) : null}
      </Stack>
    </Card>
  );
}

const counts = ['reach', 'impressions', 'likes', 'comments', 'shares', 'saves'] as const;

function SubmitForm({ ws, d, onDone }: { ws: string; d: Deliverable; onDone: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmitPortalPost(ws, d.id);
  const handleError = useApiErrorHandler();
  const form = useForm<{ url: string } & Record<(typeof counts)[number], number | string>>({
    initialValues: {
      url: d.url ?? '',
      reach: '',
      impressions: '',
      likes: '',
      comments: '',
      shares: '',
      saves: '',
    },
    validate: { url: (v) => (v.trim() ? null : t('validation.required')) },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        const metrics = Object.fromEntries(
          counts.filter((k) => typeof v[k] === 'number').map((k) => [k, v[k] as number]),
        );
        submit.mutate(
          { url: v.url.trim(), ...(Object.keys(metrics).length ? { metrics } : {}) },
          {
            onSuccess: () => {
              onDone();
              notifyDone(t('portal.posts.submitted'));
            },
            onError: (error) =>
              handleError(error, form, { 'metrics.reach': 'reach', 'metrics.likes': 'likes' }),
          },
        );
      })}
    >
      <Stack gap="xs">
        <TextInput
          label={t('portal.posts.url')}
          type="url"
          required
          data-testid="portal-post-url-input"
          {...form.getInputProps('url')}
        />
        <Text size="sm">{t('portal.posts.numbersIntro')}</Text>
        <SimpleGrid cols={2} spacing="xs">
          {counts.map((k) => (
            <NumberInput
              key={k}
              label={t(`portal.posts.counts.${k}`)}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              data-testid={`portal-post-${k}`}
              {...form.getInputProps(k)}
            />
          ))}
        </SimpleGrid>
        <Button type="submit" loading={submit.isPending} data-testid="portal-post-submit">
          {t('portal.posts.send')}
        </Button>
      </Stack>
    </form>
  );
}

/** Screenshots of the post's numbers: the creator sends one (PNG, JPEG or WebP, up to 5 MB). */
function PostScreenshots({ ws, deliverableId }: { ws: string; deliverableId: string }) {
  const { t } = useTranslation();
  const list = usePortalScreenshots(ws, deliverableId);
  const upload = useUploadPortalScreenshot(ws, deliverableId);
  const file = useCheckedUpload({
    types: screenshotContentTypes,
    maxBytes: SCREENSHOT_MAX_BYTES,
    wrongType: t('portal.posts.screenshotWrongType'),
    tooBig: t('portal.posts.screenshotTooBig'),
    upload: upload.mutateAsync,
    onUploaded: () => notifyDone(t('portal.posts.screenshotSent')),
  });
  return (
    <Stack gap={4} data-testid="portal-screenshots">
      {list.data?.map((s) => (
        <Anchor
          key={s.id}
          href={portalScreenshotUrl(deliverableId, s.id)}
          download={s.filename}
          size="sm"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="portal-screenshot"
        >
          {t('portal.posts.screenshotLine', { name: s.filename })}
        </Anchor>
      ))}
      <UploadButton
        file={file}
        label={t('portal.posts.screenshotUpload')}
        inputLabel={t('portal.posts.screenshotUpload')}
        size="xs"
        variant="default"
        loading={upload.isPending}
        inputTestId="portal-screenshot-file"
        testId="portal-screenshot-upload"
      />
    </Stack>
  );
}
