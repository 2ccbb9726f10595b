import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import { openDatabase } from '../../shared/orm';
import { AGENCY_ENTITIES } from '../entities';
import { AGENCY_MIGRATIONS } from '../migrations';
import { SEARCH_TABLES } from '../services/search-index';

const REQUEST_TABLES = ['disclosure_request', 'request_event', 'request_appeal', 'annual_report_text', 'personal_data_access'];

describe.each(testEngines())('the requests migration on %s', (kind) => {
  it('upgrades a database made by the initial migration, keeping its data, to exactly the entities\' schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-migration-'));
    const db = kind === 'sqlite' ? { url: join(dir, 'old.sqlite'), drop: async () => {} } : await freshDatabase(kind);
    try {
      const initialOnly = { sqlite: AGENCY_MIGRATIONS.sqlite.slice(0, 1), postgresql: AGENCY_MIGRATIONS.postgresql.slice(0, 1) };
      const old = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: initialOnly, unmanagedTables: SEARCH_TABLES });
      await old.em.getConnection().execute(`insert into serial_counter ("key", "last") values ('document', 41)`);
      await old.close(true);
      const upgraded = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS, unmanagedTables: SEARCH_TABLES });
      try {
        const [row] = await upgraded.em.getConnection().execute(`select "last" from serial_counter where "key" = 'document'`);
        expect(Number(row.last)).toBe(41);
        const diff = await upgraded.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
        // SQLite's generator re-creates every table with boolean defaults or checks (the initial ones too),
        // so the exact comparison is PostgreSQL's; on SQLite the tables must exist and answer.
        if (kind === 'postgresql') {
          for (const table of REQUEST_TABLES) expect([table, diff.includes(`"${table}"`)]).toEqual([table, false]);
        }
        for (const table of REQUEST_TABLES) await upgraded.em.getConnection().execute(`select count(*) from "${table}"`);
      } finally {
        await upgraded.close(true);
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
