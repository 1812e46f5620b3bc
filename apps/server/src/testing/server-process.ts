import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real `evergreen` command in a child process, for the tests that need a whole server (crash
 * safety, several processes, shutdown) and for the browser tests (e2e/support/server.ts).
 */

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'bin/evergreen.mjs');

/** A TCP port nothing listens on right now (the OS picks it). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** How the process ended, once it has. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (unless it has already exited), then how it ended. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServerProcessOptions {
  /** The command's arguments after `bin/evergreen.mjs`. */
  args?: string[];
  /** Environment on top of this process's one, PORT, HOST and PUBLIC_URL (which it may override). */
  env?: Record<string, string>;
  /** A port of the caller's choice (a restart on the same address); a free one by default. */
  port?: number;
  /** The path that answers 2xx once the server is up. */
  health?: string;
  timeoutMs?: number;
  everyMs?: number;
}

/**
 * Starts `evergreen start` (or `args`) on 127.0.0.1 and returns once `health` answers 2xx. Fails
 * with the process's output if it exits first or does not answer within `timeoutMs` (then it is
 * killed).
 */
export async function startServerProcess({
  args = ['start'],
  env = {},
  port,
  health = '/api/health',
  timeoutMs = 180_000,
  everyMs = 200,
}: ServerProcessOptions = {}): Promise<ServerProcess> {
  const listenPort = port ?? (await freePort());
  const url = `http://127.0.0.1:${listenPort}`;
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, PORT: String(listenPort), HOST: '127.0.0.1', PUBLIC_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const command = `evergreen ${args.join(' ')}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited early:\n${out}`);
    try {
      if ((await fetch(`${url}${health}`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${command} did not answer ${health} within ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return {
    child,
    url,
    output: () => out,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
