import { join } from 'node:path';
import { DEV_GATEWAY_SECRET, intFrom } from '../shared/env';

/** Everything the directory reads from its environment; nothing else touches process.env. */
export interface DirectoryConfig {
  /** Database URL: a SQLite file (default `<HUB_DATA_DIR>/directory.sqlite`) or postgresql://... */
  databaseUrl: string;
  host: string;
  /** 0 picks a free port. @default 4100 */
  port: number;
  /** Shared secret with which the gateway signs the claims it passes on. */
  gatewaySecret: string;
  /** Fixed "now" (ISO date-time) for demos and tests. */
  clock?: string;
  /** Folder of holiday arrangements (a year's 调休 as JSON) read at start, before the loaded ones. */
  calendarDir?: string;
  /** Fill an empty registry with the demo province's agencies at start (HUB_SEED_DEMO=1). @default false */
  seedDemo: boolean;
}

/** Reads the directory's configuration; every setting has a default, so none is required. */
export function loadDirectoryConfig(env: NodeJS.ProcessEnv = process.env): DirectoryConfig {
  return {
    databaseUrl: env.HUB_DIRECTORY_DATABASE_URL ?? join(env.HUB_DATA_DIR ?? './data', 'directory.sqlite'),
    host: env.HOST ?? '127.0.0.1',
    port: intFrom(env, 'PORT', 4100),
    gatewaySecret: env.HUB_GATEWAY_SECRET ?? DEV_GATEWAY_SECRET,
    clock: env.HUB_CLOCK || undefined,
    calendarDir: env.HUB_CALENDAR_DIR || undefined,
    seedDemo: env.HUB_SEED_DEMO === '1',
  };
}
