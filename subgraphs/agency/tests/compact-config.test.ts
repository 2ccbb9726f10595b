import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRETS } from '../../../test/support/secrets';
import { loadCompactDeployments } from '../config';

describe('loadCompactDeployments: the deployments one compact process hosts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-compact-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const env = { HUB_GATEWAY_SECRET: TEST_SECRETS.HUB_GATEWAY_SECRET, HUB_DATA_DIR: dir };

  it('gives each listed deployment its own code, port, database and index prefix', () => {
    const configs = loadCompactDeployments({
      ...env,
      HUB_AGENCY_DEPLOYMENTS: file('two.json', [{ code: 'fjdrc', port: 4301, indexPrefix: 'FJ00201' }, { code: 'fjfin', port: 4302, databaseUrl: join(dir, 'finance.sqlite') }]),
    });
    expect(configs.map((c) => [c.agencyCode, c.port, c.databaseUrl, c.indexPrefix])).toEqual([
      ['fjdrc', 4301, join(dir, 'fjdrc.sqlite'), 'FJ00201'],
      ['fjfin', 4302, join(dir, 'finance.sqlite'), 'FJFIN'],
    ]);
    expect(configs.every((c) => c.gatewaySecret === env.HUB_GATEWAY_SECRET)).toBe(true);
  });

  it('refuses to start without HUB_AGENCY_DEPLOYMENTS', () => {
    expect(() => loadCompactDeployments(env)).toThrow('HUB_AGENCY_DEPLOYMENTS must name a JSON file');
  });

  it('refuses an empty list, or something that is not a list', () => {
    expect(() => loadCompactDeployments({ ...env, HUB_AGENCY_DEPLOYMENTS: file('empty.json', []) })).toThrow('must hold a non-empty array');
    expect(() => loadCompactDeployments({ ...env, HUB_AGENCY_DEPLOYMENTS: file('object.json', { code: 'fjdrc', port: 4301 }) })).toThrow('must hold a non-empty array');
  });

  it('refuses an agency listed twice, naming it', () => {
    const twice = file('twice.json', [{ code: 'fjdrc', port: 4301 }, { code: 'fjfin', port: 4302 }, { code: 'fjdrc', port: 4303 }]);
    expect(() => loadCompactDeployments({ ...env, HUB_AGENCY_DEPLOYMENTS: twice })).toThrow(`${twice}: agency fjdrc is listed twice`);
  });

  it('refuses a malformed agency code as a single deployment would', () => {
    expect(() => loadCompactDeployments({ ...env, HUB_AGENCY_DEPLOYMENTS: file('bad.json', [{ code: 'FJ_DRC', port: 4301 }]) })).toThrow('HUB_AGENCY_CODE must be a lower-case registry code');
  });
});
