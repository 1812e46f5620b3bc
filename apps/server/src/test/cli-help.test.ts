import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** `evergreen <command> --help` (and -h) prints that command's usage, options and an example, and exits 0. */

const root = fileURLToPath(new URL('../../../..', import.meta.url));
const bin = join(root, 'bin/evergreen.mjs');
const run = promisify(execFile);

// A data directory nobody uses: help must not open (or create) a database.
const env = { ...process.env, EVERGREEN_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'evg-help-')), 'data') };
const evergreen = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env, cwd: root });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

// What each command's help must say, written out here rather than read from the CLI's table.
const expected: Record<string, { usage: string; option?: string; example: string }> = {
  start: { usage: 'Usage: evergreen start [--build]', option: '--build', example: 'evergreen start --build' },
  migrate: {
    usage: 'Usage: evergreen migrate',
    example: 'DATABASE_URL=postgres://user@host:5432/evergreen evergreen migrate',
  },
  demo: { usage: 'Usage: evergreen demo', example: 'evergreen demo' },
  user: {
    usage: 'Usage: evergreen user create --email E --name N',
    option: '--role',
    example: 'evergreen user create',
  },
  import: {
    usage: 'Usage: evergreen import posts|metrics|orders FILE --workspace SLUG',
    option: '--mode',
    example: 'evergreen import orders',
  },
  report: {
    usage: 'Usage: evergreen report NAME --workspace SLUG',
    option: '--format',
    example: 'evergreen report engagement',
  },
  backup: { usage: 'Usage: evergreen backup [FILE]', option: 'FILE', example: 'evergreen backup ' },
  restore: { usage: 'Usage: evergreen restore FILE', option: 'FILE', example: 'evergreen restore ' },
  export: {
    usage: 'Usage: evergreen export --workspace SLUG [--out FILE]',
    option: '--include-payment-details',
    example: 'evergreen export --workspace glow',
  },
  'import-archive': {
    usage: 'Usage: evergreen import-archive FILE [--slug NEW]',
    option: '--slug NEW',
    example: 'evergreen import-archive ',
  },
};

// Each spawn starts Node and the TypeScript loader; a help request loads only cli-help.ts.
describe('evergreen --help', { timeout: 60_000 }, () => {
  it('lists every command and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await evergreen(flag);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('Usage: evergreen <command> [options]');
      for (const name of Object.keys(expected)) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });

  it.each(Object.entries(expected))(
    '%s --help and -h print its usage, options and an example',
    async (name, e) => {
      const args = name === 'user' ? ['user', 'create'] : [name];
      for (const flag of ['--help', '-h']) {
        const r = await evergreen(...args, flag);
        expect(r.code, `${name} ${flag}: ${r.stderr}`).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout.startsWith(e.usage)).toBe(true);
        if (e.option)
          expect(r.stdout).toMatch(
            new RegExp(`Options:\\n(  .+\\n)*  ${e.option.replace(/[-[\]]/g, '\\$&')}`),
          );
        expect(r.stdout).toMatch(new RegExp(`Examples?:\\n(  .+\\n)*  ${e.example}`));
        expect(r.stdout).not.toContain('Unknown option');
      }
    },
  );

  it('help NAME works too, and a mistyped option shows the usage and exits 1', async () => {
    const r = await evergreen('help', 'report');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(expected.report!.usage)).toBe(true);
    const bad = await evergreen('report', 'engagement', '--workspace', 'x', '--fromm', '2026-01-01');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Unknown option '--fromm'");
    expect(bad.stderr).toContain(expected.report!.usage);
  });
});
