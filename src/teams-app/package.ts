import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { z } from 'zod';
import { COMMANDS, type CommandId } from '../bot/commands.ts';
import { guid } from '../config.ts';
import type { Language } from '../i18n/language.ts';
import { t } from '../i18n/messages.ts';
import { formatIssues } from '../validation.ts';

export const MANIFEST_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));
export const PACKAGE_FILE = 'council-bot.zip';

/** What Teams shows in the compose box's command menu: what members use most, then the chair's review. */
export const MANIFEST_COMMANDS: readonly CommandId[] = [
  'next-meeting',
  'deadlines',
  'meetings',
  'propose',
  'mine',
  'agenda',
  'review',
  'stop-reminders',
  'council',
  'help',
];
// One list per scope kind, as the schema asks; the same commands work in all of them.
const COMMAND_SCOPES = [['personal'], ['team', 'groupChat']] as const;
const LOCALIZED: readonly Exclude<Language, 'en'>[] = ['sv', 'da'];
// Without a bot registration the package still validates, but Teams will not accept it.
const UNREGISTERED_ID = '00000000-0000-0000-0000-000000000000';

const envSchema = z.object({
  MicrosoftAppId: z.string().trim().regex(guid, "must be a GUID (the bot's app id)").optional().or(z.literal('')),
  TEAMS_APP_ID: z.string().trim().regex(guid, 'must be a GUID (the Teams app id)').optional().or(z.literal('')),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://bot.example.org' })
    .optional()
    .or(z.literal('')),
  PORT: z.string().optional(),
});

export type PackageSettings = { botId: string; teamsAppId: string; baseUrl: string; version: string };

/** The package's settings from the environment, with warnings for what makes it unusable in Teams. */
export function packageSettings(env: Record<string, string | undefined>): { settings: PackageSettings; warnings: string[] } {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment:\n${formatIssues(parsed.error.issues, 'env').join('\n')}`);
  const e = parsed.data;
  const warnings: string[] = [];
  if (!e.MicrosoftAppId) warnings.push(`MicrosoftAppId is not set: the package uses ${UNREGISTERED_ID}; Teams needs the bot's registered app id.`);
  const baseUrl = (e.PUBLIC_BASE_URL || `http://localhost:${e.PORT || 3978}`).replace(/\/+$/, '');
  if (!baseUrl.startsWith('https://')) warnings.push(`the tab is at ${baseUrl}/tab: Teams loads tabs only over https (set PUBLIC_BASE_URL, e.g. a dev tunnel).`);
  const botId = (e.MicrosoftAppId || UNREGISTERED_ID).toLowerCase();
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return { settings: { botId, teamsAppId: (e.TEAMS_APP_ID || botId).toLowerCase(), baseUrl, version }, warnings };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces {{NAME}} in every string of the template; the values were validated, so nothing else can enter. */
function fill(value: Json, values: Record<string, string>): Json {
  if (typeof value === 'string') return value.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values)]));
  return value;
}

function command(id: CommandId, language: Language) {
  const spec = COMMANDS.find((c) => c.id === id);
  if (!spec) throw new Error(`unknown command ${id}`);
  return { title: t(language, spec.nameKey), description: t(language, spec.descriptionKey) };
}

const readJson = (file: string) => JSON.parse(readFileSync(`${MANIFEST_DIR}${file}`, 'utf8')) as { [key: string]: Json };

/**
 * The files of the Teams app package: the manifest from manifest/manifest.json with the ids and
 * host filled in, its sv/da localisations, and the icons. The command menus come from the bot's own
 * command catalogue, so Teams suggests exactly what the bot understands, in each language.
 */
export function appPackageFiles(s: PackageSettings): Record<string, Uint8Array> {
  const manifest = fill(readJson('manifest.json'), {
    VERSION: s.version,
    TEAMS_APP_ID: s.teamsAppId,
    BOT_ID: s.botId,
    BASE_URL: s.baseUrl,
    HOST: new URL(s.baseUrl).hostname,
  }) as { bots: { commandLists: Json }[] };
  manifest.bots[0]!.commandLists = COMMAND_SCOPES.map((scopes) => ({
    scopes: [...scopes],
    commands: MANIFEST_COMMANDS.map((id) => command(id, 'en')),
  }));
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(`${MANIFEST_DIR}color.png`),
    'outline.png': readFileSync(`${MANIFEST_DIR}outline.png`),
  };
  for (const language of LOCALIZED) {
    const localized: Record<string, Json> = readJson(`${language}.json`);
    COMMAND_SCOPES.forEach((_, list) =>
      MANIFEST_COMMANDS.forEach((id, i) => {
        const c = command(id, language);
        localized[`bots[0].commandLists[${list}].commands[${i}].title`] = c.title;
        localized[`bots[0].commandLists[${list}].commands[${i}].description`] = c.description;
      }),
    );
    files[`${language}.json`] = strToU8(`${JSON.stringify(localized, null, 2)}\n`);
  }
  return files;
}

export function zipPackage(files: Record<string, Uint8Array>): Uint8Array {
  // A fixed timestamp makes the same inputs give the same bytes.
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: new Date('2026-01-01T00:00:00Z') }]])), { level: 9 });
}
