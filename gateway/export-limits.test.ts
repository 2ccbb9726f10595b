import { InteractiveLoad } from './export-limits';

/** The hooks of the plugin, called as the runtime calls them for one request. */
function hooks(load: InteractiveLoad) {
  const plugin = load.plugin() as { onRequest(payload: unknown): Promise<void> | void; onResponse(payload: unknown): void };
  return {
    start: async (request: Request) => plugin.onRequest({ request, url: new URL(request.url) }),
    end: (request: Request) => plugin.onResponse({ request }),
  };
}

describe('exports yield only to interactive requests', () => {
  const isService = async (request: Request) => request.headers.get('authorization') === 'Bearer service';
  const load = new InteractiveLoad((request) => request.headers.has('x-internal'), isService);
  const { start, end } = hooks(load);

  it('counts a portal request while it is in flight', async () => {
    const portal = new Request('http://hub/graphql', { method: 'POST' });
    await start(portal);
    expect(load.busy()).toBe(true);
    end(portal);
    expect(load.busy()).toBe(false);
  });

  it('does not count a service identity\'s calls (the catalogue keeps a long poll per agency in flight), exports or the gateway\'s own pages', async () => {
    const calls = [
      new Request('http://hub/graphql', { method: 'POST', headers: { authorization: 'Bearer service' } }),
      new Request('http://hub/export/documents.ndjson'),
      new Request('http://hub/graphql', { method: 'POST', headers: { 'x-internal': '1' } }),
    ];
    for (const call of calls) await start(call);
    expect(load.busy()).toBe(false);
    const staff = new Request('http://hub/graphql', { method: 'POST', headers: { authorization: 'Bearer staff' } });
    await start(staff);
    expect(load.busy()).toBe(true);
    end(staff);
    for (const call of calls) end(call);
    expect(load.busy()).toBe(false);
  });
});
