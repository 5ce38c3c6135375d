import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/store/migrate.ts';
import { openPglite } from '../../src/store/pglite.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a migrated PGlite database, dumped. */
    pgliteTemplate: string;
  }
}

/**
 * Creating a PGlite database runs initdb (seconds); loading a dumped one takes well under one.
 * So the suite migrates one database once and every test starts from a copy of it.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'council-bot-template-'));
  const file = path.join(dir, 'pglite.tar');
  const db = await openPglite('memory://');
  await migrate(db);
  writeFileSync(file, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
