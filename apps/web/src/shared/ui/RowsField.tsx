import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * A form's list of short rows edited in place (a creator's handles, an agreement's inclusions): each
 * row's inputs side by side with a remove button, a line when there are none, and an add button
 * while there is room. Test ids: `${testId}-row-${i}`, `${testId}-remove-${i}`, `${testId}-add`.
 */
export function RowsField({
  count,
  max,
  readOnly = false,
  hint,
  empty,
  removeLabel,
  addLabel,
  testId,
  onRemove,
  onAdd,
  row,
}: {
  count: number;
  max: number;
  readOnly?: boolean;
  hint?: ReactNode;
  empty: ReactNode;
  removeLabel: string;
  addLabel: ReactNode;
  testId: string;
  onRemove: (index: number) => void;
  onAdd: () => void;
  /** The inputs of row `index`. */
  row: (index: number) => ReactNode;
}) {
  return (
    <Stack gap="xs">
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : null}
      {Array.from({ length: count }, (_, i) => (
        // Rows have no id of their own; index keys are fine for a short list edited in place.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`${testId}-row-${i}`}>
          {row(i)}
          {readOnly ? null : (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              onClick={() => onRemove(i)}
              aria-label={removeLabel}
              data-testid={`${testId}-remove-${i}`}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      ))}
      {readOnly || count >= max ? null : (
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={onAdd}
            data-testid={`${testId}-add`}
          >
            {addLabel}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
