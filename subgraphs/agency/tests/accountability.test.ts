import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import type { Claims } from '../../../schema/contracts/claims';
import { AGENCY_ACCOUNTABILITY, CREATE_DOCUMENT, RECORD_ACCOUNTABILITY } from '../../../test/documents/agency-operations';

// Issue 14, the 2014 Fujian notice: 责任追究 for findings and overdue items that caused harm,
// naming the responsible official; for supervisors and the agency's admin, never public.
const EDITOR = staff('fjdrc', 'editor');
const DOC = { title: '关于2026年度惠民补贴发放标准的通知', body: '补贴标准如下。', theme: '综合政务', disclosure: 'PROACTIVE' };
const INPUT = {
  subjectKind: 'DOCUMENT', harm: '补贴标准逾期未公开，群众多次投诉', officialRole: 'IN_CHARGE', officialName: '林某某', officialTitle: '分管政务公开工作负责人',
  measure: 'INTERVIEW', decidedOn: '2026-11-26', decidedBy: '福建省人民政府办公厅',
};

describe.each(testEngines())('accountability records on %s', (kind) => {
  let agency: TestAgency;
  let overdue: string;
  beforeAll(async () => {
    agency = await openTestAgency(kind);
    // Formed in September: its 20 working days ran out long before 27 November.
    overdue = (await agency.exec(CREATE_DOCUMENT, { input: { ...DOC, formedOn: '2026-09-01' } }, EDITOR)).createDocument.id;
  });
  afterAll(() => agency.close());

  const records = async (claims: Claims) => (await agency.exec(AGENCY_ACCOUNTABILITY, { code: 'fjdrc' }, claims))._entities[0].accountabilityRecords;

  it('lets a supervisor record a measure against the official responsible for an overdue document, and a finding', async () => {
    const recorded = (await agency.exec(RECORD_ACCOUNTABILITY, { agency: 'fjdrc', input: { ...INPUT, subjectId: overdue } }, SUPERVISOR)).recordAccountability;
    expect(recorded).toMatchObject({ ...INPUT, subjectId: overdue, recordedBy: SUPERVISOR.sub, recordedAt: '2026-11-27T10:00:00+08:00' });
    await agency.exec(RECORD_ACCOUNTABILITY, {
      agency: 'fjdrc', input: { ...INPUT, subjectKind: 'FINDING', subjectId: 'finding-42', measure: 'CIRCULATED_CRITICISM', decidedOn: '2026-11-20' },
    }, SUPERVISOR);
    expect(await records(SUPERVISOR)).toEqual([
      expect.objectContaining({ subjectKind: 'DOCUMENT', subjectId: overdue, measure: 'INTERVIEW', officialName: '林某某' }),
      expect.objectContaining({ subjectKind: 'FINDING', subjectId: 'finding-42', measure: 'CIRCULATED_CRITICISM' }),
    ]);
    expect(await records(staff('fjdrc', 'admin'))).toHaveLength(2);
  });

  it.each<[string, Claims]>([
    ["another agency's admin", staff('fjczt', 'admin')],
    ["the agency's own editor", EDITOR],
    ['a coordinator', { sub: 'coordinator@news', roles: ['coordinator'] }],
    ['the public', PUBLIC],
  ])('shows nothing to %s', async (_who, claims) => {
    expect(await records(claims)).toBeNull();
  });

  it.each<[string, Claims]>([
    ["the agency's admin", staff('fjdrc', 'admin')],
    ["another agency's admin", staff('fjczt', 'admin')],
    ['the public', PUBLIC],
  ])('refuses a record by %s with FORBIDDEN', async (_who, claims) => {
    const result = await agency.execRaw(RECORD_ACCOUNTABILITY, { agency: 'fjdrc', input: { ...INPUT, subjectId: overdue } }, claims);
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a document that was not overdue, an unknown one, an empty harm and a future decision', async () => {
    const onTime = (await agency.exec(CREATE_DOCUMENT, { input: { ...DOC, formedOn: '2026-11-26' } }, EDITOR)).createDocument.id;
    const refusal = async (input: Record<string, unknown>) =>
      (await agency.execRaw(RECORD_ACCOUNTABILITY, { agency: 'fjdrc', input: { ...INPUT, subjectId: overdue, ...input } }, SUPERVISOR)).errors?.[0];
    expect((await refusal({ subjectId: onTime }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectId' });
    expect((await refusal({ subjectId: 'fjdrc:missing' }))?.extensions?.code).toBe('NOT_FOUND');
    expect((await refusal({ harm: ' ' }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'harm' });
    expect((await refusal({ decidedOn: '2026-12-01' }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedOn' });
    expect((await refusal({ harm: ' ' }))?.message).toContain(' / ');
    expect(await records(SUPERVISOR)).toHaveLength(2);
  });
});
