import { openTestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';

// The ORM cannot read SQLite's CHECK constraints back, so its SQLite diff always proposes to rebuild
// every table with an enum; PostgreSQL's diff is exact, and both engines' migrations change together.
const onPostgres = testEngines().includes('postgresql') ? it : it.skip;

describe('committed migrations', () => {
  onPostgres('build exactly the schema the entities describe on PostgreSQL (a new entity or column needs a new migration)', async () => {
    const agency = await openTestAgency('postgresql');
    try {
      const diff = await agency.runtime.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
      expect(diff.trim()).toBe('');
    } finally {
      await agency.close();
    }
  });
});
