import { INVOICE_MAX_BYTES, invoiceContentTypes, type UploadInvoiceRequest } from '@evergreen/contracts';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { UploadButton } from '../../shared/ui/UploadButton.tsx';
import { useCheckedUpload } from '../../shared/ui/useCheckedUpload.ts';

/**
 * A payment's invoice upload, by the team or by the creator in the portal: a PDF, PNG or JPEG up to
 * 4 MB, checked in the browser before `upload` sends it.
 */
export function InvoiceUpload({
  upload,
  onUploaded,
  ...button
}: Omit<ComponentProps<typeof UploadButton>, 'file' | 'loading' | 'hint'> & {
  upload: { mutateAsync: (body: UploadInvoiceRequest) => Promise<unknown>; isPending: boolean };
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const file = useCheckedUpload({
    types: invoiceContentTypes,
    maxBytes: INVOICE_MAX_BYTES,
    wrongType: t('payments.invoices.wrongType'),
    tooBig: t('payments.invoices.tooBig'),
    upload: upload.mutateAsync,
    onUploaded,
  });
  return (
    <UploadButton {...button} file={file} loading={upload.isPending} hint={t('payments.invoices.hint')} />
  );
}
