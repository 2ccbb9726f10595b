process.env.APOLLO_TELEMETRY_DISABLED = '1';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate } from '../../subgraphs/shared/clock';
import { writeRegistry, type ShardEntry } from '../../schema/contracts/shard-registry';
import type { Role } from '../../schema/contracts/claims';
import { commitBreaker, ProcessGroup } from './processes';
import { percentile, sleep } from './measure';
import { machineLine, writeBenchmarkSection } from './report-file';

/**
 * `npm run bench:release`: how soon after its release time a coordinated release over three
 * agencies is visible on the public path, and that no reader ever sees part of it. The whole demo
 * hub runs as `npm start` runs it (every service its own process, the system clock, the news
 * office's scheduler, the catalogue answering public reads); this process plans releases, then
 * reads the public path every POLL_MS until the plan is listed whole. Every other round, one
 * agency's first commit is refused (an HTTP hop in front of it answers 503, as a deployment
 * restarting would), so the release needs its retry.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const AGENCIES = ['fjgov', 'fjdrc', 'fjtjj'];
/** The agency behind the hop that refuses a commit. */
const REFUSING = 'fjdrc';
/** How far ahead of now a plan's release time is set (the planning itself takes part of it). */
const LEAD_MS = 3000;
const POLL_MS = 10;
/** How long a reader keeps reading after the release time before the round counts as not released. */
const GIVE_UP_MS = 20_000;

const CREATE_DOCUMENT = /* GraphQL */ `mutation($input: CreateDocumentInput!) { createDocument(input: $input) { id } }`;
const APPROVE = /* GraphQL */ `mutation($id: ID!) { reviewDocument(id: $id, approve: true, note: "同意公开") { id } }`;
const CREATE_PLAN = /* GraphQL */ `mutation($input: CreateReleasePlanInput!) { createReleasePlan(input: $input) { id } }`;
const LINK = /* GraphQL */ `mutation($id: ID!, $documentIds: [ID!]!) { linkDocumentsToPlan(id: $id, documentIds: $documentIds) { id } }`;
const CONFIRM = /* GraphQL */ `mutation($id: ID!) { confirmReleasePlan(id: $id) { id } }`;
/**
 * The public list of what changed since the round began, oldest change first: the plan's documents
 * come first once released, whatever the demo data holds (some of it published later today).
 */
const VISIBLE = /* GraphQL */ `query($filter: DocumentFilter) { documents(filter: $filter, orderBy: UPDATED_AT_ASC, first: 100) { edges { node { id publishedAt } } } }`;

interface Round { refused: boolean; latencyMs?: number; partial: number; early: number; instants: number; reads: number; failedReads: number }

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-release-'));
  const processes = new ProcessGroup();
  try {
    // The reader's polls come from one address, which the anonymous quota (120 a minute) would stop.
    const hub = await processes.launch('tools/hub.js', { HUB_DATA_DIR: dataDir, HUB_LOG_LEVEL: 'warn', HUB_ANONYMOUS_PER_MINUTE: '100000000', HUB_STAFF_PER_MINUTE: '100000000' }, /back-filled/);
    // The hub's development secrets are in its data folder: tokens are signed as `npm run token` signs them.
    process.env.HUB_DATA_DIR = dataDir;
    const { devToken } = await import('../dev-token');
    const gateway = 'http://127.0.0.1:4000/graphql';
    // One token per role and agency for the whole run (each signing reads the gateway's settings).
    const tokens = new Map<string, Promise<string>>();
    const tokenOf = (roles: Role[], agency?: string) => {
      const key = `${roles.join('+')}@${agency ?? ''}`;
      if (!tokens.has(key)) tokens.set(key, devToken(roles, { agency }));
      return tokens.get(key)!;
    };
    const ask = async (query: string, variables: Record<string, unknown>, roles?: Role[], agency?: string) => {
      const token = roles ? await tokenOf(roles, agency) : undefined;
      const answer = await fetch(gateway, {
        method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }),
      });
      return (await answer.json()) as { data?: any; errors?: unknown[] };
    };
    const ok = async (query: string, variables: Record<string, unknown>, roles?: Role[], agency?: string) => {
      const answer = await ask(query, variables, roles, agency);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      return answer.data;
    };

    // REFUSING is reached through the hop from now on (the gateway re-reads its registry on change).
    const registryPath = join(dataDir, 'registry.json');
    const entries = (JSON.parse(readFileSync(registryPath, 'utf8')) as { agencies: ShardEntry[] }).agencies;
    const breaker = await commitBreaker(entries.find((e) => e.code === REFUSING)!.url);
    writeRegistry(registryPath, entries.map((e) => (e.code === REFUSING ? { ...e, url: breaker.url } : e)));
    await sleep(2000);

    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const refused = r % 2 === 1;
      const title = `基准测试联合发布第${r + 1}轮`;
      const roundStart = new Date().toISOString();
      const ids: string[] = [];
      for (const agency of AGENCIES) {
        const { createDocument } = await ok(CREATE_DOCUMENT, {
          input: { title: `${title}（${agency}）`, body: '2025年全省地区生产总值为5.78万亿元。', theme: '综合政务', formedOn: chinaDate(new Date()), disclosure: 'PROACTIVE' },
        }, ['editor'], agency);
        await ok(APPROVE, { id: createDocument.id }, ['reviewer'], agency);
        ids.push(createDocument.id);
      }
      const releaseAt = Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000;
      const { createReleasePlan } = await ok(CREATE_PLAN, {
        input: { title, leadAgency: 'fjtjj', participants: AGENCIES, releaseAt: new Date(releaseAt).toISOString(), channels: ['PORTAL'] },
      }, ['coordinator']);
      await ok(LINK, { id: createReleasePlan.id, documentIds: ids }, ['coordinator']);
      await ok(CONFIRM, { id: createReleasePlan.id }, ['coordinator']);
      if (refused) breaker.refuseNextCommit();
      const round: Round = { refused, partial: 0, early: 0, instants: 0, reads: 0, failedReads: 0 };
      while (Date.now() < releaseAt + GIVE_UP_MS) {
        const sentAt = Date.now();
        const answer = await ask(VISIBLE, { filter: { agencies: AGENCIES, updatedSince: roundStart } });
        const mine = ((answer.data?.documents.edges ?? []) as { node: { id: string; publishedAt: string } }[]).filter((e) => ids.includes(e.node.id));
        round.reads += 1;
        if (answer.errors) round.failedReads += 1;
        if (mine.length > 0 && mine.length < ids.length) round.partial += 1;
        if (mine.length > 0 && sentAt < releaseAt) round.early += 1;
        if (mine.length === ids.length) {
          round.latencyMs = Date.now() - releaseAt;
          round.instants = new Set(mine.map((e) => new Date(e.node.publishedAt).getTime())).size;
          break;
        }
        await sleep(POLL_MS - (Date.now() - sentAt));
      }
      console.log(JSON.stringify({ round: r + 1, ...round }));
      rounds.push(round);
    }
    await breaker.close();
    await processes.stop(hub);

    const row = (label: string, of: Round[]) => {
      const latencies = of.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs])).sort((a, b) => a - b);
      const sum = (key: 'partial' | 'early' | 'reads' | 'failedReads') => of.reduce((total, r) => total + r[key], 0);
      const oneInstant = of.filter((r) => r.instants === 1).length;
      return `| ${label} | ${of.length} | ${of.length - latencies.length} | ${percentile(latencies, 50)} | ${latencies.at(-1) ?? '—'} | ${sum('reads')} | ${sum('failedReads')} | ${sum('partial')} | ${sum('early')} | ${oneInstant} of ${of.length} |`;
    };
    const all = rounds.flatMap((r) => (r.latencyMs === undefined ? [Infinity] : [r.latencyMs]));
    const within = all.filter((ms) => ms <= 1000).length;
    const clean = rounds.every((r) => r.partial === 0 && r.early === 0 && r.instants === 1 && r.failedReads === 0);
    const file = writeBenchmarkSection('release', `
## A coordinated release on time

\`npm run bench:release\` (tools/bench/release-bench.ts) — ${machineLine()}; the demo hub as \`npm start\` runs it (every service its own process, on the system clock), with the news office's scheduler releasing and the catalogue answering the public path.

- Each round: one approved document at each of ${AGENCIES.join(', ')}, linked to a plan confirmed for a whole second about ${LEAD_MS / 1000} s ahead; then a reader asks the gateway's public \`documents(filter: { agencies, updatedSince }, orderBy: UPDATED_AT_ASC)\` every ${POLL_MS} ms (one request at a time) until the plan is listed whole. Latency: from the release time to the answer that lists the whole plan, so it includes one read's round trip.
- Every other round, ${REFUSING}'s first commit is refused with a 503 by an HTTP hop in front of it (as a deployment restarting would), so the release is finished by the scheduler's retry.

| rounds | count | never listed within ${GIVE_UP_MS / 1000} s | latency p50 ms | latency max ms | reads | reads answered with an error | reads listing part of the plan | reads sent before the release time listing any of it | rounds with one \`publishedAt\` |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${row('every commit accepted', rounds.filter((r) => !r.refused))}
${row(`${REFUSING}'s first commit refused`, rounds.filter((r) => r.refused))}

- Visible within 1 s of the release time: **${within} of ${rounds.length}** rounds; never part of a plan, nothing before its time, one release instant per plan, no read failed: **${clean ? 'yes' : 'no'}** (target: within 1 s, whole, one instant).
`);
    console.log(`wrote ${file}`);
  } finally {
    await processes.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
