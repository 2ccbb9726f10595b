import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { ANSWER_CONSULTATION, RECORD_REQUEST, START_CONSULTATION } from '../../../test/documents/request-operations';
import { residentId } from '../../../tools/demo/codes';
import { testEngines } from '../../../test/support/databases';
import { seedSupervisionFixture } from '../../../test/support/supervision-fixture';
import { logNotifier, runDeadlineWatch, type DeadlineItem } from '../services/deadline-watch';

describe.each(testEngines())('the daily deadline watch on %s', (kind) => {
  let agency: TestAgency;

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    await seedSupervisionFixture(agency.runtime);
  });
  afterAll(() => agency.close());

  it('lists exactly what is late or due within 3 working days, late first, and hands each to the notifier', async () => {
    const notified: DeadlineItem[] = [];
    const items = await runDeadlineWatch(agency.runtime, { notify: (item) => { notified.push(item); } });
    expect(notified).toEqual(items);
    const summary = items.map((i) => `${i.state} ${i.kind} ${i.dueOn}`);
    expect(summary).toEqual([
      'LATE document 2026-11-20',
      'LATE request 2026-11-20',
      'LATE penalty 2026-11-26',
      // Submitted 5 Nov, unanswered: 10 working days ran out on 19 Nov. The one of 20 Nov is not late yet, the rejected one is not counted.
      'LATE feedback 2026-11-19',
      'DUE_SOON document 2026-12-01',
      'DUE_SOON request 2026-12-02',
      'DUE_SOON penalty 2026-11-30',
    ]);
    expect(items.every((i) => i.agency === 'fjdrc' && i.id.startsWith('fjdrc:'))).toBe(true);
  });

  it('logs one JSON line per item by default, without personal data', async () => {
    const lines: string[] = [];
    const items = await runDeadlineWatch(agency.runtime, logNotifier((line) => lines.push(line), () => agency.runtime.clock.now()));
    expect(lines).toHaveLength(items.length);
    expect(JSON.parse(lines[0])).toEqual({ watch: 'deadline', ...items[0], at: '2026-11-27T02:00:00.000Z' });
    expect(lines.join('\n')).not.toMatch(/13800000000|某人/);
  });
});

describe.each(testEngines())('consultations in the deadline watch on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  it('reports a consulted party\'s answer due within 3 working days or overdue (15 working days from the letter), and no longer once answered', async () => {
    const officer = staff('fjdrc', 'disclosure-officer');
    const record = async (submittedOn: string) => (await agency.exec(RECORD_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '郑某', idNumber: residentId('350102', '19850101', 11), contact: '13800000000',
        channel: 'IN_PERSON', agency: 'fjdrc', description: '申请公开某项目的环评文件', submittedOn,
      },
    }, officer)).recordDisclosureRequest.id as string;
    const late = await record('2026-11-04');
    const dueSoon = await record('2026-11-05');
    const answered = await record('2026-11-05');
    const consult = (id: string, on: string) => agency.exec(START_CONSULTATION, { id, party: 'THIRD_PARTY', on, detail: '涉及建设单位的商业秘密' }, officer);
    await consult(late, '2026-11-05');
    await consult(dueSoon, '2026-11-06');
    await consult(answered, '2026-11-06');
    await agency.exec(ANSWER_CONSULTATION, { id: answered, party: 'THIRD_PARTY', on: '2026-11-20', detail: '不同意公开' }, officer);

    const items = (await runDeadlineWatch(agency.runtime, { notify: () => undefined })).filter((i) => i.kind === 'consultation');
    const due = (start: string) => agency.runtime.calendar.addWorkingDays(start, 15).on;
    expect(items).toEqual([
      { agency: 'fjdrc', kind: 'consultation', id: late, dueOn: due('2026-11-05'), state: 'LATE' },
      { agency: 'fjdrc', kind: 'consultation', id: dueSoon, dueOn: due('2026-11-06'), state: 'DUE_SOON' },
    ]);
  });
});
