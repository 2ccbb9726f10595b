import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { Kind, print, type DocumentNode, type SelectionSetNode } from 'graphql';
import { ExpiringCache } from './expiring-cache';

/** What {@link useEntityCache} keeps, and for how long. */
export interface EntityCacheOptions {
  /** The entity type whose answers are kept. */
  typeName: string;
  /** Its key field, as in the representations the planner sends. */
  keyField: string;
  /**
   * The scalar fields an answer may select to be kept: the same for every caller and rarely
   * changed. A fetch selecting anything else is passed on untouched.
   */
  fields: ReadonlySet<string>;
  /** How long an entity is kept, in milliseconds; 0 keeps nothing. @default 60000 */
  ttlMs: number;
  /** Most entities kept (the oldest go first). @default 10000 */
  maxEntries?: number;
}

type Executor = (request: ExecutionRequest) => Promise<ExecutionResult>;
type Representation = Record<string, unknown>;

/**
 * The selection an `_entities` fetch asks of `typeName`, printed, when the fetch is one the cache
 * may answer: a single `_entities(representations: $var)` field whose selection is `__typename`
 * and fragments on the type selecting allowed scalar fields only. Undefined otherwise.
 */
function cacheableSelection(document: DocumentNode, options: EntityCacheOptions): { key: string; variable: string } | undefined {
  const [operation] = document.definitions;
  if (document.definitions.length !== 1 || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  if (operation.operation !== 'query' || operation.selectionSet.selections.length !== 1) return undefined;
  const [field] = operation.selectionSet.selections;
  if (field.kind !== Kind.FIELD || field.name.value !== '_entities' || field.alias || !field.selectionSet) return undefined;
  const argument = field.arguments?.length === 1 ? field.arguments[0] : undefined;
  if (argument?.name.value !== 'representations' || argument.value.kind !== Kind.VARIABLE) return undefined;
  const allowed = (set: SelectionSetNode): boolean => set.selections.every((s) => {
    if (s.kind === Kind.FIELD) return !s.selectionSet && !s.arguments?.length && !s.directives?.length && (s.name.value === '__typename' || options.fields.has(s.name.value));
    if (s.kind === Kind.INLINE_FRAGMENT) return s.typeCondition?.name.value === options.typeName && !s.directives?.length && allowed(s.selectionSet);
    return false;
  });
  if (!allowed(field.selectionSet)) return undefined;
  return { key: print(field.selectionSet), variable: argument.value.name.value };
}

/**
 * Keeps the answers of `_entities` fetches for one entity type (the directory's agencies, whose
 * names every document's `agency { name }` asks for) and answers later fetches from memory,
 * fetching only the entities it does not hold. A page of 20 documents from 20 agencies otherwise
 * costs a call to the directory with 20 representations on every request; kept, it costs none, and
 * the names still come while the directory is down. Only fetches whose selection is allowed
 * scalar fields of that type are kept (the same for every caller); an answer with errors is passed
 * on and not kept. A change in the directory shows after at most `ttlMs`.
 */
export function useEntityCache(options: EntityCacheOptions): (executor: Executor) => Executor {
  const entries = new ExpiringCache<unknown>(options.maxEntries ?? 10_000);
  // The engine plans a document once and sends the same DocumentNode each time.
  const selections = new WeakMap<DocumentNode, ReturnType<typeof cacheableSelection> | null>();
  const selectionOf = (document: DocumentNode) => {
    if (!selections.has(document)) selections.set(document, cacheableSelection(document, options) ?? null);
    return selections.get(document) ?? undefined;
  };
  return (executor) => {
    if (options.ttlMs <= 0) return executor;
    return async (request) => {
      const selection = selectionOf(request.document);
      const representations = selection ? request.variables?.[selection.variable] : undefined;
      if (!selection || !Array.isArray(representations)) return executor(request);
      const keyOf = (r: Representation) => (r.__typename === options.typeName && typeof r[options.keyField] === 'string' && Object.keys(r).length === 2
        ? `${selection.key}\u0000${r[options.keyField] as string}` : undefined);
      const now = Date.now();
      const found: unknown[] = new Array(representations.length);
      const missing: number[] = [];
      representations.forEach((r: Representation, i) => {
        const key = keyOf(r);
        const value = key === undefined ? undefined : entries.get(key, now);
        if (value !== undefined) found[i] = value;
        else missing.push(i);
      });
      if (missing.length === 0) return { data: { _entities: found } };
      const result = missing.length === representations.length
        ? await executor(request)
        : await executor({ ...request, variables: { ...request.variables, [selection.variable]: missing.map((i) => representations[i]) } });
      const fetched = (result.data as { _entities?: unknown[] } | null | undefined)?._entities;
      if (result.errors?.length || !Array.isArray(fetched) || fetched.length !== missing.length) {
        // Nothing partial is assembled or kept: the engine gets the subgraph's own answer to the
        // whole fetch (fetching the whole when only part was missing).
        return missing.length === representations.length ? result : executor(request);
      }
      missing.forEach((index, j) => {
        found[index] = fetched[j];
        const key = keyOf(representations[index]);
        if (key !== undefined && fetched[j] !== null && fetched[j] !== undefined) entries.set(key, fetched[j], now + options.ttlMs);
      });
      return { ...result, data: { ...(result.data as object), _entities: found } };
    };
  };
}
