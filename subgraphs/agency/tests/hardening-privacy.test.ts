import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import { LIST_FEEDBACK, SUBMIT_FEEDBACK } from '../../../test/documents/feedback-operations';
import { GET_REQUEST, LIST_REQUESTS, PROGRESS, RECORD_APPEAL, REQUEST_SUPPLEMENT, SUBMIT_REQUEST } from '../../../test/documents/request-operations';
import { creditCode, organisationCode, residentId } from '../../../tools/demo/codes';
import type { Claims } from '../../../schema/contracts/claims';
import { creditCodeCheckChar } from '../../shared/identifiers';
import { openDatabase } from '../../shared/orm';
import { AGENCY_ENTITIES } from '../entities';
import { DisclosureRequestEntity, PersonalDataAccessEntity, RequestEventEntity } from '../entities/request.entity';
import { RequestChannel, RequestEventKind, RequestStatus, RequesterKind } from '../entities/request-enums';
import { AGENCY_MIGRATIONS } from '../migrations';
import { SEARCH_TABLES } from '../services/search-index';
import { REQUESTER_ACTOR } from '../services/request.service';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const ADMIN = staff('fjdrc', 'admin');
const EDITOR = staff('fjdrc', 'editor');
/** A requester signed in with an account of their own: another agency's staff member. */
const SIGNED_IN: Claims = staff('fjczt', 'editor');

const NOTE = '复议申请人陈晓红称未收到答复';
const SUPPLEMENT = '请陈晓红说明工程所在区县';
const ONLINE = {
  requesterKind: 'NATURAL_PERSON', requesterName: '陈晓红', idNumber: residentId('350203', '19750630', 12), contact: 'chenxh@example.cn',
  channel: 'ONLINE', agency: 'fjdrc', description: '申请公开某路段改造工程的环评批复',
};

describe.each(testEngines())('issue 9 finding 7 on %s: identity reaches only the handlers', (kind) => {
  let agency: TestAgency;
  let id: string;
  let trackingCode: string;

  beforeAll(async () => {
    agency = await openTestAgency(kind);
    ({ submitDisclosureRequest: { trackingCode } } = await agency.exec(SUBMIT_REQUEST, { input: ONLINE }, SIGNED_IN));
    const { disclosureRequests } = await agency.exec(LIST_REQUESTS, { first: 10 }, OFFICER);
    id = disclosureRequests.edges.find((e: any) => e.node.trackingCode === trackingCode).node.id;
    await agency.exec(REQUEST_SUPPLEMENT, { id, on: '2026-11-27', detail: SUPPLEMENT }, OFFICER);
    await agency.exec(RECORD_APPEAL, { input: { requestId: id, kind: 'RECONSIDERATION', filedOn: '2026-11-27', note: NOTE } }, OFFICER);
  });
  afterAll(() => agency.close());

  it.each([['a supervisor', SUPERVISOR], ['an editor of the agency', EDITOR], ['a disclosure officer of the agency', OFFICER]])(
    'issue 9 finding 7: %s sees "申请人 / requester" as the actor of a signed-in requester\'s submission, never the account',
    async (_who, claims) => {
      const { request } = await agency.exec(GET_REQUEST, { id }, claims);
      const byKind = Object.fromEntries(request.events.map((e: any) => [e.kind, e.actor]));
      expect(byKind).toEqual({ SUBMITTED: REQUESTER_ACTOR, RECEIVED: REQUESTER_ACTOR, SUPPLEMENT_REQUESTED: OFFICER.sub });
      expect(JSON.stringify(request)).not.toContain(SIGNED_IN.sub);
    },
  );

  it('issue 9 finding 7: the request row itself does not keep the requester\'s account either', async () => {
    const rows = await agency.runtime.orm.em.fork().find(DisclosureRequestEntity, { id });
    expect(rows.map((r) => r.createdBy)).toEqual([REQUESTER_ACTOR]);
  });

  it.each([['a supervisor', SUPERVISOR], ['an editor of the agency', EDITOR]])('issue 9 finding 7: %s gets null for Appeal.note and event details', async (_who, claims) => {
    const { request } = await agency.exec(GET_REQUEST, { id }, claims);
    expect(request.appeals).toEqual([expect.objectContaining({ kind: 'RECONSIDERATION', note: null })]);
    expect(request.events.every((e: any) => e.detail === null)).toBe(true);
    expect(JSON.stringify(request)).not.toMatch(/陈晓红/);
  });

  it('issue 9 finding 7: the handlers read the note; another agency\'s staff and the public read no request at all', async () => {
    expect((await agency.exec(GET_REQUEST, { id }, ADMIN)).request.appeals[0].note).toBe(NOTE);
    for (const claims of [SIGNED_IN, staff('fjczt', 'disclosure-officer'), PUBLIC]) expect((await agency.exec(GET_REQUEST, { id }, claims)).request).toBeNull();
    const { requestProgress } = await agency.exec(PROGRESS, { code: trackingCode }, PUBLIC);
    expect(requestProgress.events.map((e: any) => e.kind)).toEqual(['SUBMITTED', 'RECEIVED', 'SUPPLEMENT_REQUESTED']);
    expect(JSON.stringify(requestProgress)).not.toMatch(/陈晓红|fjczt|申请人 \/ requester/);
  });

  it('issue 9 finding 9: a resident ID with a future birth date is refused, bilingual, naming idNumber', async () => {
    const future = residentId('350203', '20261128', 12);
    const { errors } = await agency.execRaw(SUBMIT_REQUEST, { input: { ...ONLINE, idNumber: future } }, PUBLIC);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(errors?.[0].message).toMatch(/出生日期.* \/ .*birth date/);
  });

  it('issue 9 finding 9: a credit code whose organisation code fails GB 11714 is refused, naming idNumber', async () => {
    const organisation = organisationCode('61234567');
    const wrong = organisation.slice(0, 8) + (organisation[8] === '0' ? '1' : '0');
    const first17 = `91350100${wrong}`;
    const input = { ...ONLINE, requesterKind: 'COMMERCIAL_ENTERPRISE', requesterName: '福州某某科技有限公司', idNumber: first17 + creditCodeCheckChar(first17) };
    const { errors } = await agency.execRaw(SUBMIT_REQUEST, { input }, PUBLIC);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect(errors?.[0].message).toMatch(/GB 11714.* \/ .*GB 11714/);
    const good = await agency.execRaw(SUBMIT_REQUEST, { input: { ...input, idNumber: creditCode('91', '350100', organisation) } }, PUBLIC);
    expect(good.errors).toBeUndefined();
  });
});

const PENALTY_FIELDS = 'id partyKind partyName partyIdNumber';
const CREATE = `mutation($input: CreatePenaltyDecisionInput!) { createPenaltyDecision(input: $input) { ${PENALTY_FIELDS} } }`;
const PUBLISH = `mutation($id: ID!) { publishPenaltyDecision(id: $id) { id } }`;
const LIST = `query($name: String) { penaltyDecisions(partyName: $name, first: 50) { totalCount edges { node { ${PENALTY_FIELDS} } } } }`;
const CASE = {
  facts: '生产经营不符合食品安全标准的食品。', legalBasis: '《中华人民共和国食品安全法》第一百二十四条第一款', penalty: '罚款人民币五万元', decidedOn: '2026-11-02', minor: false,
};
const AMR_EDITOR = staff('fjamr', 'editor');
const PERSONS = ['王五', '张三丰', '欧阳娜娜'];

describe.each(testEngines())('issue 9 finding 7 on %s: penalty decisions by party name', (kind) => {
  let agency: TestAgency;
  const count = async (name: string, claims: Claims) => (await agency.exec(LIST, { name }, claims)).penaltyDecisions.totalCount;

  beforeAll(async () => {
    agency = await openTestAgency(kind, { code: 'fjamr' });
    let serial = 0;
    const add = async (partyKind: string, partyName: string, partyIdNumber: string) => {
      const { createPenaltyDecision: p } = await agency.exec(CREATE, { input: { ...CASE, caseNumber: `闽市监处罚〔2026〕${++serial}号`, partyKind, partyName, partyIdNumber } }, AMR_EDITOR);
      await agency.exec(PUBLISH, { id: p.id }, AMR_EDITOR);
    };
    await add('ENTERPRISE', '福州100%纯净水有限公司', creditCode('91', '350100', organisationCode('61234567')));
    // Written with full-width letters; stored, shown and found as "ABC".
    await add('ENTERPRISE', 'ＡＢＣ贸易有限公司', creditCode('91', '350100', organisationCode('MA312345')));
    for (const [i, name] of PERSONS.entries()) await add('NATURAL_PERSON', name, residentId('350102', '19800101', 100 + i));
  });
  afterAll(() => agency.close());

  it.each([['the public', PUBLIC], ['a supervisor', SUPERVISOR], ['the agency\'s editor', AMR_EDITOR]])(
    'issue 9 finding 7: for %s, "%%", "_" and "!" are literal characters, not wildcards',
    async (_who, claims) => {
      expect(await count('%', claims)).toBe(1);
      expect(await count('100%', claims)).toBe(1);
      expect(await count('10_%', claims)).toBe(0);
      expect(await count('_', claims)).toBe(0);
      expect(await count('!', claims)).toBe(0);
      expect(await count('%%', claims)).toBe(0);
    },
  );

  it('issue 9 finding 7: anyone finds an enterprise by a part of its name, full-width or not', async () => {
    for (const claims of [PUBLIC, SUPERVISOR, AMR_EDITOR]) {
      expect(await count('纯净水', claims)).toBe(1);
      expect(await count('ABC', claims)).toBe(1);
      expect(await count('ＡＢＣ', claims)).toBe(1);
    }
    expect((await agency.exec(LIST, { name: 'ABC' }, PUBLIC)).penaltyDecisions.edges[0].node.partyName).toBe('ABC贸易有限公司');
  });

  it('issue 9 finding 7: a supervisor, another agency\'s staff and the public cannot confirm a natural person\'s name', async () => {
    for (const claims of [PUBLIC, SUPERVISOR, staff('fjdrc', 'admin'), staff('fjdrc', 'editor')]) {
      for (const name of PERSONS) expect([name, await count(name, claims)]).toEqual([name, 0]);
    }
  });

  it('issue 9 finding 7: the deciding agency\'s staff find a person by the whole name only, trimmed', async () => {
    expect(await count('张三丰', AMR_EDITOR)).toBe(1);
    expect(await count(' 张三丰　', AMR_EDITOR)).toBe(1);
    expect(await count('张三', AMR_EDITOR)).toBe(0);
    expect(await count('三丰', AMR_EDITOR)).toBe(0);
  });

  it('issue 9 finding 7: a masked name is three characters whatever the name\'s length, an ID always 18', async () => {
    for (const claims of [PUBLIC, SUPERVISOR]) {
      const persons = (await agency.exec(LIST, {}, claims)).penaltyDecisions.edges.map((e: any) => e.node).filter((p: any) => p.partyKind === 'NATURAL_PERSON');
      expect(persons.map((p: any) => p.partyName).sort()).toEqual(['张**', '欧**', '王**']);
      expect(persons.every((p: any) => /^\d{6}\*{8}\d{3}[\dX]$/.test(p.partyIdNumber))).toBe(true);
    }
  });

  it('issue 9 finding 9: a natural person\'s resident ID born in the future is refused, naming partyIdNumber', async () => {
    const input = { ...CASE, caseNumber: '闽市监处罚〔2026〕99号', partyKind: 'NATURAL_PERSON', partyName: '李四', partyIdNumber: residentId('350102', '20270101', 1) };
    const { errors } = await agency.execRaw(CREATE, { input }, AMR_EDITOR);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partyIdNumber' });
    expect(errors?.[0].message).toMatch(/出生日期.* \/ .*birth date/);
  });
});

describe.each(testEngines())('issue 9 finding 7 on %s: feedback contacts', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(() => agency.close());

  it('issue 9 finding 7: reading a feedback contact writes an access row and an audit line, like a requester\'s identity', async () => {
    const { submitFeedback: withContact } = await agency.exec(SUBMIT_FEEDBACK, { input: { agency: 'fjdrc', text: '请公开更多预算细节', contact: '13900000000' } }, PUBLIC);
    await agency.exec(SUBMIT_FEEDBACK, { input: { agency: 'fjdrc', text: '没有留下联系方式的意见' } }, PUBLIC);
    for (const claims of [EDITOR, SUPERVISOR, PUBLIC]) {
      agency.audit.length = 0;
      const { feedback } = await agency.exec(LIST_FEEDBACK, { first: 10 }, claims);
      expect(feedback.edges.every((e: any) => e.node.contact === null)).toBe(true);
      expect(agency.audit).toEqual([]);
    }
    agency.audit.length = 0;
    const { feedback } = await agency.exec(LIST_FEEDBACK, { first: 10 }, OFFICER);
    expect(feedback.edges.map((e: any) => e.node.contact).sort()).toEqual(['13900000000', null]);
    expect(agency.audit).toEqual([expect.objectContaining({ audit: 'personal-data.read', actor: OFFICER.sub, agency: 'fjdrc', subject: withContact.id, fields: ['contact'] })]);
    const rows = await agency.runtime.orm.em.fork().find(PersonalDataAccessEntity, { requestId: withContact.id });
    expect(rows.map((r) => [r.actor, r.fields])).toEqual([[OFFICER.sub, 'contact']]);
  });
});

describe.each(testEngines())('issue 9 finding 7 on %s: the privacy migration', (kind) => {
  it('issue 9 finding 7: relabels what requesters did before, keeps what staff did', async () => {
    // SQLite in a file, so that the database outlives closing it between the two migration runs.
    const dir = mkdtempSync(join(tmpdir(), 'agency-privacy-'));
    const db = kind === 'sqlite' ? { url: join(dir, 'old.sqlite'), drop: async () => {} } : await freshDatabase(kind);
    const { url } = db;
    try {
      const before = { sqlite: AGENCY_MIGRATIONS.sqlite.filter((m) => !m.name.endsWith('-privacy')), postgresql: AGENCY_MIGRATIONS.postgresql.filter((m) => !m.name.endsWith('-privacy')) };
      const old = await openDatabase({ url, entities: AGENCY_ENTITIES, migrations: before, unmanagedTables: SEARCH_TABLES });
      const em = old.em.fork();
      const at = new Date('2026-11-20T02:00:00Z');
      const request = (n: number, channel: RequestChannel, createdBy: string) => em.create(DisclosureRequestEntity, {
        id: `fjdrc:r000000${n}`, agencyCode: 'fjdrc', trackingCode: `fjdrc:T${n}`, requesterKind: RequesterKind.NATURAL_PERSON, requesterName: '陈晓红',
        contact: '13900000000', channel, description: '某项政府信息', submittedOn: '2026-11-20', receivedOn: '2026-11-20', status: RequestStatus.PROCESSING,
        listedAt: at, createdBy,
      });
      const event = (requestId: string, kind: RequestEventKind, actor: string) => em.create(RequestEventEntity, { requestId, kind, on: '2026-11-20', at, actor });
      // Submitted online by a signed-in citizen, by an anonymous one, and entered by hand by an officer who then worked on it.
      request(1, RequestChannel.ONLINE, 'citizen@example');
      request(2, RequestChannel.ONLINE, 'anonymous');
      request(3, RequestChannel.ONLINE, OFFICER.sub!);
      request(4, RequestChannel.IN_PERSON, OFFICER.sub!);
      for (const [n, actor] of [[1, 'citizen@example'], [2, 'anonymous'], [3, OFFICER.sub!], [4, OFFICER.sub!]] as const) {
        event(`fjdrc:r000000${n}`, RequestEventKind.SUBMITTED, actor);
        event(`fjdrc:r000000${n}`, RequestEventKind.RECEIVED, actor);
      }
      event('fjdrc:r0000001', RequestEventKind.SUPPLEMENT_REQUESTED, OFFICER.sub!);
      await em.flush();
      await old.close(true);

      const upgraded = await openDatabase({ url, entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS, unmanagedTables: SEARCH_TABLES });
      try {
        const fresh = upgraded.em.fork();
        const events = await fresh.find(RequestEventEntity, {}, { orderBy: { id: 'asc' } });
        expect(events.map((e) => [e.requestId.slice(-1), e.kind, e.actor])).toEqual([
          ['1', 'SUBMITTED', REQUESTER_ACTOR], ['1', 'RECEIVED', REQUESTER_ACTOR],
          ['2', 'SUBMITTED', REQUESTER_ACTOR], ['2', 'RECEIVED', REQUESTER_ACTOR],
          ['3', 'SUBMITTED', OFFICER.sub], ['3', 'RECEIVED', OFFICER.sub],
          ['4', 'SUBMITTED', OFFICER.sub], ['4', 'RECEIVED', OFFICER.sub],
          ['1', 'SUPPLEMENT_REQUESTED', OFFICER.sub],
        ]);
        const requests = await fresh.find(DisclosureRequestEntity, {}, { orderBy: { id: 'asc' } });
        expect(requests.map((r) => r.createdBy)).toEqual([REQUESTER_ACTOR, REQUESTER_ACTOR, OFFICER.sub, OFFICER.sub]);
      } finally {
        await upgraded.close(true);
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
