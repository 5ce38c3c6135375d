import { z } from 'zod';
import { formatIssues } from './validation.ts';

export const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Empty strings in .env files mean "not set", so they are treated like a missing variable.
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z
  .object({
    PORT: z.coerce
      .number({ error: 'must be a port number (0-65535)' })
      .int('must be a port number (0-65535)')
      .min(0, 'must be a port number (0-65535)')
      .max(65535, 'must be a port number (0-65535)')
      .default(3978),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    REMINDER_INTERVAL_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds (0 turns the reminder scheduler off)' })
      .int('must be a whole number of seconds')
      .min(0)
      .max(3600)
      .default(30),
    COUNCIL: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a council id such as "lund"')
      .default('lund'),
    COUNCILS_DIR: optionalText,
    MicrosoftAppType: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' })
      .default('MultiTenant'),
    MicrosoftAppId: optionalText.pipe(z.string().regex(guid, 'must be a GUID (the bot\'s app id)').optional()),
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText.pipe(z.string().regex(guid, 'must be a GUID (the Entra tenant id)').optional()),
    // Only for sovereign clouds (and the tests' stand-in): where the Bot Service's signing keys are published.
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
    ALLOWED_TENANTS: optionalText.pipe(
      z
        .string()
        .transform((v) => v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))
        .pipe(z.array(z.string().regex(guid, 'each entry must be a tenant GUID')))
        .optional(),
    ),
    PUBLIC_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://bot.example.org' }).optional()),
    CALENDAR_SIGNING_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional()),
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL such as smtps://user:pass@mail.example.org' }).optional()),
    MAIL_FROM: optionalText.pipe(z.email({ error: 'must be an e-mail address' }).optional()),
    NODE_ENV: optionalText,
    ALLOW_LOCAL_MODE: optionalText.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
      .default('info'),
  })
  .superRefine((env, ctx) => {
    // Local mode (no authentication) in production is a mistake unless someone says it is on purpose.
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId && env.ALLOW_LOCAL_MODE !== 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'is required when NODE_ENV=production (without it anyone could talk to the bot); set ALLOW_LOCAL_MODE=true to run without authentication on purpose',
      });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
  });

export type Config = {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  defaultCouncil: string;
  councilsDir: string | undefined;
  auth: {
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    /** Where the Bot Service's token signing keys are described; botbuilder's default when undefined. */
    openIdMetadataUrl: string | undefined;
  };
  /** Lower-case tenant GUIDs; undefined means every tenant is accepted. */
  allowedTenants: string[] | undefined;
  publicBaseUrl: string | undefined;
  logLevel: string;
  /** How often due reminders are looked for; 0 = this instance sends none. */
  reminderIntervalSeconds: number;
  /** Signs calendar links; undefined means one is generated once and kept in the store. */
  calendarSigningKey: string | undefined;
  /** E-mail invites are sent only when this is set. */
  smtpUrl: string | undefined;
  mailFrom: string | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
  }
}

/** Parses the process environment; throws ConfigError with one line per problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues, 'env'));
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    defaultCouncil: e.COUNCIL,
    councilsDir: e.COUNCILS_DIR,
    auth: {
      appType: e.MicrosoftAppType,
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    },
    allowedTenants: e.ALLOWED_TENANTS,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    reminderIntervalSeconds: e.REMINDER_INTERVAL_SECONDS,
    calendarSigningKey: e.CALENDAR_SIGNING_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
  };
}
