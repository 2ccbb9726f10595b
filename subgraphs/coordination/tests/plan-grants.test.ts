import { testEngines } from '../../../test/support/databases';
import { verifyPlanGrant } from '../../../schema/contracts/plan-grant';
import { ReleasePlanStatus } from '../entities/enums';
import { PlanDocumentEntity, ReleasePlanEntity } from '../entities/release-plan.entity';
import { planGrantFor } from '../services/release-plan.service';
import { COORDINATOR, openTestCoordination, type TestCoordination } from './harness';

const CREATE = `mutation($input: CreateReleasePlanInput!) { createReleasePlan(input: $input) { id releaseAt } }`;
const MOVE = `mutation($id: ID!, $releaseAt: DateTime!) { moveReleasePlan(id: $id, releaseAt: $releaseAt) { id releaseAt } }`;
// The harness clock stands at 2026-11-27T10:00:00+08:00.
const PAST = '2026-11-27T09:59:59+08:00';

describe.each(testEngines())('issue 9 finding 6: release plans on %s', (kind) => {
  let coordination: TestCoordination;
  beforeAll(async () => { coordination = await openTestCoordination(kind); });
  afterAll(() => coordination.close());

  it('issue 9 finding 6: a release time in the past is refused at creation and when moving a plan', async () => {
    const refused = await coordination.execRaw(CREATE, { input: { title: '过去的发布', leadAgency: 'fjgov', releaseAt: PAST } }, COORDINATOR);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'releaseAt' });
    expect(refused.errors?.[0].message).toBe('发布时间不能早于当前时间 / The release time cannot be in the past');
    const { createReleasePlan } = await coordination.exec(CREATE, { input: { title: '即将发布', leadAgency: 'fjgov', releaseAt: '2026-11-27T10:00:00+08:00' } }, COORDINATOR);
    const moved = await coordination.execRaw(MOVE, { id: createReleasePlan.id, releaseAt: PAST }, COORDINATOR);
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'releaseAt' });
  });

  it('issue 9 finding 6: a plan grant names the plan, its state, its release time and only that agency\'s linked documents', async () => {
    const em = coordination.runtime.orm.em.fork();
    const plan = em.create(ReleasePlanEntity, {
      id: 'rp-grant', title: '授权', leadAgency: 'fjgov', releaseAt: new Date('2026-12-01T09:00:00+08:00'), status: ReleasePlanStatus.CONFIRMED,
      channels: [], agreedFacts: [], correctsDocumentIds: [], createdBy: 'c', createdAt: new Date(), updatedAt: new Date(),
    });
    const links = [
      em.create(PlanDocumentEntity, { planId: plan.id, documentId: 'fjgov:00000001', agency: 'fjgov', title: 'a', contentHash: 'h1', keyFacts: [], linkedAt: new Date() }),
      em.create(PlanDocumentEntity, { planId: plan.id, documentId: 'fjdrc:00000001', agency: 'fjdrc', title: 'b', contentHash: 'h2', keyFacts: [], linkedAt: new Date() }),
    ];
    const secret = coordination.runtime.config.planGrantSecret;
    const grant = await verifyPlanGrant(await planGrantFor(coordination.runtime, plan, 'fjgov', links), secret, 'fjgov');
    expect(grant).toEqual({ planId: 'rp-grant', status: 'CONFIRMED', releaseAt: plan.releaseAt, agency: 'fjgov', documents: [{ id: 'fjgov:00000001', contentHash: 'h1' }], planSize: 2 });
    await expect(verifyPlanGrant(await planGrantFor(coordination.runtime, plan, 'fjgov', links), secret, 'fjdrc')).rejects.toThrow();
    plan.status = ReleasePlanStatus.CANCELLED;
    expect(() => planGrantFor(coordination.runtime, plan, 'fjgov', links)).toThrow();
  });
});
