/** Reading typed settings from an environment; used only by each service's config.ts. */

/** The secret every service uses in development; production sets HUB_GATEWAY_SECRET everywhere. */
export const DEV_GATEWAY_SECRET = 'dev-only-gateway-secret-change-me';

/** A non-negative integer setting, or `fallback` when unset; a bad value fails at start, naming the variable. */
export function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}
