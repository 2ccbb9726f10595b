import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';

/**
 * Issue 11: the gateway keeps the directory's agency facts (gateway/entity-cache.ts), so a page of
 * documents from many agencies needs no call to the directory for their names — and still has
 * them while the directory is down; what it does not keep (an agency's contact) is asked anew.
 */
const PORTAL = '{ documents(first: 20) { edges { node { id agency { code name } } } } }';
const CONTACT = '{ documents(first: 1) { edges { node { agency { contact { phone } } } } } }';

describe('issue 11: agency names through the gateway\'s directory cache', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt'], withDirectory: true,
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 8, penalties: 0, requests: 0, today: '2026-11-27' }).then(() => undefined),
    });
  }, 120_000);
  afterAll(() => hub?.stop());

  it('names every agency from memory once seen, with the directory down; asks the directory for anything else', async () => {
    const uncached = await hub.startGatewayReplica({ directoryCacheMs: 0 });
    const seen = await hub.query(PORTAL);
    expect(seen.errors).toBeUndefined();
    const names = new Map((seen.data as any).documents.edges.map((e: any) => [e.node.agency.code, e.node.agency.name]));
    expect([...names.keys()].sort()).toEqual(['fjczt', 'fjdrc']);
    expect(names.get('fjczt')).toBe(DEMO_AGENCIES.find((a) => a.code === 'fjczt')!.name);

    await hub.directory!.stop();
    const meanwhile = await hub.query(PORTAL);
    expect(meanwhile.errors).toBeUndefined();
    expect(meanwhile.data).toEqual(seen.data);
    // What is not kept needs the directory, which is down: the gateway says so.
    const contact = await hub.query(CONTACT);
    expect(contact.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'directory' });
    // A gateway keeping nothing has no names while the directory is down.
    const response = await fetch(uncached.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PORTAL }) });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});
