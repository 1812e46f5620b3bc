import { readFileSync } from 'node:fs';

/** The URL of a file in apps/server/src/test/fixtures. */
export const fixtureFilePath = (name: string) => new URL(`../test/fixtures/${name}`, import.meta.url);

/** A file of apps/server/src/test/fixtures, as bytes. */
export const fixtureFile = (name: string) => readFileSync(fixtureFilePath(name));

/** The same, as UTF-8 text. */
export const fixtureFileText = (name: string) => readFileSync(fixtureFilePath(name), 'utf8');
