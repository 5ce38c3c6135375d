import { performance } from 'node:perf_hooks';
import { ActivityTypes, INVOKE_RESPONSE_KEY, MessageFactory, TurnContext, type Activity } from 'botbuilder';
import { cardAttachment, renderCard } from '../cards/render.ts';
import { councilLanguage, councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { hasRole, STAFF_ROLES } from '../domain/roster.ts';
import { isLanguage, languageFromLocale, type Language } from '../i18n/language.ts';
import { t, type MessageKey, type MessageParams } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { QaEngine } from '../knowledge/engine.ts';
import type { ConversationScope, Store } from '../store/store.ts';
import { actorId, identify } from './identity.ts';
import { COMMANDS, parseCommand, type ParsedCommand } from './commands.ts';
import { MeetingHandlers, meetingActionSchema, type Reply } from './meeting-handlers.ts';
import { openRosterChats } from './proactive.ts';
import { answerCard, suggestionsCard } from './rules-cards.ts';
import type { MeetingService } from '../meetings/service.ts';
import type { ProposalService } from '../proposals/service.ts';
import { ProposalHandlers, proposalActionSchema } from './proposal-handlers.ts';
import { PersonalDataHandlers, personalDataActionSchema } from './personal-data-handlers.ts';
import { ReminderHandlers } from './reminder-handlers.ts';
import type { CalendarLinks } from '../calendar/links.ts';
import type { ReminderPlanner } from '../scheduler/reminder-service.ts';

export type BotDeps = {
  councils: ReadonlyMap<string, Council>;
  defaultCouncil: Council;
  /** Rules Q&A per council id; a council without rules has none. */
  knowledge: ReadonlyMap<string, QaEngine>;
  store: Store;
  log: Logger;
  meetings: MeetingService;
  proposals: ProposalService;
  reminders: ReminderPlanner;
  publicBaseUrl: string | undefined;
  /** Signed links to invites and feeds; none when the bot has no public address. */
  calendarLinks?: CalendarLinks | undefined;
  /** The bot's app id ('' in local mode), for proactive messages. */
  appId: string;
  clock: () => Date;
};

/** What one turn is about, worked out once from the activity and the store. */
type Turn = {
  ctx: TurnContext;
  council: Council;
  language: Language;
  scope: ConversationScope;
  /** The team id for team channels, else the conversation id: what a council is bound to. */
  conversationKey: string;
  bound: boolean;
};

function scopeOf(activity: Activity): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

function teamIdOf(activity: Activity): string | undefined {
  const data = activity.channelData as { team?: { id?: unknown } } | undefined;
  return typeof data?.team?.id === 'string' ? data.team.id : undefined;
}

function clientLocale(activity: Activity): string | undefined {
  if (activity.locale) return activity.locale;
  const info = activity.entities?.find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  return typeof info?.locale === 'string' ? info.locale : undefined;
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

// References and bindings change rarely; these bound how stale an instance's copy may be.
const REMEMBER_TTL_MS = 60 * 60_000;
const BINDING_TTL_MS = 30_000;
const CACHE_LIMIT = 50_000;

export class CouncilBot {
  private readonly meetings: MeetingHandlers;
  private readonly proposals: ProposalHandlers;
  private readonly reminders: ReminderHandlers;
  private readonly personalData: PersonalDataHandlers;
  private readonly remembered = new Map<string, { serviceUrl: string; at: number }>();
  private readonly bindingCache = new Map<string, { councilId: string | undefined; at: number }>();

  constructor(private readonly deps: BotDeps) {
    this.meetings = new MeetingHandlers(deps);
    this.proposals = new ProposalHandlers(deps);
    this.reminders = new ReminderHandlers(deps);
    // After an erasure the person's chats are gone from the store; forget that they were stored.
    this.personalData = new PersonalDataHandlers({ ...deps, onErased: () => this.remembered.clear() });
  }

  /** The turn handler given to CloudAdapter.process. Logs one line per turn, without message text. */
  async run(ctx: TurnContext): Promise<void> {
    const started = performance.now();
    let turn: Turn | undefined;
    let outcome = 'ok';
    try {
      turn = await this.resolveTurn(ctx);
      outcome = await this.dispatch(turn);
    } catch (err) {
      outcome = 'error';
      this.deps.log.error({ err, activityType: ctx.activity.type }, 'turn failed');
      await this.tellError(ctx, turn).catch((sendErr: unknown) =>
        this.deps.log.error({ err: sendErr }, 'could not tell the user about the error'),
      );
    } finally {
      this.deps.log.info(
        {
          activityType: ctx.activity.type,
          council: turn?.council.id,
          scope: turn?.scope,
          outcome,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        },
        'turn',
      );
    }
  }

  private async resolveTurn(ctx: TurnContext): Promise<Turn> {
    const activity = ctx.activity;
    const scope = scopeOf(activity);
    const conversationKey = teamIdOf(activity) ?? activity.conversation.id;
    let council = this.deps.defaultCouncil;
    let bound = false;
    try {
      const councilId = await this.boundCouncilId(conversationKey);
      const boundCouncil = councilId ? this.deps.councils.get(councilId) : undefined;
      if (boundCouncil) {
        council = boundCouncil;
        bound = true;
      }
    } catch (err) {
      // Without the store the bot still answers, for the default council.
      this.deps.log.warn({ err }, 'binding look-up failed');
    }
    const language = languageFromLocale(clientLocale(activity)) ?? councilLanguage(council);
    return { ctx, council, language, scope, conversationKey, bound };
  }

  private async dispatch(turn: Turn): Promise<string> {
    const { activity } = turn.ctx;
    switch (activity.type) {
      case ActivityTypes.Message:
        await this.remember(turn);
        return this.onMessage(turn);
      case ActivityTypes.ConversationUpdate:
        return this.onConversationUpdate(turn);
      case ActivityTypes.InstallationUpdate:
        if (activity.action?.startsWith('add')) await this.remember(turn);
        return 'installed';
      case ActivityTypes.Invoke:
        return this.onInvoke(turn);
      default:
        return 'ignored';
    }
  }

  /**
   * The council a team or chat is bound to, from a short-lived cache: every message needs it, and a
   * binding changes rarely (on this instance the cache is updated at once; others see it within a TTL).
   */
  private async boundCouncilId(conversationKey: string): Promise<string | undefined> {
    const cached = this.bindingCache.get(conversationKey);
    if (cached && Date.now() - cached.at < BINDING_TTL_MS) return cached.councilId;
    const binding = await this.deps.store.getBinding(conversationKey);
    if (this.bindingCache.size >= CACHE_LIMIT) this.bindingCache.clear();
    this.bindingCache.set(conversationKey, { councilId: binding?.councilId, at: Date.now() });
    return binding?.councilId;
  }

  /** Stores the conversation reference for proactive messages; a failure must not cost the reply. */
  private async remember(turn: Turn): Promise<void> {
    const a = turn.ctx.activity;
    // A reference seen recently from the same service address is stored already: no write per message.
    const seen = this.remembered.get(a.conversation.id);
    if (seen && seen.serviceUrl === a.serviceUrl && Date.now() - seen.at < REMEMBER_TTL_MS) return;
    try {
      const known = turn.scope === 'personal' ? await this.deps.store.getConversation(a.conversation.id) : undefined;
      await this.deps.store.saveConversation({
        conversationId: a.conversation.id,
        scope: turn.scope,
        tenantId: (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation.tenantId,
        teamId: teamIdOf(a),
        userId: turn.scope === 'personal' ? a.from.id : undefined,
        aadObjectId: turn.scope === 'personal' ? a.from.aadObjectId : undefined,
        serviceUrl: a.serviceUrl,
        reference: TurnContext.getConversationReference(a),
      });
      // Roster entries known only by e-mail or UPN are reached through the chat where that person
      // was once looked up; the look-up is done once per personal chat.
      if (turn.scope === 'personal' && !known?.email) {
        const who = await identify(turn.ctx, this.deps.log);
        if (who.email || who.userPrincipalName) await this.deps.store.saveIdentity(a.conversation.id, who);
      }
      if (this.remembered.size >= CACHE_LIMIT) this.remembered.clear();
      this.remembered.set(a.conversation.id, { serviceUrl: a.serviceUrl, at: Date.now() });
    } catch (err) {
      this.deps.log.warn({ err }, 'conversation reference not saved');
    }
  }

  private async onConversationUpdate(turn: Turn): Promise<string> {
    const { activity } = turn.ctx;
    const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id);
    if (!botAdded) return 'ignored';
    await this.remember(turn);
    await this.sendWelcome(turn);
    if (turn.scope === 'channel') {
      // Reminders and notices go to personal chats: open one for each roster person in the team.
      const opened = await openRosterChats(turn.ctx, this.deps, turn.council.roster).catch((err: unknown) => {
        this.deps.log.warn({ err }, 'team roster not read');
        return 0;
      });
      this.deps.log.info({ council: turn.council.id, opened }, 'personal chats opened for the roster');
    }
    return 'welcomed';
  }

  private async onMessage(turn: Turn): Promise<string> {
    const { ctx } = turn;
    // In channels Teams delivers only messages that mention the bot, but a group chat or a
    // misconfigured channel may send others: the bot stays quiet unless it is addressed.
    if (turn.scope !== 'personal') {
      const mentioned = ctx.activity.entities?.some(
        (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === ctx.activity.recipient.id,
      );
      if (!mentioned) return 'not-addressed';
    }
    // Action.Submit, the fallback of Action.Execute on older clients, arrives as a message with a value.
    const submitted = ctx.activity.value as { verb?: unknown } | undefined;
    if (submitted && typeof submitted === 'object' && 'verb' in submitted) return this.onSubmit(turn, submitted);
    const text = this.readText(ctx);
    const command = parseCommand(text);
    if (command?.language) turn = { ...turn, language: command.language };
    if (!command) return this.onQuestion(turn, text);
    switch (command.id) {
      case 'help':
        await this.sendHelp(turn);
        return 'help';
      case 'council':
        await this.say(turn, 'council.current', {
          council: councilName(turn.council, turn.language),
          id: turn.council.id,
          municipality: turn.council.municipality,
          ids: this.councilIds(),
        });
        return 'council';
      case 'bind':
        return this.bind(turn, command);
      case 'next-meeting':
        return this.send(turn, await this.meetings.next(turn), 'next-meeting');
      case 'meetings':
        return this.send(turn, await this.meetings.list(turn), 'meetings');
      case 'deadlines':
        return this.send(turn, await this.meetings.deadlines(turn), 'deadlines');
      case 'schedule':
        return this.send(turn, await this.meetings.scheduleForm(turn), 'schedule-form');
      case 'check':
        return this.send(turn, await this.meetings.check(turn), 'plan-check');
      case 'extra-meeting':
        return this.send(turn, await this.meetings.requestExtra(turn, command.arg), 'extra-meeting');
      case 'propose':
        return this.send(turn, await this.proposals.form(turn), 'proposal-form');
      case 'mine':
        return this.send(turn, await this.proposals.mine(turn), 'my-proposals');
      case 'agenda':
        return this.send(turn, await this.proposals.agenda(turn), 'agenda');
      case 'stop-reminders':
        return this.send(turn, await this.reminders.setMuted(turn, true), 'reminders-off');
      case 'start-reminders':
        return this.send(turn, await this.reminders.setMuted(turn, false), 'reminders-on');
      case 'planned-reminders':
        return this.send(turn, await this.reminders.planned(turn), 'reminders-planned');
      case 'export-data':
        for (const text of await this.personalData.exportMine(turn)) await turn.ctx.sendActivity(MessageFactory.text(text));
        return 'data-export';
      case 'erase-data':
        return this.send(turn, await this.personalData.eraseRequest(turn, command.arg), 'data-erase-request');
      case 'review': {
        const reply = await this.proposals.review(turn);
        return reply ? this.send(turn, reply, 'review') : 'review';
      }
    }
  }

  private async send(turn: Turn, reply: Reply, outcome: string): Promise<string> {
    await turn.ctx.sendActivity('card' in reply ? MessageFactory.attachment(cardAttachment(reply.card)) : MessageFactory.text(reply.text));
    return outcome;
  }

  /** Universal Actions (Action.Execute): the reply replaces the card in place, for the person who pressed. */
  private async onInvoke(turn: Turn): Promise<string> {
    const { activity } = turn.ctx;
    if (activity.name !== 'adaptiveCard/action') {
      await turn.ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body: {} } });
      return 'ignored';
    }
    const value = activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined;
    const data = value?.action?.data && typeof value.action.data === 'object' ? value.action.data : {};
    await answerInvoke(turn.ctx, await this.cardAction(turn, { ...data, verb: value?.action?.verb }));
    return 'card-action';
  }

  /** The Action.Submit fallback: the card the button was on is updated in place when Teams says which it was. */
  private async onSubmit(turn: Turn, value: object): Promise<string> {
    const reply = await this.cardAction(turn, value);
    const replyToId = turn.ctx.activity.replyToId;
    if ('card' in reply && replyToId) {
      await turn.ctx.updateActivity({ id: replyToId, type: 'message', attachments: [cardAttachment(reply.card)] });
      return 'card-action';
    }
    return this.send(turn, reply, 'card-action');
  }

  private async cardAction(turn: Turn, data: object): Promise<Reply> {
    // The card says which language it was shown in (render.ts); answer in that, whatever the client's locale.
    const lang = (data as { lang?: unknown }).lang;
    if (typeof lang === 'string' && isLanguage(lang)) turn = { ...turn, language: lang };
    const meeting = meetingActionSchema.safeParse(data);
    if (meeting.success) return this.meetings.action(turn, meeting.data);
    const proposal = proposalActionSchema.safeParse(data);
    if (proposal.success) return this.proposals.action(turn, proposal.data);
    const personal = personalDataActionSchema.safeParse(data);
    if (personal.success) return this.personalData.erase(turn, personal.data);
    return { text: t(turn.language, 'meeting.badAction') };
  }

  /** The message text without the bot's @mention (Teams puts "<at>Name</at>" into the text). */
  private readText(ctx: TurnContext): string {
    const activity = ctx.activity;
    let text = activity.text ?? '';
    if (activity.entities?.length) text = TurnContext.removeRecipientMention(activity) ?? text;
    return text.replace(/<at>[^<]*<\/at>/g, ' ').trim();
  }

  /** Anything that is not a command is a question about the rules; the bot never guesses. */
  private async onQuestion(turn: Turn, text: string): Promise<string> {
    if (text.trim() === '') {
      await this.say(turn, 'unknown.empty');
      return 'empty';
    }
    const engine = this.deps.knowledge.get(turn.council.id);
    const result = engine?.ask(text, turn.language);
    const language = result?.language ?? turn.language;
    if (engine && result?.kind === 'answer') {
      const card = answerCard(engine, turn.council, result.entry, result.related, language);
      await turn.ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
      return 'qa-answer';
    }
    if (result?.kind === 'suggest') {
      const card = suggestionsCard(turn.council, result.suggestions, language);
      await turn.ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
      return 'qa-suggest';
    }
    const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
    await this.say({ ...turn, language }, 'qa.unknown', {
      text: shown,
      council: councilName(turn.council, language),
      secretary: secretaryContact(turn.council, language),
    });
    return 'qa-abstain';
  }

  private async bind(turn: Turn, command: ParsedCommand): Promise<string> {
    const ids = this.councilIds();
    if (!command.arg) {
      await this.say(turn, 'bind.usage', { example: turn.council.id, ids });
      return 'bind-usage';
    }
    const target = this.deps.councils.get(command.arg.toLowerCase());
    if (!target) {
      await this.say(turn, 'bind.unknownCouncil', { id: command.arg, ids });
      return 'bind-unknown';
    }
    const who = await identify(turn.ctx, this.deps.log);
    if (!hasRole(target, who, STAFF_ROLES)) {
      await this.deps.store
        .appendAudit({
          actor: actorId(turn.ctx),
          action: 'conversation.bind-refused',
          councilId: target.id,
          subject: turn.conversationKey,
          details: { reason: 'not staff of the council' },
        })
        .catch((err: unknown) => this.deps.log.warn({ err }, 'audit entry not written'));
      await this.say(turn, 'bind.notAllowed', { council: councilName(target, turn.language) });
      return 'bind-refused';
    }
    await this.deps.store.bindConversation({
      conversationKey: turn.conversationKey,
      councilId: target.id,
      boundBy: actorId(turn.ctx),
    });
    this.bindingCache.set(turn.conversationKey, { councilId: target.id, at: Date.now() });
    const language = command.language ?? languageFromLocale(clientLocale(turn.ctx.activity)) ?? councilLanguage(target);
    await this.say({ ...turn, council: target, language }, 'bind.done', { council: councilName(target, language) });
    return 'bound';
  }

  private councilIds(): string {
    return [...this.deps.councils.keys()].sort().join(', ');
  }

  private commandRows(turn: Turn, staffOnly: boolean) {
    const rows = COMMANDS.filter((c) => c.staffOnly === staffOnly).map((c) => ({
      name: t(turn.language, c.nameKey),
      description: t(turn.language, c.descriptionKey),
    }));
    if (staffOnly || !this.deps.knowledge.has(turn.council.id)) return rows;
    return [{ name: t(turn.language, 'help.ask.name'), description: t(turn.language, 'help.ask.description') }, ...rows];
  }

  private async sendWelcome(turn: Turn): Promise<void> {
    const { language, council } = turn;
    const name = councilName(council, language);
    const inTeam = turn.scope !== 'personal';
    const card = renderCard('welcome', {
      title: t(language, 'welcome.title', { council: name }),
      intro: t(language, inTeam ? 'welcome.intro.team' : 'welcome.intro.personal'),
      notice: inTeam && !turn.bound ? t(language, 'welcome.unbound', { council: name }) : '',
      commands: this.commandRows(turn, false),
      contact: t(language, 'welcome.contact', { secretary: secretaryContact(council, language) }),
      helpButton: t(language, 'welcome.helpButton'),
      helpCommand: t(language, 'command.help.name'),
    }, language);
    await turn.ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  }

  private async sendHelp(turn: Turn): Promise<void> {
    const { language, council } = turn;
    const card = renderCard('help', {
      title: t(language, 'help.title'),
      intro: t(language, 'help.intro'),
      commands: this.commandRows(turn, false),
      staffHeading: t(language, 'help.staffHeading'),
      staffCommands: this.commandRows(turn, true),
      footer: t(language, 'help.footer', {
        council: councilName(council, language),
        secretary: secretaryContact(council, language),
      }),
    }, language);
    await turn.ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  }

  private async say(turn: Turn, key: MessageKey, params: MessageParams = {}): Promise<void> {
    await turn.ctx.sendActivity(MessageFactory.text(t(turn.language, key, params)));
  }

  private async tellError(ctx: TurnContext, turn: Turn | undefined): Promise<void> {
    const isInvoke = ctx.activity.type === ActivityTypes.Invoke;
    if (ctx.activity.type !== ActivityTypes.Message && !isInvoke) return;
    const council = turn?.council ?? this.deps.defaultCouncil;
    const language = turn?.language ?? languageFromLocale(ctx.activity.locale) ?? councilLanguage(council);
    const text = t(language, 'error.generic', { secretary: secretaryContact(council, language) });
    if (!isInvoke) {
      await ctx.sendActivity(text);
      return;
    }
    // A card press that failed still gets an answer Teams can show, instead of "Something went wrong".
    if (ctx.turnState.get(INVOKE_RESPONSE_KEY)) return;
    await answerInvoke(ctx, { text });
  }
}

/** The answer to an `adaptiveCard/action` invoke: a card replaces the pressed one, a text is shown as a message. */
async function answerInvoke(ctx: TurnContext, reply: Reply): Promise<void> {
  const body =
    'card' in reply
      ? { statusCode: 200, type: CARD_CONTENT_TYPE, value: reply.card }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text };
  await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}
