import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { until } from '../support/until';

/**
 * Issue 15: a deployment moved to another address by a registry change, under load, with no
 * failed request: the new process starts over the same database, the registry entry points to it,
 * the old process drains and stops. Reads by its own staff (routed to it) and the province-wide
 * portal page (fanned out to it) go on throughout, and a write after the move is there to read.
 */
const PORTAL = 'query ($to: Date) { documents(first: 10, filter: { publishedTo: $to }) { edges { node { id title } } } }';
const OWN = 'query { documents(first: 5, filter: { status: [DRAFT, PUBLISHED] }) { totalCount edges { node { id } } } }';

describe('issue 15: a deployment moves to another address with no downtime', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-move-'));
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'], databaseDir: dir,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 10, penalties: 0, requests: 0, today: '2026-11-27' }).then(() => undefined),
    });
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads and writes go on while fjdrc moves, and every answer is complete', async () => {
    const editor = await hub.token(['editor'], 'fjdrc');
    const before = await hub.query(OWN, {}, editor);
    expect(before.errors).toBeUndefined();
    const failures: string[] = [];
    let sent = 0;
    let answered = 0;
    let loading = true;
    const load = Promise.all([0, 1, 2, 3].map(async (client) => {
      while (loading) {
        sent++;
        const answer = client % 2 === 0
          ? await hub.query(PORTAL, { to: `2026-${String(1 + (sent % 11)).padStart(2, '0')}-28` })
          : await hub.query(OWN, {}, editor);
        if (answer.status !== 200 || answer.errors) failures.push(`${answer.status} ${JSON.stringify(answer.errors)}`);
        answered++;
      }
    }));
    // Progress, not time: the move happens between answers, however slow the machine.
    const moreAnswers = async (n: number) => { const target = answered + n; await until(`${n} more answers`, () => answered >= target); };
    await moreAnswers(10);
    const old = hub.agencies.get('fjdrc')!;
    const moved = await hub.moveAgency('fjdrc');
    expect(moved.url).not.toBe(old.url);
    expect(old.server.listening).toBe(false);
    await moreAnswers(10);
    loading = false;
    await load;
    expect(failures).toEqual([]);

    const created = await hub.query('mutation { createDocument(input: { title: "迁移之后起草的文件", body: "正文", theme: "综合政务", genre: "通知", formedOn: "2026-11-26", disclosure: PROACTIVE }) { id } }', {}, editor);
    expect(created.errors).toBeUndefined();
    const after = await hub.query(OWN, {}, editor);
    expect((after.data as { documents: { totalCount: number } }).documents.totalCount).toBe((before.data as { documents: { totalCount: number } }).documents.totalCount + 1);
  }, 120_000);
});
