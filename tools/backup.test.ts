import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestAgency, staff, type TestAgency } from '../test/support/agency-harness';
import { freshDatabase, testEngines } from '../test/support/databases';
import { DEMO_AGENCIES } from './demo/province';
import { seedAgency } from './demo/seed-agency';
import { backupDatabase, BackupError, manifestPathOf, restoreDatabase, verifyBackup } from './backup';

/**
 * Issue 15: a deployment's database backed up while it serves, restored, and verified — by the
 * manifest's row counts and by the restored deployment answering its staff exactly as the original
 * did, on both engines.
 */
const CODE = 'fjdrc';
const OFFICER = staff(CODE, 'editor', 'disclosure-officer', 'admin');
const STAFF_VIEW = `query {
  documents(first: 100, filter: { status: [DRAFT, IN_REVIEW, APPROVED, PUBLISHED, WITHDRAWN] }) {
    totalCount edges { node { id title status version body publishedAt } }
  }
  disclosureRequests(first: 100) { totalCount edges { node { id trackingCode status requesterName events { kind } } } }
  penaltyDecisions(first: 100) { totalCount edges { node { id } } }
}`;

describe.each(testEngines())('issue 15: backup and restore of one deployment on %s', (kind) => {
  let dir: string;
  const opened: TestAgency[] = [];
  const dropped: (() => Promise<void>)[] = [];
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), `hub-backup-${kind}-`)); });
  afterAll(async () => {
    for (const agency of opened) await agency.close();
    for (const drop of dropped) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function database(name: string): Promise<string> {
    if (kind === 'sqlite') return join(dir, `${name}.sqlite`);
    const db = await freshDatabase('postgresql');
    dropped.push(db.drop);
    return db.url;
  }
  async function deployment(url: string): Promise<TestAgency> {
    const agency = await openTestAgency(kind, { code: CODE, env: { HUB_DATABASE_URL: url } });
    opened.push(agency);
    return agency;
  }

  it('a backup taken while the deployment serves restores into a deployment that answers exactly as the original', async () => {
    const sourceUrl = await database('source');
    const source = await deployment(sourceUrl);
    await seedAgency(source.runtime, DEMO_AGENCIES.find((a) => a.code === CODE)!, { documents: 30, penalties: 3, requests: 8, today: '2026-11-27' });
    const before = await source.exec(STAFF_VIEW, {}, OFFICER);
    expect(before.documents.totalCount).toBeGreaterThan(20);
    expect(before.disclosureRequests.totalCount).toBeGreaterThan(0);

    const backup = join(dir, 'fjdrc.backup');
    const manifest = await backupDatabase(sourceUrl, backup);
    expect(manifest.kind).toBe(kind);
    expect(manifest.tables.document).toBe(before.documents.totalCount);
    expect(manifest.tables.disclosure_request).toBe(before.disclosureRequests.totalCount);
    // The deployment keeps serving and changing after its backup; the backup holds the moment it was taken.
    await source.exec('mutation { createDocument(input: { title: "备份之后起草的文件", body: "正文", theme: "综合政务", genre: "通知", formedOn: "2026-11-26", disclosure: PROACTIVE }) { id } }', {}, OFFICER);
    await expect(verifyBackup(backup)).resolves.toEqual(manifest);

    // SQLite: a file that does not exist yet; PostgreSQL: a fresh, empty database.
    const targetUrl = await database('restored');
    await restoreDatabase(backup, targetUrl);
    const restored = await deployment(targetUrl);
    expect(await restored.exec(STAFF_VIEW, {}, OFFICER)).toEqual(before);
    expect((await source.exec(STAFF_VIEW, {}, OFFICER)).documents.totalCount).toBe(before.documents.totalCount + 1);

    // Nothing is restored over data, and a backup is never overwritten.
    await expect(restoreDatabase(backup, targetUrl)).rejects.toThrow(kind === 'sqlite' ? /exists: move it aside first/ : /already holds \d+ tables/);
    await expect(backupDatabase(sourceUrl, backup)).rejects.toThrow(/already exists/);
  }, 120_000);

  it('a backup whose bytes changed is refused before anything is restored', async () => {
    const sourceUrl = await database('tampered');
    const source = await deployment(sourceUrl);
    await seedAgency(source.runtime, DEMO_AGENCIES.find((a) => a.code === CODE)!, { documents: 3, penalties: 0, requests: 0, today: '2026-11-27' });
    const backup = join(dir, 'tampered.backup');
    await backupDatabase(sourceUrl, backup);
    const bytes = readFileSync(backup);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(backup, bytes);
    await expect(verifyBackup(backup)).rejects.toThrow(BackupError);
    await expect(verifyBackup(backup)).rejects.toThrow(/is not the file that was backed up/);
    await expect(restoreDatabase(backup, await database('never'))).rejects.toThrow(/is not the file that was backed up/);
    rmSync(manifestPathOf(backup));
    await expect(verifyBackup(backup)).rejects.toThrow(/manifest\.json is missing/);
  }, 60_000);
});
