import { testEngines } from '../../../test/support/databases';
import { FindingKind, FindingSeverity } from '../entities/enums';
import { resolveUnseen, upsertFinding } from '../services/finding.service';
import { COORDINATOR, openTestCoordination, type TestCoordination } from './harness';

const CREATE = `mutation($input: CreateReleasePlanInput!) { createReleasePlan(input: $input) { id status leadAgency { code } participants { agency { code } holdsSynced } } }`;
const PLANS = `query($after: String) { releasePlans(first: 2, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }`;
const FINDINGS = `query($kind: FindingKind) { consistencyFindings(kind: $kind) { totalCount edges { node { id status agencies { code } } } } }`;
const ACK = `mutation($id: ID!) { acknowledgeFinding(id: $id, note: "已通知相关机关") { status acknowledgedBy } }`;

describe.each(testEngines())('coordination subgraph in-process on %s', (kind) => {
  let coordination: TestCoordination;
  beforeAll(async () => { coordination = await openTestCoordination(kind); });
  afterAll(() => coordination.close());

  it('creates draft plans for coordinators only, and pages them by release time', async () => {
    const denied = await coordination.execRaw(CREATE, { input: { title: 'x', leadAgency: 'fjgov', releaseAt: '2026-12-01T09:00:00+08:00' } }, { sub: 'e', agency: 'fjgov', roles: ['editor'] });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const day of ['01', '02', '03']) {
      const { createReleasePlan } = await coordination.exec(CREATE, { input: { title: `计划${day}`, leadAgency: 'fjgov', participants: ['fjdrc', 'fjgov'], releaseAt: `2026-12-${day}T09:00:00+08:00` } }, COORDINATOR);
      expect(createReleasePlan).toMatchObject({ status: 'DRAFT', leadAgency: { code: 'fjgov' }, participants: [{ agency: { code: 'fjdrc' } }, { agency: { code: 'fjgov' } }] });
    }
    const first = await coordination.exec(PLANS, {}, COORDINATOR);
    const second = await coordination.exec(PLANS, { after: first.releasePlans.pageInfo.endCursor }, COORDINATOR);
    expect([...first.releasePlans.edges, ...second.releasePlans.edges].map((e: { node: { title: string } }) => e.node.title)).toEqual(['计划03', '计划02', '计划01']);
    expect((await coordination.exec(PLANS, {})).releasePlans.edges).toEqual([]);
    expect((await coordination.exec(PLANS, {}, { sub: 'e', agency: 'fjdrc', roles: ['editor'] })).releasePlans.edges).toHaveLength(2);
  });

  it('upserts findings by fingerprint, scopes them to the agencies concerned, and resolves the unseen', async () => {
    const draft = {
      kind: FindingKind.DUPLICATE_DOC_NUMBER, severity: FindingSeverity.MEDIUM, fingerprint: 'DUPLICATE_DOC_NUMBER:闽统〔2026〕903号', scope: 'FULL',
      detail: 'd', agencies: ['fjgov', 'fjtjj'], documents: ['fjgov:1', 'fjtjj:1'], evidence: [],
    };
    await upsertFinding(coordination.runtime, 1, draft);
    await upsertFinding(coordination.runtime, 2, draft);
    const { consistencyFindings } = await coordination.exec(FINDINGS, {}, COORDINATOR);
    expect(consistencyFindings.totalCount).toBe(1);
    const id = consistencyFindings.edges[0].node.id;
    expect((await coordination.exec(ACK, { id }, COORDINATOR)).acknowledgeFinding).toEqual({ status: 'ACKNOWLEDGED', acknowledgedBy: 'coordinator@province' });
    expect((await coordination.exec(FINDINGS, {}, { sub: 'e', agency: 'fjtjj', roles: ['editor'] })).consistencyFindings.totalCount).toBe(1);
    expect((await coordination.exec(FINDINGS, {}, { sub: 'e', agency: 'fjdrc', roles: ['editor'] })).consistencyFindings.totalCount).toBe(0);
    expect(await resolveUnseen(coordination.runtime, 'FULL', 3, ['fjgov'])).toBe(0);
    expect(await resolveUnseen(coordination.runtime, 'FULL', 3, [])).toBe(1);
    expect((await coordination.exec(FINDINGS, { kind: 'DUPLICATE_DOC_NUMBER' }, COORDINATOR)).consistencyFindings.edges[0].node.status).toBe('RESOLVED');
    await upsertFinding(coordination.runtime, 4, draft);
    expect((await coordination.exec(FINDINGS, {}, COORDINATOR)).consistencyFindings.edges[0].node).toMatchObject({ id, status: 'OPEN' });
  });
});
