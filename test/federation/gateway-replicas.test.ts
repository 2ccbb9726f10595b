import { DEFAULT_QUOTAS } from '../../gateway/protection';
import type { RunningGateway } from '../../gateway/server';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { startLoadBalancer, type LoadBalancer } from '../support/load-balancer';
import { until } from '../support/until';

/**
 * Issue 15: two gateway replicas behind a load balancer (test/support/load-balancer.ts, nginx's
 * default behaviour) sharing one Redis. A rolling restart — each replica stopped (its drain) and
 * started again on its port, one after the other — under a steady load loses no request, and a
 * caller's quota is one quota whichever replica answers.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const PORTAL = 'query ($to: Date) { documents(first: 10, filter: { publishedTo: $to }) { edges { node { id title agency { name } } } } }';
const originOf = (gateway: RunningGateway) => new URL(gateway.url).origin;
const portOf = (gateway: RunningGateway) => Number(new URL(gateway.url).port);

describe('issue 15: gateway replicas sharing Redis behind a load balancer', () => {
  let hub: TestHub;
  let balancer: LoadBalancer | undefined;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'], withDirectory: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 12, penalties: 0, requests: 0, today: '2026-11-27' }).then(() => undefined),
    });
  }, 120_000);
  afterEach(async () => { await balancer?.stop(); balancer = undefined; });
  afterAll(() => hub?.stop());

  async function post(url: string, body: unknown, token?: string): Promise<{ status: number; errors?: unknown[]; headers: Headers }> {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const text = await response.text();
    let errors: unknown[] | undefined;
    try { errors = (JSON.parse(text) as { errors?: unknown[] }).errors; } catch { errors = [text]; }
    return { status: response.status, errors, headers: response.headers };
  }

  it('a rolling restart of both replicas under load answers every request', async () => {
    const replicas = [await hub.startGatewayReplica({ redisUrl: REDIS_URL }), await hub.startGatewayReplica({ redisUrl: REDIS_URL })];
    balancer = await startLoadBalancer(replicas.map(originOf));
    const failures: string[] = [];
    let sent = 0;
    let loading = true;
    // Four clients, one request after another each, with varied variables.
    const load = Promise.all([0, 1, 2, 3].map(async (client) => {
      while (loading) {
        const to = `2026-${String(1 + ((sent + client) % 11)).padStart(2, '0')}-28`;
        sent++;
        const answer = await post(balancer!.url, { query: PORTAL, variables: { to } }).catch((error: Error) => ({ status: 0, errors: [error.message], headers: new Headers() }));
        if (answer.status !== 200 || answer.errors) failures.push(`${answer.status} ${JSON.stringify(answer.errors)}`);
      }
    }));
    // Progress, not time: each step waits for requests to have gone through, however slow the machine.
    let answered = 0;
    const detail = () => `${sent} sent, failures ${JSON.stringify(failures)}`;
    const moreAnswers = async (n: number) => { const target = answered + n; await until(`${n} more answers`, () => answered >= target, { detail }); };
    balancer.onAnswer = () => { answered++; };
    await moreAnswers(10);
    for (let i = 0; i < replicas.length; i++) {
      const port = portOf(replicas[i]);
      const redispatched = balancer.redispatched;
      await replicas[i].stop();
      // The load meets the closed port (and goes to the other replica) before the replica is back.
      await until('a request sent to the stopped replica', () => balancer!.redispatched > redispatched, { detail });
      const before = balancer.answered.get(originOf(replicas[i])) ?? 0;
      replicas[i] = await hub.startGatewayReplica({ redisUrl: REDIS_URL, port });
      // The restarted replica answers again.
      await until('an answer of the restarted replica', () => (balancer!.answered.get(originOf(replicas[i])) ?? 0) > before, { detail });
      await moreAnswers(10);
    }
    loading = false;
    await load;
    expect(failures).toEqual([]);
  }, 120_000);

  it('a staff quota is counted once across replicas', async () => {
    const quotas = { ...DEFAULT_QUOTAS, staffPerMinute: 6 };
    const replicas = [await hub.startGatewayReplica({ redisUrl: REDIS_URL, quotas }), await hub.startGatewayReplica({ redisUrl: REDIS_URL, quotas })];
    balancer = await startLoadBalancer(replicas.map(originOf));
    // A token of its own (its quota key is the token's hash), in a minute window with room for the test.
    const token = await hub.token(['coordinator']);
    const now = new Date();
    if (now.getSeconds() > 50) await new Promise((r) => setTimeout(r, (61 - now.getSeconds()) * 1000));
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await post(balancer.url, { query: '{ __typename }' }, token));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(answers[5].headers.get('ratelimit-remaining')).toBe('0');
    // Both replicas counted for the one quota.
    for (const replica of replicas) expect(balancer.answered.get(originOf(replica))).toBe(4);
    // A replica restarted meanwhile counts from its first request: it connects to Redis before it listens.
    const port = portOf(replicas[0]);
    await replicas[0].stop();
    replicas[0] = await hub.startGatewayReplica({ redisUrl: REDIS_URL, quotas, port });
    const direct = await post(replicas[0].url.replace(/\/graphql$/, ''), { query: '{ __typename }' }, token);
    expect(direct.status).toBe(429);
  }, 120_000);
});
