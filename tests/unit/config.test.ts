import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { problemsOf } from '../helpers/problems.ts';

const APP_ID = '0b5f4a2e-1c9d-4e7f-8a3b-6d2c1e0f9a8b';

const problems = (env: Record<string, string>) => problemsOf(() => loadConfig(env));

describe('configuration from the environment', () => {
  it('has working defaults: port 3978, embedded store in ./data, Lund, local mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, dataDir: './data', databaseUrl: undefined, defaultCouncil: 'lund' });
    expect(config.auth.appId).toBeUndefined();
    expect(config.allowedTenants).toBeUndefined();
  });

  it('treats empty values, as .env files write them, as not set', () => {
    const config = loadConfig({ MicrosoftAppId: '', DATABASE_URL: '  ', ALLOWED_TENANTS: '' });
    expect(config.auth.appId).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
    expect(config.allowedTenants).toBeUndefined();
  });

  it('reads a tenant allow-list as lower-case GUIDs', () => {
    const config = loadConfig({
      ALLOWED_TENANTS: ' 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ,0b5f4a2e-1c9d-4e7f-8a3b-6d2c1e0f9a8b',
    });
    expect(config.allowedTenants).toEqual(['72f988bf-86f1-41af-91ab-2d7cd011db47', '0b5f4a2e-1c9d-4e7f-8a3b-6d2c1e0f9a8b']);
  });

  it('names every bad variable on a line of its own', () => {
    const lines = problems({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      ALLOWED_TENANTS: 'contoso',
      PUBLIC_BASE_URL: 'not a url',
    });
    expect(lines).toHaveLength(5);
    expect(lines).toContain('env: PORT: must be a port number (0-65535)');
    expect(lines.find((l) => l.startsWith('env: DATABASE_URL:'))).toMatch(/postgres:\/\//);
    expect(lines.find((l) => l.startsWith('env: LOG_LEVEL:'))).toMatch(/info/);
    expect(lines.find((l) => l.startsWith('env: ALLOWED_TENANTS'))).toMatch(/tenant GUID/);
    expect(lines.find((l) => l.startsWith('env: PUBLIC_BASE_URL:'))).toMatch(/http\(s\) URL/);
  });

  it('requires a password with an app id, and a tenant for single-tenant bots', () => {
    expect(problems({ MicrosoftAppId: APP_ID })).toEqual(['env: MicrosoftAppPassword: is required when MicrosoftAppId is set']);
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant' })).toEqual([
      'env: MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant',
    ]);
    expect(problems({ MicrosoftAppId: 'my-bot' })[0]).toMatch(/^env: MicrosoftAppId: must be a GUID/);
  });

  it('refuses local mode in production unless it is allowed on purpose', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([
      'env: MicrosoftAppId: is required when NODE_ENV=production (without it anyone could talk to the bot); set ALLOW_LOCAL_MODE=true to run without authentication on purpose',
    ]);
    expect(problems({ NODE_ENV: 'production', ALLOW_LOCAL_MODE: 'yes' })).toContain('env: ALLOW_LOCAL_MODE: must be true or false');
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_LOCAL_MODE: 'true' }).auth.appId).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' }).auth.appId).toBe(APP_ID);
  });

  it('accepts a full production configuration', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://bot@db:5432/council',
      COUNCIL: 'hoje-taastrup',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      PUBLIC_BASE_URL: 'https://bot.example.org/',
    });
    expect(config.port).toBe(8080);
    expect(config.defaultCouncil).toBe('hoje-taastrup');
    expect(config.publicBaseUrl).toBe('https://bot.example.org');
  });
});
