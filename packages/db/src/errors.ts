/**
 * What the database's errors say, for the server to answer and log them: whether the database
 * is unreachable (a refused, dropped or refused-again connection: answer 503, try later) and a
 * form of any error fit for the logs (the SQL text at most: never the statement's parameters or
 * the values PostgreSQL echoes back, which are what users typed). docs/operations/health.md.
 */

/** Node's socket errors: the server is not there (or went away). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * SQLSTATEs of a database that cannot serve now: class 08 (connection exception; not 08P01, a
 * protocol violation, which is a bad request), 57P01–57P03
 * (terminated by an administrator, a crash, not accepting connections yet), 53300 (too many
 * connections), 3D000 (the database does not exist: dropped, or not created yet), 53100 and 53200
 * (disk full, out of memory: the statement failed for want of resources, not for its input).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '53100', '53200']);

/** node-postgres's own words for a connection that is gone or never came. */
const UNAVAILABLE_WORDS =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|is not currently accepting connections|Client was closed and is not queryable|embedded database's worker stopped/i;

type ErrorLike = Error & { code?: unknown; cause?: unknown; errors?: unknown };

/** The error and what it wraps (drizzle's query error → the driver's error; AggregateError's list). */
function* chain(err: unknown, depth = 0): Generator<ErrorLike> {
  if (!(err instanceof Error) || depth > 5) return;
  const e = err as ErrorLike;
  yield e;
  if (e.cause) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const x of e.errors) yield* chain(x, depth + 1);
}

/** Whether the error means the database cannot be reached now (a retry later may succeed). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || UNAVAILABLE_STATES.has(code) || (code.startsWith('08') && code !== '08P01'))
      return true;
    if (UNAVAILABLE_WORDS.test(e.message) || e.name === 'EmbeddedDatabaseFault') return true;
  }
  return false;
}

export type DatabaseFaultKind = 'storage_full' | 'out_of_memory' | 'io_error' | 'crashed';

/**
 * What kind of fault an error comes from, when it is one: the embedded database's own
 * (EmbeddedDatabaseFault, docs/operations/faults.md), or PostgreSQL's disk full (53100) and out of
 * memory (53200). Null for anything else.
 */
export function databaseFaultKind(err: unknown): DatabaseFaultKind | null {
  for (const e of chain(err)) {
    if (e.name === 'EmbeddedDatabaseFault') return (e as ErrorLike & { kind: DatabaseFaultKind }).kind;
    if (e.code === '53100') return 'storage_full';
    if (e.code === '53200') return 'out_of_memory';
  }
  return null;
}

/** PostgreSQL's fields that name where an error happened, never a value. */
const SAFE_FIELDS = ['severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/**
 * A message without what users typed: drizzle's "Failed query: … params: …" keeps its SQL text
 * only; PostgreSQL's messages lose their quoted values (`invalid input syntax for type uuid:
 * "…"`) — its `table`, `column` and `constraint` still say where.
 */
function safeMessage(e: ErrorLike, database: boolean): string {
  const m = e.message.replace(/\nparams: [\s\S]*$/, '');
  return database ? m.replace(/"[^"]*"/g, '"…"') : m;
}

export interface LoggedError {
  type: string;
  message: string;
  code?: string;
  /** The statement's SQL text (with $1… placeholders), never its parameters. */
  query?: string;
  /** Empty when the error has none. */
  stack: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/**
 * An error as the logs may keep it: its type, message and stack without parameters or echoed
 * values, the SQLSTATE and where it happened, the SQL text, and what it wraps. Drops `params`,
 * `parameters`, PostgreSQL's `detail` ("Key (email)=(…) already exists"), `where`, `hint`
 * and `internalQuery`.
 */
export function errorForLog(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: 'a thrown non-error value', stack: '' };
  const e = err as ErrorLike & Record<string, unknown>;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const database = !!code && /^[0-9A-Z]{5}$/.test(code);
  const message = safeMessage(e, database);
  const out: LoggedError = { type: e.name, message, stack: '' };
  if (code) out.code = code;
  if (typeof e.query === 'string') out.query = e.query;
  if (database) for (const f of SAFE_FIELDS) if (typeof e[f] === 'string') out[f] = e[f];
  if (e.stack) {
    const at = e.stack.indexOf('\n    at ');
    out.stack = `${e.name}: ${message}${at >= 0 ? e.stack.slice(at) : ''}`;
  }
  if (e.cause && depth < 5) out.cause = errorForLog(e.cause, depth + 1);
  return out;
}
