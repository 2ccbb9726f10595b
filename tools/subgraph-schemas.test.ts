import { committedSdl, emittedSdl, SUBGRAPH_SCHEMAS } from './subgraph-schemas';

describe('the committed contract', () => {
  it.each(Object.keys(SUBGRAPH_SCHEMAS) as (keyof typeof SUBGRAPH_SCHEMAS)[])(
    'schema/%s.graphql is what the code emits (run `npm run emit-schema` after a deliberate change)',
    async (name) => {
      expect(await emittedSdl(name)).toBe(committedSdl(name));
    },
  );
});
