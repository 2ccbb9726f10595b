import { agenciesOf } from '../services/freshness-notice';

describe('which agencies a catalogue answer may include, for its freshness notice', () => {
  const ownerOf = (prefix: string) => ({ FJ00201: 'fjdrc', FJCZT: 'fjczt' } as Record<string, string | undefined>)[prefix];

  it('a lookup by index number: the agency its prefix names, every agency for an unknown prefix, none for a refused number', () => {
    expect(agenciesOf('documentByIndexNumber', { indexNumber: 'fj00201-0200-2026-00001' }, ownerOf)).toEqual(['fjdrc']);
    expect(agenciesOf('documentByIndexNumber', { indexNumber: 'FJ00999-0200-2026-00001' }, ownerOf)).toBeUndefined();
    expect(agenciesOf('documentByIndexNumber', { indexNumber: 'fjdrc:00000001' }, ownerOf)).toBeNull();
  });

  it('keeps the other public reads as they were', () => {
    expect(agenciesOf('document', { id: 'fjczt:00000001' }, ownerOf)).toEqual(['fjczt']);
    expect(agenciesOf('documents', { filter: { agencies: ['fjdrc'] } }, ownerOf)).toEqual(['fjdrc']);
    expect(agenciesOf('search', {}, ownerOf)).toBeUndefined();
    expect(agenciesOf('catalogueFreshness', {}, ownerOf)).toBeNull();
  });
});
