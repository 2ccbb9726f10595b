import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isObjectType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { AGENCY_ROUTING, DEFAULT_DOCUMENT_ORDER } from '../schema/contracts/agency-routing';
import { DEFAULT_PAGE_SIZE } from '../schema/contracts/cursor';
import { composeSupergraph } from './compose';
import { schemaDir } from './subgraph-schemas';

describe('the supergraph', () => {
  it('schema/supergraph.graphql is the composition of the committed subgraph SDLs (run `npm run compose`)', () => {
    expect(composeSupergraph()).toBe(readFileSync(join(schemaDir(), 'supergraph.graphql'), 'utf8'));
  });

  const subgraphSchema = (file: string) => {
    const sdl = readFileSync(join(schemaDir(), file), 'utf8').replace(/extend schema[\s\S]*?\)\s*\n/, '');
    return buildSchema(`scalar _Any scalar Date scalar DateTime directive @key(fields: String!) repeatable on OBJECT\n${sdl}`, { assumeValidSDL: true });
  };
  const agencySchema = () => subgraphSchema('agency.graphql');

  it('every root field of the agency contract has a shard routing rule', () => {
    const schema = agencySchema();
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      if (!isObjectType(root)) continue;
      for (const name of Object.keys(root.getFields())) expect([name, AGENCY_ROUTING.rootFields[name] !== undefined]).toEqual([name, true]);
    }
  });

  it('every routing rule fits its field: the arguments it routes by exist, connections merge as connections', () => {
    const schema = agencySchema();
    const fields = { ...schema.getQueryType()!.getFields(), ...schema.getMutationType()!.getFields() };
    /** The type at a dotted argument path ("input.agency", "filter.agencies"), or undefined. */
    const argumentType = (field: GraphQLField<unknown, unknown>, path: string) => {
      const [first, ...rest] = path.split('.');
      let type: GraphQLInputType | undefined = field.args.find((a) => a.name === first)?.type;
      for (const key of rest) {
        const named = type && getNamedType(type);
        type = named && isInputObjectType(named) ? named.getFields()[key]?.type : undefined;
      }
      return type;
    };
    const problems: string[] = [];
    for (const [name, rule] of Object.entries(AGENCY_ROUTING.rootFields)) {
      const field = fields[name];
      if (!field) { problems.push(`${name}: no such root field`); continue; }
      const returned = getNamedType(field.type);
      const isConnection = isObjectType(returned) && 'edges' in returned.getFields() && 'pageInfo' in returned.getFields();
      if ((rule.route === 'byId' || rule.route === 'byAgencyArgument' || rule.route === 'byIndexNumber') && !argumentType(field, rule.argument)) problems.push(`${name}: no argument ${rule.argument}`);
      if (rule.route === 'fanOut' && rule.agenciesArgument && !argumentType(field, rule.agenciesArgument)) problems.push(`${name}: no argument ${rule.agenciesArgument}`);
      if (rule.route === 'fanOut' && (rule.merge === 'connection') !== isConnection) problems.push(`${name}: merge ${rule.merge} but ${isConnection ? 'a' : 'no'} connection`);
      if (rule.route === 'fanOut' && rule.merge === 'connection') {
        const first = field.args.find((a) => a.name === rule.pageSize.argument);
        if (!first || first.defaultValue !== rule.pageSize.default) problems.push(`${name}: page size ${rule.pageSize.argument} defaults to ${first?.defaultValue}, the rule says ${rule.pageSize.default}`);
        if (rule.order.argument && !argumentType(field, rule.order.argument)) problems.push(`${name}: no argument ${rule.order.argument}`);
        const orderArgument = rule.order.argument ? field.args.find((a) => a.name === rule.order.argument) : undefined;
        const orderEnum = orderArgument && getNamedType(orderArgument.type);
        if (orderArgument && !isEnumType(orderEnum)) problems.push(`${name}: ${rule.order.argument} is not an enum`);
        if (orderArgument && isEnumType(orderEnum)) {
          // The gateway merges by the rule's directions: every value the schema accepts must have one, and only those.
          const values = orderEnum.getValues().map((v) => v.name).sort();
          const directed = Object.keys(rule.order.directions ?? {}).sort();
          if (values.join() !== directed.join()) problems.push(`${name}: ${orderEnum.name} is ${values}, the rule directs ${directed}`);
          const fallback = rule.order.directions?.[String(orderArgument.defaultValue)];
          if (fallback !== rule.order.defaultDirection) problems.push(`${name}: ${rule.order.argument} defaults to ${String(orderArgument.defaultValue)} (${fallback}), the rule's default direction is ${rule.order.defaultDirection}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the page size and order the gateway assumes are the defaults schema/agency.graphql and schema/coordination.graphql declare', () => {
    // Read from the committed SDL, not from the constants the code was written with: the gateway's rule and what a client is told cannot drift.
    for (const file of ['agency.graphql', 'coordination.graphql']) {
      const schema = subgraphSchema(file);
      const pageDefaults = Object.values(schema.getTypeMap()).filter(isObjectType).flatMap((type) => Object.values(type.getFields()))
        .filter((field) => { const t = getNamedType(field.type); return isObjectType(t) && 'edges' in t.getFields() && 'pageInfo' in t.getFields(); })
        .map((field) => field.args.find((a) => a.name === 'first')?.defaultValue);
      expect(pageDefaults.length).toBeGreaterThan(0);
      expect([file, [...new Set(pageDefaults)]]).toEqual([file, [DEFAULT_PAGE_SIZE]]);
    }
    const pageSizes = Object.values(AGENCY_ROUTING.rootFields).flatMap((rule) => (rule.route === 'fanOut' && rule.merge === 'connection' ? [rule.pageSize.default] : []));
    expect([...new Set(pageSizes)]).toEqual([DEFAULT_PAGE_SIZE]);
    const documents = agencySchema().getQueryType()!.getFields().documents;
    expect(documents.args.find((a) => a.name === 'orderBy')?.defaultValue).toBe(DEFAULT_DOCUMENT_ORDER);
  });
});
