import { openTestAgency, staff, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { AGENCY_SUPERVISION } from '../../../test/documents/feedback-operations';
import { CONFIRM_RECEIPT, GET_REQUEST, LIST_REQUESTS, RECORD_REQUEST } from '../../../test/documents/request-operations';
import { runDeadlineWatch } from '../services/deadline-watch';
import { STATUTORY_RULES } from '../services/statutory-rules';
import { residentId } from '../../../tools/demo/codes';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const PERSON_ID = residentId('350102', '19880214', 37);

describe.each(testEngines())('the receipt of a request entered by staff (Art. 31) on %s', (kind) => {
  let agency: TestAgency;
  // The clock: Fri 2026-11-27.
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  const add = (from: string, days: number) => agency.runtime.calendar.addWorkingDays(from, days).on;
  const record = async (channel: string, submittedOn: string, receivedOn?: string) => (await agency.exec(RECORD_REQUEST, {
    input: {
      requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: PERSON_ID, contact: '13800000000', channel, agency: 'fjdrc',
      description: '请公开2025年省级重点项目名单', submittedOn, receivedOn,
    },
  }, OFFICER)).recordDisclosureRequest;
  const figures = async () => (await agency.exec(AGENCY_SUPERVISION, { code: 'fjdrc' }, SUPERVISOR))._entities[0].supervision;
  const overdueIds = async () => (await agency.exec(LIST_REQUESTS, { filter: { overdue: true }, first: 100 }, OFFICER))
    .disclosureRequests.edges.map((e: any) => e.node.id);

  it('bounds the confirmation of a fax, letter or staff-entered online request by the rules table, then counts it overdue', async () => {
    const n = STATUTORY_RULES.receiptConfirmationWorkingDays;
    const before = await figures();
    const fresh = await record('FAX', '2026-11-26');
    expect(fresh).toMatchObject({ status: 'AWAITING_RECEIPT', receiptConfirmationDueOn: add('2026-11-26', n), overdue: false, replyDueOn: null });
    const stale = await record('ORDINARY_POST', '2026-11-02');
    const due = add('2026-11-02', n);
    expect(stale).toMatchObject({ status: 'AWAITING_RECEIPT', receiptConfirmationDueOn: due, overdue: true });
    expect(stale.replyDueSteps.join('\n')).toContain(due);
    expect(await overdueIds()).toContain(stale.id);
    expect(await overdueIds()).not.toContain(fresh.id);
    const after = await figures();
    expect(after.requestsOverdue - before.requestsOverdue).toBe(1);
    const watched = await runDeadlineWatch(agency.runtime, { notify: () => {} });
    expect(watched).toContainEqual({ agency: 'fjdrc', kind: 'request', id: stale.id, dueOn: due, state: 'LATE' });
    // Confirmed (late): the reply period runs from the confirmed day and the confirmation deadline is gone.
    const confirmed = (await agency.exec(CONFIRM_RECEIPT, { id: stale.id, on: '2026-11-27' }, OFFICER)).confirmRequestReceipt;
    expect(confirmed).toMatchObject({ status: 'PROCESSING', receivedOn: '2026-11-27', replyDueOn: add('2026-11-27', 20) });
    const { request } = await agency.exec(GET_REQUEST, { id: stale.id }, OFFICER);
    expect(request).toMatchObject({ receiptConfirmationDueOn: null, overdue: false });
    expect(request.replyDueSteps.join('\n')).toMatch(/late|逾期/);
    expect(await overdueIds()).not.toContain(stale.id);
  });

  it('gives a request stored unconfirmed before the bound existed its confirmation due date at the next watch', async () => {
    const old = await record('FAX', '2026-10-09');
    await agency.runtime.orm.em.fork().getConnection().execute(`update "disclosure_request" set "reply_due_on" = null where "id" = '${old.id}'`);
    expect(await overdueIds()).not.toContain(old.id);
    const watched = await runDeadlineWatch(agency.runtime, { notify: () => {} });
    const due = add('2026-10-09', STATUTORY_RULES.receiptConfirmationWorkingDays);
    expect(watched).toContainEqual({ agency: 'fjdrc', kind: 'request', id: old.id, dueOn: due, state: 'LATE' });
    expect(await overdueIds()).toContain(old.id);
  });

  it('says so when the receipt falls on a non-working day, which is still day zero', async () => {
    // Registered letter signed for on Sat 2026-11-21: day zero; counting starts Mon 11-23.
    const r = await record('REGISTERED_POST', '2026-11-19', '2026-11-21');
    expect(r.replyDueOn).toBe(add('2026-11-21', 20));
    expect(r.replyDueSteps[0]).toMatch(/非工作日.*第0日|not a working day.*day zero/);
  });
});
