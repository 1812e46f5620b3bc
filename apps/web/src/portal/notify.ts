import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/** A short confirmation, with a named close button (the portal is checked with axe-core as it is used). */
export const notifyDone = (message: string) =>
  notifications.show({ color: 'teal', message, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
