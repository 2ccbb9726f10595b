import { MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, renameSync, rmSync, copyFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { databaseKindOf } from '../subgraphs/shared/orm';

const run = promisify(execFile);

/**
 * What a backup holds, written beside it as `<backup>.manifest.json`: the file's SHA-256 and each
 * table's row count read from the backed-up data itself (SQLite: the copy; PostgreSQL: the very
 * snapshot pg_dump dumped), so a restore can prove it got back exactly what was saved.
 */
export interface BackupManifest {
  kind: 'sqlite' | 'postgresql';
  createdAt: string;
  /** The database backed up, without any password. */
  source: string;
  sha256: string;
  tables: Record<string, number>;
}

/** A backup or restore refused, with what to do about it. */
export class BackupError extends Error {}

export const manifestPathOf = (backup: string) => `${backup}.manifest.json`;

/** The URL without its password, for logs and the manifest. */
function withoutPassword(url: string): string {
  if (databaseKindOf(url) === 'sqlite') return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A SQLite connection with no entities and no migrations: the backup only copies and counts. */
async function openSqlite(file: string): Promise<MikroORM> {
  return MikroORM.init({ driver: BetterSqliteDriver, dbName: file, entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: true } as Options);
}

async function sqliteTableCounts(file: string): Promise<Record<string, number>> {
  const orm = await openSqlite(file);
  try {
    const connection = orm.em.getConnection();
    const [check] = await connection.execute<{ integrity_check: string }[]>('pragma integrity_check');
    if (check?.integrity_check !== 'ok') throw new BackupError(`${file} fails SQLite's integrity check: ${JSON.stringify(check)}`);
    const tables = await connection.execute<{ name: string }[]>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name");
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await connection.execute<{ n: number }[]>(`select count(*) as n from "${name.replace(/"/g, '""')}"`);
      counts[name] = Number(row.n);
    }
    return counts;
  } finally {
    await orm.close(true);
  }
}

async function pgTableCounts(client: Client): Promise<Record<string, number>> {
  const { rows } = await client.query<{ tablename: string }>('select tablename from pg_tables where schemaname = current_schema() order by tablename');
  const counts: Record<string, number> = {};
  for (const { tablename } of rows) {
    const { rows: [row] } = await client.query<{ n: string }>(`select count(*) as n from "${tablename.replace(/"/g, '""')}"`);
    counts[tablename] = Number(row.n);
  }
  return counts;
}

/**
 * Backs up one deployment's database while it serves: SQLite by `VACUUM INTO` (one read
 * transaction, so the copy is consistent however busy the deployment is; attachments' bytes are
 * in the database, so they come along), PostgreSQL by `pg_dump --format=custom` on a snapshot the
 * tool holds open and counts the rows in. Refuses to overwrite an existing backup.
 */
export async function backupDatabase(database: string, backup: string): Promise<BackupManifest> {
  if (existsSync(backup) || existsSync(manifestPathOf(backup))) throw new BackupError(`${backup} already exists: choose a new name, a backup is never overwritten`);
  const kind = databaseKindOf(database);
  let tables: Record<string, number>;
  if (kind === 'sqlite') {
    const file = database.replace(/^sqlite:/, '');
    if (!existsSync(file)) throw new BackupError(`no SQLite database at ${file}`);
    const orm = await openSqlite(file);
    try {
      await orm.em.getConnection().execute(`vacuum into '${backup.replace(/'/g, "''")}'`);
    } finally {
      await orm.close(true);
    }
    tables = await sqliteTableCounts(backup);
  } else {
    const client = new Client({ connectionString: database });
    await client.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const { rows: [{ snapshot }] } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
      const dump = run('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${backup}`, `--dbname=${database}`]);
      tables = await pgTableCounts(client);
      await dump.catch((error: { stderr?: string; message: string }) => { throw new BackupError(`pg_dump failed: ${error.stderr?.trim() || error.message}`); });
      await client.query('commit');
    } finally {
      await client.end();
    }
  }
  const manifest: BackupManifest = { kind, createdAt: new Date().toISOString(), source: withoutPassword(database), sha256: await sha256Of(backup), tables };
  writeFileSync(manifestPathOf(backup), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads a backup's manifest and checks the file against its SHA-256. */
export async function verifyBackup(backup: string): Promise<BackupManifest> {
  if (!existsSync(backup)) throw new BackupError(`no backup at ${backup}`);
  if (!existsSync(manifestPathOf(backup))) throw new BackupError(`${manifestPathOf(backup)} is missing: without it the backup cannot be verified`);
  const manifest = JSON.parse(readFileSync(manifestPathOf(backup), 'utf8')) as BackupManifest;
  const actual = await sha256Of(backup);
  if (actual !== manifest.sha256) throw new BackupError(`${backup} is not the file that was backed up (SHA-256 ${actual}, the manifest says ${manifest.sha256})`);
  return manifest;
}

function differences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  return [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()
    .filter((t) => expected[t] !== actual[t]).map((t) => `${t}: ${expected[t] ?? 'absent'} in the backup, ${actual[t] ?? 'absent'} restored`);
}

/**
 * Restores a verified backup into a database that does not exist yet or is empty (nothing is ever
 * restored over data: move the old database aside first), then checks every table's row count
 * against the manifest. The deployment is then started on it as usual; its migrations bring an
 * older backup up to date.
 */
export async function restoreDatabase(backup: string, database: string): Promise<BackupManifest> {
  const manifest = await verifyBackup(backup);
  const kind = databaseKindOf(database);
  if (kind !== manifest.kind) throw new BackupError(`${backup} is a ${manifest.kind} backup; it cannot be restored into a ${kind} database`);
  let restored: Record<string, number>;
  if (kind === 'sqlite') {
    const file = database.replace(/^sqlite:/, '');
    if (existsSync(file)) throw new BackupError(`${file} exists: move it aside first, a restore never overwrites a database`);
    const partial = `${file}.restoring`;
    copyFileSync(backup, partial);
    try {
      restored = await sqliteTableCounts(partial);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
  } else {
    const target = new URL(database);
    const name = decodeURIComponent(target.pathname.slice(1));
    const admin = new Client({ connectionString: Object.assign(new URL(database), { pathname: '/postgres' }).toString() });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (!rowCount) await admin.query(`create database "${name.replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
    const client = new Client({ connectionString: database });
    await client.connect();
    try {
      const { rows: [{ n }] } = await client.query<{ n: string }>('select count(*) as n from pg_tables where schemaname = current_schema()');
      if (Number(n) > 0) throw new BackupError(`${withoutPassword(database)} already holds ${n} tables: restore into a new or empty database`);
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${database}`, backup])
        .catch((error: { stderr?: string; message: string }) => { throw new BackupError(`pg_restore failed: ${error.stderr?.trim() || error.message}`); });
      restored = await pgTableCounts(client);
    } finally {
      await client.end();
    }
  }
  const wrong = differences(manifest.tables, restored);
  if (wrong.length) throw new BackupError(`the restored database differs from the backup:\n  ${wrong.join('\n  ')}`);
  return manifest;
}

const USAGE = `usage:
  npm run backup -- <database> <backup file>           back up a deployment's database while it serves
  npm run backup -- verify <backup file>               check a backup against its manifest
  npm run backup -- restore <backup file> <database>   restore into a new or empty database, then check every table
<database> is a SQLite file (data/fjdrc.sqlite) or a postgresql:// URL`;

async function main(argv: string[]): Promise<void> {
  const summary = (m: BackupManifest) => `${Object.keys(m.tables).length} tables, ${Object.values(m.tables).reduce((a, b) => a + b, 0)} rows, SHA-256 ${m.sha256}`;
  if (argv[0] === 'verify' && argv.length === 2) {
    console.log(`${argv[1]} is intact: ${summary(await verifyBackup(argv[1]))}`);
  } else if (argv[0] === 'restore' && argv.length === 3) {
    console.log(`restored ${argv[1]} into ${withoutPassword(argv[2])}; every table's rows match the backup: ${summary(await restoreDatabase(argv[1], argv[2]))}`);
  } else if (argv.length === 2 && argv[0] !== 'verify' && argv[0] !== 'restore') {
    const manifest = await backupDatabase(argv[0], argv[1]);
    console.log(`backed up ${manifest.source} to ${argv[1]} (manifest ${manifestPathOf(argv[1])}): ${summary(manifest)}`);
  } else {
    throw new BackupError(USAGE);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error((error as Error).message);
    process.exit(error instanceof BackupError ? 2 : 1);
  });
}
