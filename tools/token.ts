import { ROLES, type Role } from '../schema/contracts/claims';
import { devToken } from './dev-token';

const USAGE = 'usage: npm run token -- --role <role> [--role <role>…] [--agency <code>] [--sub <name>] [--ttl 12h]';

/**
 * `npm run token -- --role editor --agency fjdrc`: prints a token the local gateway accepts, signed
 * with the gateway's own HS256 secret: HUB_JWT_SECRET, or in development the data folder's
 * (`<HUB_DATA_DIR>/dev-secrets.json`, so run it with the HUB_DATA_DIR the hub was started with).
 */
async function main(argv: string[]): Promise<void> {
  const roles: Role[] = [];
  let agency: string | undefined;
  let sub: string | undefined;
  let ttl = '12h';
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === '--role') {
      if (!ROLES.includes(value as Role)) throw new Error(`unknown role ${value}; roles: ${ROLES.join(', ')}`);
      roles.push(value as Role);
    } else if (flag === '--agency') agency = value;
    else if (flag === '--sub') sub = value;
    else if (flag === '--ttl') ttl = value;
    else throw new Error(USAGE);
  }
  if (roles.length === 0) throw new Error(USAGE);
  console.log(await devToken(roles, { agency, sub, ttl }));
}

main(process.argv.slice(2)).catch((error) => {
  console.error((error as Error).message);
  process.exit(2);
});
