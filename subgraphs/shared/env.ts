/** Reading typed settings from an environment; used only by each service's config.ts. */

/** The address a service listens on: HOST, loopback when unset (so an unconfigured service is development). */
export function hostFrom(env: NodeJS.ProcessEnv): string {
  return env.HOST || '127.0.0.1';
}

/** The data folder (HUB_DATA_DIR, default ./data): SQLite files, registry, API keys, development secrets. */
export function dataDirFrom(env: NodeJS.ProcessEnv): string {
  return env.HUB_DATA_DIR || './data';
}

/** A non-negative integer setting, or `fallback` when unset; a bad value fails at start, naming the variable. */
export function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}
