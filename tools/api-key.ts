import { apiKeysPathFrom } from '../gateway/config';
import { ApiKeyStore } from '../gateway/api-keys';

const USAGE = `usage:
  npm run api-key -- issue --name "<holder>" [--quota <requests per minute, default 600>]
  npm run api-key -- revoke <id>
  npm run api-key -- list`;

/**
 * Issues and revokes researchers' API keys in the gateway's key file (HUB_API_KEYS, default
 * data/api-keys.json). Only a hash is stored; the key is printed once. Running gateways pick the
 * change up within a second.
 */
function main(argv: string[]): void {
  const store = new ApiKeyStore(apiKeysPathFrom());
  const [command, ...rest] = argv;
  if (command === 'issue') {
    const name = rest[rest.indexOf('--name') + 1];
    const quotaAt = rest.indexOf('--quota');
    const quota = quotaAt >= 0 ? Number(rest[quotaAt + 1]) : 600;
    if (rest.indexOf('--name') < 0 || !name || !Number.isInteger(quota) || quota <= 0) throw new Error(USAGE);
    const { key, record } = store.issue(name, quota);
    console.log(`issued ${record.id} to ${record.name}, ${record.quotaPerMinute} requests/minute\n\n  ${key}\n\nSend it as the X-API-Key header. It is shown only now.`);
  } else if (command === 'revoke' && rest[0]) {
    const record = store.revoke(rest[0]);
    console.log(`revoked ${record.id} (${record.name}) at ${record.revokedAt}`);
  } else if (command === 'list') {
    for (const k of store.list()) console.log(`${k.id}  ${k.quotaPerMinute}/min  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}  ${k.name}`);
  } else {
    throw new Error(USAGE);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
