import { NumberInput, type NumberInputProps, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

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

/** A titled group of a long form's fields: a fieldset whose legend is the title. */
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Title order={3} size="h5" component="legend" mb={4}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
