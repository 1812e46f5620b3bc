import { Button, type ButtonProps, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { UploadHint } from './UploadHint.tsx';
import type { useCheckedUpload } from './useCheckedUpload.ts';

/**
 * A checked upload on the page: its hidden file input (`inputLabel`, `inputTestId`), the button
 * that opens the picker, and under them the picked file's problem or the `hint`.
 */
export function UploadButton({
  file,
  label,
  inputLabel,
  inputTestId,
  testId,
  hint,
  ...button
}: Pick<ButtonProps, 'size' | 'variant' | 'leftSection' | 'loading'> & {
  file: ReturnType<typeof useCheckedUpload>;
  label: ReactNode;
  inputLabel?: string;
  inputTestId: string;
  testId: string;
  hint?: ReactNode;
}) {
  return (
    <>
      <input {...file.inputProps} aria-label={inputLabel} data-testid={inputTestId} />
      <Group>
        <Button {...button} onClick={file.pick} data-testid={testId}>
          {label}
        </Button>
      </Group>
      <UploadHint problem={file.problem} hint={hint} />
    </>
  );
}
