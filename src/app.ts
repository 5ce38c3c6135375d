import path from 'node:path';
import { CouncilBot } from './bot/council-bot.ts';
import type { Config } from './config.ts';
import { loadCouncils, SHIPPED_COUNCILS_DIR, type LoadedCouncil } from './councils/load.ts';
import type { Council } from './councils/schema.ts';
import type { QaEngine } from './knowledge/engine.ts';
import { loadKnowledge } from './knowledge/service.ts';
import { createHttpServer, type HttpServer } from './http/server.ts';
import type { Logger } from './log.ts';
import type { Store, StoreOptions } from './store/store.ts';

export class StartupError extends Error {}

export function councilDirs(config: Config): string[] {
  return config.councilsDir ? [SHIPPED_COUNCILS_DIR, path.resolve(config.councilsDir)] : [SHIPPED_COUNCILS_DIR];
}

/** Loads the councils, their rules Q&A, and checks that the default council exists. */
export function loadConfiguredCouncils(config: Config): {
  councils: Map<string, LoadedCouncil>;
  defaultCouncil: Council;
  knowledge: Map<string, QaEngine>;
} {
  const councils = loadCouncils(councilDirs(config));
  const defaultCouncil = councils.get(config.defaultCouncil);
  if (!defaultCouncil) {
    throw new StartupError(
      `env: COUNCIL: there is no council "${config.defaultCouncil}"; known councils: ${[...councils.keys()].sort().join(', ')}`,
    );
  }
  return { councils, defaultCouncil, knowledge: loadKnowledge(councils) };
}

export function storeOptions(config: Config): StoreOptions {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: path.resolve(config.dataDir, 'pglite') };
}

export type App = { http: HttpServer; store: Store; stop(): Promise<void> };

/** Wires the bot and the HTTP service around an open store; the caller owns nothing after this. */
export async function startApp(opts: {
  config: Config;
  councils: Map<string, Council>;
  defaultCouncil: Council;
  knowledge: ReadonlyMap<string, QaEngine>;
  store: Store;
  log: Logger;
  host?: string;
}): Promise<App> {
  const { config, councils, defaultCouncil, knowledge, store, log } = opts;
  const bot = new CouncilBot({ councils, defaultCouncil, knowledge, store, log });
  const http = createHttpServer({ config, councilIds: [...councils.keys()].sort(), bot, store, log });
  await http.listen(config.port, opts.host);
  let stopping: Promise<void> | undefined;
  return {
    http,
    store,
    stop: () =>
      (stopping ??= (async () => {
        await http.close();
        await store.close();
      })()),
  };
}
