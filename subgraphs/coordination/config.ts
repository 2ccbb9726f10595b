import { join } from 'node:path';
import { dataDirFrom, hostFrom, intFrom } from '../shared/env';
import { SecretSource } from '../shared/secrets';
import { serviceIdentityFrom, type ServiceIdentity } from '../shared/gateway-client';

/** Everything the coordination subgraph reads from its environment; nothing else touches process.env. */
export interface CoordinationConfig {
  /** Database URL: a SQLite file (default `<HUB_DATA_DIR>/coordination.sqlite`) or postgresql://... */
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. @default 4099 */
  port: number;
  /** Shared secret with which the gateway signs the claims it passes on (HUB_GATEWAY_SECRET; in development the data folder's). */
  gatewaySecret: string;
  /**
   * Key (HS256) with which this service signs plan grants: each hold, prepare and commit call to
   * an agency carries one, and agencies verify it with the same key (`HUB_PLAN_GRANT_SECRET`).
   * @default the gateway secret
   */
  planGrantSecret: string;
  /** The provincial gateway, the only way this subgraph reaches the agencies. @default http://127.0.0.1:4000/graphql */
  gatewayUrl: string;
  /**
   * How the subgraph proves its service identity (`service: true`) to the gateway, first found of:
   * a token issued by the provincial identity provider (HUB_COORDINATION_SERVICE_TOKEN, or
   * HUB_COORDINATION_SERVICE_TOKEN_FILE, re-read on every call so a renewed token is used at
   * once); an issued private key (HUB_COORDINATION_SERVICE_KEY, PEM, RSA or P-256) with which it
   * signs its own short-lived RS256/ES256 token, `iss` HUB_JWT_ISSUER when set, verified by the
   * gateway with HUB_JWT_PUBLIC_KEY; the gateway's HS256 HUB_JWT_SECRET (in development the data
   * folder's).
   */
  serviceIdentity: ServiceIdentity;
  /** Fixed "now" (ISO date-time) for demos and tests. */
  clock?: string;
  /** Seconds between runs of the release scheduler (due releases, commits to finish, embargoes to sync); 0 turns it off. @default 15 */
  releaseIntervalSeconds: number;
  /** Minutes between full consistency scans of the province; 0 turns them off. @default 60 */
  scanIntervalMinutes: number;
  /** Seconds between looks at the newest published document, which starts a scan when it changed; 0 turns it off. @default 120 */
  changeWatchSeconds: number;
  /** Documents per page when the scan reads an agency through the gateway. @default 100 */
  scanPageSize: number;
}


/**
 * Reads the coordination subgraph's configuration; outside development it refuses to load
 * without HUB_GATEWAY_SECRET and a service identity (see {@link CoordinationConfig.serviceIdentity}).
 */
export function loadCoordinationConfig(env: NodeJS.ProcessEnv = process.env): CoordinationConfig {
  const secrets = new SecretSource(env, 'coordination');
  const gatewaySecret = secrets.shared('HUB_GATEWAY_SECRET', 'gatewaySecret');
  const serviceIdentity = serviceIdentityFrom(env, secrets, 'HUB_COORDINATION_SERVICE');
  secrets.check();
  return {
    databaseUrl: env.HUB_COORDINATION_DATABASE_URL ?? join(dataDirFrom(env), 'coordination.sqlite'),
    host: hostFrom(env),
    port: intFrom(env, 'PORT', 4099),
    gatewaySecret,
    planGrantSecret: env.HUB_PLAN_GRANT_SECRET || gatewaySecret,
    gatewayUrl: env.HUB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
    serviceIdentity,
    clock: env.HUB_CLOCK || undefined,
    releaseIntervalSeconds: intFrom(env, 'HUB_RELEASE_INTERVAL_SECONDS', 15),
    scanIntervalMinutes: intFrom(env, 'HUB_SCAN_INTERVAL_MINUTES', 60),
    changeWatchSeconds: intFrom(env, 'HUB_CHANGE_WATCH_SECONDS', 120),
    scanPageSize: Math.min(100, Math.max(1, intFrom(env, 'HUB_SCAN_PAGE_SIZE', 100))),
  };
}
