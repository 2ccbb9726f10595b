import { join } from 'node:path';
import { dataDirFrom, hostFrom, intFrom } from '../shared/env';
import { SecretSource } from '../shared/secrets';

/** Everything the directory reads from its environment; nothing else touches process.env. */
export interface DirectoryConfig {
  /** Database URL: a SQLite file (default `<HUB_DATA_DIR>/directory.sqlite`) or postgresql://... */
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. @default 4100 */
  port: number;
  /** Shared secret with which the gateway signs the claims it passes on (HUB_GATEWAY_SECRET; in development the data folder's). */
  gatewaySecret: string;
  /** Fixed "now" (ISO date-time) for demos and tests. */
  clock?: string;
  /** Folder of holiday arrangements (a year's 调休 as JSON) read at start, before the loaded ones. */
  calendarDir?: string;
}

/** Reads the directory's configuration; outside development it refuses to load without HUB_GATEWAY_SECRET. */
export function loadDirectoryConfig(env: NodeJS.ProcessEnv = process.env): DirectoryConfig {
  const secrets = new SecretSource(env, 'directory');
  const gatewaySecret = secrets.shared('HUB_GATEWAY_SECRET', 'gatewaySecret');
  secrets.check();
  return {
    databaseUrl: env.HUB_DIRECTORY_DATABASE_URL ?? join(dataDirFrom(env), 'directory.sqlite'),
    host: hostFrom(env),
    port: intFrom(env, 'PORT', 4100),
    gatewaySecret,
    clock: env.HUB_CLOCK || undefined,
    calendarDir: env.HUB_CALENDAR_DIR || undefined,
  };
}
