import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { GET_REQUEST, LIST_REQUESTS, PROGRESS, RECORD_REQUEST, REQUEST_SUPPLEMENT, SUBMIT_REQUEST } from '../../../test/documents/request-operations';
import type { Claims } from '../../../schema/contracts/claims';
import { residentId } from '../../../tools/demo/codes';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const ADMIN = staff('fjdrc', 'admin');
const EDITOR = staff('fjdrc', 'editor');
const REVIEWER = staff('fjdrc', 'reviewer');
const OTHER_OFFICER = staff('fjczt', 'disclosure-officer');
const OTHER_ADMIN = staff('fjczt', 'admin');
const COORDINATOR: Claims = { sub: 'coordinator@news', roles: ['coordinator'] };

const NAME = '陈晓红';
const ID = residentId('350203', '19750630', 12);
const CONTACT = 'chenxh@example.cn';
const IDENTITY = [NAME, ID, CONTACT];

/** Who sees what of a request: the identity reaches only that agency's disclosure officers and admin. */
// Free texts (description, response, event details) may name the requester, so they follow the identity.
const ROLES: [string, Claims, { sees: boolean; identity: boolean }][] = [
  ['the public', PUBLIC, { sees: false, identity: false }],
  ['an editor of the agency', EDITOR, { sees: true, identity: false }],
  ['a reviewer of the agency', REVIEWER, { sees: true, identity: false }],
  ['a disclosure officer of the agency', OFFICER, { sees: true, identity: true }],
  ['the admin of the agency', ADMIN, { sees: true, identity: true }],
  ['a disclosure officer of another agency', OTHER_OFFICER, { sees: false, identity: false }],
  ['the admin of another agency', OTHER_ADMIN, { sees: false, identity: false }],
  ['a coordinator', COORDINATOR, { sees: false, identity: false }],
  ['a supervisor', SUPERVISOR, { sees: true, identity: false }],
];

describe.each(testEngines())('requesters\' personal data on %s', (kind) => {
  let agency: TestAgency;
  let id: string;
  let trackingCode: string;

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    const input = { requesterKind: 'NATURAL_PERSON', requesterName: NAME, idNumber: ID, contact: CONTACT, channel: 'IN_PERSON', agency: 'fjdrc', description: '申请公开某路段改造工程的环评批复', submittedOn: '2026-11-20' };
    const { recordDisclosureRequest: r } = await agency.exec(RECORD_REQUEST, { input }, OFFICER);
    id = r.id;
    trackingCode = r.trackingCode;
    await agency.exec(REQUEST_SUPPLEMENT, { id, on: '2026-11-23', detail: `请${NAME}说明工程所在区县` }, OFFICER);
    const { submittedOn: _paperOnly, ...online } = input;
    for (let i = 0; i < 4; i++) await agency.exec(SUBMIT_REQUEST, { input: { ...online, channel: 'ONLINE', requesterName: `申请人${i}` } }, PUBLIC);
  });
  afterAll(() => agency.close());

  it.each(ROLES)('%s: every field of a request, identity only where the law allows, one log line per read', async (_who, claims, expected) => {
    agency.audit.length = 0;
    agency.sql.length = 0;
    const { request } = await agency.exec(GET_REQUEST, { id }, claims);
    if (!expected.sees) {
      expect(request).toBeNull();
    } else {
      expect(request).toMatchObject({ id, status: 'AWAITING_SUPPLEMENT', receivedOn: '2026-11-20', requesterKind: 'NATURAL_PERSON' });
      expect([request.requesterName, request.idNumber, request.contact]).toEqual(expected.identity ? IDENTITY : [null, null, null]);
      expect(request.trackingCode).toBe(expected.identity ? trackingCode : null);
      expect(request.description === null).toBe(!expected.identity);
      expect(request.events.find((e: { kind: string }) => e.kind === 'SUPPLEMENT_REQUESTED').detail === null).toBe(!expected.identity);
    }
    if (!expected.identity) expect(JSON.stringify(request ?? {})).not.toMatch(new RegExp(IDENTITY.join('|')));
    // One audit line and one log row for the read, naming who, which request and which fields.
    expect(agency.audit).toEqual(expected.identity
      ? [expect.objectContaining({ audit: 'personal-data.read', actor: claims.sub, agency: 'fjdrc', subject: id, fields: ['requesterName', 'idNumber', 'contact'] })]
      : []);
    expect(agency.sql.filter((s) => /insert into .personal_data_access/.test(s))).toHaveLength(expected.identity ? 1 : 0);
  });

  it.each(ROLES)('%s: the list of requests', async (_who, claims, expected) => {
    agency.audit.length = 0;
    const result = await agency.execRaw(LIST_REQUESTS, { first: 10 }, claims);
    if (!expected.sees) {
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      return;
    }
    const edges = (result.data as any).disclosureRequests.edges;
    expect(edges).toHaveLength(5);
    expect(edges.every((e: any) => (e.node.requesterName !== null) === expected.identity)).toBe(true);
    // Five requests read in one resolution: five audit lines, written in one insert.
    expect(agency.audit).toHaveLength(expected.identity ? 5 : 0);
  });

  it.each(ROLES)('%s: the progress page by tracking code never carries identity', async (_who, claims) => {
    agency.audit.length = 0;
    const { requestProgress } = await agency.exec(PROGRESS, { code: trackingCode }, claims);
    expect(requestProgress.status).toBe('AWAITING_SUPPLEMENT');
    expect(JSON.stringify(requestProgress)).not.toMatch(new RegExp(IDENTITY.join('|')));
    expect(agency.audit).toEqual([]);
  });

  it('keeps the log in the database: who, when, which request, which fields', async () => {
    const rows = await agency.runtime.orm.em.fork().getConnection().execute('select request_id, actor, fields from personal_data_access where request_id = ? order by id', [id]);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r: { fields: string }) => r.fields === 'requesterName,idNumber,contact')).toBe(true);
    expect(new Set(rows.map((r: { actor: string }) => r.actor))).toEqual(new Set([OFFICER.sub, ADMIN.sub]));
  });
});
