import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import { openDatabase } from '../../shared/orm';
import { AGENCY_ENTITIES } from '../entities';
import { AGENCY_MIGRATIONS } from '../migrations';
import { SEARCH_TABLES } from '../services/search-index';

describe.each(testEngines())('the request-rules migration (issue 14) on %s', (kind) => {
  it('keeps every stored request event, with its id, and then accepts the new kinds and the consultation number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-rules-migration-'));
    const db = kind === 'sqlite' ? { url: join(dir, 'old.sqlite'), drop: async () => {} } : await freshDatabase(kind);
    try {
      const upTo = (name: string) => AGENCY_MIGRATIONS[kind].slice(0, AGENCY_MIGRATIONS[kind].findIndex((m) => m.name === name));
      const before = { ...AGENCY_MIGRATIONS, [kind]: upTo(`${kind}-20261223-request-rules`) };
      const old = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: before, unmanagedTables: SEARCH_TABLES });
      const at = kind === 'sqlite' ? 1_764_208_800_000 : '2026-11-27T02:00:00Z';
      await old.em.getConnection().execute(
        `insert into "request_event" ("id", "request_id", "kind", "on", "party", "detail", "at", "actor") values (7, 'fjdrc:r0000001', 'CONSULTATION_STARTED', '2026-11-02', 'THIRD_PARTY', '征求意见', ?, 'officer')`,
        [at],
      );
      await old.close(true);
      const upgraded = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS, unmanagedTables: SEARCH_TABLES });
      try {
        const connection = upgraded.em.getConnection();
        expect(await connection.execute(`select "id", "kind", "party", "consultation", "detail" from "request_event"`)).toEqual([
          { id: 7, kind: 'CONSULTATION_STARTED', party: 'THIRD_PARTY', consultation: null, detail: '征求意见' },
        ]);
        for (const next of ['FEE_PAID', 'DEEMED_WITHDRAWN', 'LATE_SUPPLEMENT_ACCEPTED', 'REASONS_REQUESTED', 'REASONS_GIVEN']) {
          await connection.execute(`insert into "request_event" ("request_id", "kind", "on", "consultation", "at", "actor") values ('fjdrc:r0000001', ?, '2026-11-03', 2, ?, 'officer')`, [next, at]);
        }
        // By its message, not toThrow(): the native driver's error class may come from another test
        // file's realm in the same worker, and toThrow() then reports a rejection as "did not throw".
        await expect(connection.execute(`insert into "request_event" ("request_id", "kind", "on", "at", "actor") values ('fjdrc:r0000001', 'NO_SUCH_KIND', '2026-11-03', ?, 'officer')`, [at]))
          .rejects.toHaveProperty('message', expect.stringMatching(/check constraint/i));
        const [row] = await connection.execute(`select count(distinct "id") as "n" from "request_event"`);
        expect(Number(row.n)).toBe(6);
      } finally {
        await upgraded.close(true);
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
