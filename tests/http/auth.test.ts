import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message, user } from '../helpers/activities.ts';
import { startTestBot, type TestBot } from '../helpers/bot-server.ts';

const APP_ID = '0b5f4a2e-1c9d-4e7f-8a3b-6d2c1e0f9a8b';
const newKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

/** A JWT shaped like the Bot Service's, signed with `key` under the key id `kid`. */
function token(key: KeyObject, kid: string, serviceUrl: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 });
  return `${head}.${body}.${createSign('RSA-SHA256').update(`${head}.${body}`).sign(key).toString('base64url')}`;
}

/**
 * Requests to /api/messages with MicrosoftAppId set. The Bot Service's published signing keys come
 * from a local stand-in of its OpenID metadata (BOT_OPENID_METADATA_URL), as there is no network here.
 */
describe('Bot Framework authentication when an app id is set', () => {
  let bot: TestBot;
  let keys: Server;
  const published = newKey();
  const someone = user('Mallory');

  beforeAll(async () => {
    keys = createServer((req, res) => {
      const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
      const body =
        req.url === '/openid'
          ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : { keys: [{ ...published.publicKey.export({ format: 'jwk' }), kid: 'bot-service', use: 'sig', endorsements: ['msteams'] }] };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const metadata = `http://127.0.0.1:${(keys.address() as AddressInfo).port}/openid`;
    bot = await startTestBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', BOT_OPENID_METADATA_URL: metadata });
  });
  afterAll(async () => {
    await bot.stop();
    keys.close();
  });

  const post = (authorization: string | undefined) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(message('hjälp', { serviceUrl: bot.connector.url, from: someone })),
    });

  async function nothingStored() {
    expect(await bot.store.listConversations({})).toEqual([]);
    expect(await bot.store.listAudit({})).toEqual([]);
    expect(bot.connector.calls).toEqual([]);
  }

  it('answers 401 to a request without a token, and stores nothing', async () => {
    expect((await post(undefined)).status).toBe(401);
    expect((await post('Bearer not-a-jwt')).status).toBe(401);
    await nothingStored();
  });

  it('answers 401 to a self-signed token, under an unknown key id or posing as the published key, and stores nothing', async () => {
    const forged = newKey().privateKey;
    expect((await post(`Bearer ${token(forged, 'forged-key', bot.connector.url)}`)).status).toBe(401);
    expect((await post(`Bearer ${token(forged, 'bot-service', bot.connector.url)}`)).status).toBe(401);
    await nothingStored();
  });

  it('lets a token signed with the published key through authentication', async () => {
    // Past authentication the bot answers, which needs an outbound token from Entra (no network
    // here), so the turn itself fails; what matters is that it was not refused as unauthorised.
    const res = await post(`Bearer ${token(published.privateKey, 'bot-service', bot.connector.url)}`);
    expect(res.status).not.toBe(401);
    expect((await bot.store.listConversations({})).length).toBe(1);
  });
});
