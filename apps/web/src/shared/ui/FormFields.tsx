import { NumberInput, type NumberInputProps } from '@mantine/core';

/**
 * Field pieces the forms share. Server-side field errors reach them through `form.getInputProps`
 * (see shared/api/useApiErrorHandler.ts, which maps the API's field issues onto the form).
 */

/** A count or a number of days: a whole number, never negative. */
export function WholeNumberInput(props: NumberInputProps) {
  return <NumberInput allowDecimal={false} allowNegative={false} {...props} />;
}

/** Puts a field's description (a hint) under the input instead of between label and input. */
export const hintBelow: { inputWrapperOrder: ('label' | 'input' | 'description' | 'error')[] } = {
  inputWrapperOrder: ['label', 'input', 'description', 'error'],
};
