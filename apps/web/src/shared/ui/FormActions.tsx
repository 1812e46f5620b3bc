import { Button, type ButtonProps, Group, type MantineSpacing, Paper, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A form's closing row: Cancel (when the form can be left) and the submit button, right-aligned.
 * `onSubmit` makes the main button a plain button for forms that act without a `<form>` submit.
 */
export function FormActions({
  onCancel,
  loading,
  label,
  testId,
  color,
  variant,
  disabled,
  onSubmit,
  cancelDisabled,
  cancelTestId,
  cancelLabel,
  mt,
  gap = 'sm',
  icon,
  children,
}: {
  onCancel?: () => void;
  loading?: boolean;
  label: ReactNode;
  testId?: string;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  disabled?: boolean;
  onSubmit?: () => void;
  cancelDisabled?: boolean;
  cancelTestId?: string;
  /** The first button's text when it is not Cancel ("Reset"). */
  cancelLabel?: ReactNode;
  mt?: MantineSpacing;
  gap?: MantineSpacing;
  icon?: ReactNode;
  /** Further buttons, between Cancel and the main one. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap={gap} mt={mt}>
      {onCancel ? (
        <Button variant="default" onClick={onCancel} disabled={cancelDisabled} data-testid={cancelTestId}>
          {cancelLabel ?? t('common.cancel')}
        </Button>
      ) : null}
      {children}
      <Button
        type={onSubmit ? 'button' : 'submit'}
        onClick={onSubmit}
        loading={loading}
        disabled={disabled}
        color={color}
        variant={variant}
        leftSection={icon}
        data-testid={testId}
      >
        {label}
      </Button>
    </Group>
  );
}

/** The closing row of a dialog that has done its work: a single Close button, right-aligned. */
export function CloseAction({ onClose, testId }: { onClose: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onClose} data-testid={testId}>
        {t('common.close')}
      </Button>
    </Group>
  );
}

/** A settings form's Reset and Save: both wait until something has changed. */
export function SaveActions({
  form,
  saving,
  testId,
  mt,
}: {
  form: { isDirty(): boolean; reset(): void };
  saving: boolean;
  testId: string;
  mt?: MantineSpacing;
}) {
  const { t } = useTranslation();
  return (
    <FormActions
      onCancel={() => form.reset()}
      cancelLabel={t('common.reset')}
      cancelDisabled={!form.isDirty() || saving}
      loading={saving}
      disabled={!form.isDirty()}
      label={t('common.save')}
      testId={testId}
      gap="md"
      mt={mt}
    />
  );
}

/**
 * A form whose parts stack: the browser's own checks are off (the form checks its values itself and
 * shows the errors on its fields). `label` names it for screen readers.
 */
export function StackForm({
  onSubmit,
  label,
  testId,
  gap = 'md',
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  label?: string;
  testId?: string;
  gap?: MantineSpacing;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} data-testid={testId}>
      <Stack gap={gap}>{children}</Stack>
    </form>
  );
}

/**
 * A StackForm in a bordered box, standing on a page beside what it adds to (a rate, a tracked
 * link): its `title` as a small heading, the fields, then `footer` inside the box under the form.
 */
export function CardForm({
  title,
  footer,
  children,
  ...form
}: Omit<Parameters<typeof StackForm>[0], 'gap'> & { title?: ReactNode; footer?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <StackForm gap="sm" {...form}>
        {title ? (
          <Title order={3} size="h5">
            {title}
          </Title>
        ) : null}
        {children}
      </StackForm>
      {footer}
    </Paper>
  );
}
