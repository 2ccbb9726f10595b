import { AGENCY_ROUTING } from './agency-routing';
import { formatIndexNumber, malformedIndexNumber, parseIndexNumber } from './index-number';
import { parseRegistry, ShardRegistry } from './shard-registry';

describe('routing a lookup by 索引号', () => {
  it('reads the agency prefix, theme code, year and serial back from what the agencies build, in any case', () => {
    expect(parseIndexNumber(formatIndexNumber('FJ00201', '0200', '2026', 12))).toEqual({ prefix: 'FJ00201', themeCode: '0200', year: '2026', serial: 12 });
    expect(parseIndexNumber(' fj00201-0200-2026-00012 ')).toEqual({ prefix: 'FJ00201', themeCode: '0200', year: '2026', serial: 12 });
    // A registry code with a hyphen, upper-cased as the default prefix: the fixed parts are read from the right.
    expect(parseIndexNumber('FJ-DRC-9000-2025-123456')).toEqual({ prefix: 'FJ-DRC', themeCode: '9000', year: '2025', serial: 123456 });
    for (const bad of ['', 'FJ00201', 'FJ00201-0200-2026', 'FJ00201-200-2026-00012', 'FJ00201-0200-26-00012', 'FJ00201-0200-2026-12', '-0200-2026-00012', 'FJ 00201-0200-2026-00012', 'fjdrc:00000012']) {
      expect([bad, parseIndexNumber(bad)]).toEqual([bad, null]);
    }
  });

  it('finds the owner from the registry: the prefix an entry declares, else the code in upper case (a deployment\'s default)', () => {
    const registry = new ShardRegistry(undefined, [
      { code: 'fjdrc', url: 'http://127.0.0.1:1/graphql', indexPrefix: 'FJ00201' },
      { code: 'fjczt', url: 'http://127.0.0.1:2/graphql' },
    ]);
    expect(registry.ownerOfIndexPrefix(parseIndexNumber('FJ00201-0200-2026-00012')!.prefix)?.code).toBe('fjdrc');
    expect(registry.ownerOfIndexPrefix('FJCZT')?.code).toBe('fjczt');
    // Declared prefixes replace the default: fjdrc's code no longer names it.
    expect(registry.ownerOfIndexPrefix('FJDRC')).toBeUndefined();
    registry.set([{ code: 'fjdrc', url: 'http://127.0.0.1:1/graphql', indexPrefix: 'FJ00299' }]);
    expect(registry.ownerOfIndexPrefix('FJ00201')).toBeUndefined();
    expect(registry.ownerOfIndexPrefix('FJ00299')?.code).toBe('fjdrc');
  });

  it('refuses a registry file with a malformed prefix or one prefix for two agencies', () => {
    const file = (agencies: unknown[]) => JSON.stringify({ agencies });
    expect(() => parseRegistry(file([{ code: 'fjdrc', url: 'http://a/graphql', indexPrefix: 'fj 002' }]), 'r.json')).toThrow('bad indexPrefix for fjdrc');
    expect(() => parseRegistry(file([
      { code: 'fjdrc', url: 'http://a/graphql', indexPrefix: 'FJCZT' }, { code: 'fjczt', url: 'http://b/graphql' },
    ]), 'r.json')).toThrow('fjdrc and fjczt have the same indexPrefix FJCZT');
    expect(parseRegistry(file([{ code: 'fjdrc', url: 'http://a/graphql', indexPrefix: 'FJ00201' }]), 'r.json')).toEqual([{ code: 'fjdrc', url: 'http://a/graphql', indexPrefix: 'FJ00201' }]);
  });

  it('is declared in the agency contract by its argument, with the catalogue answering the public projection', () => {
    expect(AGENCY_ROUTING.rootFields.documentByIndexNumber).toEqual({ route: 'byIndexNumber', argument: 'indexNumber', replica: true });
  });
});

describe('the refusal of text that is not an index number', () => {
  it('repeats a short text for the reader to see the slip, not a long one', () => {
    expect(malformedIndexNumber('indexNumber', 'FJ00201-0200-2026').message).toBe(
      '索引号"FJ00201-0200-2026"格式不正确，应为"机关前缀-主题分类代码-年份-序号"，如 FJ00201-0200-2026-00012 / "FJ00201-0200-2026" is not an index number: expected <agency prefix>-<theme code>-<year>-<serial>, e.g. FJ00201-0200-2026-00012',
    );
    const long = malformedIndexNumber('indexNumber', 'x'.repeat(65));
    expect(long.message).not.toContain('xxx');
    expect(long.message).toMatch(/^索引号格式不正确.* \/ The text is not an index number/);
    expect(long.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'indexNumber' });
  });
});
