import { readFileSync, unwatchFile, watchFile, writeFileSync, renameSync } from 'node:fs';

/** One agency deployment in the shard registry. */
export interface ShardEntry {
  /** Registry code of the agency, e.g. "fjdrc". */
  code: string;
  /** Its agency subgraph endpoint, e.g. "http://10.1.2.3:4101/graphql". */
  url: string;
}

/** The registry file's shape: `{ "agencies": [{ "code": "fjdrc", "url": "http://…/graphql" }] }`. */
export interface RegistryFile { agencies: ShardEntry[] }

export function parseRegistry(text: string, source: string): ShardEntry[] {
  const data = JSON.parse(text) as Partial<RegistryFile>;
  if (!data || !Array.isArray(data.agencies)) throw new Error(`${source}: expected { "agencies": [{ "code", "url" }] }`);
  const seen = new Set<string>();
  for (const entry of data.agencies) {
    if (!entry || typeof entry.code !== 'string' || !/^[a-z][a-z0-9-]{1,31}$/.test(entry.code)) throw new Error(`${source}: bad agency code ${JSON.stringify(entry?.code)}`);
    if (typeof entry.url !== 'string' || !/^https?:\/\//.test(entry.url)) throw new Error(`${source}: bad url for ${entry.code}`);
    if (seen.has(entry.code)) throw new Error(`${source}: ${entry.code} listed twice`);
    seen.add(entry.code);
  }
  return [...data.agencies].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** Writes a registry file atomically, so a watching gateway never reads half a file. */
export function writeRegistry(path: string, agencies: ShardEntry[]): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify({ agencies } satisfies RegistryFile, null, 2) + '\n');
  renameSync(tmp, path);
}

/**
 * The shard registry (agency code → URL), read from a file and re-read when it changes: adding a
 * department's deployment is an edit of that file, with no restart and no recomposition.
 */
export class ShardRegistry {
  private entries = new Map<string, ShardEntry>();
  private listeners: (() => void)[] = [];

  constructor(private readonly path?: string, initial: ShardEntry[] = []) {
    for (const e of initial) this.entries.set(e.code, e);
    if (path) this.reload();
  }

  /** Re-reads the file; a broken file keeps the last good registry (and says so). */
  reload(): void {
    if (!this.path) return;
    try {
      const next = parseRegistry(readFileSync(this.path, 'utf8'), this.path);
      this.entries = new Map(next.map((e) => [e.code, e]));
      for (const listener of this.listeners) listener();
    } catch (error) {
      if (this.entries.size === 0) throw error;
      console.error(`registry not reloaded, keeping ${this.entries.size} agencies: ${(error as Error).message}`);
    }
  }

  /** Watches the file (polling, which works on every file system and editor). */
  watch(intervalMs = 1000): void {
    if (!this.path) return;
    watchFile(this.path, { interval: intervalMs }, () => this.reload());
  }

  close(): void {
    if (this.path) unwatchFile(this.path);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  get(code: string): ShardEntry | undefined {
    return this.entries.get(code);
  }

  all(): ShardEntry[] {
    return [...this.entries.values()];
  }

  /** Replaces the registry in memory (tests and the hub launcher). */
  set(entries: ShardEntry[]): void {
    this.entries = new Map(entries.map((e) => [e.code, e]));
    for (const listener of this.listeners) listener();
  }
}
