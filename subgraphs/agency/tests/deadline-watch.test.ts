import { openTestAgency, type TestAgency } from '../../../test/support/agency-harness';
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
