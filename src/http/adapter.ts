import {
  CloudAdapter,
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  JwtTokenValidation,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

// Service addresses are a handful per cloud region; the bound only matters against forged ones.
const REUSED_LIMIT = 64;

/** A map that forgets everything when full: enough for a handful of keys, bounded against junk. */
class BoundedMemo<T> {
  private readonly entries = new Map<string, Promise<T>>();
  get(key: string, make: () => Promise<T>): Promise<T> {
    let found = this.entries.get(key);
    if (!found) {
      if (this.entries.size >= REUSED_LIMIT) this.entries.clear();
      found = make();
      this.entries.set(key, found);
      // A failed creation (credentials not reachable) must be tried again next time.
      found.catch(() => this.entries.delete(key));
    }
    return found;
  }
}

/**
 * Hands out one connector client per app, service address and audience. botbuilder builds a new
 * client — a whole HTTP pipeline — for every turn, which was a fifth of a turn's time; the clients
 * hold no per-turn state and fetch and cache their tokens themselves, so reusing them is safe.
 */
class ReusedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: BoundedMemo<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get([this.appId, serviceUrl, audience ?? ''].join('\u0000'), () => this.inner.create(serviceUrl, audience));
  }
}

const appIdOf = (identity: ClaimsIdentity) => JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';

/**
 * botbuilder lets a token whose signature does not verify escape as a plain error, which becomes a
 * 500; a request that fails authentication in any way must get 401. Connector and user-token
 * clients are reused across turns (see ReusedConnectorFactory).
 */
class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedMemo<ConnectorClient>();
  private readonly tokenClients = new BoundedMemo<UserTokenClient>();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>) {
    let result;
    try {
      result = await super.authenticateRequest(...args);
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
        throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, StatusCodes.UNAUTHORIZED);
      }
      throw err;
    }
    if (result.connectorFactory) {
      result.connectorFactory = new ReusedConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.connectors);
    }
    return result;
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return new ReusedConnectorFactory(super.createConnectorFactory(identity), appIdOf(identity), this.connectors);
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(identity), () => super.createUserTokenClient(identity));
  }
}

export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const credentials = {
    MicrosoftAppId: config.auth.appId ?? '',
    MicrosoftAppPassword: config.auth.appPassword ?? '',
    MicrosoftAppType: config.auth.appType,
    MicrosoftAppTenantId: config.auth.tenantId ?? '',
    // botbuilder takes a custom metadata address only with every other cloud setting spelled out.
    ...(config.auth.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.auth.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ValidateAuthority: true,
        }
      : {}),
  };
  const adapter = new CloudAdapter(new BotAuthentication(credentials, new ConfigurationServiceClientCredentialFactory(credentials)));
  adapter.onTurnError = async (_ctx, err) => {
    log.error({ err }, 'unhandled turn error');
  };
  return adapter;
}
