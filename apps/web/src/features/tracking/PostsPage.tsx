import { type Deliverable, deliverableStatuses } from '@evergreen/contracts';
import { Anchor, Badge, Button, Group, Modal, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import {
  DataTable,
  DateFilter,
  FilterGrid,
  PagedResults,
  SelectFilter,
  useListFilters,
} from '../../shared/layout/ListPage.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { useDeliverableTypeLabel } from '../campaigns/BriefForm.tsx';
import { platformNames } from '../roster/handles.ts';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { type PostQuery, useCampaignOptions, useCreatorOptions, usePosts } from './api.ts';
import { ImportButton } from './ImportButton.tsx';
import { PostCostCell } from './PostCostCell.tsx';
import { PostDrawer } from './PostDrawer.tsx';
import { PostForm } from './PostForm.tsx';
import { formatRate, postStatusColors } from './rules.ts';

const PAGE = 50;

type Filters = Omit<PostQuery, 'limit' | 'offset'>;

/** Posts (deliverables) with their ordinal, cost and engagement; add, edit, open for snapshots. */
export function PostsPage() {
  const { t } = useTranslation();
  const typeLabel = useDeliverableTypeLabel();
  const fmt = useFormatters();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const { filters, set, page, setPage, active } = useListFilters<Filters>();
  const [editing, setEditing] = useState<Deliverable | 'new' | null>(null);
  const [searchParams] = useSearchParams();
  // Today links here with ?post=<id>: open that post.
  const [openId, setOpenId] = useState<string | null>(searchParams.get('post'));
  const creators = useCreatorOptions(workspaceId);
  const campaigns = useCampaignOptions(workspaceId);
  const posts = usePosts(workspaceId, { ...filters, limit: PAGE, offset: (page - 1) * PAGE });
  const creatorName = new Map((creators.data ?? []).map((c) => [c.value, c.label]));

  return (
    <>
      <PageHeader
        title={t('posts.title')}
        description={t('posts.description')}
        actions={
          <Group gap="xs">
            <ImportButton workspaceId={workspaceId} kind="posts">
              {t('posts.import')}
            </ImportButton>
            {canWrite ? (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setEditing('new')}
                data-testid="post-new"
              >
                {t('posts.new')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <FilterGrid>
        <SelectFilter
          label={t('posts.fields.creator')}
          data={creators.data ?? []}
          value={filters.creatorId}
          onChange={(creatorId) => set({ creatorId })}
          searchable
          data-testid="posts-filter-creator"
        />
        <SelectFilter
          label={t('posts.fields.campaign')}
          data={campaigns.data ?? []}
          value={filters.campaignId}
          onChange={(campaignId) => set({ campaignId })}
          searchable
        />
        <SelectFilter
          label={t('posts.fields.status')}
          data={deliverableStatuses.map((s) => ({ value: s, label: t(`posts.statuses.${s}`) }))}
          value={filters.status}
          onChange={(status) => set({ status })}
          data-testid="posts-filter-status"
        />
        <SelectFilter
          label={t('posts.fields.sponsored')}
          data={[
            { value: 'true', label: t('posts.filters.sponsored') },
            { value: 'false', label: t('posts.filters.organic') },
          ]}
          placeholder={t('posts.filters.all')}
          value={filters.sponsored}
          onChange={(value) => set({ sponsored: value === 'true' || value === 'false' ? value : undefined })}
        />
        <DateFilter
          label={t('posts.filters.dueFrom')}
          value={filters.dueFrom}
          onChange={(dueFrom) => set({ dueFrom })}
        />
        <DateFilter
          label={t('posts.filters.dueTo')}
          value={filters.dueTo}
          onChange={(dueTo) => set({ dueTo })}
        />
        <DateFilter
          label={t('posts.filters.postedFrom')}
          value={filters.postedFrom}
          onChange={(postedFrom) => set({ postedFrom })}
        />
        <DateFilter
          label={t('posts.filters.postedTo')}
          value={filters.postedTo}
          onChange={(postedTo) => set({ postedTo })}
        />
      </FilterGrid>
      <PagedResults
        query={posts}
        count={(data) => data.deliverables.length}
        testId="posts"
        filtered={active}
        emptyText={t('posts.empty')}
        noMatchText={t('posts.noMatch')}
        totalText={(count) => t('posts.total', { count })}
        page={page}
        onPage={setPage}
        pageSize={PAGE}
        pagerLabel={t('posts.pages')}
      >
        {(data) => (
          <DataTable
            minWidth={1000}
            verticalSpacing="xs"
            highlightOnHover
            testId="posts-table"
            columns={[
              t('posts.fields.creator'),
              t('posts.fields.type'),
              { label: t('posts.columns.ordinal'), right: true },
              t('posts.fields.status'),
              t('posts.fields.dueOn'),
              t('posts.fields.postedAt'),
              { label: t('posts.fields.cost'), right: true },
              { label: t('posts.columns.rate'), right: true },
              { label: t('posts.columns.day1'), right: true },
              { label: t('posts.columns.day7'), right: true },
            ]}
          >
            {data.deliverables.map((d) => (
              <Table.Tr key={d.id} data-testid={`post-row-${d.id}`}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={500}
                    onClick={() => setOpenId(d.id)}
                    data-testid={`post-open-${d.id}`}
                  >
                    {creatorName.get(d.creatorId) ?? t('posts.unknownCreator')}
                  </Anchor>
                  {d.title ? (
                    <Text size="xs" c="dimmed" lineClamp={1} maw={260}>
                      {d.title}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{typeLabel(d.type)}</Text>
                  <Text size="xs" c="dimmed">
                    {[
                      d.platform ? platformNames[d.platform] : null,
                      d.sponsored ? null : t('posts.filters.organic'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" data-testid={`post-ordinal-${d.id}`}>
                    {d.ordinal === null ? '—' : `#${d.ordinal}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={postStatusColors[d.status]} tt="none">
                    {t(`posts.statuses.${d.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.dueOn ? fmt.day(d.dueOn) : '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {d.postedAt ? fmt.dateTime(d.postedAt) : '—'}
                  </Text>
                </Table.Td>
                <PostCostCell post={d} />
                <Table.Td ta="right" data-testid={`post-rate-${d.id}`}>
                  <Text size="sm">{formatRate(d.engagementRate, fmt.lng)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatRate(d.day1Rate, fmt.lng)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{formatRate(d.day7Rate, fmt.lng)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </PagedResults>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('posts.new') : t('posts.edit')}
        size="lg"
      >
        {editing !== null ? (
          <PostForm
            workspaceId={workspaceId}
            post={editing === 'new' ? null : editing}
            defaultCreatorId={filters.creatorId}
            onDone={(saved) => {
              setEditing(null);
              if (saved) setOpenId(saved.id);
            }}
          />
        ) : null}
      </Modal>
      <PostDrawer
        workspaceId={workspaceId}
        postId={openId}
        creatorNames={creatorName}
        canWrite={canWrite}
        onClose={() => setOpenId(null)}
        onEdit={(post) => {
          setOpenId(null);
          setEditing(post);
        }}
      />
    </>
  );
}
