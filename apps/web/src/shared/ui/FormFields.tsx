import {
  NumberInput,
  type NumberInputProps,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  type TextareaProps,
  TextInput,
  type TextInputProps,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * Field pieces the forms share. Server-side field errors reach them through `form.getInputProps`
 * (see shared/api/useApiErrorHandler.ts, which maps the API's field issues onto the form).
 */

/** Anything `useForm` made: its fields' input props by name. */
interface FieldSource {
  getInputProps(path: string, options?: { type?: 'input' | 'checkbox' }): object;
}

/**
 * One form field's input props (value, change, error, focus) and its test id, to spread on an input:
 * `<TextInput label={…} {...bindField(form, 'title', 'agreement-title')} />`. Switches and checkboxes
 * pass `'checkbox'`.
 */
export function bindField(form: FieldSource, name: string, testId: string, type?: 'checkbox') {
  return { 'data-testid': testId, ...form.getInputProps(name, type ? { type } : undefined) };
}

/** A count or a number of days: a whole number, never negative. */
export function WholeNumberInput(props: NumberInputProps) {
  return <NumberInput allowDecimal={false} allowNegative={false} {...props} />;
}

/** A calendar day (YYYY-MM-DD), typed or picked in the browser's own date picker. */
export function DayInput(props: Omit<TextInputProps, 'type'>) {
  return <TextInput type="date" {...props} />;
}

/** A text box that grows with its text, from two lines unless told otherwise. */
export function GrowingTextarea({ minRows = 2, ...props }: Omit<TextareaProps, 'autosize'>) {
  return <Textarea autosize minRows={minRows} {...props} />;
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

/**
 * A choice among a few options shown side by side, with an optional label above and hint below.
 * Each option's text carries a test id: `${testId}-${value}` unless the option names its own.
 */
export function SegmentedField<V extends string>({
  label,
  hint,
  value,
  onChange,
  options,
  testId,
  fullWidth,
  'aria-label': ariaLabel,
}: {
  label?: string;
  hint?: ReactNode;
  value: V;
  onChange: (value: V) => void;
  options: { value: V; label: ReactNode; testId?: string }[];
  testId: string;
  fullWidth?: boolean;
  'aria-label'?: string;
}) {
  const control = (
    <SegmentedControl
      value={value}
      onChange={(chosen) => onChange(options.find((o) => o.value === chosen)?.value ?? value)}
      fullWidth={fullWidth}
      aria-label={ariaLabel}
      data-testid={testId}
      data={options.map((o) => ({
        value: o.value,
        label: <span data-testid={o.testId ?? `${testId}-${o.value}`}>{o.label}</span>,
      }))}
    />
  );
  if (!label) return control;
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {control}
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Stack>
  );
}
