import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import { useApiErrorHandler } from '../api/useApiErrorHandler.ts';
import { ConfirmButton, type ConfirmButtonProps } from './ConfirmButton.tsx';

/**
 * A ConfirmButton that runs one mutation (revoke, remove, cancel a row): small, subtle and red unless
 * told otherwise, loading only while the mutation runs for these `variables` (so one row spins, not
 * all), then `onDone`, then the notification `done` says; a failure goes to the API error handler.
 */
export function MutationConfirmButton<TData, TVariables>({
  mutation,
  variables,
  done,
  onDone,
  size = 'xs',
  variant = 'subtle',
  color = 'red',
  ...props
}: Omit<ConfirmButtonProps, 'onConfirm' | 'loading'> & {
  mutation: UseMutationResult<TData, Error, TVariables>;
  variables: TVariables;
  /** The confirmation shown once it is done, from what the mutation returned. */
  done?: (data: TData) => string;
  onDone?: () => void;
}) {
  const handleError = useApiErrorHandler();
  return (
    <ConfirmButton
      size={size}
      variant={variant}
      color={color}
      {...props}
      loading={mutation.isPending && mutation.variables === variables}
      onConfirm={() =>
        mutation
          .mutateAsync(variables)
          .then((data) => {
            onDone?.();
            if (done) notifications.show({ color: 'teal', message: done(data) });
          })
          .catch((error: unknown) => handleError(error))
      }
    />
  );
}
