import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { AGENCY_ROUTING } from '../schema/contracts/agency-routing';
import { composeSupergraph } from './compose';
import { schemaDir } from './subgraph-schemas';

describe('the supergraph', () => {
  it('schema/supergraph.graphql is the composition of the committed subgraph SDLs (run `npm run compose`)', () => {
    expect(composeSupergraph()).toBe(readFileSync(join(schemaDir(), 'supergraph.graphql'), 'utf8'));
  });

  const agencySchema = () => {
    const sdl = readFileSync(join(schemaDir(), 'agency.graphql'), 'utf8').replace(/extend schema[\s\S]*?\)\s*\n/, '');
    return buildSchema(`scalar _Any scalar Date scalar DateTime directive @key(fields: String!) repeatable on OBJECT\n${sdl}`, { assumeValidSDL: true });
  };

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
      if ((rule.route === 'byId' || rule.route === 'byAgencyArgument') && !argumentType(field, rule.argument)) problems.push(`${name}: no argument ${rule.argument}`);
      if (rule.route === 'fanOut' && rule.agenciesArgument && !argumentType(field, rule.agenciesArgument)) problems.push(`${name}: no argument ${rule.agenciesArgument}`);
      if (rule.route === 'fanOut' && (rule.merge === 'connection') !== isConnection) problems.push(`${name}: merge ${rule.merge} but ${isConnection ? 'a' : 'no'} connection`);
      if (rule.route === 'fanOut' && rule.merge === 'connection') {
        const first = field.args.find((a) => a.name === rule.pageSize.argument);
        if (!first || first.defaultValue !== rule.pageSize.default) problems.push(`${name}: page size ${rule.pageSize.argument} defaults to ${first?.defaultValue}, the rule says ${rule.pageSize.default}`);
        if (rule.order.argument && !argumentType(field, rule.order.argument)) problems.push(`${name}: no argument ${rule.order.argument}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
