import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, SqlClient } from './database.ts';

function wrap(client: Pick<PGlite, 'query' | 'exec'>): SqlClient {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<Row>(sql, params as unknown[]);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await client.exec(sql);
    },
  };
}

export type PgliteDatabase = Database & {
  /** A copy of the whole database as a tarball, which `openPglite` can start from. */
  dumpDataDir(): Promise<Blob>;
};

/** Opens the embedded PostgreSQL in `dataDir` (created on first use), or in memory for "memory://". */
export async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<PgliteDatabase> {
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
  const client = wrap(db);
  return {
    kind: 'pglite',
    ...client,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    // PGlite has exactly one connection, so every call is already on the same one.
    withConnection: (fn) => fn(client),
    dumpDataDir: () => db.dumpDataDir('none'),
    close: () => db.close(),
  };
}
