import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import type { Claims } from '../../../schema/contracts/claims';
import { RECORD_TRAINING } from '../../../test/documents/agency-operations';
import { AGENCY_SUPERVISION } from '../../../test/documents/feedback-operations';

// Issue 14, the 2014 Fujian notice §四: training that covers every body and its staff, and
// dedicated training for the disclosure staff, recorded per agency and shown in supervision.
const ADMIN = staff('fjdrc', 'admin');
const ALL_STAFF = { heldOn: '2026-03-12', title: '《政府信息公开条例》全员培训', kind: 'ALL_STAFF', attendees: 150, headcount: 180 };
const DISCLOSURE = { heldOn: '2026-06-20', title: '政务公开工作人员专题培训', kind: 'DISCLOSURE_STAFF', attendees: 12, headcount: 12 };

describe.each(testEngines())('training on disclosure work on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const figures = async (vars: Record<string, unknown> = { from: '2026-01-01', to: '2026-11-27' }) =>
    (await agency.exec(AGENCY_SUPERVISION, { code: 'fjdrc', ...vars }, SUPERVISOR))._entities[0].supervision;

  it('shows no coverage before anything is recorded', async () => {
    expect(await figures()).toMatchObject({ trainingSessions: 0, trainingHeadcount: 0, trainingCoverage: null, disclosureStaffTrainings: 0, agenciesWithDisclosureTraining: 0 });
  });

  it('records sessions by the agency\'s admin and shows the year\'s coverage and dedicated training in supervision', async () => {
    const recorded = (await agency.exec(RECORD_TRAINING, { input: ALL_STAFF }, ADMIN)).recordTrainingSession;
    expect(recorded).toMatchObject({ ...ALL_STAFF, recordedBy: ADMIN.sub, recordedAt: '2026-11-27T10:00:00+08:00' });
    expect(await figures()).toMatchObject({ trainingSessions: 1, trainingAllStaffAttendees: 150, trainingHeadcount: 180, trainingCoverage: 0.833, agenciesWithDisclosureTraining: 0 });
    await agency.exec(RECORD_TRAINING, { input: DISCLOSURE }, ADMIN);
    await agency.exec(RECORD_TRAINING, { input: { ...ALL_STAFF, heldOn: '2026-09-01', title: '补训', attendees: 40 } }, ADMIN);
    const f = await figures();
    // Two all-staff sessions reach more attendances than staff: coverage stops at 1.
    expect(f).toMatchObject({
      trainingSessions: 3, trainingAllStaffAttendees: 190, trainingHeadcount: 180, trainingCoverage: 1, disclosureStaffTrainings: 1, agenciesWithDisclosureTraining: 1,
    });
    expect(f.csv).toContain('全员培训覆盖率,trainingCoverage,1');
    // A period that holds only the first session counts only that one.
    expect(await figures({ from: '2026-01-01', to: '2026-03-31' })).toMatchObject({ trainingSessions: 1, disclosureStaffTrainings: 0 });
  });

  const refused: [string, Claims][] = [
    ["the agency's editor", staff('fjdrc', 'editor')],
    ['a supervisor', SUPERVISOR],
    ['the public', PUBLIC],
  ];
  it.each(refused)('refuses %s with FORBIDDEN', async (_who, claims) => {
    expect((await agency.execRaw(RECORD_TRAINING, { input: ALL_STAFF }, claims)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['title', { title: ' ' }],
    ['heldOn', { heldOn: '2026-12-01' }],
    ['attendees', { attendees: -1 }],
    ['attendees', { attendees: 200 }],
    ['headcount', { headcount: 2_000_000 }],
  ])('rejects a bad %s with a bilingual BAD_USER_INPUT', async (field, input) => {
    const result = await agency.execRaw(RECORD_TRAINING, { input: { ...ALL_STAFF, ...input } }, ADMIN);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toContain(' / ');
  });
});
