import { makeTemplates } from './server.ts';

/**
 * Once per run, before any browser file: the web app is built when stale and the run's template
 * data directories are written (server.ts). Files then only copy a template, so several can run
 * at the same time without two of them building or writing a template at once.
 */
export default async function setup() {
  await makeTemplates();
}
