import { buildSchema, parse } from 'graphql';
import { AGENCY_ROUTING } from '../schema/contracts/agency-routing';
import { composePublicSchema } from '../tools/compose';
import { FACET_GROUP_COST, estimateCost } from './demand-control';

/** Issue 11: facet counts priced in demand control, over the composed public schema. */
const schema = buildSchema(composePublicSchema());
const DEPLOYMENTS = 3;
const GROUPS = ['agencies', 'themes', 'years', 'genres'];

/** The estimate of `query` as a live fan-out over {@link DEPLOYMENTS} deployments, or as one call to the catalogue. */
function cost(query: string, options: { catalogue?: boolean } = {}): number {
  return estimateCost(schema, parse(query), undefined, {}, {
    routing: AGENCY_ROUTING, deployments: () => DEPLOYMENTS, oneCall: options.catalogue ? () => true : undefined,
  });
}

const search = (inner: string, alias = '') => `${alias}search(text: "公开", first: 20) { edges { node { id } } ${inner} }`;
const facets = (groups: string[]) => `facets { ${groups.map((g) => `${g} { value count }`).join(' ')} }`;

describe('demand control prices facets (issue 11)', () => {
  it('charges each facet group a scan of every match, once per deployment reached', () => {
    const plain = cost(`{ ${search('')} }`);
    const allFour = cost(`{ ${search(facets(GROUPS))} }`);
    // Per deployment: the facets object, and each group's assumed 20 values plus its scan.
    expect(allFour - plain).toBe(DEPLOYMENTS * (1 + GROUPS.length * (20 + FACET_GROUP_COST)));
    expect(cost(`{ ${search(facets(['years']))} }`) - plain).toBe(DEPLOYMENTS * (1 + 20 + FACET_GROUP_COST));
    // Through a fragment, as the query planner writes it, the same.
    expect(cost(`{ search(text: "公开", first: 20) { edges { node { id } } ...F } } fragment F on DocumentConnection { ${facets(GROUPS)} }`)).toBe(allFour);
  });

  it('counts every aliased repeat, of a group, of facets and of the search', () => {
    const one = cost(`{ ${search(facets(['agencies']))} }`);
    const groupTwice = cost(`{ ${search('facets { a: agencies { value } b: agencies { value } }')} }`);
    expect(groupTwice - one).toBe(DEPLOYMENTS * (20 + FACET_GROUP_COST));
    const facetsTwice = cost(`{ ${search(`f1: ${facets(['agencies'])} f2: ${facets(['agencies'])}`)} }`);
    expect(facetsTwice - one).toBe(DEPLOYMENTS * (1 + 20 + FACET_GROUP_COST));
    // 30 aliased searches asking one facet and no page: each reads every match on every deployment.
    const hostile = `{ ${Array.from({ length: 30 }, (_, i) => `s${i}: search(text: "公开", first: 0) { facets { agencies { value } } }`).join(' ')} }`;
    expect(cost(hostile)).toBe(30 * DEPLOYMENTS * (1 + 1 + 20 + FACET_GROUP_COST));
    expect(cost(hostile)).toBeGreaterThan(12_000);
  });

  it('charges a search the catalogue answers once, facets included', () => {
    const query = `{ ${search(facets(GROUPS))} }`;
    expect(cost(query) / cost(query, { catalogue: true })).toBe(DEPLOYMENTS);
    expect(cost(query, { catalogue: true }) - cost(`{ ${search('')} }`, { catalogue: true })).toBe(1 + GROUPS.length * (20 + FACET_GROUP_COST));
  });
});
