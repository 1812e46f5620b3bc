import type { Agreement } from '@evergreen/contracts';
import { Anchor, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconDownload, IconExternalLink } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useFormatters } from '../../shared/i18n/format.ts';
import { BackLink, EntityHeader, EntityQuery } from '../../shared/layout/EntityPage.tsx';
import { useCurrentWorkspace } from '../workspaces/api.ts';
import { AgreementActions, type AgreementDialog } from './AgreementActions.tsx';
import { AgreementStatusBadge } from './AgreementBadges.tsx';
import { KeyDates, StatusFacts, Summary } from './AgreementFacts.tsx';
import { AgreementForm } from './AgreementForm.tsx';
import { agreementToValues } from './agreementForm.ts';
import { documentUrl, useAgreement } from './api.ts';
import { DeliverablesSection } from './DeliverablesSection.tsx';
import { ExtendForm } from './ExtendForm.tsx';
import { LedgerSection } from './LedgerSection.tsx';
import { AcceptForm, EndForm, NoticeForm } from './LifecycleForms.tsx';
import { RenewForm } from './RenewForm.tsx';
import { shownStatus } from './rules.ts';

/** /w/:workspaceId/agreements/:agreementId */
export function AgreementPage() {
  const { t } = useTranslation();
  const { agreementId = '' } = useParams();
  const { workspaceId } = useCurrentWorkspace();
  const agreement = useAgreement(workspaceId, agreementId);
  return (
    <EntityQuery
      query={agreement}
      notFound={{
        title: t('agreements.page.notFoundTitle'),
        testId: 'agreement-not-found',
        text: (
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('agreements.page.notFoundText')}</Text>
            <Anchor component={Link} to={`/w/${workspaceId}/renewals`} size="sm">
              {t('renewals.title')}
            </Anchor>
          </Stack>
        ),
      }}
    >
      {(data) => <AgreementView agreement={data} />}
    </EntityQuery>
  );
}

type Dialog = AgreementDialog | null;

function AgreementView({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const navigate = useNavigate();
  const { workspaceId, canWrite } = useCurrentWorkspace();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const creatorPath = `/w/${workspaceId}/creators/${a.creatorId}`;
  const agreementPath = (id: string) => `/w/${workspaceId}/agreements/${id}`;

  // Reviewing and renewing both make the next term and open it.
  const renewForm = (review: boolean) => (
    <RenewForm
      review={review}
      workspaceId={workspaceId}
      agreement={a}
      onDone={(next) => {
        close();
        void navigate(agreementPath(next.id));
      }}
      onCancel={close}
    />
  );

  const dialogs: Record<Exclude<Dialog, null | 'edit'>, { title: string; body: ReactNode }> = {
    accept: {
      title: t('agreements.accept.title', { name: a.creatorName }),
      body: <AcceptForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    notice: {
      title: t('agreements.notice.title'),
      body: <NoticeForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    end: {
      title: t('agreements.end.title'),
      body: <EndForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    extend: {
      title: t('agreements.extend.title'),
      body: <ExtendForm workspaceId={workspaceId} agreement={a} onDone={close} onCancel={close} />,
    },
    review: {
      title: t('agreements.review.title', { number: a.termNumber + 1 }),
      body: renewForm(true),
    },
    renew: {
      title: t('agreements.renew.title', { number: a.termNumber + 1 }),
      body: renewForm(false),
    },
  };

  return (
    <Stack gap="lg" data-testid="agreement-page">
      <BackLink to={`${creatorPath}?tab=agreements`} testId="agreement-back">
        {t('agreements.page.back', { name: a.creatorName })}
      </BackLink>

      <EntityHeader
        title={a.title}
        titleTestId="agreement-title-heading"
        gap={6}
        badges={
          <AgreementStatusBadge
            status={shownStatus(a)}
            size="lg"
            data-testid="agreement-status"
            data-status={shownStatus(a)}
          />
        }
        meta={
          <Group gap="xs" wrap="wrap">
            <Badge variant="outline" color="gray" tt="none">
              {t(`agreements.types.${a.type}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('agreements.termNumber', { number: a.termNumber })}
            </Text>
            <Text size="sm" c="dimmed">
              ·
            </Text>
            <Anchor component={Link} to={creatorPath} size="sm">
              {a.creatorName}
            </Anchor>
            {a.previousAgreementId ? (
              <TermLink to={agreementPath(a.previousAgreementId)} testId="agreement-previous">
                <IconArrowLeft {...arrow} /> {t('agreements.page.previousTerm')}
              </TermLink>
            ) : null}
            {a.nextAgreementId ? (
              <TermLink to={agreementPath(a.nextAgreementId)} testId="agreement-next">
                {t('agreements.page.nextTerm')} <IconArrowRight {...arrow} />
              </TermLink>
            ) : null}
          </Group>
        }
        actions={
          <Group gap="xs">
            <Button
              component="a"
              href={documentUrl(workspaceId, a.id, 'html')}
              target="_blank"
              rel="noopener"
              variant="default"
              leftSection={<IconExternalLink size={16} aria-hidden />}
              data-testid="agreement-document"
            >
              {t('agreements.actions.openDocument')}
            </Button>
            <Button
              component="a"
              href={documentUrl(workspaceId, a.id, 'pdf')}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              data-testid="agreement-pdf"
            >
              {t('agreements.actions.downloadPdf')}
            </Button>
          </Group>
        }
      />

      <AgreementActions agreement={a} onOpen={setDialog} />

      <KeyDates agreement={a} />
      <StatusFacts agreement={a} />
      <Summary agreement={a} />

      {a.type === 'retainer' && a.status !== 'draft' && a.status !== 'sent' ? (
        <LedgerSection workspaceId={workspaceId} agreement={a} />
      ) : null}
      <DeliverablesSection workspaceId={workspaceId} agreement={a} canWrite={canWrite} />

      <Modal
        opened={dialog !== null && dialog !== 'edit'}
        onClose={close}
        title={dialog && dialog !== 'edit' ? dialogs[dialog].title : ''}
        size={dialog === 'renew' || dialog === 'review' ? 'lg' : 'md'}
      >
        {dialog && dialog !== 'edit' ? dialogs[dialog].body : null}
      </Modal>
      <Modal opened={dialog === 'edit'} onClose={close} title={t('agreements.form.editHeading')} size="xl">
        {dialog === 'edit' ? (
          <AgreementForm
            workspaceId={workspaceId}
            creatorId={a.creatorId}
            creatorName={a.creatorName}
            agreementId={a.id}
            initialValues={agreementToValues(a, fmt.lng)}
            onDone={close}
            onCancel={close}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** The arrows beside the links to the previous and next terms, set on the text's baseline. */
const arrow = { size: 12, 'aria-hidden': true, style: { verticalAlign: -1 } } as const;

/** A link to the agreement's previous or next term. */
function TermLink({ to, testId, children }: { to: string; testId: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} size="sm" data-testid={testId}>
      {children}
    </Anchor>
  );
}
