// Writes the OpenAPI document to docs/api/openapi.json (committed; CI checks it is current).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@evergreen/db';
import { buildOfflineApp } from './offline-app.ts';

const database = await openDatabase({ dataDir: 'memory://' });
const app = await buildOfflineApp(database, { publicUrl: 'http://localhost:4100', loginRateLimit: 10 });
await app.ready();
const file = fileURLToPath(new URL('../../../../docs/api/openapi.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
console.log(`Wrote ${file}`);
