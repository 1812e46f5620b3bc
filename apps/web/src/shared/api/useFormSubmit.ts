import { notifications } from '@mantine/notifications';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { type FormErrorTarget, useApiErrorHandler } from './useApiErrorHandler.ts';

export interface FormSubmitOptions<TData, TVariables> {
  /** The text of the green notification shown once the server has accepted the form. */
  done?: (data: TData, variables: TVariables) => ReactNode;
  /** What follows the notification: close the dialog, reset the form, go to the new page … */
  after?: (data: TData, variables: TVariables) => void;
  /** API field names that stand for differently named form fields ({ amountMinor: 'amount' }). */
  fieldAliases?: Record<string, string>;
  /**
   * Errors the form answers itself; `fallback` shows the error the usual way (on the fields, else
   * as a notification).
   */
  onError?: (error: Error, fallback: () => void) => void;
}

/**
 * A form's send: runs the mutation, then says it worked and does what follows (`done`, `after`),
 * or shows the server's field errors on the form's fields and anything else as a notification.
 * Options given to the returned function's call override the hook's for that call, and so does
 * `form` there (for a form made further down, as a shared form component's own).
 */
export function useFormSubmit<TData, TVariables>(
  mutation: Pick<UseMutationResult<TData, Error, TVariables>, 'mutate'>,
  form?: FormErrorTarget,
  options: FormSubmitOptions<TData, TVariables> = {},
) {
  const handleError = useApiErrorHandler();
  return (
    variables: TVariables,
    overrides: FormSubmitOptions<TData, TVariables> & { form?: FormErrorTarget } = {},
  ) => {
    const { done, after, fieldAliases, onError } = { ...options, ...overrides };
    const target = overrides.form ?? form;
    mutation.mutate(variables, {
      onSuccess: (data) => {
        if (done) notifications.show({ color: 'teal', message: done(data, variables) });
        after?.(data, variables);
      },
      onError: (error) => {
        const fallback = () => handleError(error, target, fieldAliases);
        if (onError) onError(error, fallback);
        else fallback();
      },
    });
  };
}

/** After a save: the saved values become the form's values and its new starting point (nothing dirty). */
export function startFrom<V>(
  form: { setInitialValues(values: V): void; setValues(values: V): void; resetDirty(values?: V): void },
  values: V,
) {
  form.setInitialValues(values);
  form.setValues(values);
  form.resetDirty(values);
}
