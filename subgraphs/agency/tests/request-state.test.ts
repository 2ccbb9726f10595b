import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import {
  EXTEND, GET_REQUEST, PROGRESS, RECEIVE_SUPPLEMENT, RECORD_REQUEST, REQUEST_SUPPLEMENT, START_CONSULTATION,
} from '../../../test/documents/request-operations';
import { DisclosureRequestEntity, RequestEventEntity } from '../entities/request.entity';
import { RequestStatus } from '../entities/request-enums';
import { clockOf } from '../services/request.service';
import { createContext } from '../context';
import { residentId } from '../../../tools/demo/codes';

const OFFICER = staff('fjdrc', 'disclosure-officer');

describe.each(testEngines())('the request\'s derived state on %s', (kind) => {
  let agency: TestAgency;
  // Tue 2026-03-10: a consultation started Mon 03-02 is still open (its 15 working days run to 03-23).
  beforeAll(async () => { agency = await openTestAgency(kind, { clock: '2026-03-10T10:00:00+08:00' }); });
  afterAll(() => agency.close());

  const step = async (mutation: string, variables: Record<string, unknown>) => Object.values(await agency.exec(mutation, variables, OFFICER))[0] as Record<string, any>;
  const answers = async (id: string, code: string) => ({
    request: (await agency.exec(GET_REQUEST, { id }, OFFICER)).request,
    progress: (await agency.exec(PROGRESS, { code }, PUBLIC)).requestProgress,
  });

  it('stores exactly what a fresh derivation gives, and every resolver answers the derivation', async () => {
    const input = {
      requesterKind: 'NATURAL_PERSON', requesterName: '林小明', idNumber: residentId('350102', '19880214', 37), contact: '13800000000',
      channel: 'IN_PERSON', agency: 'fjdrc', description: '请公开2025年省级重点项目名单', submittedOn: '2026-02-09',
    };
    const r = (await agency.exec(RECORD_REQUEST, { input }, OFFICER)).recordDisclosureRequest;
    await step(REQUEST_SUPPLEMENT, { id: r.id, on: '2026-02-12', detail: '请明确所需文件的年份' });
    await step(RECEIVE_SUPPLEMENT, { id: r.id, on: '2026-02-26', detail: '2025年' });
    await step(START_CONSULTATION, { id: r.id, party: 'THIRD_PARTY', on: '2026-03-02', detail: '涉及企业商业秘密，征求意见' });
    await step(EXTEND, { id: r.id, on: '2026-03-05', days: 10, approver: '王主任', notice: '延期答复通知' });

    // The stored cache equals a fresh derivation from the stored events.
    const ctx = createContext(agency.runtime, OFFICER);
    const row = await ctx.em.findOneOrFail(DisclosureRequestEntity, { id: r.id });
    const fresh = clockOf(ctx, await ctx.em.find(RequestEventEntity, { requestId: r.id }, { orderBy: { id: 'asc' } }));
    expect(fresh.status).toBe('IN_CONSULTATION');
    expect({ status: row.status, receivedOn: row.receivedOn, replyDueOn: row.replyDueOn ?? null, provisional: row.replyDueProvisional, closedOn: row.closedOn ?? null, outcome: row.outcome ?? null })
      .toEqual({ status: fresh.status, receivedOn: fresh.receivedOn, replyDueOn: fresh.replyDueOn, provisional: fresh.provisional, closedOn: fresh.closedOn, outcome: fresh.outcome });

    // requestProgress and request(id) agree with each other and with the derivation.
    const derived = { status: fresh.status, receivedOn: fresh.receivedOn, replyDueOn: fresh.replyDueOn, replyDueSteps: fresh.steps };
    const before = await answers(r.id, r.trackingCode);
    expect(before.progress).toMatchObject({ ...derived, provisional: fresh.provisional, supplementDueOn: fresh.supplementDueOn });
    expect(before.request).toMatchObject({ ...derived, replyDueProvisional: fresh.provisional, supplementNoticeDueOn: fresh.supplementNoticeDueOn, extendedWorkingDays: 10 });

    // A stale cache (as written before a consultation ran out, or by an older release) never
    // shows through: the answers still come from the events.
    await ctx.em.nativeUpdate(DisclosureRequestEntity, { id: r.id }, { status: RequestStatus.PROCESSING, replyDueOn: '2026-01-01' });
    const after = await answers(r.id, r.trackingCode);
    expect(after.progress).toEqual(before.progress);
    expect(after.request).toMatchObject(derived);
    expect(after.request.overdue).toBe(false);
  });
});
