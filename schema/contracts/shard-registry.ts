import { readFileSync, unwatchFile, watchFile, writeFileSync, renameSync } from 'node:fs';
import { defaultIndexPrefix, isIndexPrefix } from './index-number';

/** A registry code (机关代码) as the registry, the deployments and every reference to an agency write it. */
export function isAgencyCode(value: string): boolean {
  return /^[a-z][a-z0-9-]{1,31}$/.test(value);
}

/** One agency deployment in the shard registry. */
export interface ShardEntry {
  /** Registry code of the agency, e.g. "fjdrc". */
  code: string;
  /** Its agency subgraph endpoint, e.g. "http://10.1.2.3:4101/graphql". */
  url: string;
  /**
   * The prefix of its index numbers (索引号), e.g. "FJ00201", as its deployment is configured
   * (`HUB_AGENCY_INDEX_PREFIX`); absent, the deployment's default, the code in upper case.
   */
  indexPrefix?: string;
}

/** The prefix of an entry's index numbers. */
export function indexPrefixOf(entry: ShardEntry): string {
  return entry.indexPrefix ?? defaultIndexPrefix(entry.code);
}

/** The registry file's shape: `{ "agencies": [{ "code": "fjdrc", "url": "http://…/graphql", "indexPrefix"?: "FJ00201" }] }`. */
export interface RegistryFile { agencies: ShardEntry[] }

/**
 * Reads a registry file's text; throws on anything but a well-formed list of at least one agency
 * (an empty list is far likelier a truncated or wrong file than a province without departments).
 */
export function parseRegistry(text: string, source: string): ShardEntry[] {
  let data: Partial<RegistryFile>;
  try {
    data = JSON.parse(text) as Partial<RegistryFile>;
  } catch (error) {
    throw new Error(`${source}: not JSON (${(error as Error).message})`);
  }
  if (!data || !Array.isArray(data.agencies)) throw new Error(`${source}: expected { "agencies": [{ "code", "url" }] }`);
  if (data.agencies.length === 0) throw new Error(`${source}: lists no agency deployment`);
  const seen = new Set<string>();
  for (const entry of data.agencies) {
    if (!entry || typeof entry.code !== 'string' || !isAgencyCode(entry.code)) throw new Error(`${source}: bad agency code ${JSON.stringify(entry?.code)}`);
    if (typeof entry.url !== 'string' || !/^https?:\/\//.test(entry.url)) throw new Error(`${source}: bad url for ${entry.code}`);
    if (entry.indexPrefix !== undefined && (typeof entry.indexPrefix !== 'string' || !isIndexPrefix(entry.indexPrefix))) {
      throw new Error(`${source}: bad indexPrefix for ${entry.code}`);
    }
    if (seen.has(entry.code)) throw new Error(`${source}: ${entry.code} listed twice`);
    seen.add(entry.code);
  }
  // Two agencies with one prefix would make an index number's owner ambiguous.
  const prefixes = new Map<string, string>();
  for (const entry of data.agencies) {
    const other = prefixes.get(indexPrefixOf(entry));
    if (other) throw new Error(`${source}: ${other} and ${entry.code} have the same indexPrefix ${indexPrefixOf(entry)}`);
    prefixes.set(indexPrefixOf(entry), entry.code);
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
 *
 * At start a missing, invalid or empty file throws (the gateway refuses to start, naming the file);
 * later, such a file is refused with a logged error and the last good registry kept.
 */
export class ShardRegistry {
  private entries = new Map<string, ShardEntry>();
  private byIndexPrefix = new Map<string, ShardEntry>();
  private listeners: (() => void)[] = [];

  /** @param logError where a refused reload is reported (the gateway's structured log). */
  constructor(private readonly path?: string, initial: ShardEntry[] = [], private readonly logError: (message: string) => void = console.error) {
    this.set(initial);
    if (path) this.set(parseRegistry(readFileSync(path, 'utf8'), path));
  }

  /** Re-reads the file; a missing, broken or empty file keeps the last good registry (and says so). Never throws. */
  reload(): void {
    if (!this.path) return;
    let next: ShardEntry[];
    try {
      next = parseRegistry(readFileSync(this.path, 'utf8'), this.path);
    } catch (error) {
      this.logError(`registry file refused, keeping the ${this.entries.size} agencies of the last good one: ${(error as Error).message}`);
      return;
    }
    try {
      this.set(next);
    } catch (error) {
      this.logError(`registry change listener failed: ${(error as Error).message}`);
    }
  }

  /** Watches the file (polling, which works on every file system and editor); a bad file never stops the gateway. */
  watch(intervalMs = 1000): void {
    if (!this.path) return;
    watchFile(this.path, { interval: intervalMs }, () => this.reload());
  }

  close(): void {
    if (this.path) unwatchFile(this.path);
  }

  /** Called after every change of the entries (a reload or `set`). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  get(code: string): ShardEntry | undefined {
    return this.entries.get(code);
  }

  /** The agency whose index numbers start with `prefix` (see {@link indexPrefixOf}). */
  ownerOfIndexPrefix(prefix: string): ShardEntry | undefined {
    return this.byIndexPrefix.get(prefix);
  }

  all(): ShardEntry[] {
    return [...this.entries.values()];
  }

  /** Replaces the registry in memory (tests and the hub launcher). */
  set(entries: ShardEntry[]): void {
    this.entries = new Map(entries.map((e) => [e.code, e]));
    this.byIndexPrefix = new Map(entries.map((e) => [indexPrefixOf(e), e]));
    for (const listener of this.listeners) listener();
  }
}
