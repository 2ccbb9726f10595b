import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { CREATE_DOCUMENT, GET_DOCUMENT, LIST_DOCUMENTS } from '../../../test/documents/agency-operations';

const EDITOR = staff('fjdrc', 'editor');

/**
 * publishDueOn = formedOn + 20 working days on the official calendar (Art. 26). Each expected date
 * is counted by hand in the comment: day zero is the formed date, counting starts the next day.
 */
const CASES: [string, string, string, boolean][] = [
  // Spring Festival 2026: rest Sun 02-15 … Mon 02-23; Sat 02-14 and Sat 02-28 are workdays.
  // From Tue 02-10: 11,12,13,14(Sat) = 4; 24,25,26,27,28(Sat) = 9; 03-02..06 = 14; 09..13 = 19; Mon 03-16 = 20.
  ['Spring Festival 2026 with its make-up Saturdays', '2026-02-10', '2026-03-16', false],
  // Labour Day 2025: rest 05-01 … 05-05; Sun 04-27 a workday.
  // From Thu 04-24: 25 (1), 27(Sun) (2), 28,29,30 (5), 05-06..09 (9), 12..16 (14), 19..23 (19), Mon 05-26 (20).
  ['Labour Day 2025 with its make-up Sunday', '2025-04-24', '2025-05-26', false],
  // National Day 2025: rest 10-01 … 10-08; Sun 09-28 and Sat 10-11 workdays.
  // From Thu 09-25: 26 (1), 28(Sun) (2), 29,30 (4), 10-09,10 (6), 11(Sat) (7), 13..17 (12), 20..24 (17), 27,28,29 (20) → Wed 10-29.
  ['National Day 2025 with make-up Sunday and Saturday', '2025-09-25', '2025-10-29', false],
  // Formed on Saturday 2026-03-07: day zero is the Saturday; Mon 03-09 is the first working day.
  // 03-09..13 (5), 16..20 (10), 23..27 (15), 30,31,04-01,02,03 (20) → Fri 04-03.
  ['a formed date on a weekend', '2026-03-07', '2026-04-03', false],
  // Into 2027, whose arrangement is not published: weekends and 元旦 only are skipped, provisional.
  // From Mon 2026-12-14: 15..18 (4), 21..25 (9), 28..31 (13), 2027-01-01 holiday, 01-04..08 (18), 11,12 (20) → Tue 2027-01-12.
  ['a count running into the unpublished year 2027', '2026-12-14', '2027-01-12', true],
];

describe('publication deadline on the official calendar', () => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency('sqlite', { clock: '2026-12-20T10:00:00+08:00' }); });
  afterAll(() => agency.close());

  it.each(CASES)('%s: formed %s → due %s', async (_what, formedOn, due, provisional) => {
    const { createDocument } = await agency.exec(CREATE_DOCUMENT, {
      input: { title: `截止日期测试 ${formedOn}`, body: '正文', theme: '综合政务', formedOn, disclosure: 'PROACTIVE' },
    }, EDITOR);
    expect(createDocument).toMatchObject({ publishDueOn: due, publishDueProvisional: provisional });
  });

  it('flags an unpublished item past its due date as overdue for staff', async () => {
    const { documents } = await agency.exec(LIST_DOCUMENTS, { filter: { status: ['DRAFT'] }, first: 50 }, EDITOR);
    const overdue = documents.edges.filter((e: { node: { overdue: boolean } }) => e.node.overdue).map((e: { node: { formedOn: string } }) => e.node.formedOn).sort();
    // Clock: 2026-12-20. Every due date above has passed except the one in 2027.
    expect(overdue).toEqual(['2025-04-24', '2025-09-25', '2026-02-10', '2026-03-07']);
    // The single-document read agrees with the list, for a late one and for the one not yet due.
    for (const formedOn of ['2025-04-24', '2026-12-14']) {
      const edge = documents.edges.find((e: { node: { formedOn: string } }) => e.node.formedOn === formedOn);
      const { document } = await agency.exec(GET_DOCUMENT, { id: edge.node.id }, EDITOR);
      expect([formedOn, document.overdue]).toEqual([formedOn, formedOn !== '2026-12-14']);
    }
  });
});
