import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars';

/** Federation 2 directives the hub's subgraphs may use. */
const FEDERATION_LINK = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
    import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])
`;

/** Reference resolvers by type name: `{ Document: { __resolveReference } }`. */
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: never, ctx: never) => unknown }>;

/**
 * Builds a subgraph schema from type-graphql resolvers: the only caller of `buildSubgraphSchema`.
 * The hub's Date and DateTime scalars are mapped for every subgraph so that all agree on them.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'scalarsMap'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    skipCheck: true,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    orphanedTypes: [...(options.orphanedTypes ?? [])],
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as never;
  }
  // Scalars are rebuilt from SDL, so hand their implementations back explicitly.
  resolvers.Date = DateScalar as never;
  resolvers.DateTime = DateTimeScalar as never;
  return buildSubgraphSchema({ typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)), resolvers });
}
