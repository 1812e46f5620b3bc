#!/usr/bin/env node
// The `evergreen` command: runs the TypeScript sources through tsx's loader. The Node.js version
// is checked first, before anything that may need a newer Node is loaded (hence the dynamic imports).
// A help request is answered from the help table alone, without loading the server.
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
const { register } = await import('tsx/esm/api');
register();
const { helpRequest } = await import('../apps/server/src/cli-help.ts');
const help = helpRequest(process.argv.slice(2));
if (help !== null) {
  console.log(help);
} else {
  const { runCli } = await import('../apps/server/src/cli.ts');
  runCli();
}
