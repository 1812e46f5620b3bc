import { randomBytes } from 'node:crypto';
// Writes the OpenAPI document to docs/api/openapi.json (committed; CI checks it is current).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSecretBox, nullMailer, systemClock } from '@evergreen/core';
import { openDatabase } from '@evergreen/db';
import { buildApp } from '../app.ts';

const database = await openDatabase({ dataDir: 'memory://' });
const app = await buildApp({
  db: database.db,
  driver: database.driver,
  clock: systemClock,
  mailer: nullMailer,
  box: createSecretBox(randomBytes(32)),
  publicUrl: 'http://localhost:4100',
  openSignup: true,
  secureCookies: false,
  loginRateLimit: 10,
  demoLogin: null,
});
await app.ready();
const file = fileURLToPath(new URL('../../../../docs/api/openapi.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
console.log(`Wrote ${file}`);
