import { graphqlPost as q, hostileRequests } from '../../tools/bench/hostile-requests';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { issueToken } from '../../schema/contracts/tokens';
import { randomSecret } from '../../subgraphs/shared/secrets';
import { startHub, type TestHub } from '../support/hub-harness';
import { TEST_SECRETS } from '../support/secrets';

/**
 * Hostile requests against the real gateway and subgraphs: each must be refused with a clear
 * error (a status or a GraphQL error with a code), quickly, and never reach a database or leak an
 * internal message. docs/security.md lists the classes and results.
 */

/**
 * Quotas count in fixed minute windows from the epoch: requests that straddled a window's end would
 * be counted in two. Waits, when less than 10 s of the current window are left, for the next one.
 */
async function awayFromQuotaWindowEnd(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 50));
}

describe('hostile requests', () => {
  let hub: TestHub;
  let tokens: { editorB: string; adminB: string };
  let documentsBefore: number;

  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'],
      withDirectory: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 15, penalties: 3, today: '2026-11-27' }).then(() => undefined),
      gateway: { quotas: { anonymousPerMinute: 100_000, staffPerMinute: 100_000, servicePerMinute: 100_000, failedAuthPerMinute: 100_000, trustProxy: false } },
    });
    tokens = { editorB: await hub.token(['editor'], 'fjczt'), adminB: await hub.token(['admin'], 'fjczt') };
    documentsBefore = (await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount;
  });
  afterAll(() => hub?.stop());

  it('refuses at least 60 hostile requests, each with a clear error and quickly', async () => {
    const list = hostileRequests(tokens);
    expect(list.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    for (const attack of list) {
      const base = attack.target === 'agency' ? hub.agencies.get('fjdrc')!.url : attack.target === 'directory' ? hub.directory!.url : hub.gateway.url;
      const url = attack.path ? base.replace(/\/graphql$/, attack.path) : base;
      const started = performance.now();
      const response = await fetch(url, await attack.init());
      const text = await response.text();
      const ms = performance.now() - started;
      let body: { errors?: { message: string; extensions?: { code?: string } }[] } = {};
      try { body = JSON.parse(text); } catch { /* some refusals are not JSON */ }
      const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? '').join(',');
      const problems: string[] = [];
      if (!attack.status.includes(response.status)) problems.push(`status ${response.status}`);
      if (attack.code && response.status === 200 && !attack.code.test(codes)) problems.push(`codes "${codes}"`);
      if (ms >= 2000) problems.push(`${Math.round(ms)} ms`);
      // Nothing internal ever leaks: no SQL, no stack, no suggestion of field names.
      if (/SQLITE|syntax error at|select .* from|at \w+ \(.*\.js:\d+|Did you mean/i.test(text)) problems.push('leaks internals');
      if (response.status >= 400 && body.errors && body.errors[0].message.length <= 5) problems.push('unclear message');
      if (problems.length) failures.push(`${attack.name}: ${problems.join(', ')} — ${text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    expect((await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount).toBe(documentsBefore);
  });

  it('answers 429 with Retry-After past the anonymous quota, while an API key has its own', async () => {
    const limited = await startHub({ agencies: ['fjdrc'], gateway: { quotas: { anonymousPerMinute: 5, staffPerMinute: 100, servicePerMinute: 100, failedAuthPerMinute: 100_000, trustProxy: false } } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      await awayFromQuotaWindowEnd();
      for (let i = 0; i < 8; i++) {
        const response = await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }'));
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      const { key } = limited.gateway.apiKeys.issue('测试研究组', 50);
      const keyed = await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }', undefined, { 'x-api-key': key }));
      expect(keyed.status).toBe(200);
      const record = limited.gateway.apiKeys.list()[0];
      limited.gateway.apiKeys.revoke(record.id);
      expect((await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }', undefined, { 'x-api-key': key }))).status).toBe(401);
    } finally {
      await limited.stop();
    }
  });

  it('gives a verified service identity its own quota, and a forged service claim only the staff quota', async () => {
    // The catalogue's long polls, one per agency, pass a staff quota within a minute in a province of 100.
    const limited = await startHub({ agencies: ['fjdrc'], gateway: { quotas: { anonymousPerMinute: 100, staffPerMinute: 3, servicePerMinute: 20, failedAuthPerMinute: 100_000, trustProxy: false } } });
    try {
      await awayFromQuotaWindowEnd();
      const statuses = async (token: string, n: number) => {
        const seen: number[] = [];
        for (let i = 0; i < n; i++) {
          seen.push((await fetch(limited.gateway.url, q('{ documents(first: 1) { totalCount } }', undefined, { authorization: `Bearer ${token}` }))).status);
        }
        return seen;
      };
      const service = await issueToken({ secret: TEST_SECRETS.HUB_JWT_SECRET }, { sub: 'catalogue-service', roles: [], service: true });
      expect(await statuses(service, 8)).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
      expect(await statuses(await limited.token(['editor'], 'fjdrc'), 5)).toEqual([200, 200, 200, 429, 429]);
      const forged = await issueToken({ secret: randomSecret() }, { sub: 'catalogue-service', roles: [], service: true });
      expect(await statuses(forged, 5)).toEqual([401, 401, 401, 429, 429]);
      // The service quota is a quota too.
      expect((await statuses(service, 14)).slice(-2)).toEqual([429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
