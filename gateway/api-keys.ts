import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';

/** A researcher's API key as stored: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  id: string;
  /** Who holds it, e.g. 厦门大学公共管理学院 数据研究组. */
  name: string;
  /** SHA-256 (hex) of the secret part. */
  hash: string;
  /** Requests per minute this key may make. */
  quotaPerMinute: number;
  createdAt: string;
  revokedAt?: string;
}

interface ApiKeyFile { keys: ApiKeyRecord[] }

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Keys look like `hub_<id>_<secret>`: the id finds the record, the secret is checked against its hash. */
const KEY_PATTERN = /^hub_([a-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

/**
 * The researchers' API keys, in a JSON file shared by the gateway replicas and re-read when it
 * changes, so issuing or revoking a key needs no restart.
 */
export class ApiKeyStore {
  private byId = new Map<string, ApiKeyRecord>();

  constructor(private readonly path?: string) {
    this.reload();
  }

  reload(): void {
    if (!this.path || !existsSync(this.path)) return;
    try {
      const data = JSON.parse(readFileSync(this.path, 'utf8')) as ApiKeyFile;
      this.byId = new Map((data.keys ?? []).map((k) => [k.id, k]));
    } catch (error) {
      console.error(`API keys not reloaded from ${this.path}: ${(error as Error).message}`);
    }
  }

  watch(): void {
    if (this.path) watchFile(this.path, { interval: 1000 }, () => this.reload());
  }

  close(): void {
    if (this.path) unwatchFile(this.path);
  }

  /** The record of a presented key when it is valid and not revoked. */
  verify(presented: string): ApiKeyRecord | undefined {
    const match = KEY_PATTERN.exec(presented.trim());
    if (!match) return undefined;
    const record = this.byId.get(match[1]);
    if (!record || record.revokedAt) return undefined;
    const expected = Buffer.from(record.hash, 'hex');
    const actual = Buffer.from(sha256(match[2]), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? record : undefined;
  }

  list(): ApiKeyRecord[] {
    return [...this.byId.values()];
  }

  /** Issues a key; returns the key (shown once) and its record. */
  issue(name: string, quotaPerMinute: number, now = new Date()): { key: string; record: ApiKeyRecord } {
    const id = randomBytes(5).toString('hex').slice(0, 8);
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = { id, name, hash: sha256(secret), quotaPerMinute, createdAt: now.toISOString() };
    this.byId.set(id, record);
    this.save();
    return { key: `hub_${id}_${secret}`, record };
  }

  revoke(id: string, now = new Date()): ApiKeyRecord {
    const record = this.byId.get(id);
    if (!record) throw new Error(`no API key ${id}`);
    record.revokedAt ??= now.toISOString();
    this.save();
    return record;
  }

  private save(): void {
    if (!this.path) return;
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ keys: this.list() } satisfies ApiKeyFile, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
