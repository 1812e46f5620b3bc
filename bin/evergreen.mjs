#!/usr/bin/env node
// The `evergreen` command: runs the TypeScript sources through tsx's loader. The Node.js version
// is checked first, before anything that may need a newer Node is loaded (hence the dynamic imports).
import { requireSupportedNode } from './node-version.mjs';

requireSupportedNode();
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../apps/server/src/cli.ts');
runCli();
