#!/usr/bin/env node
// The `evergreen` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../apps/server/src/cli.ts');
runCli();
