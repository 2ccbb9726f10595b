import { useEffect, useState } from 'preact/hooks';
import { GENRES } from '../../../subgraphs/shared/taxonomy';
import { useAgencies } from '../api/agencies';
import { PortalLatest, PortalThemes, request, useQuery, type DocumentFilter, type GraphQLErrorShape } from '../api/client';
import { AgencyBanner } from '../components/agency-banner';
import { DocumentList } from '../components/document-list';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { useI18n, type MessageKey } from '../i18n';
import { useLocation } from '../router';
import { VALIDITIES } from './search';

/** The dimensions the catalogue browses by: those DocumentFilter can narrow to. */
const DIMENSIONS = ['agency', 'theme', 'year', 'genre', 'validity'] as const;
type Dimension = (typeof DIMENSIONS)[number];
const DIMENSION_LABELS: Record<Dimension, MessageKey> = {
  agency: 'facetAgency', theme: 'facetTheme', year: 'facetYear', genre: 'facetGenre', validity: 'facetValidity',
};

/** How many years back the year dimension lists, from the newest document's year. */
const YEARS_LISTED = 10;

interface Entry { value: string; label: string; filter: DocumentFilter }

function yearFilter(year: number): DocumentFilter {
  return { publishedFrom: `${year}-01-01`, publishedTo: `${year}-12-31` };
}

/** Each entry's number of documents (one count per entry, in parallel), and the notices of their answers. */
function useCounts(entries: Entry[]): { counts: Map<string, number>; errors: GraphQLErrorShape[]; done: boolean } {
  const [state, setState] = useState({ counts: new Map<string, number>(), errors: [] as GraphQLErrorShape[], done: false });
  const key = JSON.stringify(entries.map((e) => e.filter));
  useEffect(() => {
    if (entries.length === 0) return;
    const controller = new AbortController();
    setState({ counts: new Map(), errors: [], done: false });
    void Promise.all(entries.map((entry) => request(PortalLatest, { first: 1, filter: entry.filter }, controller.signal)
      .then((answer) => ({ value: entry.value, count: answer.data?.documents.totalCount, errors: answer.errors }))
      .catch(() => ({ value: entry.value, count: undefined, errors: [] as GraphQLErrorShape[] }))))
      .then((results) => {
        if (controller.signal.aborted) return;
        const counts = new Map<string, number>();
        for (const r of results) if (r.count !== undefined) counts.set(r.value, r.count);
        // One notice per agency, however many counts carried it.
        const seen = new Set<string>();
        const errors = results.flatMap((r) => r.errors).filter((e) => {
          const id = `${e.extensions?.code}:${e.extensions?.agency ?? (e.extensions?.agencies ?? []).join(',')}`;
          return seen.has(id) ? false : (seen.add(id), true);
        });
        setState({ counts, errors, done: true });
      });
    return () => controller.abort();
  }, [key]);
  return state;
}

/** 公开目录: the province's published documents browsed by agency, theme, year, genre (文种) or validity (有效性), with counts. */
export function CataloguePage() {
  const { t, label } = useI18n();
  const { query } = useLocation();
  const by: Dimension = DIMENSIONS.find((d) => d === query.get('by')) ?? 'theme';
  const selected = query.get('value');
  const agencies = useAgencies();
  const themes = useQuery(PortalThemes, {}, { skip: by !== 'theme' });
  const newest = useQuery(PortalLatest, { first: 1 }, { skip: by !== 'year' });
  const newestYear = Number(newest.data?.documents.edges[0]?.node.publishedAt?.slice(0, 4)) || 0;

  const entries: Entry[] = by === 'agency' ? agencies.map((a) => ({ value: a.code, label: a.name, filter: { agencies: [a.code] } }))
    : by === 'theme' ? (themes.data?.themes ?? []).map((th) => ({ value: th.name, label: th.name, filter: { theme: th.code } }))
    : by === 'genre' ? GENRES.map((g) => ({ value: g, label: g, filter: { genre: g } }))
    : by === 'validity' ? VALIDITIES.map((v) => ({ value: v, label: label('validity', v), filter: { validity: [v] } }))
    : newestYear ? Array.from({ length: YEARS_LISTED }, (_, i) => newestYear - i).map((y) => ({ value: String(y), label: t('yearLabel', { year: y }), filter: yearFilter(y) }))
    : [];
  const { counts, errors, done } = useCounts(entries);
  const listed = entries.filter((e) => !done || (counts.get(e.value) ?? 0) > 0);
  const chosen = entries.find((e) => e.value === selected);
  const documents = useQuery(PortalLatest, { first: 20, after: query.get('after'), filter: chosen?.filter }, { skip: !chosen });

  return (
    <>
      <h1>{t('catalogueTitle')}</h1>
      <p class="intro">{t('catalogueIntro')}</p>
      <nav aria-label={t('catalogueDimensions')} class="tabs">
        <ul>
          {DIMENSIONS.map((d) => <li key={d}><Link href={`/catalogue?by=${d}`} aria-current={d === by ? 'page' : undefined}>{t(DIMENSION_LABELS[d])}</Link></li>)}
        </ul>
      </nav>
      <AgencyBanner errors={errors} />
      <div class="with-sidebar">
        <aside aria-labelledby="dimension-heading">
          <h2 id="dimension-heading">{t(DIMENSION_LABELS[by])}</h2>
          {!done && entries.length > 0 && <p role="status" class="muted">{t('loading')}</p>}
          <ul class="facet-list">
            {listed.map((e) => (
              <li key={e.value}>
                <Link href={`/catalogue?by=${by}&value=${encodeURIComponent(e.value)}`} aria-current={e.value === selected ? 'page' : undefined}>{e.label}</Link>
                {counts.has(e.value) && <span class="count"> ({counts.get(e.value)})</span>}
              </li>
            ))}
          </ul>
        </aside>
        <section aria-labelledby="catalogue-list-heading">
          <h2 id="catalogue-list-heading">{chosen ? chosen.label : t('catalogueChoose')}</h2>
          {chosen && (
            <QueryView state={documents}>
              {(data) => (
                <>
                  <p class="count" role="status">{t('totalDocuments', { n: data.documents.totalCount })}</p>
                  <DocumentList documents={data.documents.edges.map((e) => e.node)} />
                  {data.documents.pageInfo.hasNextPage && data.documents.pageInfo.endCursor && (
                    <p><Link href={`/catalogue?by=${by}&value=${encodeURIComponent(chosen.value)}&after=${encodeURIComponent(data.documents.pageInfo.endCursor)}`}>{t('nextPage')}</Link></p>
                  )}
                </>
              )}
            </QueryView>
          )}
        </section>
      </div>
    </>
  );
}
