import { type ChangeEvent, useRef, useState } from 'react';
import { useApiErrorHandler } from '../api/useApiErrorHandler.ts';

/** A file's content as base64, without the `data:…,` prefix. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** What an upload sends: the file's name, its checked type and its content as base64. */
export type UploadBody<T extends string> = { filename: string; contentType: T; dataBase64: string };

/**
 * A hidden file input whose file is checked here before it is sent: a type outside `types` or a
 * size over `maxBytes` becomes `problem` (said under the button) instead of a request. The input is
 * cleared after each pick, so the same file can be picked again; a failed upload goes to the API
 * error handler, a sent one to `onUploaded`.
 */
export function useCheckedUpload<T extends string>({
  types,
  maxBytes,
  wrongType,
  tooBig,
  upload,
  onUploaded,
}: {
  types: readonly T[];
  maxBytes: number;
  /** The problem said for a file of another type. */
  wrongType: string;
  /** The problem said for a file over `maxBytes`. */
  tooBig: string;
  upload: (body: UploadBody<T>) => Promise<unknown>;
  onUploaded: () => void;
}) {
  const handleError = useApiErrorHandler();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (input.current) input.current.value = '';
    if (!file) return;
    setProblem(null);
    if (!(types as readonly string[]).includes(file.type)) {
      setProblem(wrongType);
      return;
    }
    if (file.size > maxBytes) {
      setProblem(tooBig);
      return;
    }
    try {
      await upload({ filename: file.name, contentType: file.type as T, dataBase64: await readBase64(file) });
      onUploaded();
    } catch (error) {
      handleError(error);
    }
  };

  return {
    problem,
    /** Opens the file picker (for the visible button). */
    pick: () => input.current?.click(),
    /** Spread on the hidden `<input>`; add its accessible name and test id. */
    inputProps: {
      ref: input,
      type: 'file',
      accept: types.join(','),
      hidden: true,
      onChange: (e: ChangeEvent<HTMLInputElement>) => void onFile(e.currentTarget.files?.[0]),
    },
  };
}
