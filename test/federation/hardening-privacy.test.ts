import { LIST_FEEDBACK, SUBMIT_FEEDBACK } from '../documents/feedback-operations';
import { GET_REQUEST, LIST_REQUESTS, RECORD_APPEAL, SUBMIT_REQUEST } from '../documents/request-operations';
import { startHub, type TestHub } from '../support/hub-harness';
import { creditCode, organisationCode, residentId } from '../../tools/demo/codes';
import { PersonalDataAccessEntity } from '../../subgraphs/agency/entities/request.entity';

const REQUESTER_ACTOR = '申请人 / requester';
const NOTE = '复议申请人陈晓红称未收到答复';
const ONLINE = {
  requesterKind: 'NATURAL_PERSON', requesterName: '陈晓红', idNumber: residentId('350203', '19750630', 12), contact: 'chenxh@example.cn',
  channel: 'ONLINE', agency: 'fjdrc', description: '申请公开某路段改造工程的环评批复',
};
const PENALTY = `mutation($input: CreatePenaltyDecisionInput!) { createPenaltyDecision(input: $input) { id } }`;
const PUBLISH = `mutation($id: ID!) { publishPenaltyDecision(id: $id) { id } }`;
const PENALTIES = `query($name: String) { penaltyDecisions(partyName: $name, first: 50) { totalCount edges { node { partyKind partyName partyIdNumber } } } }`;
const CASE = { facts: '未按规定明码标价。', legalBasis: '《中华人民共和国价格法》第四十二条', penalty: '警告', decidedOn: '2026-11-02', minor: false };
const PERSONS = ['王五', '张三丰', '欧阳娜娜'];

/** Issue 9 finding 7 through the real gateway: what of a requester or a penalised person reaches whom. */
describe('issue 9 finding 7: identity reaches only the handlers, through the gateway', () => {
  let hub: TestHub;
  let requestId: string;
  const tokens: Record<string, string> = {};
  const audit: Record<string, unknown>[] = [];

  beforeAll(async () => {
    hub = await startHub({ agencies: ['fjdrc', 'fjamr'] });
    hub.agencies.get('fjdrc')!.runtime.auditSink = (line) => audit.push(JSON.parse(line));
    tokens.requester = await hub.token(['editor'], 'fjczt');
    tokens.officer = await hub.token(['disclosure-officer'], 'fjdrc');
    tokens.supervisor = await hub.token(['supervisor']);
    tokens.otherStaff = await hub.token(['disclosure-officer'], 'fjamr');
    tokens.amrEditor = await hub.token(['editor'], 'fjamr');

    const submitted = await hub.query(SUBMIT_REQUEST, { input: ONLINE }, tokens.requester);
    expect(submitted.errors).toBeUndefined();
    const listed = await hub.query(LIST_REQUESTS, { first: 10 }, tokens.officer);
    requestId = listed.data.disclosureRequests.edges.find((e: any) => e.node.trackingCode === submitted.data.submitDisclosureRequest.trackingCode).node.id;
    const appeal = await hub.query(RECORD_APPEAL, { input: { requestId, kind: 'RECONSIDERATION', filedOn: '2026-11-27', note: NOTE } }, tokens.officer);
    expect(appeal.errors).toBeUndefined();

    let serial = 0;
    const add = async (partyKind: string, partyName: string, partyIdNumber: string) => {
      const created = await hub.query(PENALTY, { input: { ...CASE, caseNumber: `闽市监处罚〔2026〕${++serial}号`, partyKind, partyName, partyIdNumber } }, tokens.amrEditor);
      expect(created.errors).toBeUndefined();
      await hub.query(PUBLISH, { id: created.data.createPenaltyDecision.id }, tokens.amrEditor);
    };
    await add('ENTERPRISE', '福州100%纯净水有限公司', creditCode('91', '350100', organisationCode('61234567')));
    for (const [i, name] of PERSONS.entries()) await add('NATURAL_PERSON', name, residentId('350102', '19800101', 100 + i));
  }, 120_000);
  afterAll(() => hub?.stop());

  it('issue 9 finding 7: a supervisor sees "申请人 / requester" as the actor of a signed-in requester\'s submission, and no appeal note', async () => {
    const { data, errors } = await hub.query(GET_REQUEST, { id: requestId }, tokens.supervisor);
    expect(errors).toBeUndefined();
    const actors = data.request.events.filter((e: any) => ['SUBMITTED', 'RECEIVED'].includes(e.kind)).map((e: any) => e.actor);
    expect(actors).toEqual([REQUESTER_ACTOR, REQUESTER_ACTOR]);
    expect(data.request.appeals).toEqual([expect.objectContaining({ kind: 'RECONSIDERATION', note: null })]);
    expect(JSON.stringify(data)).not.toMatch(/editor@fjczt|陈晓红/);
  });

  it('issue 9 finding 7: another agency\'s staff read no request, and the handler reads the note', async () => {
    for (const token of [tokens.otherStaff, tokens.requester]) {
      const { data } = await hub.query(GET_REQUEST, { id: requestId }, token);
      expect(data.request).toBeNull();
    }
    const { data } = await hub.query(GET_REQUEST, { id: requestId }, tokens.officer);
    expect(data.request.appeals[0].note).toBe(NOTE);
    expect(data.request.events.find((e: any) => e.kind === 'SUBMITTED').actor).toBe(REQUESTER_ACTOR);
  });

  it('issue 9 finding 7: partyName "%" is a literal character and a supervisor cannot confirm a person\'s name', async () => {
    for (const token of [undefined, tokens.supervisor]) {
      const all = await hub.query(PENALTIES, { name: '%' }, token);
      expect(all.errors).toBeUndefined();
      expect(all.data.penaltyDecisions.totalCount).toBe(1);
      for (const name of [...PERSONS, '张%', '张_丰']) expect([name, (await hub.query(PENALTIES, { name }, token)).data.penaltyDecisions.totalCount]).toEqual([name, 0]);
    }
    expect((await hub.query(PENALTIES, { name: '张三丰' }, tokens.amrEditor)).data.penaltyDecisions.totalCount).toBe(1);
  });

  it('issue 9 finding 7: masked names are three characters for 2-, 3- and 4-character names', async () => {
    const { data } = await hub.query(PENALTIES, {}, tokens.supervisor);
    const masked = data.penaltyDecisions.edges.map((e: any) => e.node).filter((p: any) => p.partyKind === 'NATURAL_PERSON').map((p: any) => p.partyName);
    expect(masked.sort()).toEqual(['张**', '欧**', '王**']);
  });

  it('issue 9 finding 7: a feedback contact read writes an audit row and an audit line', async () => {
    const runtime = hub.agencies.get('fjdrc')!.runtime;
    audit.length = 0;
    const submitted = await hub.query(SUBMIT_FEEDBACK, { input: { agency: 'fjdrc', text: '请公开更多预算细节', contact: '13900000000' } });
    const id = submitted.data.submitFeedback.id;
    const { data } = await hub.query(LIST_FEEDBACK, { filter: { agencies: ['fjdrc'] }, first: 10 }, tokens.officer);
    expect(data.feedback.edges.find((e: any) => e.node.id === id).node.contact).toBe('13900000000');
    expect(audit).toEqual([expect.objectContaining({ audit: 'personal-data.read', subject: id, fields: ['contact'], actor: 'disclosure-officer@fjdrc' })]);
    const rows = await runtime.orm.em.fork().find(PersonalDataAccessEntity, { requestId: id });
    expect(rows.map((r) => [r.actor, r.fields])).toEqual([['disclosure-officer@fjdrc', 'contact']]);
  });

  it('issue 9 finding 9: a resident ID with a future birth date is refused with a bilingual message naming idNumber', async () => {
    const { data, errors } = await hub.query(SUBMIT_REQUEST, { input: { ...ONLINE, idNumber: residentId('350203', '20270101', 12) } });
    expect(data?.submitDisclosureRequest ?? null).toBeNull();
    expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(errors[0].message).toMatch(/出生日期.* \/ .*birth date/);
  });
});
