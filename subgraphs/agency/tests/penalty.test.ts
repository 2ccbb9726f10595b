import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';

const EDITOR = staff('fjamr', 'editor');
const FIELDS = 'id caseNumber partyKind partyName partyCreditCode partyIdNumber decidedOn status displayUntil publishDueOn withdrawDueOn overdue withdrawalReason authority { code }';
const CREATE = `mutation($input: CreatePenaltyDecisionInput!) { createPenaltyDecision(input: $input) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishPenaltyDecision(id: $id) { ${FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $on: Date!, $reason: String!) { revokePenaltyDecision(id: $id, revokedOn: $on, reason: $reason) { ${FIELDS} } }`;
const LIST = `query($name: String) { penaltyDecisions(partyName: $name, first: 50) { totalCount edges { node { ${FIELDS} } } } }`;

const ENTERPRISE = {
  caseNumber: '闽市监处罚〔2026〕15号', partyKind: 'ENTERPRISE', partyName: '福州某某食品有限公司', partyIdNumber: '91350000158142711F',
  facts: '生产经营不符合食品安全标准的食品。', legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款', penalty: '罚款人民币五万元', decidedOn: '2026-11-02',
};
const PERSON = { ...ENTERPRISE, caseNumber: '闽市监处罚〔2026〕16号', partyKind: 'NATURAL_PERSON', partyName: '张三丰', partyIdNumber: '11010519491231002X', minor: true };

describe.each(testEngines())('administrative penalty decisions on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind, { code: 'fjamr' }); });
  afterAll(() => agency.close());

  it('validates the party: credit code check character, resident id check digit', async () => {
    const badCode = await agency.execRaw(CREATE, { input: { ...ENTERPRISE, partyIdNumber: '91350000158142711G' } }, EDITOR);
    expect(badCode.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partyIdNumber' });
    expect(badCode.errors?.[0].message).toContain('统一社会信用代码');
    const badId = await agency.execRaw(CREATE, { input: { ...PERSON, partyIdNumber: '110105194912310021' } }, EDITOR);
    expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partyIdNumber' });
  });

  it('publishes under its own periods, masks a natural person, withdraws on revocation and keeps the record', async () => {
    const { createPenaltyDecision: firm } = await agency.exec(CREATE, { input: ENTERPRISE }, EDITOR);
    // Decided Mon 2026-11-02: 20 working days → Mon 2026-11-30.
    expect(firm).toMatchObject({ status: 'PENDING', publishDueOn: '2026-11-30', overdue: false, authority: { code: 'fjamr' } });
    const { publishPenaltyDecision: shown } = await agency.exec(PUBLISH, { id: firm.id }, EDITOR);
    expect(shown).toMatchObject({ status: 'PUBLISHED', displayUntil: '2029-11-27' });

    const { createPenaltyDecision: person } = await agency.exec(CREATE, { input: PERSON }, EDITOR);
    const { publishPenaltyDecision: minor } = await agency.exec(PUBLISH, { id: person.id }, EDITOR);
    expect(minor.displayUntil).toBe('2027-02-27');

    const { penaltyDecisions } = await agency.exec(LIST, {}, PUBLIC);
    expect(penaltyDecisions.totalCount).toBe(2);
    const publicPerson = penaltyDecisions.edges.find((e: { node: { id: string } }) => e.node.id === person.id).node;
    expect(publicPerson).toMatchObject({ partyName: '张**', partyIdNumber: '110105********002X', publishDueOn: null, overdue: null });
    const publicFirm = penaltyDecisions.edges.find((e: { node: { id: string } }) => e.node.id === firm.id).node;
    expect(publicFirm).toMatchObject({ partyName: '福州某某食品有限公司', partyCreditCode: '91350000158142711F' });
    // The public cannot look a person up by name.
    expect((await agency.exec(LIST, { name: '张三' }, PUBLIC)).penaltyDecisions.totalCount).toBe(0);
    // The agency's own staff find a person by the whole name only (issue 9 finding 7).
    expect((await agency.exec(LIST, { name: '张三' }, EDITOR)).penaltyDecisions.totalCount).toBe(0);
    expect((await agency.exec(LIST, { name: '张三丰' }, EDITOR)).penaltyDecisions.edges[0].node.partyName).toBe('张三丰');

    const { revokePenaltyDecision: revoked } = await agency.exec(REVOKE, { id: firm.id, on: '2026-11-26', reason: '行政复议决定撤销原处罚决定' }, EDITOR);
    // Revoked Thu 2026-11-26: 3 working days → Tue 2026-12-01.
    expect(revoked).toMatchObject({ status: 'WITHDRAWN', withdrawDueOn: '2026-12-01', withdrawalReason: '行政复议决定撤销原处罚决定' });
    expect((await agency.exec(LIST, {}, PUBLIC)).penaltyDecisions.totalCount).toBe(1);
    expect((await agency.exec(LIST, {}, EDITOR)).penaltyDecisions.totalCount).toBe(2);
  });

  it('stops showing a decision after its publicity period', async () => {
    const later = await openTestAgency(kind, { code: 'fjamr', clock: '2026-06-01T09:00:00+08:00', env: { HUB_PENALTY_MINOR_MONTHS: '1' } });
    try {
      const { createPenaltyDecision: p } = await later.exec(CREATE, { input: { ...PERSON, decidedOn: '2026-05-20' } }, EDITOR);
      const { publishPenaltyDecision } = await later.exec(PUBLISH, { id: p.id }, EDITOR);
      expect(publishPenaltyDecision.displayUntil).toBe('2026-07-01');
    } finally {
      await later.close();
    }
  });
});
