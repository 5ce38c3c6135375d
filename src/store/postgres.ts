import pg from 'pg';
import type { Database, SqlClient } from './database.ts';

function wrap(client: pg.Pool | pg.PoolClient): SqlClient {
  return {
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<Row & pg.QueryResultRow>(sql, params as unknown[]);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export type PostgresOptions = {
  /** A schema to use instead of public (tests give each suite its own). */
  schema?: string;
  maxConnections?: number;
};

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const withConnection = async <T>(fn: (c: SqlClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(wrap(client));
    } finally {
      client.release();
    }
  };
  // Fail at start-up, with the driver's reason, rather than on the first user's message.
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    withConnection,
    transaction: (fn) =>
      withConnection(async (client) => {
        await client.exec('BEGIN');
        try {
          const result = await fn(client);
          await client.exec('COMMIT');
          return result;
        } catch (err) {
          await client.exec('ROLLBACK');
          throw err;
        }
      }),
    close: () => pool.end(),
  };
}
