import { parse } from 'graphql';
import { InteractiveLoad } from './export-limits';

/** Issue 11: an export yields to interactive requests, not to the catalogue's long polls of the change logs. */
describe('interactive load seen by the export lanes', () => {
  function started(load: InteractiveLoad, query: string, operationName?: string): Request {
    const plugin = load.plugin() as { onRequest(p: unknown): void; onExecute(p: unknown): void };
    const request = new Request('http://gateway/graphql', { method: 'POST' });
    plugin.onRequest({ request, url: new URL(request.url) });
    plugin.onExecute({ args: { contextValue: { request }, document: parse(query), operationName } });
    return request;
  }

  it('counts a read in flight until its response, and a long poll of a change log not at all', () => {
    const load = new InteractiveLoad(() => false);
    const read = started(load, '{ documents(first: 5) { edges { cursor } } }');
    expect(load.busy()).toBe(true);
    (load.plugin() as { onResponse(p: unknown): void }).onResponse({ request: read });
    expect(load.busy()).toBe(false);
    const poll = started(load, 'query Feed($a: String!) { publicChanges(agency: $a, after: 0, first: 200, waitMs: 3000) { lastSeq } }');
    expect(load.busy()).toBe(false);
    (load.plugin() as { onResponse(p: unknown): void }).onResponse({ request: poll });
    expect(load.busy()).toBe(false);
    // A long poll beside another field is load; so is the chosen operation of several, when it reads.
    started(load, '{ publicChanges(agency: "a", after: 0, first: 1, waitMs: 0) { lastSeq } documents(first: 1) { edges { cursor } } }');
    expect(load.busy()).toBe(true);
    const other = new InteractiveLoad(() => false);
    started(other, 'query Poll { publicChanges(agency: "a", after: 0, first: 1, waitMs: 0) { lastSeq } } query Read { documents(first: 1) { edges { cursor } } }', 'Read');
    expect(other.busy()).toBe(true);
  });
});
