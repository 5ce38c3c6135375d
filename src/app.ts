import path from 'node:path';
import { CouncilBot } from './bot/council-bot.ts';
import { MeetingService } from './meetings/service.ts';
import { ProposalService } from './proposals/service.ts';
import { noticePage, noticeUrl } from './http/notice-page.ts';
import { tabOverview } from './tab/overview.ts';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { citeRule } from './knowledge/cite.ts';
import { CalendarLinks, newSigningKey, SIGNING_KEY_SECRET } from './calendar/links.ts';
import { InviteMailer } from './calendar/mail.ts';
import { CalendarService } from './calendar/service.ts';
import { adapterDeliver } from './scheduler/deliver.ts';
import { ReminderDispatcher } from './scheduler/dispatcher.ts';
import { startLoop, type Loop } from './scheduler/loop.ts';
import { ReminderPlanner } from './scheduler/reminder-service.ts';
import type { Config } from './config.ts';
import { loadCouncils, SHIPPED_COUNCILS_DIR, type LoadedCouncil } from './councils/load.ts';
import type { Council } from './councils/schema.ts';
import type { QaEngine } from './knowledge/engine.ts';
import { loadKnowledge } from './knowledge/service.ts';
import { createAdapter } from './http/adapter.ts';
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

async function planAll(councils: ReadonlyMap<string, Council>, planner: ReminderPlanner, clock: () => Date): Promise<void> {
  for (const council of councils.values()) await planner.planCouncil(council, clock());
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
  /** The clock; tests pass a fixed one. */
  clock?: () => Date;
}): Promise<App> {
  const { config, councils, defaultCouncil, knowledge, store, log } = opts;
  const clock = opts.clock ?? (() => new Date());
  const meetings = new MeetingService(store.meetings);
  // The plans become meetings in the store now, so the first question is answered from there.
  for (const council of councils.values()) {
    await meetings.syncPlan(council, clock(), true).catch((err: unknown) => log.warn({ err, council: council.id }, 'meeting plan not synced'));
  }
  const proposals = new ProposalService(store.proposals, meetings);
  const planner = new ReminderPlanner(store.reminders, meetings, config.smtpUrl !== undefined);
  const calendarLinks = new CalendarLinks(config.calendarSigningKey ?? (await store.secret(SIGNING_KEY_SECRET, newSigningKey)), config.publicBaseUrl);
  const calendar = new CalendarService({ councils, meetingStore: store.meetings, proposals, noticeUrl: (id) => noticeUrl(config.publicBaseUrl, id) });
  const mailer = config.smtpUrl ? new InviteMailer(config.smtpUrl, config.mailFrom, calendar, clock) : undefined;
  const bot = new CouncilBot({
    reminders: planner,
    councils,
    defaultCouncil,
    knowledge,
    store,
    log,
    meetings,
    proposals,
    clock,
    appId: config.auth.appId ?? '',
    publicBaseUrl: config.publicBaseUrl,
    calendarLinks,
  });
  const adapter = createAdapter(config, log);
  const dispatcher = new ReminderDispatcher({
    store,
    councils,
    meetings,
    proposals,
    clock,
    log,
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    deliver: adapterDeliver(adapter, config.auth.appId ?? '', clock),
    mail: mailer && ((council, meeting, to) => mailer.send(council, meeting, to)),
    cite: (council, id) => citeRule(council, knowledge.get(council.id), id, council.languages[0]!),
  });
  const loops: Loop[] = [];
  if (config.reminderIntervalSeconds > 0) {
    // Planning is idempotent, so every instance may do it; sending is claimed job by job.
    loops.push(startLoop('reminder-planning', 60 * 60_000, () => planAll(councils, planner, clock), log));
    loops.push(startLoop('reminder-dispatch', config.reminderIntervalSeconds * 1000, () => dispatcher.tick(), log));
  }
  const http = createHttpServer({
    config,
    councilIds: [...councils.keys()].sort(),
    bot,
    store,
    log,
    adapter,
    noticePage: (id, lang) => noticePage({ councils, meetingStore: store.meetings, proposals }, id, lang),
    calendar: { links: calendarLinks, service: calendar, clock },
    tabOverview: (query) =>
      tabOverview({ councils, defaultCouncil, store, meetings, proposals, calendarLinks, publicBaseUrl: config.publicBaseUrl, clock }, query),
  });
  await http.listen(config.port, opts.host);
  // The rules Q&A reads its asked questions and trains its classifiers once the bot is listening:
  // together they take several times as long as building the index (a question that comes first
  // waits for its council's).
  const learning = setImmediate(() => {
    for (const engine of knowledge.values()) engine.learn();
  });
  let stopping: Promise<void> | undefined;
  return {
    http,
    store,
    stop: () =>
      (stopping ??= (async () => {
        clearImmediate(learning);
        await http.close();
        await Promise.all(loops.map((l) => l.stop()));
        mailer?.close();
        await store.close();
      })()),
  };
}
