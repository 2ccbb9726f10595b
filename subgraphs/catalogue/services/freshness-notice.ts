import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getArgumentValues, Kind } from 'graphql';
import { parseIndexNumber } from '../../../schema/contracts/index-number';
import { shardOfId } from '../../../schema/contracts/shard-routing';

/** The agency whose index numbers carry a prefix, as the shard registry knows it. */
export type IndexPrefixOwner = (prefix: string) => string | undefined;

/**
 * Public read fields the catalogue answers, and which agencies an answer of each may include:
 * a list, undefined for every agency, null for none (not such a field, or a refused argument).
 */
export function agenciesOf(field: string, args: Record<string, unknown>, ownerOf: IndexPrefixOwner): readonly string[] | undefined | null {
  if (field === 'document' || field === 'penaltyDecision') {
    const code = shardOfId(args.id);
    return code ? [code] : null;
  }
  if (field === 'documentByIndexNumber') {
    const parts = typeof args.indexNumber === 'string' ? parseIndexNumber(args.indexNumber) : null;
    if (!parts) return null;
    // A prefix the registry does not know may still be some agency's: every agency's freshness counts.
    const owner = ownerOf(parts.prefix);
    return owner ? [owner] : undefined;
  }
  if (field === 'documents' || field === 'search') {
    const named = (args.filter as { agencies?: unknown } | undefined)?.agencies;
    return Array.isArray(named) ? (named as string[]) : undefined;
  }
  if (field === 'penaltyDecisions') return undefined;
  return null;
}

/** The `CATALOGUE_STALE` error naming `agencies` (sorted), in GraphQL's error shape. */
export function staleNotice(agencies: string[]): { message: string; extensions: { code: 'CATALOGUE_STALE'; agencies: string[] } } {
  const sorted = [...agencies].sort();
  return {
    message: `以下机关的目录数据可能不是最新：${sorted.join('、')} / The catalogue may be behind for: ${sorted.join(', ')}`,
    extensions: { code: 'CATALOGUE_STALE', agencies: sorted },
  };
}

/**
 * Adds a `CATALOGUE_STALE` error naming the agencies whose feed is behind to every answer that may
 * include them: their published documents are still listed, but may be older than the agency's.
 * The root fields are read once from the resolved operation: a per-field hook would make the
 * server wrap every field of every page it answers.
 */
export function freshnessNotice(staleAgencies: (among?: readonly string[]) => string[], ownerOf: IndexPrefixOwner): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const scopes: (readonly string[] | undefined)[] = [];
      return {
        async didResolveOperation({ operation, schema, request }) {
          if (!operation || operation.operation !== 'query') return;
          const fields = schema.getQueryType()?.getFields() ?? {};
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== Kind.FIELD || !fields[selection.name.value]) continue;
            const args = getArgumentValues(fields[selection.name.value], selection, request.variables ?? {});
            const scope = agenciesOf(selection.name.value, args, ownerOf);
            if (scope !== null) scopes.push(scope);
          }
        },
        async willSendResponse({ response }) {
          if (scopes.length === 0 || response.body.kind !== 'single') return;
          const stale = new Set(scopes.flatMap((scope) => staleAgencies(scope)));
          if (stale.size === 0) return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), staleNotice([...stale])];
        },
      };
    },
  };
}
