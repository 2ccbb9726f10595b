import { join } from 'node:path';
import { DEV_JWT_SECRET } from '../../gateway/config';
import { DEV_GATEWAY_SECRET, intFrom } from '../shared/env';

/** Everything the coordination subgraph reads from its environment; nothing else touches process.env. */
export interface CoordinationConfig {
  /** Database URL: a SQLite file (default `<HUB_DATA_DIR>/coordination.sqlite`) or postgresql://... */
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. @default 4099 */
  port: number;
  /** Shared secret with which the gateway signs the claims it passes on. */
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
   * Key with which the subgraph signs its own service token (`service: true`) for the gateway.
   * Development only: in production the provincial identity provider issues the service identity
   * and this is unset. @default the gateway's development JWT secret
   */
  serviceJwtSecret: string;
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
  /** Plant the demo's release plans and inconsistencies through the gateway on an empty database (HUB_SEED_DEMO=1). @default false */
  seedDemo: boolean;
}

/** Reads the coordination subgraph's configuration; every setting has a default, so none is required. */
export function loadCoordinationConfig(env: NodeJS.ProcessEnv = process.env): CoordinationConfig {
  const gatewaySecret = env.HUB_GATEWAY_SECRET ?? DEV_GATEWAY_SECRET;
  return {
    databaseUrl: env.HUB_COORDINATION_DATABASE_URL ?? join(env.HUB_DATA_DIR ?? './data', 'coordination.sqlite'),
    host: env.HOST ?? '127.0.0.1',
    port: intFrom(env, 'PORT', 4099),
    gatewaySecret,
    planGrantSecret: env.HUB_PLAN_GRANT_SECRET || gatewaySecret,
    gatewayUrl: env.HUB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
    serviceJwtSecret: env.HUB_JWT_SECRET ?? DEV_JWT_SECRET,
    clock: env.HUB_CLOCK || undefined,
    releaseIntervalSeconds: intFrom(env, 'HUB_RELEASE_INTERVAL_SECONDS', 15),
    scanIntervalMinutes: intFrom(env, 'HUB_SCAN_INTERVAL_MINUTES', 60),
    changeWatchSeconds: intFrom(env, 'HUB_CHANGE_WATCH_SECONDS', 120),
    scanPageSize: Math.min(100, Math.max(1, intFrom(env, 'HUB_SCAN_PAGE_SIZE', 100))),
    seedDemo: env.HUB_SEED_DEMO === '1',
  };
}
