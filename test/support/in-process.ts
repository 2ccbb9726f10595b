import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Claims } from '../../schema/contracts/claims';

/** A subgraph's schema executed in-process, as a caller with some claims (the first test tier). */
export interface InProcess {
  execRaw(query: string, variables?: Record<string, unknown>, claims?: Claims): Promise<ExecutionResult>;
  /** Like execRaw, but fails the test on any GraphQL error, with the errors spelled out. */
  exec<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, claims?: Claims): Promise<T>;
}

export function inProcess(schema: GraphQLSchema, contextOf: (claims: Claims) => unknown, defaultClaims: Claims): InProcess {
  const execRaw = (query: string, variables?: Record<string, unknown>, claims: Claims = defaultClaims) =>
    Promise.resolve(graphql({ schema, source: query, variableValues: variables, contextValue: contextOf(claims) }));
  return {
    execRaw,
    async exec(query, variables, claims) {
      const result = await execRaw(query, variables, claims);
      if (result.errors?.length) throw new Error(result.errors.map((e) => `${e.message} ${JSON.stringify(e.extensions)}`).join('\n'));
      return result.data as never;
    },
  };
}
