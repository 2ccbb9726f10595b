import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/knex';
import { openDatabase } from '../../shared/orm';
import { segmentForIndex } from '../../shared/chinese-text';
import { AGENCY_ENTITIES } from '../entities';
import { AGENCY_MIGRATIONS } from '../migrations';
import { SEARCH_TABLES, SearchIndex } from '../services/search-index';

describe('the search keys migration (SQLite)', () => {
  it('keys the rows indexed before it, so they are still found, ranked by id and removable by id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-search-keys-'));
    const url = join(dir, 'old.sqlite');
    try {
      const before = AGENCY_MIGRATIONS.sqlite.slice(0, AGENCY_MIGRATIONS.sqlite.findIndex((m) => m.name === 'sqlite-20261221-search-keys'));
      const old = await openDatabase({ url, entities: AGENCY_ENTITIES, migrations: { sqlite: before, postgresql: [] }, unmanagedTables: SEARCH_TABLES });
      for (const [id, title] of [['fjdrc:00000001', '政府信息公开指南'], ['fjdrc:00000002', '政府信息公开年度报告']]) {
        await old.em.getConnection().execute(
          'insert into document_fts (doc_id, title, summary, body, doc_number) values (?, ?, ?, ?, ?)',
          [id, segmentForIndex(title), '', '', ''],
        );
      }
      await old.close(true);

      const upgraded = await openDatabase({ url, entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS, unmanagedTables: SEARCH_TABLES });
      try {
        const em = upgraded.em.fork() as EntityManager;
        const index = new SearchIndex(url);
        const found = async () => {
          const [titles] = index.plan('公开')!.tiers;
          const rows = await em.execute<{ doc_id: string }[]>(`select doc_id from (${titles.sql}) order by score desc, doc_id desc`, titles.bindings);
          return rows.map((r) => r.doc_id).sort();
        };
        expect(await found()).toEqual(['fjdrc:00000001', 'fjdrc:00000002']);
        await index.insertMany(em, [{ id: 'fjdrc:00000003', title: '公开征求意见的通知', summary: null, body: '', docNumberNorm: null }]);
        await index.removeMany(em, ['fjdrc:00000001']);
        expect(await found()).toEqual(['fjdrc:00000002', 'fjdrc:00000003']);
        const [fts] = await em.execute<{ n: number }[]>('select count(*) as n from document_fts');
        const [keys] = await em.execute<{ n: number }[]>('select count(*) as n from document_fts_key');
        expect([Number(fts.n), Number(keys.n)]).toEqual([2, 2]);
      } finally {
        await upgraded.close(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
