import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/store/store.ts';

let template: Blob | undefined;

/** A fresh embedded store, copied from the suite's migrated template. */
export async function freshPgliteStore(): Promise<Store> {
  template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openStore({ kind: 'pglite', dataDir: 'memory://', loadDataDir: template });
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** A schema of its own in the test PostgreSQL, so that suites running side by side never meet. */
export async function freshPostgresSchema(): Promise<{ schema: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

export type Engine = { name: 'pglite' | 'postgres'; open(): Promise<{ store: Store; dispose(): Promise<void> }> };

/** The engines a store test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  const list: Engine[] = [
    {
      name: 'pglite',
      async open() {
        const store = await freshPgliteStore();
        return { store, dispose: () => store.close() };
      },
    },
  ];
  if (TEST_DATABASE_URL) {
    const url = TEST_DATABASE_URL;
    list.push({
      name: 'postgres',
      async open() {
        const { schema, drop } = await freshPostgresSchema();
        const store = await openStore({ kind: 'postgres', url, postgres: { schema, maxConnections: 4 } });
        return {
          store,
          async dispose() {
            await store.close();
            await drop();
          },
        };
      },
    });
  }
  return list;
}
