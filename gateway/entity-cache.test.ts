import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { parse } from 'graphql';
import { useEntityCache } from './entity-cache';

/**
 * Issue 11: the gateway keeps the directory's agency facts that every document's `agency { name }`
 * fetches. Here the cache's own rules, over a directory answering from a table (what it was asked
 * is recorded); test/federation/directory-cache.test.ts runs it in the real gateway.
 */
const NAMES: Record<string, string> = { fjdrc: '福建省发展和改革委员会', fjczt: '福建省财政厅', fjamr: '福建省市场监督管理局' };
const ENTITIES = parse('query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on Agency { name } } }');

function directory() {
  const asked: string[][] = [];
  const execute = async (request: ExecutionRequest): Promise<ExecutionResult> => {
    const reps = request.variables!.representations as { code: string }[];
    asked.push(reps.map((r) => r.code));
    if (reps.some((r) => r.code === 'broken')) return { data: { _entities: reps.map(() => null) }, errors: [{ message: 'boom' } as never] };
    return { data: { _entities: reps.map((r) => (NAMES[r.code] ? { __typename: 'Agency', name: NAMES[r.code] } : null)) } };
  };
  return { asked, execute };
}
const fetch = (codes: string[], document = ENTITIES): ExecutionRequest => ({ document, variables: { representations: codes.map((code) => ({ __typename: 'Agency', code })) } });
const options = { typeName: 'Agency', keyField: 'code', fields: new Set(['name', 'code']), ttlMs: 60_000 };

describe('issue 11: the directory entity cache', () => {
  it('answers what it holds from memory and fetches only the rest, in the order asked', async () => {
    const d = directory();
    const cached = useEntityCache(options)(d.execute);
    expect((await cached(fetch(['fjdrc', 'fjczt']))).data).toEqual({ _entities: [{ __typename: 'Agency', name: NAMES.fjdrc }, { __typename: 'Agency', name: NAMES.fjczt }] });
    expect((await cached(fetch(['fjamr', 'fjdrc', 'fjczt']))).data).toEqual({ _entities: [NAMES.fjamr, NAMES.fjdrc, NAMES.fjczt].map((name) => ({ __typename: 'Agency', name })) });
    expect((await cached(fetch(['fjczt', 'fjamr']))).data).toEqual({ _entities: [NAMES.fjczt, NAMES.fjamr].map((name) => ({ __typename: 'Agency', name })) });
    expect(d.asked).toEqual([['fjdrc', 'fjczt'], ['fjamr']]);
  });

  it('keeps nothing of an answer with errors, nor an unknown agency (null)', async () => {
    const d = directory();
    const cached = useEntityCache(options)(d.execute);
    expect((await cached(fetch(['broken']))).errors).toHaveLength(1);
    await cached(fetch(['nosuch']));
    await cached(fetch(['nosuch']));
    expect(d.asked).toEqual([['broken'], ['nosuch'], ['nosuch']]);
  });

  it('passes on untouched a fetch selecting a field that is not allowed, or nested', async () => {
    const d = directory();
    const cached = useEntityCache(options)(d.execute);
    const contact = parse('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { name contact { phone } } } }');
    const guide = parse('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { disclosureGuide } } }');
    for (const document of [contact, guide, contact, guide]) await cached(fetch(['fjdrc'], document));
    expect(d.asked).toHaveLength(4);
  });

  it('keeps each selection apart, forgets after the time to live, and keeps nothing at 0', async () => {
    const d = directory();
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(1_000_000);
      const cached = useEntityCache({ ...options, ttlMs: 1000 })(d.execute);
      const withCode = parse('query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { code name } } }');
      await cached(fetch(['fjdrc']));
      await cached(fetch(['fjdrc'], withCode));
      await cached(fetch(['fjdrc']));
      now.mockReturnValue(1_001_001);
      await cached(fetch(['fjdrc']));
      expect(d.asked).toEqual([['fjdrc'], ['fjdrc'], ['fjdrc']]);
    } finally {
      now.mockRestore();
    }
    const off = directory();
    const none = useEntityCache({ ...options, ttlMs: 0 })(off.execute);
    await none(fetch(['fjdrc']));
    await none(fetch(['fjdrc']));
    expect(off.asked).toHaveLength(2);
  });
});
