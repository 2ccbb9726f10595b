import { openTestAgency, type TestAgency } from '../../../test/support/agency-harness';
import { testEngines } from '../../../test/support/databases';
import { DEMO_AGENCIES } from '../../../tools/demo/province';
import { seedAgency } from '../../../tools/demo/seed-agency';

/**
 * Records are written once: a confidentiality review (保密审查记录), a document's or request's event,
 * a version, a public change log entry are never updated, and no update rewrites when a row was
 * created. On SQLite every date property of every entity a write had loaded used to be written
 * back unchanged at flush (MikroORM's 'datetime' type compared a Date with a timestamp): each
 * publication rewrote its review's reviewed_at, each request step its events' times.
 */
const RECORDS = ['confidentiality_review', 'document_event', 'document_version', 'request_event', 'public_change'];

describe.each(testEngines())('records stay as written on %s', (kind) => {
  let agency: TestAgency;
  beforeAll(async () => { agency = await openTestAgency(kind); });
  afterAll(async () => { await agency.close(); });

  it('the whole demo workflow (documents, reviews, publications, requests, penalties, feedback) updates no record and no creation time', async () => {
    agency.sql.length = 0;
    await seedAgency(agency.runtime, DEMO_AGENCIES.find((a) => a.code === 'fjdrc')!, { documents: 40, penalties: 5, requests: 20, today: '2026-11-27' });
    const updates = agency.sql.filter((s) => /^\[query\] update /i.test(s));
    expect(updates.length).toBeGreaterThan(50);
    expect(updates.filter((s) => RECORDS.some((table) => new RegExp(`^\\[query\\] update [\`"]${table}[\`"]`, 'i').test(s)))).toEqual([]);
    expect(updates.filter((s) => /[`"]created_at[`"]\s*=/.test(s))).toEqual([]);
  }, 120_000);
});
