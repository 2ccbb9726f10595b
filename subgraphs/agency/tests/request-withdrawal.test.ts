import { openTestAgency, staff, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  ACCEPT_LATE_SUPPLEMENT, AGENCY_REPORT, GET_REQUEST, RECEIVE_SUPPLEMENT, RECORD_REQUEST, REPLY, REQUEST_SUPPLEMENT,
} from '../../../test/documents/request-operations';
import { runDeadlineWatch } from '../services/deadline-watch';
import { residentId } from '../../../tools/demo/codes';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const EDITOR = staff('fjdrc', 'editor');
const PERSON_ID = residentId('350102', '19880214', 37);

describe.each(testEngines())('deemed withdrawal and late supplements (Art. 30) on %s', (kind) => {
  let agency: TestAgency;
  // The clock: Fri 2026-11-27.
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const add = (from: string, days: number) => agency.runtime.calendar.addWorkingDays(from, days).on;
  const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const awaiting = async (submittedOn: string, noticeOn: string) => {
    const r = (await agency.exec(RECORD_REQUEST, {
      input: {
        requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: PERSON_ID, contact: '13800000000', channel: 'IN_PERSON', agency: 'fjdrc',
        description: '请公开2025年省级重点项目名单', submittedOn,
      },
    }, OFFICER)).recordDisclosureRequest;
    await agency.exec(REQUEST_SUPPLEMENT, { id: r.id, on: noticeOn, detail: '请明确所需文件的年份' }, OFFICER);
    return r.id as string;
  };
  const get = async (id: string) => (await agency.exec(GET_REQUEST, { id }, OFFICER)).request;
  const watch = () => runDeadlineWatch(agency.runtime, { notify: () => {} });
  const failure = async (mutation: string, variables: Record<string, unknown>, claims = OFFICER) => (await agency.execRaw(mutation, variables, claims)).errors?.[0];

  it('closes a request whose supplement period passed as deemed withdrawn at the watch, with an event, not carried over', async () => {
    const lapsed = await awaiting('2026-10-12', '2026-10-13');
    const due = add('2026-10-13', 15);
    const running = await awaiting('2026-11-20', '2026-11-23');
    const items = await watch();
    expect(items.map((i) => i.id)).not.toContain(lapsed);
    const closed = await get(lapsed);
    expect(closed).toMatchObject({ status: 'CLOSED', outcome: 'OTHER_NO_SUPPLEMENT', outcomeRow: '3.6.1', closedOn: nextDay(due), repliedLate: false });
    expect(closed.events.at(-1)).toMatchObject({ kind: 'DEEMED_WITHDRAWN', on: nextDay(due), actor: expect.stringMatching(/watch/) });
    expect((await get(running)).status).toBe('AWAITING_SUPPLEMENT');
    // A second run changes nothing.
    await watch();
    expect((await get(lapsed)).events.filter((e: any) => e.kind === 'DEEMED_WITHDRAWN')).toHaveLength(1);
    const report = (await agency.exec(AGENCY_REPORT, { code: 'fjdrc', year: 2026 }))._entities[0].annualReport;
    const row = (code: string) => report.requestsTable.find((x: any) => x.code === code).total;
    expect(row('3.6.1')).toBe(1);
    expect(row('4')).toBe(1);
  });

  it('lets a disclosure officer accept a late supplement with a good reason (正当理由), restarting the clock, even after the watch closed it', async () => {
    const id = await awaiting('2026-09-14', '2026-09-15');
    const due = add('2026-09-15', 15);
    expect((await failure(RECEIVE_SUPPLEMENT, { id, on: nextDay(due) }))?.extensions?.code).toBe('CONFLICT');
    expect((await failure(ACCEPT_LATE_SUPPLEMENT, { id, on: nextDay(due), reason: ' ' }))?.extensions?.field).toBe('reason');
    expect((await failure(ACCEPT_LATE_SUPPLEMENT, { id, on: nextDay(due), reason: '住院治疗，有医院证明' }, EDITOR))?.extensions?.code).toBe('FORBIDDEN');
    await watch();
    expect((await get(id)).status).toBe('CLOSED');
    const accepted = (await agency.exec(ACCEPT_LATE_SUPPLEMENT, { id, on: '2026-11-02', reason: '住院治疗，有医院证明', detail: '2025年' }, OFFICER)).acceptLateSupplement;
    expect(accepted).toMatchObject({ status: 'PROCESSING', closedOn: null, outcome: null, replyDueOn: add('2026-11-02', 20) });
    const request = await get(id);
    expect(request.events.at(-1)).toMatchObject({ kind: 'LATE_SUPPLEMENT_ACCEPTED', on: '2026-11-02', actor: OFFICER.sub, detail: expect.stringContaining('住院治疗') });
    // In time there is nothing to excuse; a staff reply, unlike the watch's presumption, is final.
    const inTime = await awaiting('2026-11-16', '2026-11-17');
    expect((await failure(ACCEPT_LATE_SUPPLEMENT, { id: inTime, on: '2026-11-27', reason: '理由' }))?.extensions?.code).toBe('CONFLICT');
    const replied = await awaiting('2026-08-03', '2026-08-04');
    await agency.exec(REPLY, { id: replied, on: '2026-11-02', outcome: 'OTHER_NO_SUPPLEMENT', responseText: '视为放弃' }, OFFICER);
    expect((await failure(ACCEPT_LATE_SUPPLEMENT, { id: replied, on: '2026-11-03', reason: '住院治疗' }))?.extensions?.code).toBe('CONFLICT');
  });
});
