import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbDriver: 'pglite' | 'postgres';
    pgliteTemplate: string;
    pgTemplate: string;
    pgUrl: string;
  }
}

/**
 * Migrates once per run: a PGlite dump that each test file loads, and on PostgreSQL a
 * template database that each test file copies with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const driver = (project.config.env?.EVERGREEN_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';
  project.provide('dbDriver', driver);
  if (driver === 'pglite') {
    const dir = join(tmpdir(), `evergreen-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(db);
    const dump = await db.pglite!.dumpDataDir('none');
    await db.close();
    const file = join(dir, 'template.tar');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    project.provide('pgTemplate', '');
    project.provide('pgUrl', '');
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the postgres test project');
  const template = `evergreen_tmpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 1 });
  await migrateDatabase(db);
  await db.close();
  project.provide('pgTemplate', template);
  project.provide('pgUrl', url);
  project.provide('pgliteTemplate', '');
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // Test databases of files that crashed are dropped too.
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like 'evergreen_t_${process.pid}_%' or datname = $1`,
      [template],
    );
    for (const r of rows) await c.query(`drop database if exists ${r.datname} with (force)`);
    await c.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
