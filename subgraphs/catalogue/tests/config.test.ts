import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRETS } from '../../../test/support/secrets';
import { loadCatalogueConfig } from '../config';

describe('loadCatalogueConfig: the feed wait and the stale bound', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...TEST_SECRETS, HUB_DATA_DIR: dir };

  it('waits 15 s per idle poll and names an agency stale after 30 s by default', () => {
    const config = loadCatalogueConfig(env);
    expect([config.feedWaitMs, config.staleAfterMs]).toEqual([15_000, 30_000]);
  });

  it('refuses a feed wait that an idle agency would need longer than the stale bound to answer', () => {
    expect(() => loadCatalogueConfig({ ...env, HUB_CATALOGUE_STALE_MS: '10000' }))
      .toThrow('HUB_CATALOGUE_FEED_WAIT_MS (15000) must be less than HUB_CATALOGUE_STALE_MS (10000)');
  });
});

describe('loadCatalogueConfig: reader processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...TEST_SECRETS, HUB_DATA_DIR: dir };

  it('answers reads in the replicating process unless HUB_CATALOGUE_READERS asks for more', () => {
    expect(loadCatalogueConfig(env).readers).toBe(1);
    expect(loadCatalogueConfig({ ...env, HUB_CATALOGUE_READERS: '4' }).readers).toBe(4);
  });

  it('refuses no reader at all, and more than 64', () => {
    expect(() => loadCatalogueConfig({ ...env, HUB_CATALOGUE_READERS: '0' })).toThrow('HUB_CATALOGUE_READERS must be from 1 to 64 (got 0)');
    expect(() => loadCatalogueConfig({ ...env, HUB_CATALOGUE_READERS: '65' })).toThrow('HUB_CATALOGUE_READERS must be from 1 to 64 (got 65)');
  });
});
