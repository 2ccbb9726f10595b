import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT } from '../../../test/documents/agency-operations';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const BY_INDEX_NUMBER = `query($n: String!) { documentByIndexNumber(indexNumber: $n) { id indexNumber status } }`;

describe.each(testEngines())('documentByIndexNumber on one deployment (%s)', (kind) => {
  let agency: TestAgency;
  let published: { id: string; indexNumber: string };
  let draft: { id: string; indexNumber: string };
  beforeAll(async () => {
    agency = await openTestAgency(kind);
    const create = async (docNumber: string) => (await agency.exec(CREATE_DOCUMENT, {
      input: { title: '关于公布收费目录的通知', body: '现公布本机关收费目录。', theme: '0200', formedOn: '2026-11-20', disclosure: 'PROACTIVE', docNumber },
    }, EDITOR)).createDocument as { id: string; indexNumber: string };
    published = await create('闽发改〔2026〕601号');
    draft = await create('闽发改〔2026〕602号');
    await agency.exec(REVIEW_DOCUMENT, { id: published.id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: published.id }, EDITOR);
  });
  afterAll(async () => { await agency.close(); });

  it('finds a document by the index number the agency gave it, in any case, with the visibility of document(id:)', async () => {
    expect(published.indexNumber).toBe('FJ00201-0200-2026-00001');
    expect((await agency.exec(BY_INDEX_NUMBER, { n: 'fj00201-0200-2026-00001' }, PUBLIC)).documentByIndexNumber).toEqual({ id: published.id, indexNumber: published.indexNumber, status: 'PUBLISHED' });
    expect((await agency.exec(BY_INDEX_NUMBER, { n: draft.indexNumber }, PUBLIC)).documentByIndexNumber).toBeNull();
    expect((await agency.exec(BY_INDEX_NUMBER, { n: draft.indexNumber }, staff('fjczt', 'editor'))).documentByIndexNumber).toBeNull();
    expect((await agency.exec(BY_INDEX_NUMBER, { n: draft.indexNumber }, EDITOR)).documentByIndexNumber).toMatchObject({ id: draft.id, status: 'DRAFT' });
    expect((await agency.exec(BY_INDEX_NUMBER, { n: draft.indexNumber }, SUPERVISOR)).documentByIndexNumber).toMatchObject({ id: draft.id });
    expect((await agency.exec(BY_INDEX_NUMBER, { n: 'FJ00201-0200-2026-09999' }, EDITOR)).documentByIndexNumber).toBeNull();
  });

  it('refuses text that is not an index number, in Chinese and English', async () => {
    const result = await agency.execRaw(BY_INDEX_NUMBER, { n: '闽发改〔2026〕601号' }, PUBLIC);
    expect(result.errors?.[0]).toMatchObject({
      message: '索引号"闽发改〔2026〕601号"格式不正确，应为"机关前缀-主题分类代码-年份-序号"，如 FJ00201-0200-2026-00012 / "闽发改〔2026〕601号" is not an index number: expected <agency prefix>-<theme code>-<year>-<serial>, e.g. FJ00201-0200-2026-00012',
      extensions: { code: 'BAD_USER_INPUT', field: 'indexNumber' },
    });
  });
});
