/** The little the store needs from a SQL driver; PGlite and node-postgres both fit it. */
export interface SqlClient {
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database extends SqlClient {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection (session-level locks need that). */
  withConnection<T>(fn: (client: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
