/**
 * Polls `read` until `done` holds for what it returned, then returns that value; after `timeoutMs`
 * it fails with the last value read. For work another process or a background job finishes (an
 * import run, a worker's write): the test waits for the state it needs, never for a fixed time.
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  { timeoutMs = 15_000, everyMs = 20, what = 'the condition' } = {},
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) {
      throw new Error(`${what} did not hold within ${timeoutMs} ms; last: ${JSON.stringify(v)}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
