import { testEngines } from '../../../test/support/databases';
import { DEMO_AGENCIES } from '../../../tools/demo/province';
import { openTestDirectory, statementsOf, type TestDirectory } from './harness';
import { LIST_AGENCIES, RESOLVE_AGENCIES, type AgencyView } from './operations';

describe.each(testEngines())('no N+1 on %s', (kind) => {
  let directory: TestDirectory;
  beforeAll(async () => { directory = await openTestDirectory(kind); });
  afterAll(() => directory.close());

  it('resolves a batch of 10 agency references with one SQL statement', async () => {
    const codes = DEMO_AGENCIES.map((a) => a.code).slice(0, 10);
    directory.sql.length = 0;
    const { _entities } = await directory.exec<{ _entities: ({ code: string; name: string } | null)[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Agency { code name } } }`,
      { representations: codes.map((code) => ({ __typename: 'Agency', code })) },
    );
    expect(_entities.map((e) => e?.code)).toEqual(codes);
    expect(statementsOf(directory.sql)).toHaveLength(1);
  });

  it('keeps representations in order and answers null for an unknown code', async () => {
    const { _entities } = await directory.exec<{ _entities: ({ code: string; parent: { code: string } | null } | null)[] }>(
      RESOLVE_AGENCIES, { representations: [{ __typename: 'Agency', code: 'xiamen' }, { __typename: 'Agency', code: 'nosuch' }, { __typename: 'Agency', code: 'fjedu' }] },
    );
    expect(_entities).toEqual([{ code: 'xiamen', name: '厦门市人民政府', parent: null }, null, { code: 'fjedu', name: '福建省教育厅', parent: { code: 'fjgov' } }]);
  });

  it('lists every agency with its parent and children in two statements, whatever the registry size', async () => {
    directory.sql.length = 0;
    const { agencies } = await directory.exec<{ agencies: AgencyView[] }>(LIST_AGENCIES);
    expect(agencies).toHaveLength(DEMO_AGENCIES.length);
    // The list, then one batch for every agency's children; parents come from the list itself.
    expect(statementsOf(directory.sql)).toHaveLength(2);
  });
});
