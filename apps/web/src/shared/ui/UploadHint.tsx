import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The line under an upload button: the picked file's problem (red, said as an alert), else the
 * `hint` on what may be sent, else nothing.
 */
export function UploadHint({ problem, hint }: { problem: string | null; hint?: ReactNode }) {
  if (!problem && !hint) return null;
  return (
    <Text size="xs" c={problem ? 'red' : 'dimmed'} role={problem ? 'alert' : undefined}>
      {problem ?? hint}
    </Text>
  );
}
