import { join } from 'node:path';
import { dataDirFrom, hostFrom, intFrom } from '../shared/env';
import { serviceIdentityFrom, type ServiceIdentity } from '../shared/gateway-client';
import { SecretSource } from '../shared/secrets';
import type { AgencyConfig } from '../agency/config';
import { loadAgencyConfig } from '../agency/config';

/** Everything the provincial catalogue reads from its environment; nothing else touches process.env. */
export interface CatalogueConfig {
  /** Database URL: a SQLite file (default `<HUB_DATA_DIR>/catalogue.sqlite`) or postgresql://... */
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. @default 4098 */
  port: number;
  /** Shared secret with which the gateway signs the claims it passes on. */
  gatewaySecret: string;
  /** The provincial gateway, through which the catalogue reads every agency's change log. @default http://127.0.0.1:4000/graphql */
  gatewayUrl: string;
  /**
   * The catalogue's identity at the gateway (it reads the agencies' logs as a service):
   * HUB_CATALOGUE_SERVICE_TOKEN, _TOKEN_FILE or _KEY, or HS256 with HUB_JWT_SECRET.
   */
  serviceIdentity: ServiceIdentity;
  /** The shard registry file: the agencies whose logs are replicated, re-read on change. @default <HUB_DATA_DIR>/registry.json */
  registryPath: string;
  /** An agency whose log was last read longer ago than this is named in a CATALOGUE_STALE notice. @default 30000 */
  staleAfterMs: number;
  /**
   * Longest wait of one long-polling read of a log. An idle agency's poll ends this often with
   * nothing, which is what idle feeds cost (a call through the gateway each); half the stale bound
   * leaves room for a slow answer before an idle agency would be named stale. @default 15000
   */
  feedWaitMs: number;
  /** Entries per read of a log. @default 200 */
  feedPageSize: number;
  /**
   * Processes answering reads (HUB_CATALOGUE_READERS). 1: the replicating process answers them
   * itself. More: it only replicates, and that many reader processes share the port, each with its
   * own connection to the database, so the reads of a busy province use every core (a search
   * scores its matches in SQLite on the thread that asked). @default 1
   */
  readers: number;
  /** Fixed "now" (ISO date-time) for demos and tests. */
  clock?: string;
}

export function loadCatalogueConfig(env: NodeJS.ProcessEnv = process.env): CatalogueConfig {
  const dataDir = dataDirFrom(env);
  const secrets = new SecretSource(env, 'catalogue');
  const gatewaySecret = secrets.shared('HUB_GATEWAY_SECRET', 'gatewaySecret');
  const serviceIdentity = serviceIdentityFrom(env, secrets, 'HUB_CATALOGUE_SERVICE');
  secrets.check();
  const staleAfterMs = intFrom(env, 'HUB_CATALOGUE_STALE_MS', 30_000);
  const feedWaitMs = intFrom(env, 'HUB_CATALOGUE_FEED_WAIT_MS', 15_000);
  // An idle agency answers once per wait: a bound shorter than that would name every idle agency stale.
  if (feedWaitMs >= staleAfterMs) {
    throw new RangeError(`HUB_CATALOGUE_FEED_WAIT_MS (${feedWaitMs}) must be less than HUB_CATALOGUE_STALE_MS (${staleAfterMs})`);
  }
  return {
    databaseUrl: env.HUB_CATALOGUE_DATABASE_URL ?? join(dataDir, 'catalogue.sqlite'),
    host: hostFrom(env),
    port: intFrom(env, 'PORT', 4098),
    gatewaySecret,
    gatewayUrl: env.HUB_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
    serviceIdentity,
    registryPath: env.HUB_REGISTRY ?? join(dataDir, 'registry.json'),
    staleAfterMs,
    feedWaitMs,
    feedPageSize: Math.min(500, Math.max(1, intFrom(env, 'HUB_CATALOGUE_FEED_PAGE', 200))),
    readers: readersFrom(env),
    clock: env.HUB_CLOCK || undefined,
  };
}

function readersFrom(env: NodeJS.ProcessEnv): number {
  const readers = intFrom(env, 'HUB_CATALOGUE_READERS', 1);
  if (readers < 1 || readers > 64) throw new RangeError(`HUB_CATALOGUE_READERS must be from 1 to 64 (got ${readers})`);
  return readers;
}

/** The catalogue serves the agency contract's public reads: an agency runtime over the catalogue's database, for no agency of its own. */
export function replicaAgencyConfig(config: CatalogueConfig): AgencyConfig {
  return {
    // A replica counts no deadline, so it reads no calendar from the directory.
    ...loadAgencyConfig({ HUB_GATEWAY_SECRET: config.gatewaySecret, HUB_CALENDAR_SYNC_SECONDS: '0' }),
    agencyCode: CATALOGUE_CODE, indexPrefix: 'CATALOGUE', databaseUrl: config.databaseUrl, host: config.host, port: config.port,
    gatewaySecret: config.gatewaySecret, clock: config.clock, deadlineWatchHours: 0,
  };
}

/** The catalogue's name in shard terms: no agency has it. */
export const CATALOGUE_CODE = 'catalogue';
