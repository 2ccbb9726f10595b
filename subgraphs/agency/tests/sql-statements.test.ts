import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, LIST_DOCUMENTS, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, UPDATE_DOCUMENT } from '../../../test/documents/agency-operations';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');

function statementsOf(sql: string[]): string[] {
  return sql.filter((line) => /\b(select|insert|update|delete)\b/i.test(line));
}

describe.each(testEngines())('no N+1 on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => {
    agency = await openTestAgency(kind);
    for (let i = 0; i < 55; i++) {
      const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, {
        input: {
          title: `关于第${i}批项目的通知`, body: '正文', theme: '综合政务', formedOn: '2026-11-02', disclosure: 'PROACTIVE',
          coIssuers: ['fjczt', 'fjgov'], keyFacts: [{ subject: `指标${i}`, value: String(i) }, { subject: `指标${i}b`, value: '1' }],
        },
      }, EDITOR);
      await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
      await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
      if (i % 2 === 0) {
        await agency.exec(UPDATE_DOCUMENT, { id: d.id, input: { summary: '补充概述' }, reason: '补充' }, EDITOR);
        await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
        await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
      }
    }
  });
  afterAll(() => agency.close());

  it('a page of 50 documents with agency, co-issuers, key facts and versions costs what a page of 5 costs', async () => {
    const cost = async (first: number) => {
      agency.sql.length = 0;
      const { documents } = await agency.exec(LIST_DOCUMENTS, { first }, PUBLIC);
      expect(documents.edges).toHaveLength(first);
      expect(documents.edges[0].node.versions.length).toBeGreaterThan(0);
      expect(documents.edges[0].node.keyFacts).toHaveLength(2);
      expect(documents.edges[0].node.coIssuers).toEqual([{ code: 'fjczt' }, { code: 'fjgov' }]);
      return statementsOf(agency.sql);
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect(fifty.length).toBe(five.length);
    // list + count + key facts + attachments + versions: a constant handful.
    expect(fifty.length).toBeLessThanOrEqual(5);
  });
});
