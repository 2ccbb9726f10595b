import { DEMO_AGENCIES } from '../../tools/demo/province';
import { seedAgency } from '../../tools/demo/seed-agency';
import { startHub, type TestHub } from '../support/hub-harness';
import { EXPORT_FIELDS } from '../../gateway/export-fields';
import { createContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { DisclosureAttribute } from '../../subgraphs/agency/entities/enums';
import * as documents from '../../subgraphs/agency/services/document.service';

/** Publishes one document of `base` at 00:30 on 1 January 2026 China time (still 2025 in UTC). */
async function publishAtNewYear(base: AgencyRuntime): Promise<void> {
  const at = new Date('2026-01-01T00:30:00+08:00');
  const runtime: AgencyRuntime = { ...base, clock: { now: () => new Date(at), today: () => '2026-01-01' } };
  const as = (role: 'editor' | 'reviewer') => createContext(runtime, { sub: `test-${role}@${base.config.agencyCode}`, agency: base.config.agencyCode, roles: [role] });
  const doc = await documents.createDocument(as('editor'), {
    title: '关于元旦假期值班安排的通知', summary: '元旦值班', body: '元旦假期值班安排如下。', theme: '综合政务', genre: '通知', formedOn: '2025-12-31',
    disclosure: DisclosureAttribute.PROACTIVE, exemptionGround: null, docNumber: null, coIssuers: [], keyFacts: [], channels: [], attachments: [],
  });
  await documents.reviewDocument(as('reviewer'), doc.id, true, '经审查不涉及国家秘密、商业秘密和个人隐私');
  await documents.publishDocument(as('editor'), doc.id);
}

const TOTAL = '{ documents(first: 0) { totalCount } }';

async function lines(response: Response): Promise<Record<string, any>[]> {
  return (await response.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('bulk export and GraphQL over HTTP at the gateway', () => {
  let hub: TestHub;
  let base: string;
  beforeAll(async () => {
    hub = await startHub({
      agencies: ['fjdrc', 'fjczt', 'xiamen'],
      // The day after the demo's "today": every seeded change is before \`since\` below, every test change after.
      clock: '2026-11-28T12:00:00+08:00',
      seed: (agency) => seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === agency.runtime.config.agencyCode)!, { documents: 90, penalties: 12, today: '2026-11-27' })
        .then(() => (agency.runtime.config.agencyCode === 'fjdrc' ? publishAtNewYear(agency.runtime) : undefined)),
    });
    base = hub.gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => hub?.stop());

  it('streams every published document once, as many as documents.totalCount, resumable from any cursor', async () => {
    const total = (await hub.query(TOTAL)).data.documents.totalCount;
    const response = await fetch(`${base}/export/documents.ndjson`);
    expect(response.headers.get('content-type')).toMatch(/ndjson/);
    const rows = await lines(response);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    expect(rows.every((r) => r.status === 'PUBLISHED' && r.title && r.agency)).toBe(true);
    // Structure stays structure in NDJSON: arrays, not strings inside strings (issue 10).
    expect(rows.every((r) => Array.isArray(r.keyFacts) && Array.isArray(r.coIssuers))).toBe(true);
    const withFacts = rows.find((r) => r.keyFacts.length > 0);
    expect(withFacts!.keyFacts[0]).toEqual(expect.objectContaining({ subject: expect.any(String), value: expect.any(String) }));
    const resumed = await lines(await fetch(`${base}/export/documents.ndjson?after=${encodeURIComponent(rows[149].cursor)}`));
    expect(resumed.map((r) => r.id)).toEqual(rows.slice(150).map((r) => r.id));
    const csv = (await (await fetch(`${base}/export/documents.csv`)).text()).trim().split('\r\n');
    expect(csv[0]).toMatch(/^cursor,id,agency,/);
    const penalties = await lines(await fetch(`${base}/export/penalties.ndjson`));
    expect(penalties.length).toBe((await hub.query('{ penaltyDecisions(first: 0) { totalCount } }')).data.penaltyDecisions.totalCount);
    expect(penalties.filter((p) => p.partyKind === 'NATURAL_PERSON').every((p) => /\*/.test(p.partyName))).toBe(true);
  });

  it('harvests exactly what changed since a time: revisions and withdrawals', async () => {
    const since = '2026-11-28T08:00:00+08:00';
    const editor = await hub.token(['editor'], 'fjdrc');
    const reviewer = await hub.token(['reviewer'], 'fjczt');
    const { a, b } = (await hub.query(`{ a: documents(first: 1, filter: { agencies: ["fjdrc"] }) { edges { node { id } } } b: documents(first: 1, filter: { agencies: ["fjczt"] }) { edges { node { id } } } }`)).data;
    const revisedId = a.edges[0].node.id;
    const withdrawnId = b.edges[0].node.id;
    expect((await hub.query(`mutation($id: ID!) { updateDocument(id: $id, input: { summary: "补充了内容概述" }, reason: "补充概述") { version } }`, { id: revisedId }, editor)).errors).toBeUndefined();
    // A revision replaces the public text once another person approved it (four-eyes).
    expect((await hub.query(`mutation($id: ID!) { reviewDocument(id: $id, approve: true) { id } }`, { id: revisedId }, await hub.token(['reviewer'], 'fjdrc'))).errors).toBeUndefined();
    expect((await hub.query(`mutation($id: ID!) { publishDocument(id: $id) { version } }`, { id: revisedId }, editor)).errors).toBeUndefined();
    expect((await hub.query(`mutation($id: ID!) { withdrawDocument(id: $id, reason: "内容已过时") { status } }`, { id: withdrawnId }, reviewer)).errors).toBeUndefined();
    const changes = await lines(await fetch(`${base}/export/documents.ndjson?since=${encodeURIComponent(since)}`));
    expect(changes.map((r) => [r.id, r.status]).sort()).toEqual([[revisedId, 'PUBLISHED'], [withdrawnId, 'WITHDRAWN']].sort());
    expect((await fetch(`${base}/export/documents.ndjson?since=yesterday`)).status).toBe(400);
  });

  it('writes CSV for spreadsheets on request: UTF-8 BOM and Chinese labels, the default unchanged (issue 10)', async () => {
    const plain = new Uint8Array(await (await fetch(`${base}/export/penalties.csv`)).arrayBuffer());
    expect([...plain.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(plain).split('\r\n')[0]).toBe(EXPORT_FIELDS.penalties.map((f) => f.name).join(','));
    const excel = new Uint8Array(await (await fetch(`${base}/export/documents.csv?bom=1&labels=zh`)).arrayBuffer());
    expect([...excel.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = new TextDecoder('utf-8', { ignoreBOM: true }).decode(excel.slice(3)).split('\r\n')[0].split(',');
    expect(header).toEqual(EXPORT_FIELDS.documents.map((f) => f.label));
    expect(header).toEqual(expect.arrayContaining(['索引号', '文号', '标题', '发布机构', '成文日期', '发布日期', '有效性', '主题分类']));
    const dictionary = await (await fetch(`${base}/export/fields`)).json();
    expect(dictionary).toEqual(EXPORT_FIELDS);
    const bad = await fetch(`${base}/export/documents.ndjson?labels=zh`);
    expect(bad.status).toBe(400);
  });

  it('filters a documents export by agency and China-time year, exactly as DocumentFilter does (issue 10)', async () => {
    const all = await lines(await fetch(`${base}/export/documents.ndjson`));
    // The year a document belongs to is its publication day in Asia/Shanghai, computed here independently.
    const chinaYear = (at: string) => new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date(at));
    const year = chinaYear(all[0].publishedAt);
    // The new-year document: 2025 in UTC, 2026 in China, and so in the 2026 export only.
    const newYear = all.find((r) => r.title === '关于元旦假期值班安排的通知')!;
    expect(new Date(newYear.publishedAt).getUTCFullYear()).toBe(2025);
    expect((await lines(await fetch(`${base}/export/documents.ndjson?agency=fjdrc&year=2026`))).map((r) => r.id)).toContain(newYear.id);
    expect((await lines(await fetch(`${base}/export/documents.ndjson?agency=fjdrc&year=2025`))).map((r) => r.id)).not.toContain(newYear.id);
    const expected = all.filter((r) => ['fjdrc', 'xiamen'].includes(r.agency) && chinaYear(r.publishedAt) === year).map((r) => r.id).sort();
    const filtered = await lines(await fetch(`${base}/export/documents.ndjson?agency=fjdrc&agency=xiamen&year=${year}`));
    expect(filtered.map((r) => r.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const ids: string[] = [];
    for (let after: string | null = null; ;) {
      const page: any = (await hub.query(
        'query($after: String) { documents(first: 100, after: $after, filter: { agencies: ["fjdrc", "xiamen"], publishedFrom: "' + year + '-01-01", publishedTo: "' + year + '-12-31" }) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after },
      )).data.documents;
      ids.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids.sort()).toEqual(expected);
    const range = await lines(await fetch(`${base}/export/documents.ndjson?agency=fjczt&fromYear=1949&toYear=${year}`));
    expect(range.map((r) => r.id).sort()).toEqual(all.filter((r) => r.agency === 'fjczt' && chinaYear(r.publishedAt) <= year).map((r) => r.id).sort());
  });

  it('refuses bad export filters with a bilingual 400 (issue 10)', async () => {
    for (const [query, pattern] of [
      ['agency=fj%20drc', /机关代码.*Malformed agency code/],
      ['year=1800', /年份.*four-digit year/],
      ['year=24', /年份.*four-digit year/],
      ['fromYear=2025&toYear=2020', /不能早于.*must not be before/],
    ] as const) {
      const response = await fetch(`${base}/export/documents.csv?${query}`);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(pattern);
    }
    expect((await fetch(`${base}/export/penalties.ndjson?agency=fjdrc`)).status).toBe(400);
    // A well-formed code no agency has is no error, as in GraphQL: nothing matches.
    const unknown = await fetch(`${base}/export/documents.ndjson?agency=nosuch`);
    expect([unknown.status, await unknown.text()]).toEqual([200, '']);
  });

  it('speaks GraphQL over HTTP: media types, GET queries, 405 for GET mutations, 400 for bad documents', async () => {
    const post = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: TOTAL }) });
    expect(post.status).toBe(200);
    expect(post.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    const get = await fetch(`${hub.gateway.url}?query=${encodeURIComponent(TOTAL)}`, { headers: { 'x-graphql-csrf': '1', accept: 'application/graphql-response+json' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.documents.totalCount).toBeGreaterThan(0);
    const mutation = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('mutation { publishDocument(id: "fjdrc:1") { id } }')}`, { headers: { 'x-graphql-csrf': '1' } });
    expect(mutation.status).toBe(405);
    const invalid = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: '{ nope }' }) });
    expect(invalid.status).toBe(400);
  });

  it('tells every counted caller its quota in RateLimit-* headers (issue 10)', async () => {
    const first = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ documents(first: 1) { totalCount } }' }) });
    const second = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ documents(first: 1) { totalCount } }' }) });
    const limit = Number(first.headers.get('ratelimit-limit'));
    expect(limit).toBeGreaterThan(0);
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(Number(first.headers.get('ratelimit-remaining')) - 1);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
  });
});
