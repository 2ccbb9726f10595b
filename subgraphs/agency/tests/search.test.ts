import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { CREATE_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, SEARCH, WITHDRAW_DOCUMENT } from '../../../test/documents/agency-operations';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');

const DOCS = [
  { key: 'notice', title: '关于做好2026年政府信息公开工作的通知', summary: '部署全年政府信息公开重点任务。', body: '各单位要严格落实政府信息公开条例，按时主动公开。', docNumber: '闽政办〔2014〕52号' },
  { key: 'plan', title: '福建省数字经济发展三年行动方案', summary: '推动数字经济高质量发展。', body: '到2027年，数字经济规模持续扩大。本方案自印发之日起实施。', docNumber: '闽发改〔2025〕12号' },
  { key: 'bodyOnly', title: '全省重点项目建设进展情况', summary: '通报一季度重点项目进展。', body: '请各地于月底前报送进展情况，并按要求予以公开。', docNumber: null },
  { key: 'unrelated', title: '福建省林业产业发展规划', summary: '林业产业布局。', body: '优化林下经济。', docNumber: null },
  // Cites another document's number in title and body: more text hits than the document itself.
  { key: 'citing', title: '转发闽政办〔2014〕52号文件', summary: '转发闽政办〔2014〕52号。', body: '现将闽政办〔2014〕52号转发给你们，闽政办〔2014〕52号请认真贯彻。', docNumber: null },
];

describe.each(testEngines())('Chinese full-text search on %s', (kind) => {
  let agency: TestAgency;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    agency = await openTestAgency(kind);
    for (const doc of DOCS) {
      const { key, ...fields } = doc;
      const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, {
        input: { ...fields, theme: '综合政务', formedOn: '2026-11-02', disclosure: 'PROACTIVE' },
      }, EDITOR);
      ids[key] = d.id;
      await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
      await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
    }
    // A draft that mentions the same words must never be found.
    await agency.exec(CREATE_DOCUMENT, { input: { title: '未发布的政府信息公开通知草稿', body: '公开 通知', theme: '综合政务', formedOn: '2026-11-02', disclosure: 'PROACTIVE' } }, EDITOR);
  });
  afterAll(() => agency.close());

  const search = async (text: string, extra: Record<string, unknown> = {}) => (await agency.exec(SEARCH, { text, ...extra }, PUBLIC)).search;

  it('finds two-character words, ranking a title hit above a body hit, with highlighted fragments', async () => {
    const found = await search('公开');
    const order = found.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(order).toEqual([ids.notice, ids.bodyOnly]);
    expect(found.totalCount).toBe(2);
    expect(found.edges[0].highlight).toContain('<em>公开</em>');
    expect(found.edges[1].highlight).toContain('<em>公开</em>');

    const notices = await search('通知');
    expect(notices.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.notice]);
    expect((await search('实施')).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.plan]);
  });

  it('matches several words together, and a long word segmented differently', async () => {
    expect((await search('政府信息公开')).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.notice]);
    expect((await search('数字经济 行动')).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.plan]);
    expect((await search('林业 公开')).totalCount).toBe(0);
  });

  it('reads traditional characters as simplified ones', async () => {
    expect((await search('數字經濟 行動')).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.plan]);
    const notice = await search('政府信息公開');
    expect(notice.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.notice]);
    expect(notice.edges[0].highlight).toContain('<em>');
  });

  it.each(['闽政办[2014]52号', '闽政办（2014）52号', '闽政办【2014】52号', '闽政办〔2014〕52号'])('finds the document numbered %s first, above one that cites it', async (written) => {
    const found = await search(written);
    expect(found.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.notice, ids.citing]);
    expect(found.edges[0].node.docNumber).toBe('闽政办〔2014〕52号');
  });

  it('pages by keyset with the same order as one big page', async () => {
    const one = await search('发展', { first: 1 });
    const two = await search('发展', { first: 1, after: one.pageInfo.endCursor });
    expect(one.pageInfo.hasNextPage).toBe(true);
    expect(two.edges[0].node.id).not.toBe(one.edges[0].node.id);
    const both = await search('发展', { first: 5 });
    expect(both.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([one.edges[0].node.id, two.edges[0].node.id]);
  });

  it('pages one by one through every band (exact number, title tier, the rest) in the order of one big page, counting each once', async () => {
    for (const text of ['闽政办〔2014〕52号', '公开', '发展 工作']) {
      const all = await search(text, { first: 50 });
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await search(text, { first: 1, after });
        seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(all.totalCount).toBe(seen.length);
    }
  });

  it('ranks every document whose title holds the words above every one that has them only in its text, however often (issue 11)', async () => {
    // A word in most documents has an inverse document frequency near zero, and term frequency
    // saturates: BM25 alone would let a body that repeats the word outrank a title that has it.
    const ids: string[] = [];
    for (const [title, body] of [['全省河湖长制工作要点', '请认真执行。'], ['关于开展专项检查的通知', '工作安排：工作台账、工作例会、工作简报、工作考核，工作情况按月报送。']]) {
      const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, { input: { title, body, theme: '综合政务', formedOn: '2026-11-02', disclosure: 'PROACTIVE' } }, EDITOR);
      await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
      await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
      ids.push(d.id);
    }
    const found = (await search('工作', { first: 50 })).edges.map((e: { node: { id: string; title: string } }) => e.node);
    const inTitle = found.map((n: { title: string }) => n.title.includes('工作'));
    expect(inTitle).toEqual([...inTitle].sort((a, b) => Number(b) - Number(a)));
    expect(found.findIndex((n: { id: string }) => n.id === ids[0])).toBeLessThan(found.findIndex((n: { id: string }) => n.id === ids[1]));
  });

  it('finds a document by its index number (索引号) first, as typed in any case', async () => {
    const BY_INDEX = `query($text: String!) { search(text: $text, first: 5) { totalCount edges { node { id indexNumber } } } }`;
    const { document } = await agency.exec(`query($id: ID!) { document(id: $id) { indexNumber } }`, { id: ids.notice }, PUBLIC);
    for (const text of [document.indexNumber, ` ${document.indexNumber.toLowerCase()} `]) {
      const { search: found } = await agency.exec(BY_INDEX, { text }, PUBLIC);
      expect(found.edges[0].node.id).toBe(ids.notice);
      expect(found.totalCount).toBe(found.edges.length);
    }
  });

  it('counts facets over every match, equal to a count over the matching documents', async () => {
    const FACETS = `query($text: String!) { search(text: $text, first: 50) {
      totalCount edges { node { agency { code } theme genre publishedAt } }
      facets { agencies { value count } themes { value count } years { value count } genres { value count } } } }`;
    const { search: found } = await agency.exec(FACETS, { text: '发展' }, PUBLIC);
    const nodes = found.edges.map((e: { node: any }) => e.node);
    expect(nodes.length).toBe(found.totalCount);
    expect(nodes.length).toBeGreaterThan(1);
    // Largest count first, then by value.
    const tally = (values: string[]) => [...new Set(values)].map((value) => ({ value, count: values.filter((v) => v === value).length }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    expect(found.facets).toEqual({
      agencies: tally(nodes.map((n: any) => n.agency.code)),
      themes: tally(nodes.map((n: any) => n.theme)),
      years: tally(nodes.map((n: any) => new Date(Date.parse(n.publishedAt) + 8 * 3600_000).toISOString().slice(0, 4))),
      genres: tally(nodes.map((n: any) => n.genre)),
    });
    expect(found.facets.agencies).toEqual([{ value: 'fjdrc', count: nodes.length }]);
    // Not asked, not counted: a page without the field has none.
    expect((await search('发展')).facets).toBeUndefined();
  });

  it('highlights the phrase as typed in one mark, and ranks words side by side above words apart', async () => {
    const publish = async (title: string) => {
      const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, {
        input: { title, summary: '本年度工作安排。', body: `${title}，请认真执行。`, theme: '综合政务', formedOn: '2026-11-02', disclosure: 'PROACTIVE' },
      }, EDITOR);
      await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
      await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
      return d.id as string;
    };
    // The adjacent one created first: ties go to the higher id, so only proximity can put it first.
    const adjacent = await publish('全省电子监察系统维护工作要点');
    // The same words, as many times each (equal BM25), only far apart.
    const apart = await publish('监察要点电子工作系统维护全省');
    const found = await search('电子监察系统');
    expect(found.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([adjacent, apart]);
    expect(found.edges[0].highlight).toContain('<em>电子监察系统</em>');
    expect(found.edges[0].highlight).not.toContain('<em>监察</em>');
    // Where the text holds the words apart, each is marked where it stands.
    expect(found.edges[1].highlight).toContain('<em>监察</em>');
    expect(found.edges[1].highlight).not.toContain('电子监察系统');
    // Typed apart, the words are marked apart even where they stand together.
    expect((await search('电子 监察 系统')).edges[0].highlight).toContain('<em>电子</em><em>监察</em><em>系统</em>');
  });

  it('forgets a withdrawn document and answers empty text with nothing', async () => {
    await agency.exec(WITHDRAW_DOCUMENT, { id: ids.bodyOnly, reason: '已过时' }, REVIEWER);
    expect((await search('公开')).edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids.notice]);
    expect((await search('  ，。 ')).totalCount).toBe(0);
  });
});
