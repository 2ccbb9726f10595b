import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, GET_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, UPDATE_DOCUMENT } from '../../../test/documents/agency-operations';
import { openDatabase } from '../../shared/orm';
import { AGENCY_ENTITIES } from '../entities';
import { AGENCY_MIGRATIONS } from '../migrations';
import { SEARCH_TABLES } from '../services/search-index';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const REVISION = `query Revision($id: ID!) { document(id: $id) { revision { subjectTerms effectiveOn repealedOn } } }`;

let numbers = 300;
/** A sample document with its own document number (the agency refuses a number twice). */
function input(extra: Record<string, unknown> = {}) {
  return {
    title: '关于规范涉企收费的通知', body: '各设区市发展改革委：现就规范涉企收费通知如下。', theme: '国民经济管理、国有资产监管',
    formedOn: '2026-11-20', disclosure: 'PROACTIVE', docNumber: `闽发改〔2026〕${numbers++}号`, ...extra,
  };
}

describe.each(testEngines())('主题词, 施行日期 and 废止日期 on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(async () => { await agency.close(); });

  async function published(extra: Record<string, unknown>): Promise<string> {
    const { createDocument } = await agency.exec(CREATE_DOCUMENT, { input: input(extra) }, EDITOR);
    await agency.exec(REVIEW_DOCUMENT, { id: createDocument.id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: createDocument.id }, EDITOR);
    return createDocument.id;
  }

  it('are set at creation, trimmed and without repeats, and public once published, recorded in the first version', async () => {
    const { createDocument: draft } = await agency.exec(CREATE_DOCUMENT, {
      input: input({ subjectTerms: [' 政务公开 ', '发展改革', '政务公开'], effectiveOn: '2027-01-01', repealedOn: '2031-12-31' }),
    }, EDITOR);
    expect(draft).toMatchObject({ subjectTerms: ['政务公开', '发展改革'], effectiveOn: '2027-01-01', repealedOn: '2031-12-31' });
    await agency.exec(REVIEW_DOCUMENT, { id: draft.id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: draft.id }, EDITOR);
    const { document } = await agency.exec(GET_DOCUMENT, { id: draft.id }, PUBLIC);
    expect(document).toMatchObject({
      subjectTerms: ['政务公开', '发展改革'], effectiveOn: '2027-01-01', repealedOn: '2031-12-31',
      versions: [{ version: 1, subjectTerms: ['政务公开', '发展改革'], effectiveOn: '2027-01-01', repealedOn: '2031-12-31' }],
    });
  });

  it('are optional: no terms is an empty list, no dates are null', async () => {
    const { createDocument } = await agency.exec(CREATE_DOCUMENT, { input: input() }, EDITOR);
    expect(createDocument).toMatchObject({ subjectTerms: [], effectiveOn: null, repealedOn: null });
  });

  it('are edited in place on a draft: a list replaces the list, null clears a date, the period is checked on the result', async () => {
    const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, { input: input({ subjectTerms: ['旧词'], effectiveOn: '2027-01-01' }) }, EDITOR);
    const { updateDocument } = await agency.exec(UPDATE_DOCUMENT, { id: d.id, input: { subjectTerms: ['新词一', '新词二'], effectiveOn: null, repealedOn: '2026-12-01' } }, EDITOR);
    expect(updateDocument).toMatchObject({ subjectTerms: ['新词一', '新词二'], effectiveOn: null, repealedOn: '2026-12-01' });
    // Only one date changes, but with the other one stored the period would end before it starts.
    const bad = await agency.execRaw(UPDATE_DOCUMENT, { id: d.id, input: { effectiveOn: '2027-01-01' } }, EDITOR);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'repealedOn' });
    expect(bad.errors?.[0].message).toBe('废止日期不能早于施行日期 / repealedOn must not be before effectiveOn');
    const { document } = await agency.exec(GET_DOCUMENT, { id: d.id }, EDITOR);
    expect(document).toMatchObject({ effectiveOn: null, repealedOn: '2026-12-01' });
  });

  it('change on a published document only as a new version: the public reads the old ones until the revision is published', async () => {
    const id = await published({ subjectTerms: ['价格'], effectiveOn: '2026-12-01' });
    await agency.exec(UPDATE_DOCUMENT, { id, input: { subjectTerms: ['价格', '收费'], repealedOn: '2028-12-01' }, reason: '补充主题词和废止日期' }, EDITOR);
    expect((await agency.exec(GET_DOCUMENT, { id }, PUBLIC)).document).toMatchObject({ subjectTerms: ['价格'], effectiveOn: '2026-12-01', repealedOn: null, version: 1 });
    expect((await agency.exec(REVISION, { id }, EDITOR)).document.revision).toEqual({ subjectTerms: ['价格', '收费'], effectiveOn: '2026-12-01', repealedOn: '2028-12-01' });
    await agency.exec(REVIEW_DOCUMENT, { id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id }, EDITOR);
    const { document } = await agency.exec(GET_DOCUMENT, { id }, PUBLIC);
    expect(document).toMatchObject({ subjectTerms: ['价格', '收费'], repealedOn: '2028-12-01', version: 2 });
    expect(document.versions).toEqual([
      expect.objectContaining({ version: 1, subjectTerms: ['价格'], effectiveOn: '2026-12-01', repealedOn: null }),
      expect.objectContaining({ version: 2, subjectTerms: ['价格', '收费'], effectiveOn: '2026-12-01', repealedOn: '2028-12-01' }),
    ]);
  });

  it.each([
    ['an empty term', { subjectTerms: ['政务', '  '] }, 'subjectTerms[1]', '主题词不能为空 / subjectTerms[1] must not be empty'],
    ['a term too long', { subjectTerms: ['长'.repeat(31)] }, 'subjectTerms[0]', '主题词不能超过 30 个字符 / subjectTerms[0] must be at most 30 characters'],
    ['two terms in one', { subjectTerms: ['价格；收费'] }, 'subjectTerms[0]', '主题词"价格；收费"含有分隔符，请把每个主题词分别填写 / Subject term "价格；收费" holds a separator: give each term on its own'],
    ['too many terms', { subjectTerms: Array.from({ length: 21 }, (_, i) => `词${i}`) }, 'subjectTerms', '主题词不能超过 20 个 / At most 20 subject terms'],
    ['a malformed 施行日期', { effectiveOn: '2027-02-30' }, 'effectiveOn', null],
    ['废止 before 施行', { effectiveOn: '2027-01-02', repealedOn: '2027-01-01' }, 'repealedOn', '废止日期不能早于施行日期 / repealedOn must not be before effectiveOn'],
  ])('refuses %s, naming the field in Chinese and English, and writes nothing', async (_case, extra, field, message) => {
    const before = await agency.runtime.orm.em.fork().getConnection().execute(`select count(*) as n from "document"`);
    const result = await agency.execRaw(CREATE_DOCUMENT, { input: input(extra) }, EDITOR);
    const error = result.errors?.[0];
    // A date the Date scalar refuses never reaches the service; either way the field is named, in both languages.
    expect(error?.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    if (message) expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    else expect(JSON.stringify(error)).toContain(field);
    const after = await agency.runtime.orm.em.fork().getConnection().execute(`select count(*) as n from "document"`);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('refuses a revision that would end before it starts', async () => {
    const id = await published({ effectiveOn: '2026-12-01' });
    const result = await agency.execRaw(UPDATE_DOCUMENT, { id, input: { repealedOn: '2026-11-30' }, reason: '设定废止日期' }, EDITOR);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'repealedOn' });
    expect((await agency.exec(REVISION, { id }, EDITOR)).document.revision).toBeNull();
  });
});

describe.each(testEngines())('the catalogue-fields migration on %s', (kind) => {
  it('gives the documents, versions and revisions stored before it no terms and no dates, to exactly the entities\' schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-migration-'));
    const db = kind === 'sqlite' ? { url: join(dir, 'old.sqlite'), drop: async () => {} } : await freshDatabase(kind);
    const at = AGENCY_MIGRATIONS[kind].findIndex((m) => m.name.endsWith('catalogue-fields'));
    try {
      const before = { sqlite: AGENCY_MIGRATIONS.sqlite.slice(0, at), postgresql: AGENCY_MIGRATIONS.postgresql.slice(0, at) };
      const old = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: before, unmanagedTables: SEARCH_TABLES });
      const now = kind === 'sqlite' ? String(Date.now()) : `'2026-11-27T10:00:00+08:00'`;
      const sql = old.em.getConnection();
      await sql.execute(`insert into "document" ("id", "agency_code", "index_number", "title", "body", "theme", "theme_code", "genre", "formed_on", "publish_due_on", "published_at", "listed_at", "disclosure", "status", "channels", "co_issuers", "version", "created_by", "created_at", "updated_at")
        values ('fjdrc:00000001', 'fjdrc', 'FJ00201-0200-2026-00001', '旧文件', '正文', '国民经济管理、国有资产监管', '0200', '通知', '2026-11-20', '2026-12-18', ${now}, ${now}, 'PROACTIVE', 'PUBLISHED', '["PORTAL"]', '[]', 1, 'editor@fjdrc', ${now}, ${now})`);
      await sql.execute(`insert into "document_version" ("document_id", "version", "title", "body", "key_facts", "reason", "created_at", "created_by") values ('fjdrc:00000001', 1, '旧文件', '正文', '[]', '首次发布', ${now}, 'editor@fjdrc')`);
      await old.close(true);
      const upgraded = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS, unmanagedTables: SEARCH_TABLES });
      try {
        for (const table of ['document', 'document_version']) {
          const [row] = await upgraded.em.getConnection().execute(`select "subject_terms", "effective_on", "repealed_on" from "${table}"`);
          const terms = typeof row.subject_terms === 'string' ? JSON.parse(row.subject_terms) : row.subject_terms;
          expect([table, terms, row.effective_on, row.repealed_on]).toEqual([table, [], null, null]);
        }
        // SQLite's generator re-creates every table with checks, so the exact comparison is PostgreSQL's.
        if (kind === 'postgresql') {
          const diff = await upgraded.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
          for (const table of ['document', 'document_version', 'document_revision']) expect([table, diff.includes(`"${table}"`)]).toEqual([table, false]);
        }
      } finally {
        await upgraded.close(true);
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
