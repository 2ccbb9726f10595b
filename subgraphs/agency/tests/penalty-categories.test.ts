import { openTestAgency, staff, PUBLIC, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { loadAgencyConfig } from '../config';
import { TEST_SECRETS } from '../../../test/support/secrets';

const EDITOR = staff('fjamr', 'editor');
const FIELDS = 'id status category minor displayUntil publishDueOn withdrawDueOn withdrawnLate overdue';
const CREATE = `mutation($input: CreatePenaltyDecisionInput!) { createPenaltyDecision(input: $input) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishPenaltyDecision(id: $id) { ${FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $on: Date!) { revokePenaltyDecision(id: $id, revokedOn: $on, reason: "复议撤销") { ${FIELDS} } }`;
const LIST = `{ penaltyDecisions(first: 50) { totalCount edges { node { id } } } }`;

let serial = 0;
const decision = (extra: Record<string, unknown>) => ({
  caseNumber: `闽市监处罚〔2026〕${100 + ++serial}号`, partyKind: 'ENTERPRISE', partyName: '福州某某食品有限公司', partyIdNumber: '91350000158142711F',
  facts: '事实', legalBasis: '依据', penalty: '处罚', decidedOn: '2026-11-02', ...extra,
});

describe.each(testEngines())('penalty publicity by SAMR category on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind, { code: 'fjamr', clock: '2026-11-27T10:00:00+08:00' }); });
  afterAll(() => agency.close());

  it('does not publish a decision under the simplified procedure or a warning only: publication refused, never overdue, never public', async () => {
    for (const category of ['SIMPLIFIED_PROCEDURE', 'WARNING_ONLY']) {
      const { createPenaltyDecision: p } = await agency.exec(CREATE, { input: decision({ category, decidedOn: '2026-10-09' }) }, EDITOR);
      expect(p).toMatchObject({ status: 'PENDING', category, minor: false, overdue: false });
      const refused = await agency.execRaw(PUBLISH, { id: p.id }, EDITOR);
      expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(refused.errors?.[0].message).toMatch(/不予公示.* \/ .*not published/);
      const { penaltyDecisions } = await agency.exec(LIST, {}, PUBLIC);
      expect(penaltyDecisions.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(p.id);
    }
  });

  it('shows 通报批评 and small fines for 3 months and others for 3 years; minor: true means the 3-month class', async () => {
    const { createPenaltyDecision: criticism } = await agency.exec(CREATE, { input: decision({ category: 'CRITICISM_OR_SMALL_FINE' }) }, EDITOR);
    expect(criticism).toMatchObject({ category: 'CRITICISM_OR_SMALL_FINE', minor: true });
    expect((await agency.exec(PUBLISH, { id: criticism.id }, EDITOR)).publishPenaltyDecision.displayUntil).toBe('2027-02-27');
    const { createPenaltyDecision: legacy } = await agency.exec(CREATE, { input: decision({ minor: true }) }, EDITOR);
    expect(legacy.category).toBe('CRITICISM_OR_SMALL_FINE');
    const { createPenaltyDecision: standard } = await agency.exec(CREATE, { input: decision({}) }, EDITOR);
    expect(standard).toMatchObject({ category: 'STANDARD', minor: false });
    expect((await agency.exec(PUBLISH, { id: standard.id }, EDITOR)).publishPenaltyDecision.displayUntil).toBe('2029-11-27');
    const clash = await agency.execRaw(CREATE, { input: decision({ minor: true, category: 'STANDARD' }) }, EDITOR);
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'category' });
  });

  it('flags a revocation entered after its withdrawal period as a late withdrawal', async () => {
    const { createPenaltyDecision: p } = await agency.exec(CREATE, { input: decision({}) }, EDITOR);
    await agency.exec(PUBLISH, { id: p.id }, EDITOR);
    // Revoked Mon 2026-11-16: 3 working days → Thu 11-19; entered on Fri 11-27, so late.
    const { revokePenaltyDecision: late } = await agency.exec(REVOKE, { id: p.id, on: '2026-11-16' }, EDITOR);
    expect(late).toMatchObject({ status: 'WITHDRAWN', withdrawDueOn: '2026-11-19', withdrawnLate: true });
    const { createPenaltyDecision: q } = await agency.exec(CREATE, { input: decision({}) }, EDITOR);
    await agency.exec(PUBLISH, { id: q.id }, EDITOR);
    const { revokePenaltyDecision: onTime } = await agency.exec(REVOKE, { id: q.id, on: '2026-11-26' }, EDITOR);
    expect(onTime.withdrawnLate).toBe(false);
  });
});

describe('the publication deadline is the agency\'s setting, the rules table\'s 20 working days at most', () => {
  it('counts an agency\'s 7 working days (双公示 practice)', async () => {
    const agency = await openTestAgency('sqlite', { code: 'fjamr', env: { HUB_PENALTY_PUBLISH_DAYS: '7' } });
    try {
      // Decided Mon 2026-11-02: 7 working days → Wed 2026-11-11.
      const { createPenaltyDecision: p } = await agency.exec(CREATE, { input: decision({}) }, EDITOR);
      expect(p.publishDueOn).toBe('2026-11-11');
    } finally {
      await agency.close();
    }
  });

  it('refuses a laxer period than the rules allow, naming the setting', () => {
    expect(() => loadAgencyConfig({ ...TEST_SECRETS, HUB_PENALTY_PUBLISH_DAYS: '30' })).toThrow(/HUB_PENALTY_PUBLISH_DAYS.*20/);
    expect(() => loadAgencyConfig({ ...TEST_SECRETS, HUB_PENALTY_WITHDRAW_DAYS: '5' })).toThrow(/HUB_PENALTY_WITHDRAW_DAYS.*3/);
    expect(() => loadAgencyConfig({ ...TEST_SECRETS, HUB_PENALTY_PUBLISH_DAYS: '0' })).toThrow(/HUB_PENALTY_PUBLISH_DAYS/);
  });
});
