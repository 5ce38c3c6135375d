import { existsSync } from 'node:fs';
import { loadConfiguredCouncils, startApp, StartupError, storeOptions } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { CouncilFileError } from './councils/load.ts';
import { KnowledgeError } from './knowledge/base.ts';
import { LexiconError } from './knowledge/lexicon.ts';
import { createLogger } from './log.ts';
import { openStore } from './store/store.ts';

/** Exit codes: 2 for a configuration or council-file problem, 1 for anything else. */
function fail(lines: string[], code: number): never {
  for (const line of lines) process.stderr.write(`council-bot: ${line}\n`);
  process.exit(code);
}

if (existsSync('.env')) process.loadEnvFile('.env');

let setup;
try {
  const config = loadConfig(process.env);
  setup = { config, ...loadConfiguredCouncils(config) };
} catch (err) {
  if (err instanceof ConfigError || err instanceof CouncilFileError) fail(err.problems, 2);
  if (err instanceof KnowledgeError || err instanceof LexiconError) fail(err.problems, 2);
  if (err instanceof StartupError) fail([err.message], 2);
  throw err;
}
const { config, councils, defaultCouncil, knowledge } = setup;
const log = createLogger(config.logLevel);

if (!config.auth.appId) {
  log.warn(
    '!!! LOCAL MODE: MicrosoftAppId is empty, so Bot Framework authentication is OFF and anyone who can reach ' +
      'this port can talk to the bot. Set MicrosoftAppId and MicrosoftAppPassword before exposing it.',
  );
}

const options = storeOptions(config);
let store;
try {
  store = await openStore(options);
} catch (err) {
  const where = options.kind === 'postgres' ? 'DATABASE_URL' : `DATA_DIR (${options.dataDir})`;
  fail([`store: cannot open the ${options.kind} store at ${where}: ${err instanceof Error ? err.message : String(err)}`], 1);
}

const app = await startApp({ config, councils, defaultCouncil, knowledge, store, log });
log.info(
  { url: app.http.url, store: store.kind, councils: [...councils.keys()], defaultCouncil: defaultCouncil.id },
  `council-bot listening on ${app.http.url}/api/messages`,
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
