import { randomSecret } from '../../subgraphs/shared/secrets';

/**
 * The secrets of this test file's services, random per run and given to every config explicitly,
 * so no test reads or writes a data folder's development secrets.
 */
export const TEST_SECRETS: Readonly<{ HUB_JWT_SECRET: string; HUB_GATEWAY_SECRET: string }> = Object.freeze({
  HUB_JWT_SECRET: randomSecret(),
  HUB_GATEWAY_SECRET: randomSecret(),
});
