import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestAgency, staff, PUBLIC, SUPERVISOR, type TestAgency } from '../../../test/support/agency-harness';
import { freshDatabase, testEngines } from '../../../test/support/databases';
import { PROGRESS, RECORD_REQUEST, SUBMIT_REQUEST } from '../../../test/documents/request-operations';
import { residentId } from '../../../tools/demo/codes';
import { openDatabase } from '../../shared/orm';
import { AGENCY_ENTITIES } from '../entities';
import { AGENCY_MIGRATIONS } from '../migrations';
import { SEARCH_TABLES } from '../services/search-index';

const OFFICER = staff('fjdrc', 'disclosure-officer');
const EDITOR = staff('fjdrc', 'editor');
const LIST = `{ disclosureRequests(first: 100) { edges { node { id trackingCode } } } }`;
const DELIVERY = `query($id: ID!) { request(id: $id) { deliveryMethod deliveryEmail } }`;

function form(extra: Record<string, unknown> = {}) {
  return {
    requesterKind: 'NATURAL_PERSON', requesterName: '林志强', idNumber: residentId('350102', '19800101', 21), contact: '13800000000',
    channel: 'ONLINE', agency: 'fjdrc', description: '申请公开2025年度涉企收费清单', ...extra,
  };
}

describe.each(testEngines())('获取信息的方式 of a disclosure request on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(async () => { await agency.close(); });

  /** The stored request of a tracking code, as the agency's disclosure officer reads it. */
  async function stored(trackingCode: string) {
    const { disclosureRequests } = await agency.exec(LIST, {}, OFFICER);
    return disclosureRequests.edges.map((e: { node: { id: string; trackingCode: string } }) => e.node).find((n: { trackingCode: string }) => n.trackingCode === trackingCode);
  }

  it('records the way asked for on the receipt and the progress; the e-mail address reaches only the disclosure officers, every read logged', async () => {
    const { submitDisclosureRequest: receipt } = await agency.exec(SUBMIT_REQUEST, { input: form({ deliveryMethod: 'EMAIL', deliveryEmail: ' linzq@example.cn ' }) }, PUBLIC);
    expect(receipt.deliveryMethod).toBe('EMAIL');
    const { requestProgress } = await agency.exec(PROGRESS, { code: receipt.trackingCode }, PUBLIC);
    expect(requestProgress.deliveryMethod).toBe('EMAIL');
    expect(JSON.stringify(requestProgress)).not.toContain('linzq');

    const { id } = await stored(receipt.trackingCode);
    agency.audit.length = 0;
    expect((await agency.exec(DELIVERY, { id }, OFFICER)).request).toEqual({ deliveryMethod: 'EMAIL', deliveryEmail: 'linzq@example.cn' });
    expect(agency.audit).toEqual([expect.objectContaining({ audit: 'personal-data.read', actor: OFFICER.sub, subject: id, fields: ['deliveryEmail'] })]);
    for (const reader of [EDITOR, SUPERVISOR]) {
      expect((await agency.exec(DELIVERY, { id }, reader)).request).toEqual({ deliveryMethod: 'EMAIL', deliveryEmail: null });
    }
  });

  it('leaves the way to the agency when none is asked (Art. 40), and staff record the way of a request on paper', async () => {
    const { submitDisclosureRequest: receipt } = await agency.exec(SUBMIT_REQUEST, { input: form() }, PUBLIC);
    expect(receipt.deliveryMethod).toBeNull();
    expect((await agency.exec(PROGRESS, { code: receipt.trackingCode }, PUBLIC)).requestProgress.deliveryMethod).toBeNull();
    const { recordDisclosureRequest } = await agency.exec(RECORD_REQUEST, {
      input: form({ channel: 'IN_PERSON', submittedOn: '2026-11-26', deliveryMethod: 'INSPECTION' }),
    }, OFFICER);
    expect(recordDisclosureRequest.deliveryMethod).toBe('INSPECTION');
  });

  it.each([
    ['EMAIL without an address', { deliveryMethod: 'EMAIL' }, '选择以电子邮件获取信息时须填写接收邮箱 / The EMAIL delivery method needs deliveryEmail, the address to send the information to'],
    ['EMAIL with a blank address', { deliveryMethod: 'EMAIL', deliveryEmail: '   ' }, '选择以电子邮件获取信息时须填写接收邮箱 / The EMAIL delivery method needs deliveryEmail, the address to send the information to'],
    ['EMAIL with something that is not an address', { deliveryMethod: 'EMAIL', deliveryEmail: 'linzq at example.cn' }, '接收邮箱格式不正确，应如 zhangsan@example.com / deliveryEmail is not an e-mail address, e.g. zhangsan@example.com'],
    ['an address with another way', { deliveryMethod: 'PAPER_BY_POST', deliveryEmail: 'linzq@example.cn' }, '只有选择以电子邮件获取信息时才填写接收邮箱 / deliveryEmail is only for the EMAIL delivery method'],
    ['an address with no way', { deliveryEmail: 'linzq@example.cn' }, '只有选择以电子邮件获取信息时才填写接收邮箱 / deliveryEmail is only for the EMAIL delivery method'],
  ])('refuses %s, naming deliveryEmail in Chinese and English, and stores nothing', async (_case, extra, message) => {
    const count = async () => Number((await agency.runtime.orm.em.fork().getConnection().execute(`select count(*) as n from "disclosure_request"`))[0].n);
    const before = await count();
    const result = await agency.execRaw(SUBMIT_REQUEST, { input: form(extra) }, PUBLIC);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field: 'deliveryEmail' } });
    expect(await count()).toBe(before);
  });
});

describe.each(testEngines())('the delivery-method migration on %s', (kind) => {
  it('keeps the requests stored before it, with no way asked for, to exactly the entities\' schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-migration-'));
    const db = kind === 'sqlite' ? { url: join(dir, 'old.sqlite'), drop: async () => {} } : await freshDatabase(kind);
    const at = AGENCY_MIGRATIONS[kind].findIndex((m) => m.name.endsWith('delivery-method'));
    try {
      const before = { sqlite: AGENCY_MIGRATIONS.sqlite.slice(0, at), postgresql: AGENCY_MIGRATIONS.postgresql.slice(0, at) };
      const old = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: before, unmanagedTables: SEARCH_TABLES });
      const now = kind === 'sqlite' ? String(Date.now()) : `'2026-11-27T10:00:00+08:00'`;
      await old.em.getConnection().execute(`insert into "disclosure_request" ("id", "agency_code", "tracking_code", "requester_kind", "requester_name", "contact", "channel", "description", "submitted_on", "status", "listed_at", "created_by", "version", "reply_due_provisional", "excessive")
        values ('fjdrc:r0000001', 'fjdrc', 'fjdrc:AAAA-BBBB-CCCC-DDDD', 'NATURAL_PERSON', '林志强', '13800000000', 'ONLINE', '申请公开收费清单', '2026-11-20', 'PROCESSING', ${now}, '申请人 / requester', 1, false, false)`);
      await old.close(true);
      const upgraded = await openDatabase({ url: db.url, entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS, unmanagedTables: SEARCH_TABLES });
      try {
        const [row] = await upgraded.em.getConnection().execute(`select "requester_name", "delivery_method", "delivery_email" from "disclosure_request"`);
        expect(row).toEqual({ requester_name: '林志强', delivery_method: null, delivery_email: null });
        // SQLite's generator re-creates every table with checks, so the exact comparison is PostgreSQL's.
        if (kind === 'postgresql') expect((await upgraded.schema.getUpdateSchemaSQL({ wrap: false, safe: true })).includes('"disclosure_request"')).toBe(false);
      } finally {
        await upgraded.close(true);
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
