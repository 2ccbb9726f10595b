import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  CHANGE_VALIDITY, CREATE_DOCUMENT, GET_DOCUMENT, PUBLISH_DOCUMENT, REVIEW_DOCUMENT, UPDATE_DOCUMENT, WITHDRAW_DOCUMENT,
} from '../../../test/documents/agency-operations';

const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');

export const SAMPLE_INPUT = {
  title: '关于做好2026年政府信息公开工作的通知',
  summary: '部署全省发展改革系统2026年政府信息公开重点工作。',
  body: '各设区市发展改革委：为深入贯彻《中华人民共和国政府信息公开条例》，现就做好2026年政府信息公开工作通知如下。',
  theme: '国民经济管理、国有资产监管',
  formedOn: '2026-11-20',
  disclosure: 'PROACTIVE',
  docNumber: '闽发改[2026]88号',
  coIssuers: ['fjczt'],
  keyFacts: [{ subject: '2025年全省地区生产总值', value: '5.78', unit: '万亿元', asOf: '2025-12-31' }],
  attachments: [{ fileName: '附件1：重点任务分工.pdf', mediaType: 'application/pdf', sizeBytes: 102400 }],
};

describe.each(testEngines())('document lifecycle on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(async () => { await agency.close(); });

  it('goes draft → review → published with the catalogue fields, an index number and a due date', async () => {
    const { createDocument: draft } = await agency.exec(CREATE_DOCUMENT, { input: SAMPLE_INPUT }, EDITOR);
    expect(draft).toMatchObject({
      status: 'DRAFT', version: 0, docNumber: '闽发改[2026]88号', theme: '国民经济管理、国有资产监管', themeCode: '0200', genre: '通知',
      agency: { code: 'fjdrc' }, coIssuers: [{ code: 'fjczt' }], channels: ['PORTAL'],
      // Formed Fri 2026-11-20: 20 working days, no holidays in between → Fri 2026-12-18.
      publishDueOn: '2026-12-18', publishDueProvisional: false, overdue: false,
    });
    expect(draft.id).toMatch(/^fjdrc:\d{8}$/);
    expect(draft.indexNumber).toBe('FJ00201-0200-2026-00001');
    expect(await agency.exec(GET_DOCUMENT, { id: draft.id }, PUBLIC)).toEqual({ document: null });

    const { reviewDocument } = await agency.exec(REVIEW_DOCUMENT, { id: draft.id, approve: true, note: '不涉密' }, REVIEWER);
    expect(reviewDocument).toMatchObject({ status: 'APPROVED', reviews: [{ reviewer: 'reviewer@fjdrc', result: 'APPROVED', note: '不涉密' }] });

    const { publishDocument } = await agency.exec(PUBLISH_DOCUMENT, { id: draft.id }, EDITOR);
    expect(publishDocument).toMatchObject({ status: 'PUBLISHED', version: 1, publishedAt: '2026-11-27T10:00:00+08:00', versions: [{ version: 1 }] });

    const { document } = await agency.exec(GET_DOCUMENT, { id: draft.id }, PUBLIC);
    expect(document).toMatchObject({ title: SAMPLE_INPUT.title, publishDueOn: null, overdue: null, keyFacts: SAMPLE_INPUT.keyFacts });
  });

  it('keeps every published state as a version with its reason, and a withdrawal keeps the record', async () => {
    const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, { input: { ...SAMPLE_INPUT, docNumber: '闽发改〔2026〕89号' } }, EDITOR);
    await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
    await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);

    const noReason = await agency.execRaw(UPDATE_DOCUMENT, { id: d.id, input: { title: '新标题' } }, EDITOR);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const { updateDocument: revised } = await agency.exec(UPDATE_DOCUMENT, {
      id: d.id, input: { keyFacts: [{ subject: '2025年全省地区生产总值', value: '5.79', unit: '万亿元', asOf: '2025-12-31' }] }, reason: '更正统计数据',
    }, EDITOR);
    // The change is a revision: public only once it is reviewed and published.
    expect(revised.version).toBe(1);
    await agency.exec(REVIEW_DOCUMENT, { id: d.id, approve: true }, REVIEWER);
    const { publishDocument: updateDocument } = await agency.exec(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
    expect(updateDocument.version).toBe(2);
    expect(updateDocument.versions.map((v: { reason: string }) => v.reason)).toEqual(['首次发布 / First publication', '更正统计数据']);
    expect(updateDocument.versions[0].keyFacts[0].value).toBe('5.78');
    expect(updateDocument.versions[1].keyFacts[0].value).toBe('5.79');

    const { changeDocumentValidity } = await agency.exec(CHANGE_VALIDITY, { id: d.id, validity: 'AMENDED', reason: '部分条款已修订' }, EDITOR);
    expect(changeDocumentValidity.validity).toBe('AMENDED');
    expect(changeDocumentValidity.events.map((e: { kind: string }) => e.kind)).toContain('VALIDITY_CHANGED');

    await agency.exec(WITHDRAW_DOCUMENT, { id: d.id, reason: '内容有误，待更正后重新发布' }, REVIEWER);
    const { document } = await agency.exec(GET_DOCUMENT, { id: d.id }, PUBLIC);
    expect(document).toMatchObject({ status: 'WITHDRAWN', withdrawalReason: '内容有误，待更正后重新发布', versions: [{ version: 1 }, { version: 2 }] });
    expect(document.body).toContain('该信息已撤回');
  });

  it('refuses bad input naming the field, in Chinese and English, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '  ' }, 'title'],
      [{ theme: '不存在的主题' }, 'theme'],
      [{ formedOn: '2027-01-05' }, 'formedOn'],
      [{ disclosure: 'NOT_DISCLOSED' }, 'exemptionGround'],
      [{ disclosure: 'PROACTIVE', exemptionGround: 'STATE_SECRET' }, 'exemptionGround'],
      [{ docNumber: '闽发改88号' }, 'docNumber'],
      [{ docNumber: '闽发改（2026）88号' }, 'docNumber'], // already used by the first test, written with other brackets
      [{ coIssuers: ['fjdrc'] }, 'coIssuers'],
      [{ keyFacts: [{ subject: 'x', value: '', asOf: '2025-12-31' }] }, 'keyFacts[0].value'],
    ];
    const before = (await agency.runtime.orm.em.fork().getConnection().execute('select count(*) as n from document'))[0].n;
    for (const [change, field] of cases) {
      const result = await agency.execRaw(CREATE_DOCUMENT, { input: { ...SAMPLE_INPUT, docNumber: null, ...change } }, EDITOR);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0].message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    }
    const after = (await agency.runtime.orm.em.fork().getConnection().execute('select count(*) as n from document'))[0].n;
    expect(Number(after)).toBe(Number(before));
  });

  it('does not publish what has not passed review, nor what is not proactive', async () => {
    const { createDocument: d } = await agency.exec(CREATE_DOCUMENT, { input: { ...SAMPLE_INPUT, docNumber: null } }, EDITOR);
    const early = await agency.execRaw(PUBLISH_DOCUMENT, { id: d.id }, EDITOR);
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
    const { createDocument: onRequest } = await agency.exec(CREATE_DOCUMENT, { input: { ...SAMPLE_INPUT, docNumber: null, disclosure: 'ON_REQUEST' } }, EDITOR);
    await agency.exec(REVIEW_DOCUMENT, { id: onRequest.id, approve: true }, REVIEWER);
    const published = await agency.execRaw(PUBLISH_DOCUMENT, { id: onRequest.id }, EDITOR);
    expect(published.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});
