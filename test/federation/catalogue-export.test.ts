import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { freshDatabase, testEngines } from '../support/databases';

/**
 * Issue 11: the documents export read from the catalogue's own export pages (the same lines as
 * the live fan-out, the GraphQL path again when the catalogue is down), and the harvest by the
 * catalogue's change sequence (`?sinceSeq=`), resumed exactly where it stopped.
 */
const CODES = ['fjdrc', 'fjczt', 'fjamr'];

async function lines(response: Response): Promise<Record<string, any>[]> {
  return (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe.each(testEngines())('exports and harvests from the catalogue on %s (issue 11)', (engine) => {
  let hub: TestHub;
  let dir: string;
  let base: string;
  let database: { url: string; drop: () => Promise<void> } | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-catalogue-export-'));
    database = engine === 'postgresql' ? await freshDatabase('postgresql') : undefined;
    hub = await startHub({
      agencies: CODES, databaseDir: dir, withCatalogue: { databaseUrl: database?.url, staleAfterMs: 4000 },
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 45, penalties: 4, today: '2026-11-27' }).then(() => undefined),
      gateway: { shardCalls: { timeoutMs: 3000, breakerThreshold: 1000, breakerCooldownMs: 0 } },
    });
    base = hub.gateway.url.replace(/\/graphql$/, '');
    await hub.catalogueCaughtUp();
  });
  afterAll(async () => {
    await hub?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const EXPORTS = ['documents.ndjson', 'documents.csv', 'documents.ndjson?since=2020-01-01T00:00:00%2B08:00', 'documents.ndjson?agency=fjczt,fjamr&fromYear=2025'];

  it('streams from the catalogue the same lines as the live fan-out, and falls back to it when the catalogue is down', async () => {
    const total = (await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount;
    // With a deployment down, only the catalogue can still give every document: the export read it.
    await hub.stopAgency('fjamr');
    const fromCatalogue = await Promise.all(EXPORTS.map(async (path) => (await fetch(`${base}/export/${path}`)).text()));
    expect(fromCatalogue[0].split('\n').filter(Boolean)).toHaveLength(total);
    expect(fromCatalogue[0]).not.toContain('"warning"');
    await hub.restartAgency('fjamr');
    await hub.catalogueCaughtUp();
    await hub.catalogue!.stop();
    const fromFanOut = await Promise.all(EXPORTS.map(async (path) => (await fetch(`${base}/export/${path}`)).text()));
    expect(fromFanOut).toEqual(fromCatalogue);
    // A harvest by sequence has no other source: a plain 503 saying so, in both languages.
    const refused = await fetch(`${base}/export/documents.ndjson?sinceSeq=0`);
    expect(refused.status).toBe(503);
    const body = await refused.json();
    expect(body.errors[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/省级目录.*catalogue is unavailable/), extensions: { code: 'CATALOGUE_UNAVAILABLE' } }));
    await hub.restartCatalogue();
    await hub.catalogueCaughtUp();
  });

  it('resumes a documents export from the catalogue at any cursor', async () => {
    const rows = await lines(await fetch(`${base}/export/documents.ndjson`));
    expect(rows.length).toBeGreaterThan(100);
    const resumed = await lines(await fetch(`${base}/export/documents.ndjson?after=${encodeURIComponent(rows[99].cursor)}`));
    expect(resumed.map((r) => r.id)).toEqual(rows.slice(100).map((r) => r.id));
  });

  it('harvests by sequence: resumed where it stopped, every change exactly once, a withdrawal and a new version made in between included', async () => {
    const full = await lines(await fetch(`${base}/export/documents.ndjson?sinceSeq=0`));
    const seqs = full.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(full.length);
    expect(new Set(full.map((r) => r.id)).size).toBe(full.length);
    const published = (await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount;
    expect(full.filter((r) => r.status === 'PUBLISHED')).toHaveLength(published);
    expect(full.every((r) => r.cursor === undefined && r.title && r.agency && Array.isArray(r.keyFacts))).toBe(true);

    // The harvester stopped after `k` lines; then one document it has is withdrawn, one it has not reached yet gets a new version.
    const k = 40;
    const harvested = full.slice(0, k);
    const withdrawn = harvested.find((r) => r.status === 'PUBLISHED')!;
    const revised = full.slice(k).find((r) => r.status === 'PUBLISHED')!;
    const reviewer = await hub.token(['reviewer'], withdrawn.agency);
    expect((await hub.query(`mutation($id: ID!) { withdrawDocument(id: $id, reason: "收割测试撤回") { id } }`, { id: withdrawn.id }, reviewer)).errors).toBeUndefined();
    const editor = await hub.token(['editor'], revised.agency);
    await hub.query(`mutation($id: ID!) { updateDocument(id: $id, input: { title: "收割测试修订" }, reason: "更正标题") { id } }`, { id: revised.id }, editor);
    await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id: revised.id }, await hub.token(['reviewer'], revised.agency));
    expect((await hub.query(`mutation($id: ID!) { publishDocument(id: $id) { version } }`, { id: revised.id }, editor)).data.publishDocument.version).toBe(revised.version + 1);
    await hub.catalogueCaughtUp();

    const rest = await lines(await fetch(`${base}/export/documents.ndjson?sinceSeq=${harvested.at(-1)!.seq}`));
    expect(new Set(rest.map((r) => r.id)).size).toBe(rest.length);
    expect(rest.every((r) => r.seq > harvested.at(-1)!.seq)).toBe(true);
    // Everything not yet harvested, each once, the two changes last in the order they were applied.
    expect(rest.map((r) => r.id).sort()).toEqual([...full.slice(k).map((r) => r.id), withdrawn.id].sort());
    expect(rest.slice(-2).map((r) => r.id)).toEqual([withdrawn.id, revised.id]);
    expect(rest.at(-2)).toEqual(expect.objectContaining({ id: withdrawn.id, status: 'WITHDRAWN', withdrawalReason: '收割测试撤回' }));
    expect(rest.at(-1)).toEqual(expect.objectContaining({ id: revised.id, title: '收割测试修订', version: revised.version + 1 }));
    // Caught up: nothing more, and an agency filter narrows the sequence.
    expect(await lines(await fetch(`${base}/export/documents.ndjson?sinceSeq=${rest.at(-1)!.seq}`))).toEqual([]);
    const fjczt = await lines(await fetch(`${base}/export/documents.ndjson?sinceSeq=0&agency=fjczt`));
    expect(fjczt.length).toBeGreaterThan(0);
    expect(fjczt.every((r) => r.agency === 'fjczt')).toBe(true);
  });

  it('says in-band that a department\'s feed is behind, as the GraphQL path does, and keeps its documents', async () => {
    const total = (await hub.query('{ documents(first: 0) { totalCount } }')).data.documents.totalCount;
    await hub.stopAgency('fjamr');
    await new Promise((r) => setTimeout(r, 4500));
    const rows = await lines(await fetch(`${base}/export/documents.ndjson`));
    expect(rows.filter((r) => r.id)).toHaveLength(total);
    expect(rows.filter((r) => r.warning)).toEqual([expect.objectContaining({ warning: expect.stringContaining('fjamr'), resumeAfter: null })]);
    const harvest = await lines(await fetch(`${base}/export/documents.ndjson?sinceSeq=0&agency=fjamr`));
    expect(harvest.filter((r) => r.warning)).toEqual([expect.objectContaining({ agencies: ['fjamr'] })]);
    await hub.restartAgency('fjamr');
    await hub.catalogueCaughtUp();
  });

  it('meters a catalogue page as ten export pages: a small quota ends the stream after the rows it granted, saying where to resume', async () => {
    const full = await lines(await fetch(`${base}/export/documents.ndjson`));
    expect(full.length).toBeGreaterThan(100);
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    // One unit a minute: the export request itself, which is its first page of 100 rows.
    const cut = await lines(await fetch(`${base}/export/documents.ndjson`, { headers: { 'x-api-key': hub.gateway.apiKeys.issue('小配额', 1).key } }));
    const last = cut.pop()!;
    expect(cut.map((r) => r.id)).toEqual(full.slice(0, 100).map((r) => r.id));
    expect(last).toEqual(expect.objectContaining({ error: expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }), resumeAfter: full[99].cursor }));
    const harvest = await lines(await fetch(`${base}/export/documents.ndjson?sinceSeq=0`, { headers: { 'x-api-key': hub.gateway.apiKeys.issue('小配额 seq', 1).key } }));
    const stopped = harvest.pop()!;
    expect(harvest).toHaveLength(100);
    expect(stopped).toEqual(expect.objectContaining({ error: expect.objectContaining({ extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }), resumeSinceSeq: harvest[99].seq }));
  });

  it('serves its export pages to the gateway only', async () => {
    const catalogue = hub.catalogue!.url.replace(/\/graphql$/, '');
    for (const path of ['/export/documents', '/export/document-changes?sinceSeq=0']) {
      expect((await fetch(`${catalogue}${path}`)).status).toBe(401);
      expect((await fetch(`${catalogue}${path}`, { headers: { 'x-hub-claims': 'forged' } })).status).toBe(401);
    }
  });

  it('refuses a malformed harvest by sequence with a bilingual 400', async () => {
    for (const query of ['sinceSeq=-1', 'sinceSeq=abc', 'sinceSeq=1&since=2026-01-01T00:00:00%2B08:00', 'sinceSeq=1&after=x']) {
      const response = await fetch(`${base}/export/documents.ndjson?${query}`);
      expect(response.status).toBe(400);
      expect((await response.json()).errors[0].message).toMatch(/sinceSeq.*\/ sinceSeq/);
    }
    expect((await fetch(`${base}/export/documents.csv?sinceSeq=0`)).status).toBe(400);
    expect((await fetch(`${base}/export/penalties.ndjson?sinceSeq=0`)).status).toBe(400);
  });
});
