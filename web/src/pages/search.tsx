import { useAgencies } from '../api/agencies';
import { PortalSearchWithFacets, useQuery, type DocumentFilter, type PortalSearchWithFacetsResult, type Validity } from '../api/client';
import { DocumentList } from '../components/document-list';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { useI18n, type MessageKey } from '../i18n';
import { useLocation } from '../router';
import { SearchBox } from './home';

/** 有效性 (the API's Validity) in the order a reader looks for them: in force first. */
export const VALIDITIES: Validity[] = ['EFFECTIVE', 'AMENDED', 'REPEALED', 'EXPIRED'];

type Facets = NonNullable<PortalSearchWithFacetsResult['search']['facets']>;

/** The filter a search page's URL asks for: agency, theme, year, genre and validity are the facets the API filters by. */
export function filterOf(query: URLSearchParams): DocumentFilter {
  const filter: DocumentFilter = {};
  const agency = query.get('agency');
  const theme = query.get('theme');
  const year = query.get('year');
  const genre = query.get('genre');
  const validity = query.get('validity');
  if (agency) filter.agencies = [agency];
  if (theme) filter.theme = theme;
  if (genre) filter.genre = genre;
  const known = VALIDITIES.find((v) => v === validity);
  if (known) filter.validity = [known];
  if (year && /^\d{4}$/.test(year)) {
    filter.publishedFrom = `${year}-01-01`;
    filter.publishedTo = `${year}-12-31`;
  }
  return filter;
}

/** A URL of this page with `key` set to `value` (or removed), the cursor dropped. */
function withParam(query: URLSearchParams, key: string, value: string | null): string {
  const next = new URLSearchParams(query);
  next.delete('after');
  if (value === null) next.delete(key);
  else next.set(key, value);
  return `/search?${next.toString()}`;
}

/** 检索: full-text search across every agency, with highlighted excerpts and facet counts to narrow it. */
export function SearchPage() {
  const { t, label } = useI18n();
  const { query } = useLocation();
  const text = query.get('q')?.trim() ?? '';
  const agencies = useAgencies();
  const names = new Map(agencies.map((a) => [a.code, a.name]));
  const state = useQuery(PortalSearchWithFacets, { text, first: 20, after: query.get('after'), filter: filterOf(query) }, { skip: !text });

  const facet = (key: 'agency' | 'theme' | 'year' | 'genre' | 'validity', heading: MessageKey, counts: Facets['agencies'], label: (value: string) => string = (v) => v) => (
    <section class="facet" aria-labelledby={`facet-${key}`}>
      <h3 id={`facet-${key}`}>{t(heading)}</h3>
      <ul>
        {query.get(key) && <li><Link href={withParam(query, key, null)}>{t('facetAll')}</Link></li>}
        {counts.map((c) => (
          <li key={c.value}>
            <Link href={withParam(query, key, c.value)} aria-current={query.get(key) === c.value ? 'page' : undefined}>{label(c.value)}</Link>
            <span class="count"> ({c.count})</span>
          </li>
        ))}
      </ul>
    </section>
  );

  return (
    <>
      <h1>{t('searchTitle')}</h1>
      <SearchBox initial={text} key={text} />
      {!text ? <p>{t('searchEmpty')}</p> : (
        <QueryView state={state}>
          {(data) => (
            <div class="with-sidebar">
              <aside aria-label={t('facets')}>
                {data.search.facets && (
                  <>
                    {facet('agency', 'facetAgency', data.search.facets.agencies, (code) => names.get(code) ?? code)}
                    {facet('theme', 'facetTheme', data.search.facets.themes)}
                    {facet('year', 'facetYear', data.search.facets.years)}
                    {facet('genre', 'facetGenre', data.search.facets.genres)}
                    {facet('validity', 'facetValidity', data.search.facets.validities, (v) => label('validity', v))}
                  </>
                )}
              </aside>
              <section aria-labelledby="results-heading">
                <h2 id="results-heading">{t('searchResults')}</h2>
                <p class="count" role="status">{t('searchCount', { n: data.search.totalCount, q: text })}</p>
                <DocumentList documents={data.search.edges.map((e) => e.node)} highlights={data.search.edges.map((e) => e.highlight)} />
                {data.search.pageInfo.hasNextPage && data.search.pageInfo.endCursor && (
                  <p><Link href={withParam(query, 'after', data.search.pageInfo.endCursor)}>{t('nextPage')}</Link></p>
                )}
              </section>
            </div>
          )}
        </QueryView>
      )}
    </>
  );
}
