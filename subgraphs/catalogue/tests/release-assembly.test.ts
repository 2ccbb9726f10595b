import { PublicChangeSubject } from '../../agency/entities/public-change.entity';
import type { AgencyRuntime } from '../../agency/context';
import { loadCatalogueConfig } from '../config';
import { CatalogueHeldChangeEntity } from '../entities/feed-state.entity';
import { createCatalogueRuntime } from '../server';
import { applyFeedPage } from '../services/apply';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import { TEST_SECRETS } from '../../../test/support/secrets';

/**
 * A coordinated release reaches the catalogue in parts, one per agency, whose feeds apply
 * concurrently — and every agency commits its part at the same instant. On PostgreSQL two
 * transactions that each counted the parts without the other's used to find the plan incomplete,
 * and its documents stayed held (never shown) for ever; SQLite serialised them by luck of its lock.
 */
describe.each(testEngines())('a coordinated release assembled in the catalogue on %s', (kind) => {
  let runtime: AgencyRuntime;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase(kind);
    drop = db.drop;
    runtime = await createCatalogueRuntime(loadCatalogueConfig({ ...TEST_SECRETS, HUB_CATALOGUE_DATABASE_URL: db.url, PORT: '0' }));
  });
  afterAll(async () => {
    await runtime.orm.close(true);
    await drop();
  });

  it('releases a plan whose parts arrive from every agency at once, every time', async () => {
    const agencies = ['fjgov', 'fjdrc', 'fjtjj', 'fjczt', 'fjamr'];
    for (let round = 1; round <= 10; round++) {
      const planId = `rp-${round}`;
      const released = await Promise.all(agencies.map((agency) => applyFeedPage(runtime, agency, [{
        seq: round, subject: PublicChangeSubject.DOCUMENT, subjectId: `${agency}:0000000${round}`, releasePlanId: planId, releaseSize: agencies.length, record: null,
      }], new Date())));
      expect(released.flat()).toEqual([planId]);
      expect(await runtime.orm.em.fork().count(CatalogueHeldChangeEntity, { planId })).toBe(0);
    }
  });
});
