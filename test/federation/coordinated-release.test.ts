import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitPlan, preparePlan, runReleaseCycle } from '../../subgraphs/coordination/services/coordinated-release.service';
import {
  APPROVE, CANCEL, COMMIT, CONFIRM, CREATE_DOCUMENT, CREATE_PLAN, LINK, MOVE, PLAN, PLANS, PUBLISH, STAFF_DOCUMENT,
} from '../documents/coordination-operations';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Release coordination end to end (issue 5): three agency deployments on SQLite files, the
 * directory, the coordination subgraph and the real gateway; coordination reaches the agencies
 * only through the gateway, with its service identity.
 */
const AGENCIES = ['fjgov', 'fjdrc', 'fjtjj'];
const NOW = '2026-11-27T10:00:00+08:00';
const GDP = { subject: '2025年全省地区生产总值', value: '5.78', unit: '万亿元', asOf: '2025-12-31' };

describe('coordinated release through the gateway', () => {
  let hub: TestHub;
  let dir: string;
  let coordinator: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-release-'));
    hub = await startHub({
      agencies: AGENCIES, withDirectory: true, withCoordination: true, databaseDir: dir, clock: NOW,
      // A deployment killed and restarted must be reachable again at once, not after a breaker cool-down.
      gateway: { shardCalls: { timeoutMs: 5000, breakerThreshold: 1000, breakerCooldownMs: 0 } },
    });
    coordinator = await hub.token(['coordinator']);
  });
  afterAll(async () => {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const answer = await hub.query(query, variables, token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data as T;
  }
  const staff = (agency: string) => hub.token(['editor', 'reviewer'], agency);

  async function approvedDocument(agency: string, title: string, keyFacts = [GDP]): Promise<string> {
    const { createDocument } = await ok(CREATE_DOCUMENT, {
      input: { title, body: `${title}。2025年全省地区生产总值为${keyFacts[0]?.value ?? '5.78'}万亿元。`, theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE', keyFacts },
    }, await hub.token(['editor'], agency));
    // Four-eyes: reviewed by someone other than its author.
    await ok(APPROVE, { id: createDocument.id }, await hub.token(['reviewer'], agency));
    return createDocument.id;
  }

  async function plan(title: string, releaseAt: string, documentIds: string[]): Promise<string> {
    const { createReleasePlan } = await ok(CREATE_PLAN, {
      input: { title, leadAgency: 'fjtjj', participants: AGENCIES, releaseAt, agreedFacts: [GDP], channels: ['PORTAL'] },
    }, coordinator);
    await ok(LINK, { id: createReleasePlan.id, documentIds }, coordinator);
    return createReleasePlan.id;
  }

  async function documentState(id: string) {
    const { document } = await ok(STAFF_DOCUMENT, { id }, await staff(id.split(':')[0]));
    return document as { status: string; version: number; publishedAt: string | null; events: { kind: string }[] };
  }

  it('refuses to publish a linked document before the embargo, follows a moved release time, and lifts it on cancel', async () => {
    const id = await approvedDocument('fjdrc', '关于2026年全省经济形势的新闻通稿');
    const planId = await plan('经济形势新闻发布', '2026-11-28T10:00:00+08:00', [id]);
    const { confirmReleasePlan } = await ok(CONFIRM, { id: planId }, coordinator);
    expect(confirmReleasePlan.participants.every((p: { holdsSynced: boolean }) => p.holdsSynced)).toBe(true);

    const refused = await hub.query(PUBLISH, { id }, await staff('fjdrc'));
    expect(refused.errors[0].extensions).toMatchObject({ code: 'CONFLICT', state: 'EMBARGOED' });
    expect(refused.errors[0].message).toContain('2026-11-28T10:00:00+08:00');

    await ok(MOVE, { id: planId, releaseAt: '2026-11-30T15:00:00+08:00' }, coordinator);
    const moved = await hub.query(PUBLISH, { id }, await staff('fjdrc'));
    expect(moved.errors[0].message).toContain('2026-11-30T15:00:00+08:00');

    await ok(CANCEL, { id: planId, reason: '改期另行发布' }, coordinator);
    expect((await ok(PUBLISH, { id }, await staff('fjdrc'))).publishDocument.status).toBe('PUBLISHED');
  });

  it('publishes nothing when one participant fails its check, and the plan says why', async () => {
    const good = [await approvedDocument('fjgov', '全省经济运行新闻发布稿'), await approvedDocument('fjdrc', '全省经济运行情况解读')];
    const wrong = await approvedDocument('fjtjj', '全省经济运行统计数据', [{ ...GDP, value: '5.87' }]);
    const planId = await plan('全省经济运行情况发布', NOW, [...good, wrong]);
    await ok(CONFIRM, { id: planId }, coordinator);

    const cycle = await runReleaseCycle(hub.coordination!.runtime);
    expect(cycle.failed).toContain(planId);
    for (const id of [...good, wrong]) expect((await documentState(id)).status).toBe('APPROVED');
    const { releasePlan } = await ok(PLAN, { id: planId }, coordinator);
    expect(releasePlan.status).toBe('CONFIRMED');
    expect(releasePlan.failure).toContain('fjtjj');
    expect(releasePlan.failure).toContain('5.87');
    // The participants that voted yes were told to abort: their documents are no longer frozen.
    expect(releasePlan.participants.find((p: { agency: { code: string } }) => p.agency.code === 'fjgov').vote).toBeNull();
    // Thawed, and past its release time: the agency may publish on its own (MISSING_RELEASE tracks the rest).
    expect((await hub.query(PUBLISH, { id: good[0] }, await staff('fjgov'))).errors).toBeUndefined();
  });

  it('publishes every participant exactly once when one is killed after voting and restarted later', async () => {
    const ids = [await approvedDocument('fjgov', '统计公报新闻稿'), await approvedDocument('fjdrc', '统计公报解读'), await approvedDocument('fjtjj', '2025年统计公报')];
    const planId = await plan('2025年统计公报联合发布', NOW, ids);
    await ok(CONFIRM, { id: planId }, coordinator);

    // Phase 1: all vote yes; the plan is durably COMMITTING. Then fjdrc dies before it publishes.
    expect(await preparePlan(hub.coordination!.runtime, planId)).toBe(true);
    await hub.stopAgency('fjdrc');
    const cycle = await runReleaseCycle(hub.coordination!.runtime);
    expect(cycle.committing).toContain(planId);
    expect((await documentState(ids[0])).status).toBe('PUBLISHED');
    expect((await documentState(ids[2])).status).toBe('PUBLISHED');
    const waiting = (await ok(PLAN, { id: planId }, coordinator)).releasePlan;
    expect(waiting.status).toBe('COMMITTING');
    expect(waiting.participants.find((p: { agency: { code: string } }) => p.agency.code === 'fjdrc').lastError).toBeTruthy();

    // fjdrc comes back on its database, still frozen; the coordination subgraph restarts too and resumes.
    await hub.restartAgency('fjdrc');
    expect((await documentState(ids[1])).status).toBe('APPROVED');
    expect((await hub.query(PUBLISH, { id: ids[1] }, await staff('fjdrc'))).errors[0].extensions.state).toBe('PREPARED_FOR_RELEASE');
    const coordination = await hub.restartCoordination();
    const resumed = await runReleaseCycle(coordination.runtime);
    expect(resumed.released).toContain(planId);

    const { releasePlan } = await ok(PLAN, { id: planId }, coordinator);
    expect(releasePlan.status).toBe('RELEASED');
    for (const id of ids) {
      const doc = await documentState(id);
      expect(doc.status).toBe('PUBLISHED');
      expect(doc.version).toBe(1);
      expect(doc.events.filter((e) => e.kind === 'PUBLISHED')).toHaveLength(1);
    }

    // A repeated commit is a no-op; a coordinator cannot commit directly, only the service under its plan grant.
    expect(await commitPlan(coordination.runtime, planId)).toBe(true);
    expect((await hub.query(COMMIT, { agency: 'fjgov', planId, grant: 'x' }, coordinator)).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await documentState(ids[0])).events.filter((e) => e.kind === 'PUBLISHED')).toHaveLength(1);
  });

  it('lets agency staff read their plans, the public only released ones, and refuses the release mutations to staff', async () => {
    const { releasePlans: all } = await ok(PLANS, { first: 50 }, coordinator);
    const { releasePlans: publicPlans } = await ok(PLANS, { first: 50 }, undefined as never);
    expect(publicPlans.edges.every((e: { node: { status: string } }) => e.node.status === 'RELEASED')).toBe(true);
    expect(publicPlans.edges.length).toBeLessThan(all.edges.length);
    const { releasePlans: mine } = await ok(PLANS, { first: 50 }, await staff('fjdrc'));
    expect(mine.edges.length).toBeGreaterThan(publicPlans.edges.length);
    const refused = await hub.query(COMMIT, { agency: 'fjgov', planId: 'rp-x', grant: 'x' }, await staff('fjgov'));
    expect(refused.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
