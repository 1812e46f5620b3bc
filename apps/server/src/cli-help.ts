/**
 * The `evergreen` command's help: every command's usage, options and examples. It imports nothing
 * of the server, so `bin/evergreen.mjs` answers `--help` without loading the application (a help
 * request costs the TypeScript loader alone, not the database, HTTP and mail stacks).
 */

interface CommandHelp {
  /** The line under "Usage:", after `evergreen `. */
  usage: string;
  summary: string;
  options: [string, string][];
  examples: string[];
}

/** Every command's usage, options and examples: `evergreen <command> --help` prints its own. */
export const COMMANDS: Record<string, CommandHelp> = {
  start: {
    usage: 'start [--build]',
    summary: 'Start the server (web app and API) on PORT, with the outbox and the scheduler.',
    options: [['--build', 'build the web app first when its sources changed (npm start does)']],
    examples: ['evergreen start --build'],
  },
  migrate: {
    usage: 'migrate',
    summary: 'Apply the database migrations and exit.',
    options: [],
    examples: ['DATABASE_URL=postgres://user@host:5432/evergreen evergreen migrate'],
  },
  demo: {
    usage: 'demo',
    summary: 'Load the demo workspace again (the old demo workspace is deleted; real ones are untouched).',
    options: [],
    examples: ['evergreen demo'],
  },
  user: {
    usage:
      'user create --email E --name N [--password P] [--workspace SLUG --role owner|manager|analyst]\n       evergreen user password --email E [--password P]',
    summary:
      'Create an account, optionally as a member of a workspace; or set a new password for an account (every session of it ends), for installations without email.',
    options: [
      ['--email E', 'the sign-in email (required)'],
      ['--name N', 'the person’s name (required)'],
      ['--password P', 'at least 10 characters; a password is generated and printed when none is given'],
      ['--workspace SLUG', 'also make them a member of this workspace'],
      ['--role ROLE', 'owner (default), manager or analyst'],
    ],
    examples: [
      'evergreen user create --email maria@team.example --name "Maria Manager" --workspace glow --role manager',
      'evergreen user password --email maria@team.example',
    ],
  },
  import: {
    usage:
      'import posts|metrics|orders FILE --workspace SLUG [--mode all_or_nothing|valid_rows] [--preset NAME | --mapping NAME] [--bulk-rebuild-indexes]',
    summary:
      'Import a CSV (columns: docs/csv.md) as the workspace’s owner; progress on stderr, exit 1 when the file is refused.',
    options: [
      ['--workspace SLUG', 'the workspace to import into (required)'],
      ['--mode MODE', 'all_or_nothing (default: any bad row refuses the file) or valid_rows (skip bad rows)'],
      [
        '--preset NAME',
        'read the file as a built-in preset (shopify, woocommerce, woocommerce-analytics, ozon, youtube, meta, tiktok; docs/csv.md, "Presets")',
      ],
      ['--mapping NAME', 'read the file with a column mapping saved in the workspace'],
      [
        '--bulk-rebuild-indexes',
        'orders only, an idle installation only: a first load of history drops and rebuilds the orders indexes (refused while others are connected)',
      ],
    ],
    examples: [
      'evergreen import orders orders-2026-11.csv --workspace glow --mode valid_rows',
      'evergreen import orders history.csv --workspace glow --bulk-rebuild-indexes',
      'evergreen import orders orders_export.csv --workspace glow --preset shopify',
    ],
  },
  report: {
    usage: 'report NAME --workspace SLUG [--from D --to D --creator ID] [--format json|csv]',
    summary:
      'Print a performance report to stdout. NAME: compounding, engagement, conversion-lag, creators, portfolio, partnerships-vs-one-offs, creator-results.',
    options: [
      ['--workspace SLUG', 'the workspace (required)'],
      ['--from D, --to D', 'the period, YYYY-MM-DD (default: the report’s own)'],
      ['--creator ID', 'the creator, for creator-results'],
      ['--format FORMAT', 'json (default) or csv'],
    ],
    examples: ['evergreen report engagement --workspace glow --from 2026-01-01 --to 2026-06-30 --format csv'],
  },
  backup: {
    usage: 'backup [FILE]',
    summary:
      'Copy the embedded database into one .tar.gz file (stop the server first; on PostgreSQL use pg_dump).',
    options: [['FILE', 'where to write it (default: evergreen-backup-<time>.tar.gz)']],
    examples: ['evergreen backup /backups/evergreen-2026-12-07.tar.gz'],
  },
  export: {
    usage: 'export --workspace SLUG [--out FILE] [--include-payment-details]',
    summary:
      'Write one workspace to a .tar.gz archive to take elsewhere: every table as JSON Lines, the main ones as CSV, and a manifest (docs/operations/archives.md).',
    options: [
      ['--workspace SLUG', 'the workspace (required)'],
      ['--out FILE', 'where to write it (default: evergreen-<slug>-<time>.tar.gz)'],
      [
        '--include-payment-details',
        'also write creators’ payment details, decrypted (keep the file as safe as the details); left out by default',
      ],
    ],
    examples: ['evergreen export --workspace glow --out glow-2026-12-07.tar.gz'],
  },
  'import-archive': {
    usage: 'import-archive FILE [--slug NEW]',
    summary:
      'Bring a workspace archive (evergreen export) into this installation as a new workspace, all or nothing; its people become accounts without a password unless their email has one here.',
    options: [
      ['FILE', 'a file written by evergreen export (required)'],
      ['--slug NEW', 'the new workspace’s slug (default: the archived one; refused if taken)'],
    ],
    examples: ['evergreen import-archive glow-2026-12-07.tar.gz --slug glow'],
  },
  restore: {
    usage: 'restore FILE',
    summary:
      'Replace the embedded database with a backup; the replaced one is kept beside it (on PostgreSQL use pg_restore).',
    options: [['FILE', 'a file written by evergreen backup (required)']],
    examples: ['evergreen restore /backups/evergreen-2026-12-07.tar.gz'],
  },
};

/** `evergreen <command> --help`: the command's usage, what it does, its options and an example. */
export function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const width = Math.max(0, ...c.options.map(([o]) => o.length)) + 2;
  return [
    `Usage: evergreen ${c.usage}`,
    '',
    c.summary,
    ...(c.options.length ? ['', 'Options:', ...c.options.map(([o, d]) => `  ${o.padEnd(width)}${d}`)] : []),
    '',
    c.examples.length > 1 ? 'Examples:' : 'Example:',
    ...c.examples.map((e) => `  ${e}`),
    '',
    'Configuration comes from environment variables: see README.md (DATABASE_URL, EVERGREEN_DATA_DIR, PORT, SMTP_URL, …).',
  ].join('\n');
}

export const HELP = `evergreen — long-term creator partnerships

Usage: evergreen <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(15)}${c.summary.split(/(?<=\.) /)[0]}`)
  .join('\n')}

Run "evergreen <command> --help" for a command's options and an example.
Configuration comes from environment variables: see README.md (DATABASE_URL, EVERGREEN_DATA_DIR, PORT, SMTP_URL, …).`;

export const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

/**
 * The help text an argument list asks for, or null when it asks for something else:
 * `evergreen`, `evergreen help|--help|-h`, `evergreen help NAME` and `evergreen NAME … --help|-h`.
 */
export function helpRequest(argv: string[]): string | null {
  const [command, ...rest] = argv;
  if (command && Object.hasOwn(COMMANDS, command) && wantsHelp(rest)) return commandHelp(command);
  if (command === 'help' && rest[0] && Object.hasOwn(COMMANDS, rest[0])) return commandHelp(rest[0]);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return HELP;
  return null;
}
