import { type ErrorCode, errorBody, type FieldIssue } from '@evergreen/contracts';

export const API_BASE = '/api/v1';

/** Codes the client adds for failures that never reached the API's error handler. */
export type ClientErrorCode = 'network' | 'unknown';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly fields: FieldIssue[];

  constructor(status: number, code: ErrorCode | ClientErrorCode, message: string, fields: FieldIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(error: unknown, code?: ApiError['code']): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Anything with a Zod-style safeParse: the contracts' schemas. */
export interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: unknown };
}

// The CSRF token comes from the latest `Me` (GET /auth/me, login, signup) and goes back on every write.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
// The creator portal has a session and a CSRF token of its own (GET /portal/me), never mixed
// with a team member's, even in one browser.
let portalCsrfToken: string | null = null;
export function setPortalCsrfToken(token: string | null) {
  portalCsrfToken = token;
}
const isPortal = (path: string) => path.startsWith('/portal/');
const csrfFor = (path: string) => (isPortal(path) ? portalCsrfToken : csrfToken);

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
/** Called when the API says the session is gone, so the app can send the user to sign in. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

let csrfRefresher: (() => Promise<void>) | null = null;
/** How to get a fresh CSRF token (re-read /auth/me) when a write is refused with csrf_failed. */
export function setCsrfRefresher(refresh: () => Promise<void>) {
  csrfRefresher = refresh;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions<T> {
  body?: unknown;
  /** A body sent as it is (a CSV file), with its content type, instead of JSON. */
  raw?: { body: Blob | string; contentType: string };
  query?: Query;
  schema?: Parser<T>;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  let url = `${API_BASE}${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) params.set(key, String(value));
    }
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall through to a generic error.
  }
  const parsed = errorBody.safeParse(payload);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(res.status, code, message, fields ?? []);
  }
  return new ApiError(
    res.status,
    res.status >= 500 ? 'internal' : 'unknown',
    res.statusText || 'Request failed',
  );
}

async function send<T>(
  method: Method,
  path: string,
  options: RequestOptions<T>,
  retried: boolean,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | Blob | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const csrf = csrfFor(path);
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'Network error');
  }

  if (!res.ok) {
    const error = await toApiError(res);
    if (error.code === 'csrf_failed' && !retried && csrfRefresher && !isPortal(path)) {
      await csrfRefresher();
      return send(method, path, options, true);
    }
    // A portal 401 says nothing about a team member's session in the same browser.
    if (error.status === 401 && error.code === 'unauthenticated' && !isPortal(path)) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }

  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json();
  if (!options.schema) return data as T;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    // The server answered something the contracts do not describe. Keep going with what we got,
    // but say so loudly: this is a client/server mismatch to fix, not a user error.
    console.error(`Response of ${method} ${path} does not match its contract`, parsed.error);
    return data as T;
  }
  return parsed.data;
}

/** What an upload has sent so far. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

function errorFromText(status: number, statusText: string, text: string): ApiError {
  let payload: unknown = null;
  try {
    payload = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): a generic error below.
  }
  const parsed = errorBody.safeParse(payload);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(status, code, message, fields ?? []);
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', statusText || 'Request failed');
}

/**
 * POSTs a multipart form with XMLHttpRequest, which reports the upload's progress (fetch cannot
 * in every browser). The file streams from disk; nothing is read into memory here.
 */
function upload<T>(
  path: string,
  form: FormData,
  schema: Parser<T> | undefined,
  onProgress: ((p: UploadProgress) => void) | undefined,
  retried: boolean,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.({ loaded: e.loaded, total: e.total });
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        const error = errorFromText(xhr.status, xhr.statusText, xhr.responseText);
        if (error.code === 'csrf_failed' && !retried && csrfRefresher) {
          csrfRefresher().then(
            () => upload(path, form, schema, onProgress, true).then(resolve, reject),
            reject,
          );
          return;
        }
        if (error.status === 401 && error.code === 'unauthenticated')
          for (const listener of unauthenticatedListeners) listener();
        reject(error);
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        reject(new ApiError(xhr.status, 'unknown', 'The answer was not JSON'));
        return;
      }
      const parsed = schema?.safeParse(data);
      if (parsed && !parsed.success)
        console.error(`Response of POST ${path} does not match its contract`, parsed.error);
      resolve(parsed?.success ? parsed.data : (data as T));
    };
    xhr.send(form);
  });
}

export const api = {
  /** POST a multipart form (a file and its fields), reporting the upload's progress. */
  upload: <T>(path: string, form: FormData, schema?: Parser<T>, onProgress?: (p: UploadProgress) => void) =>
    upload<T>(path, form, schema, onProgress, false),
  get: <T>(path: string, schema?: Parser<T>, options: Omit<RequestOptions<T>, 'schema' | 'body'> = {}) =>
    send<T>('GET', path, { ...options, schema }, false),
  post: <T>(path: string, body?: unknown, schema?: Parser<T>) =>
    send<T>('POST', path, { body, schema }, false),
  /** POST a file as the body itself (e.g. `text/csv`), with query parameters. */
  postRaw: <T>(
    path: string,
    raw: { body: Blob | string; contentType: string },
    schema?: Parser<T>,
    query?: Query,
  ) => send<T>('POST', path, { raw, schema, query }, false),
  put: <T>(path: string, body: unknown, schema?: Parser<T>) => send<T>('PUT', path, { body, schema }, false),
  patch: <T>(path: string, body: unknown, schema?: Parser<T>) =>
    send<T>('PATCH', path, { body, schema }, false),
  delete: <T>(path: string, schema?: Parser<T>) => send<T>('DELETE', path, { schema }, false),
};
