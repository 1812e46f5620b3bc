import { Button, type ButtonProps, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmButtonProps extends ButtonProps {
  title: string;
  message: ReactNode;
  /** The dialog's confirming button; by default it says what the button itself says. */
  confirmLabel?: string;
  onConfirm: () => Promise<unknown> | undefined;
  testId?: string;
  ariaLabel?: string;
}

/** A button that asks before doing something that cannot be undone (remove, revoke). */
export function ConfirmButton({
  title,
  message,
  confirmLabel,
  onConfirm,
  testId,
  ariaLabel,
  children,
  ...buttonProps
}: ConfirmButtonProps) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const confirm = async () => {
    try {
      await onConfirm();
    } finally {
      close();
    }
  };
  return (
    <>
      <Button {...buttonProps} onClick={open} data-testid={testId} aria-label={ariaLabel}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            onClick={() => void confirm()}
            loading={buttonProps.loading}
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {confirmLabel ?? children}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
