import { startHub, type TestHub } from '../support/hub-harness';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';

const PORTAL = /* GraphQL */ `{ agencies { code name } documents(first: 8) { edges { node { id title agency { code name } } } } dueDate(from: "2025-09-25", workingDays: 20) { on provisional } }`;

describe('the directory and the agency deployments in one graph', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'xiamen'],
      withDirectory: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 20, penalties: 0, today: '2026-11-27' }).then(() => undefined),
      gateway: { shardCalls: { timeoutMs: 1000, breakerThreshold: 3, breakerCooldownMs: 60_000 } },
    });
  });
  afterAll(() => hub?.stop());

  it('answers the portal: agencies, the latest documents with their agency names, a due date', async () => {
    const { data, errors } = await hub.query(PORTAL);
    expect(errors).toBeUndefined();
    expect(data.agencies.map((a: { code: string }) => a.code)).toEqual([...DEMO_AGENCIES.map((a) => a.code)].sort());
    const names = new Map(DEMO_AGENCIES.map((a) => [a.code, a.name]));
    for (const edge of data.documents.edges) expect(edge.node.agency.name).toBe(names.get(edge.node.agency.code));
    // Thu 2025-09-25 + 20 working days across National Day 2025 (see the agency deadline tests).
    expect(data.dueDate).toEqual({ on: '2025-10-29', provisional: false });
  });

  it('shows the public each document\'s agency with the officials its guide names (issue 14: 主要负责同志, 分管负责人, 专人)', async () => {
    const { data, errors } = await hub.query(`{ documents(first: 3) { edges { node { agency { code officials { role name title officePhone } } } } } }`);
    expect(errors).toBeUndefined();
    for (const edge of data.documents.edges) {
      const { officials } = edge.node.agency;
      expect(officials.map((o: { role: string }) => o.role)).toEqual(['PRINCIPAL', 'IN_CHARGE', 'DESIGNATED']);
      expect(officials[0].officePhone).toBe(DEMO_AGENCIES.find((a) => a.code === edge.node.agency.code)!.phone);
    }
  });

  it('still lists documents when the directory is down, saying which service failed', async () => {
    await hub.directory!.stop();
    // An agency's contact (names alone the gateway keeps and still gives: test/federation/directory-cache.test.ts).
    const { data, errors } = await hub.query(`{ documents(first: 3) { edges { node { id title agency { code name contact { phone } } } } } }`);
    expect(data.documents.edges).toHaveLength(3);
    // The documents stay; only the part the directory owns is missing (name is non-null, so agency is null).
    expect(data.documents.edges[0].node.id).toMatch(/^(fjdrc|xiamen):/);
    expect(data.documents.edges[0].node.title).toBeTruthy();
    expect(errors.some((e: { extensions: { code: string } }) => e.extensions.code === 'SERVICE_UNAVAILABLE')).toBe(true);
  });
});
