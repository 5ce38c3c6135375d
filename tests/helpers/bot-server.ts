import { Writable } from 'node:stream';
import { pino } from 'pino';
import { loadConfiguredCouncils, startApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Store } from '../../src/store/store.ts';
import { startConnector, type Connector } from './connector.ts';
import { freshPgliteStore } from './stores.ts';

export type TestBot = {
  url: string;
  app: App;
  store: Store;
  connector: Connector;
  /** The bot's structured log lines, parsed. */
  logs: Record<string, unknown>[];
  /** POSTs an activity to /api/messages as the Bot Service does. */
  post(activity: object): Promise<Response>;
  stop(): Promise<void>;
};

/**
 * Starts the real HTTP service on a free port, with its own store and a connector stand-in.
 * `env` is the same environment the process would read (COUNCIL, COUNCILS_DIR, ALLOWED_TENANTS, ...).
 */
export async function startTestBot(env: Record<string, string> = {}, store?: Store, opts: { clock?: () => Date } = {}): Promise<TestBot> {
  // Reminders are sent only where a test asks for them (REMINDER_INTERVAL_SECONDS).
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'debug', REMINDER_INTERVAL_SECONDS: '0', ...env });
  const { councils, defaultCouncil, knowledge } = loadConfiguredCouncils(config);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  const connector = await startConnector();
  const theStore = store ?? (await freshPgliteStore());
  const app = await startApp({ config, councils, defaultCouncil, knowledge, store: theStore, log, host: '127.0.0.1', ...opts });
  return {
    url: app.http.url,
    app,
    store: theStore,
    connector,
    logs,
    post: (activity) =>
      fetch(`${app.http.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      }),
    async stop() {
      await app.stop();
      await connector.close();
    },
  };
}
