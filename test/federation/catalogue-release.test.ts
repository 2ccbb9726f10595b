import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePlan, runReleaseCycle } from '../../subgraphs/coordination/services/coordinated-release.service';
import { APPROVE, CONFIRM, CREATE_DOCUMENT, CREATE_PLAN, LINK } from '../documents/coordination-operations';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Issue 11: a coordinated release over three agencies appears in the provincial catalogue all at
 * once, at the plan's one release instant — also when one agency's commit fails the first time.
 */
const AGENCIES = ['fjgov', 'fjdrc', 'fjtjj'];
const NOW = '2026-11-27T10:00:00+08:00';
const GDP = { subject: '2025年全省地区生产总值', value: '5.78', unit: '万亿元', asOf: '2025-12-31' };
const VISIBLE = /* GraphQL */ `
  query Visible($filter: DocumentFilter) { documents(filter: $filter, first: 100) { edges { node { id publishedAt } } } }
`;

describe('a coordinated release in the provincial catalogue (issue 11)', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-release-'));
    hub = await startHub({
      agencies: AGENCIES, withDirectory: true, withCoordination: true, withCatalogue: {}, databaseDir: dir, clock: NOW,
      gateway: { shardCalls: { timeoutMs: 5000, breakerThreshold: 1000, breakerCooldownMs: 0 } },
    });
    await hub.catalogueCaughtUp();
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ok(query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
    const answer = await hub.query(query, variables, token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  }

  it('never shows part of the plan, even while one agency cannot commit, and gives every document the release instant', async () => {
    const ids: string[] = [];
    for (const agency of AGENCIES) {
      const { createDocument } = await ok(CREATE_DOCUMENT, {
        input: { title: `2025年统计公报（${agency}）`, body: '2025年全省地区生产总值为5.78万亿元。', theme: '综合政务', formedOn: '2026-11-20', disclosure: 'PROACTIVE', keyFacts: [GDP] },
      }, await hub.token(['editor'], agency));
      await ok(APPROVE, { id: createDocument.id }, await hub.token(['reviewer'], agency));
      ids.push(createDocument.id);
    }
    const coordinator = await hub.token(['coordinator']);
    const { createReleasePlan } = await ok(CREATE_PLAN, {
      input: { title: '2025年统计公报联合发布', leadAgency: 'fjtjj', participants: AGENCIES, releaseAt: NOW, agreedFacts: [GDP], channels: ['PORTAL'] },
    }, coordinator);
    const planId = createReleasePlan.id;
    await ok(LINK, { id: planId, documentIds: ids }, coordinator);
    await ok(CONFIRM, { id: planId }, coordinator);
    expect(await preparePlan(hub.coordination!.runtime, planId)).toBe(true);

    // A reader polls the public path all along and counts how many of the plan's documents it sees.
    const seen: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const answer = await hub.query(VISIBLE, { filter: { agencies: AGENCIES } });
        const listed = new Set((answer.data?.documents.edges ?? []).map((e: any) => e.node.id));
        seen.push(ids.filter((id) => listed.has(id)).length);
        await new Promise((r) => setTimeout(r, 8));
      }
    })();

    // fjdrc's commit fails the first time: the other two publish, the catalogue holds them back.
    await hub.stopAgency('fjdrc');
    await runReleaseCycle(hub.coordination!.runtime);
    await new Promise((r) => setTimeout(r, 1500));
    await hub.restartAgency('fjdrc');
    const resumed = await runReleaseCycle(hub.coordination!.runtime);
    expect(resumed.released).toContain(planId);
    const committed = Date.now();
    let all: any[] = [];
    while (Date.now() - committed < 5000) {
      all = (await ok(VISIBLE, { filter: { agencies: AGENCIES } })).documents.edges.filter((e: any) => ids.includes(e.node.id));
      if (all.length === ids.length) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const visibleAfterMs = Date.now() - committed;
    await new Promise((r) => setTimeout(r, 200));
    polling = false;
    await poller;

    expect(all).toHaveLength(ids.length);
    // The recovered agency's log is read again within a second (the catalogue retries a down feed every second).
    expect(visibleAfterMs).toBeLessThan(2500);
    expect(seen.length).toBeGreaterThan(20);
    // Nothing in between: none of the plan, or all of it.
    expect(seen.filter((n) => n !== 0 && n !== ids.length)).toEqual([]);
    expect(seen).toContain(0);
    expect(seen[seen.length - 1]).toBe(ids.length);
    // One release instant for the whole plan.
    expect(new Set(all.map((e: any) => new Date(e.node.publishedAt).getTime()))).toEqual(new Set([new Date(NOW).getTime()]));
  });
});
