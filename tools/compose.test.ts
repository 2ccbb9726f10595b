import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { AGENCY_ROUTING } from '../subgraphs/agency/routing';
import { composeSupergraph } from './compose';
import { schemaDir } from './subgraph-schemas';

describe('the supergraph', () => {
  it('schema/supergraph.graphql is the composition of the committed subgraph SDLs (run `npm run compose`)', () => {
    expect(composeSupergraph()).toBe(readFileSync(join(schemaDir(), 'supergraph.graphql'), 'utf8'));
  });

  it('every root field of the agency contract has a shard routing rule', () => {
    const sdl = readFileSync(join(schemaDir(), 'agency.graphql'), 'utf8').replace(/extend schema[\s\S]*?\)\s*\n/, '');
    const schema = buildSchema(`scalar _Any scalar Date scalar DateTime directive @key(fields: String!) repeatable on OBJECT\n${sdl}`, { assumeValidSDL: true });
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      if (!isObjectType(root)) continue;
      for (const name of Object.keys(root.getFields())) expect([name, AGENCY_ROUTING.rootFields[name] !== undefined]).toEqual([name, true]);
    }
  });
});
