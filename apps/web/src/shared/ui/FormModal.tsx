import { Modal, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A dialog whose form is mounted only while it is open, so each opening starts from fresh values
 * (and a closed dialog keeps no half-typed state).
 */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  children,
}: Pick<ModalProps, 'opened' | 'onClose' | 'title' | 'size'> & { children: ReactNode }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      {opened ? children : null}
    </Modal>
  );
}
