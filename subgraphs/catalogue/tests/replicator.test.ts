import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShardRegistry } from '../../../schema/contracts/shard-registry';
import { PublicChangeSubject } from '../../agency/entities/public-change.entity';
import { loadCatalogueConfig } from '../config';
import { CatalogueFeedEntity } from '../entities/feed-state.entity';
import { startCatalogue, type RunningCatalogue } from '../server';
import type { FeedReader } from '../services/replicator';
import { TEST_SECRETS } from '../../../test/support/secrets';
import { ANONYMOUS, GATEWAY_CLAIMS_HEADER, signGatewayClaims } from '../../../schema/contracts/claims';

/**
 * The catalogue's replicator over a real catalogue database, reading a log that answers like an
 * idle agency's long poll: empty pages, one every few milliseconds, then one entry.
 */
describe('the catalogue replicator', () => {
  let dir: string;
  let catalogue: RunningCatalogue | undefined;
  afterEach(async () => {
    await catalogue?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing for the empty answers of an idle feed, and stays fresh; an entry is applied with its high-water mark', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-replicator-'));
    const entries: { seq: number; subject: PublicChangeSubject; subjectId: string; record: string | null }[] = [];
    let reads = 0;
    const read: FeedReader = async (_agency, after) => {
      reads++;
      await new Promise((r) => setTimeout(r, 5));
      return { lastSeq: entries.length, changes: entries.filter((e) => e.seq > after) };
    };
    const writes: string[] = [];
    const config = loadCatalogueConfig({ ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: join(dir, 'catalogue.sqlite'), PORT: '0' });
    catalogue = await startCatalogue(config, {
      registry: new ShardRegistry(undefined, [{ code: 'fjdrc', url: 'http://fjdrc.invalid/graphql' }]), read,
      onQuery: (sql) => { if (/\b(insert into|update|delete from)\b/i.test(sql)) writes.push(sql); },
    });
    while (!catalogue.replicator.ready()) await new Promise((r) => setTimeout(r, 5));
    const readsAtReady = reads;
    writes.length = 0;
    while (reads < readsAtReady + 10) await new Promise((r) => setTimeout(r, 5));
    expect(writes).toEqual([]);
    const [idle] = catalogue.replicator.report(config.staleAfterMs);
    expect(idle).toEqual(expect.objectContaining({ agency: 'fjdrc', appliedSeq: 0, stale: false }));
    expect(idle.msSinceRead).toBeLessThan(1000);

    // A withdrawal of a document the catalogue never had: applied (nothing to remove), mark moved.
    entries.push({ seq: 1, subject: PublicChangeSubject.DOCUMENT, subjectId: 'fjdrc:00000001', record: null });
    while (catalogue.replicator.freshness()[0].appliedSeq < 1) await new Promise((r) => setTimeout(r, 5));
    expect(writes.length).toBeGreaterThan(0);
    const row = await catalogue.runtime.orm.em.fork().findOne(CatalogueFeedEntity, { agency: 'fjdrc' });
    expect(row?.appliedSeq).toBe(1);
  });

  it('is ready at once after a restart while an agency does not answer, naming it stale, once it had caught up with it before', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-replicator-'));
    const config = loadCatalogueConfig({ ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: join(dir, 'catalogue.sqlite'), PORT: '0' });
    const registry = () => new ShardRegistry(undefined, [{ code: 'fjdrc', url: 'http://fjdrc.invalid/graphql' }, { code: 'fjfin', url: 'http://fjfin.invalid/graphql' }]);
    const idle: FeedReader = async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { lastSeq: 0, changes: [] };
    };
    catalogue = await startCatalogue(config, { registry: registry(), read: idle });
    while (!catalogue.replicator.ready()) await new Promise((r) => setTimeout(r, 5));
    await catalogue.stop();

    // fjdrc's deployment is down when the catalogue comes back; fjfin answers.
    const fjdrcDown: FeedReader = async (agency, ...rest) => {
      if (agency === 'fjdrc') throw new Error('connect ECONNREFUSED');
      return idle(agency, ...rest);
    };
    catalogue = await startCatalogue(config, { registry: registry(), read: fjdrcDown });
    while (catalogue.replicator.freshness().find((f) => f.agency === 'fjfin')?.readAt === undefined) await new Promise((r) => setTimeout(r, 5));
    expect(catalogue.replicator.ready()).toBe(true);
    expect(catalogue.replicator.stale(config.staleAfterMs)).toEqual(['fjdrc']);
  });

  it('is not ready after a restart for an agency it never caught up with', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-replicator-'));
    const config = loadCatalogueConfig({ ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: join(dir, 'catalogue.sqlite'), PORT: '0' });
    let reads = 0;
    const down: FeedReader = async () => {
      reads++;
      throw new Error('connect ECONNREFUSED');
    };
    catalogue = await startCatalogue(config, { registry: new ShardRegistry(undefined, [{ code: 'fjdrc', url: 'http://fjdrc.invalid/graphql' }]), read: down });
    while (reads < 2) await new Promise((r) => setTimeout(r, 5));
    expect(catalogue.replicator.ready()).toBe(false);
  });

  it("tells why a feed fails only to a /health call signed by the gateway", async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-replicator-'));
    const config = loadCatalogueConfig({ ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: join(dir, 'catalogue.sqlite'), PORT: '0' });
    const down: FeedReader = async () => {
      throw new Error('connect ECONNREFUSED 10.20.30.40:4101');
    };
    catalogue = await startCatalogue(config, { registry: new ShardRegistry(undefined, [{ code: 'fjdrc', url: 'http://fjdrc.invalid/graphql' }]), read: down });
    while (!catalogue.replicator.freshness()[0]?.error) await new Promise((r) => setTimeout(r, 5));
    const health = new URL('/health', catalogue.url).toString();
    const anyone = await (await fetch(health)).json();
    expect(JSON.stringify(anyone)).not.toContain('10.20.30.40');
    expect(anyone.agencies[0]).toMatchObject({ agency: 'fjdrc', stale: true });
    const gateway = await (await fetch(health, { headers: { [GATEWAY_CLAIMS_HEADER]: await signGatewayClaims(ANONYMOUS, TEST_SECRETS.HUB_GATEWAY_SECRET) } })).json();
    expect(gateway.agencies[0].error).toContain('10.20.30.40');
  });
});
