import { startHub, type TestHub } from '../support/hub-harness';
import { DocumentEntity } from '../../subgraphs/agency/entities/document.entity';
import { DisclosureRequestEntity } from '../../subgraphs/agency/entities/request.entity';
import { residentId } from '../../tools/demo/codes';
import { PenaltyDecisionEntity } from '../../subgraphs/agency/entities/penalty.entity';

// A made-up 2027 arrangement, not the real one: 01-04 and 01-05 rest after 元旦, Saturday 01-09 worked.
const ARRANGEMENT_2027 = JSON.stringify({
  year: 2027,
  holidays: ['2027-01-01', '2027-01-04', '2027-01-05', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-01-09'],
  source: '测试用放假安排',
});
// From Mon 2026-12-28 (day zero), 20 working days. Provisional (元旦 only): 29..31 (1–3), 01-04..08
// (4–8), 11..15 (9–13), 18..22 (14–18), 25 (19), Tue 01-26 (20). With the arrangement: 29..31
// (1–3), 06..09 (4–7), 11..15 (8–12), 18..22 (13–17), 25 (18), 26 (19), Wed 01-27 (20).
const PROVISIONAL = { on: '2027-01-26', provisional: true };
const PUBLISHED = { on: '2027-01-27', provisional: false };

const CREATE = /* GraphQL */ `mutation { createDocument(input: { title: "关于统一工作日历的通知", body: "正文", theme: "综合政务", formedOn: "2026-12-28", disclosure: PROACTIVE }) { id } }`;
const DOCUMENT = /* GraphQL */ `query($id: ID!) { document(id: $id) { publishDueOn publishDueProvisional } }`;
const SUBMIT = /* GraphQL */ `mutation($agency: ID!, $id: String!) { submitDisclosureRequest(input: { requesterKind: NATURAL_PERSON, requesterName: "张三", idNumber: $id, contact: "13800000000", channel: ONLINE, agency: $agency, description: "统一日历测试所需信息" }) { trackingCode } }`;
const PROGRESS = /* GraphQL */ `query($code: String!) { requestProgress(trackingCode: $code) { replyDueOn provisional } }`;
const DUE = /* GraphQL */ `{ dueDate(from: "2026-12-28", workingDays: 20) { on provisional } }`;
const PENALTY = /* GraphQL */ `mutation { createPenaltyDecision(input: { caseNumber: "统一日历测试〔2026〕1号", partyKind: ENTERPRISE, partyName: "福州某某有限公司", partyIdNumber: "91350000158142711F", facts: "事实", legalBasis: "依据", penalty: "罚款", decidedOn: "2026-12-28" }) { id publishDueOn } }`;
const LOAD = /* GraphQL */ `mutation($json: String!) { loadHolidayArrangement(json: $json) }`;

describe('one calendar for the province: the directory is the source, every deployment follows without a restart', () => {
  let hub: TestHub;
  const AGENCIES = ['fjdrc', 'xiamen'];
  const items = new Map<string, { documentId: string; trackingCode: string; penaltyId: string }>();

  beforeAll(async () => {
    hub = await startHub({
      agencies: AGENCIES, withDirectory: true, clock: '2026-12-28T10:00:00+08:00',
      withCalendarSync: true, env: { HUB_CALENDAR_SYNC_SECONDS: '1' },
    });
    for (const agency of AGENCIES) {
      const created = await hub.query(CREATE, {}, await hub.token(['editor'], agency));
      expect(created.errors).toBeUndefined();
      const submitted = await hub.query(SUBMIT, { agency, id: residentId('350102', '19880214', 37) });
      expect(submitted.errors).toBeUndefined();
      const penalty = await hub.query(PENALTY, {}, await hub.token(['editor'], agency));
      expect(penalty.data.createPenaltyDecision.publishDueOn).toBe(PROVISIONAL.on);
      items.set(agency, { documentId: created.data.createDocument.id, trackingCode: submitted.data.submitDisclosureRequest.trackingCode, penaltyId: penalty.data.createPenaltyDecision.id });
    }
  });
  afterAll(() => hub?.stop());

  /** dueDate in the directory, and publishDueOn and replyDueOn in each deployment. */
  async function deadlines(): Promise<{ on: string; provisional: boolean }[]> {
    const due = await hub.query(DUE);
    const all = [due.data.dueDate];
    for (const agency of AGENCIES) {
      const { documentId, trackingCode } = items.get(agency)!;
      const doc = await hub.query(DOCUMENT, { id: documentId }, await hub.token(['editor'], agency));
      all.push({ on: doc.data.document.publishDueOn, provisional: doc.data.document.publishDueProvisional });
      const progress = await hub.query(PROGRESS, { code: trackingCode });
      all.push({ on: progress.data.requestProgress.replyDueOn, provisional: progress.data.requestProgress.provisional });
    }
    return all;
  }

  it('agrees on the provisional 2027 dates before the arrangement is loaded', async () => {
    expect(await deadlines()).toEqual(Array(1 + 2 * AGENCIES.length).fill(PROVISIONAL));
  });

  it('after a 2027 arrangement is loaded through the directory, dueDate, publishDueOn and replyDueOn agree in both deployments and are no longer provisional', async () => {
    const loaded = await hub.query(LOAD, { json: ARRANGEMENT_2027 }, await hub.token(['admin'], 'fjgov'));
    expect(loaded.errors).toBeUndefined();
    expect(loaded.data.loadHolidayArrangement).toContain(2027);

    const deadline = Date.now() + 20_000;
    let seen = await deadlines();
    while (!seen.every((d) => d.on === PUBLISHED.on && d.provisional === PUBLISHED.provisional) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      seen = await deadlines();
    }
    expect(seen).toEqual(Array(1 + 2 * AGENCIES.length).fill(PUBLISHED));

    // The stored copies the filters, the overdue lists and the deadline watch read were recomputed too.
    for (const agency of AGENCIES) {
      const em = hub.agencies.get(agency)!.runtime.orm.em.fork();
      const doc = await em.findOneOrFail(DocumentEntity, { id: items.get(agency)!.documentId });
      expect({ on: doc.publishDueOn, provisional: doc.publishDueProvisional }).toEqual(PUBLISHED);
      const request = await em.findOneOrFail(DisclosureRequestEntity, { trackingCode: items.get(agency)!.trackingCode });
      expect({ on: request.replyDueOn, provisional: request.replyDueProvisional }).toEqual(PUBLISHED);
      const penalty = await em.findOneOrFail(PenaltyDecisionEntity, { id: items.get(agency)!.penaltyId });
      expect({ on: penalty.publishDueOn, provisional: penalty.publishDueProvisional }).toEqual(PUBLISHED);
    }
  });

  it('a new deadline in a deployment counts on the loaded arrangement at once', async () => {
    const created = await hub.query(CREATE, {}, await hub.token(['editor'], 'xiamen'));
    const doc = await hub.query(DOCUMENT, { id: created.data.createDocument.id }, await hub.token(['editor'], 'xiamen'));
    expect({ on: doc.data.document.publishDueOn, provisional: doc.data.document.publishDueProvisional }).toEqual(PUBLISHED);
  });
});
