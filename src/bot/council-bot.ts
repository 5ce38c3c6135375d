import { performance } from 'node:perf_hooks';
import { ActivityTypes, MessageFactory, TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import { cardAttachment, renderCard } from '../cards/render.ts';
import { councilLanguage, councilName, secretaryContact } from '../councils/display.ts';
import type { Council } from '../councils/schema.ts';
import { hasRole, STAFF_ROLES, type Identity } from '../domain/roster.ts';
import { languageFromLocale, type Language } from '../i18n/language.ts';
import { t, type MessageKey, type MessageParams } from '../i18n/messages.ts';
import type { Logger } from '../log.ts';
import type { QaEngine } from '../knowledge/engine.ts';
import type { ConversationScope, Store } from '../store/store.ts';
import { COMMANDS, parseCommand, type ParsedCommand } from './commands.ts';
import { answerCard, suggestionsCard } from './rules-cards.ts';

export type BotDeps = {
  councils: ReadonlyMap<string, Council>;
  defaultCouncil: Council;
  /** Rules Q&A per council id; a council without rules has none. */
  knowledge: ReadonlyMap<string, QaEngine>;
  store: Store;
  log: Logger;
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

export class CouncilBot {
  constructor(private readonly deps: BotDeps) {}

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
      const binding = await this.deps.store.getBinding(conversationKey);
      const boundCouncil = binding && this.deps.councils.get(binding.councilId);
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
      default:
        return 'ignored';
    }
  }

  /** Stores the conversation reference for proactive messages; a failure must not cost the reply. */
  private async remember(turn: Turn): Promise<void> {
    const a = turn.ctx.activity;
    try {
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
    }
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
    const target = this.deps.councils.get(command.arg);
    if (!target) {
      await this.say(turn, 'bind.unknownCouncil', { id: command.arg, ids });
      return 'bind-unknown';
    }
    const who = await this.identify(turn.ctx);
    if (!hasRole(target, who, STAFF_ROLES)) {
      await this.deps.store
        .appendAudit({
          actor: this.actorId(turn.ctx),
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
      boundBy: this.actorId(turn.ctx),
    });
    const language = command.language ?? languageFromLocale(clientLocale(turn.ctx.activity)) ?? councilLanguage(target);
    await this.say({ ...turn, council: target, language }, 'bind.done', { council: councilName(target, language) });
    return 'bound';
  }

  /**
   * Who is writing, as the roster knows people. Teams gives the Entra object id in the activity; the
   * e-mail and UPN come from the connector's member look-up, which may fail outside Teams.
   */
  private async identify(ctx: TurnContext): Promise<Identity> {
    const from = ctx.activity.from;
    try {
      const member = await TeamsInfo.getMember(ctx, from.id);
      return {
        aadObjectId: member.aadObjectId ?? from.aadObjectId,
        email: member.email ?? undefined,
        userPrincipalName: member.userPrincipalName ?? undefined,
      };
    } catch (err) {
      this.deps.log.debug({ err }, 'member look-up failed');
      return { aadObjectId: from.aadObjectId };
    }
  }

  private actorId(ctx: TurnContext): string {
    return ctx.activity.from.aadObjectId ?? ctx.activity.from.id;
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
    });
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
    });
    await turn.ctx.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  }

  private async say(turn: Turn, key: MessageKey, params: MessageParams = {}): Promise<void> {
    await turn.ctx.sendActivity(MessageFactory.text(t(turn.language, key, params)));
  }

  private async tellError(ctx: TurnContext, turn: Turn | undefined): Promise<void> {
    if (ctx.activity.type !== ActivityTypes.Message) return;
    const council = turn?.council ?? this.deps.defaultCouncil;
    const language = turn?.language ?? languageFromLocale(ctx.activity.locale) ?? councilLanguage(council);
    await ctx.sendActivity(t(language, 'error.generic', { secretary: secretaryContact(council, language) }));
  }
}
