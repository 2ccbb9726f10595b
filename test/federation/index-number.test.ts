import { CREATE_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT } from '../documents/agency-operations';
import { startHub, type TestHub } from '../support/hub-harness';

const BY_INDEX_NUMBER = /* GraphQL */ `
  query ByIndexNumber($indexNumber: String!) {
    documentByIndexNumber(indexNumber: $indexNumber) { id indexNumber status title subjectTerms effectiveOn repealedOn agency { code } }
  }
`;

/**
 * documentByIndexNumber through the real gateway over two agency deployments and the provincial
 * catalogue, each on an ephemeral port: the public is answered by the catalogue, staff by the
 * agency the index number's prefix names, a malformed number by the gateway alone.
 */
describe('a document by its 索引号 across the province (issue 13)', () => {
  let hub: TestHub;
  let editor: string;
  let published: { id: string; indexNumber: string };
  let draft: { id: string; indexNumber: string };

  beforeAll(async () => {
    hub = await startHub({ agencies: ['fjdrc', 'fjczt'], withCatalogue: { staleAfterMs: 4000 } });
    editor = await hub.token(['editor'], 'fjdrc');
    const reviewer = await hub.token(['reviewer'], 'fjdrc');
    const create = async (docNumber: string) => {
      const answer = await hub.query(CREATE_DOCUMENT, {
        input: {
          title: '关于规范涉企收费的通知', body: '各设区市发展改革委：现就规范涉企收费通知如下。', theme: '国民经济管理、国有资产监管',
          formedOn: '2026-11-20', disclosure: 'PROACTIVE', docNumber, subjectTerms: ['涉企收费', '价格'], effectiveOn: '2027-01-01', repealedOn: '2029-12-31',
        },
      }, editor);
      expect(answer.errors).toBeUndefined();
      return answer.data.createDocument as { id: string; indexNumber: string };
    };
    published = await create('闽发改〔2026〕501号');
    draft = await create('闽发改〔2026〕502号');
    expect((await hub.query(REVIEW_DOCUMENT, { id: published.id, approve: true }, reviewer)).errors).toBeUndefined();
    expect((await hub.query(PUBLISH_DOCUMENT, { id: published.id }, editor)).errors).toBeUndefined();
    await hub.catalogueCaughtUp();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers the public with the published document and its new catalogue fields, in any case, and null for a draft', async () => {
    expect(published.indexNumber).toMatch(/^FJDRC-0200-2026-\d{5}$/);
    const answer = await hub.query(BY_INDEX_NUMBER, { indexNumber: ` ${published.indexNumber.toLowerCase()} ` });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.documentByIndexNumber).toEqual({
      id: published.id, indexNumber: published.indexNumber, status: 'PUBLISHED', title: '关于规范涉企收费的通知',
      subjectTerms: ['涉企收费', '价格'], effectiveOn: '2027-01-01', repealedOn: '2029-12-31', agency: { code: 'fjdrc' },
    });
    expect(await hub.query(BY_INDEX_NUMBER, { indexNumber: draft.indexNumber })).toMatchObject({ data: { documentByIndexNumber: null }, errors: undefined });
  });

  it('routes staff to the owner the prefix names: its editor reads the draft, another agency\'s staff do not', async () => {
    const own = await hub.query(BY_INDEX_NUMBER, { indexNumber: draft.indexNumber }, editor);
    expect(own.errors).toBeUndefined();
    expect(own.data.documentByIndexNumber).toMatchObject({ id: draft.id, status: 'DRAFT' });
    const other = await hub.query(BY_INDEX_NUMBER, { indexNumber: draft.indexNumber }, await hub.token(['editor'], 'fjczt'));
    expect(other).toMatchObject({ data: { documentByIndexNumber: null }, errors: undefined });
  });

  it('refuses a malformed index number once, in Chinese and English, and answers null for a prefix no agency has', async () => {
    for (const token of [undefined, editor]) {
      const bad = await hub.query(BY_INDEX_NUMBER, { indexNumber: 'fjdrc:00000001' }, token);
      expect(bad.data).toEqual({ documentByIndexNumber: null });
      expect(bad.errors).toHaveLength(1);
      expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indexNumber' });
      expect(bad.errors[0].message).toMatch(/^索引号"fjdrc:00000001"格式不正确.* \/ "fjdrc:00000001" is not an index number/);
      expect(await hub.query(BY_INDEX_NUMBER, { indexNumber: 'ZZ99999-0200-2026-00001' }, token)).toMatchObject({ data: { documentByIndexNumber: null }, errors: undefined });
    }
  });

  it('asks every deployment when the registry names no owner for the prefix', async () => {
    const entries = hub.gateway.registry.all();
    // An operator's registry that declares another prefix for fjdrc than its deployment uses.
    hub.gateway.registry.set(entries.map((e) => (e.code === 'fjdrc' ? { ...e, indexPrefix: 'FJ00999' } : e)));
    try {
      const answer = await hub.query(BY_INDEX_NUMBER, { indexNumber: draft.indexNumber }, editor);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.documentByIndexNumber).toMatchObject({ id: draft.id, status: 'DRAFT' });
    } finally {
      hub.gateway.registry.set(entries);
    }
  });

  it('exports the new fields on the catalogue\'s lines, as an array in NDJSON and joined in CSV', async () => {
    const ndjson = (await (await fetch(`${hub.gateway.url.replace(/\/graphql$/, '')}/export/documents.ndjson`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(ndjson.find((line) => line.id === published.id)).toMatchObject({ subjectTerms: ['涉企收费', '价格'], effectiveOn: '2027-01-01', repealedOn: '2029-12-31' });
    const csv = (await (await fetch(`${hub.gateway.url.replace(/\/graphql$/, '')}/export/documents.csv`)).text()).split('\r\n');
    const header = csv[0].split(',');
    const row = csv.find((line) => line.includes(published.id))!.split(',');
    expect([row[header.indexOf('subjectTerms')], row[header.indexOf('effectiveOn')], row[header.indexOf('repealedOn')]]).toEqual(['涉企收费；价格', '2027-01-01', '2029-12-31']);
  });

  it('keeps answering the public from the catalogue while the owner is down, saying once its feed is stale; its own staff learn it is unavailable', async () => {
    await hub.stopAgency('fjdrc');
    const publicAnswer = await hub.query(BY_INDEX_NUMBER, { indexNumber: published.indexNumber });
    expect(publicAnswer.data.documentByIndexNumber).toMatchObject({ id: published.id, subjectTerms: ['涉企收费', '价格'] });
    const staffAnswer = await hub.query(BY_INDEX_NUMBER, { indexNumber: draft.indexNumber }, editor);
    expect(staffAnswer.data).toEqual({ documentByIndexNumber: null });
    expect(staffAnswer.errors?.[0].extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'fjdrc', service: 'agency' });
    // Past the catalogue's freshness bound (4 s here) the answer names the owner whose feed is behind, and only it.
    const deadline = Date.now() + 15_000;
    let stale = publicAnswer;
    while (!stale.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      stale = await hub.query(BY_INDEX_NUMBER, { indexNumber: published.indexNumber });
    }
    expect(stale.data.documentByIndexNumber).toMatchObject({ id: published.id });
    expect(stale.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'CATALOGUE_STALE', agencies: ['fjdrc'] }) })]);
    expect(await hub.query(BY_INDEX_NUMBER, { indexNumber: 'FJCZT-0200-2026-00001' })).toMatchObject({ data: { documentByIndexNumber: null }, errors: undefined });
  });
});
