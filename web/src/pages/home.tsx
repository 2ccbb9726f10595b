import { normalizeIndexNumber, parseIndexNumber } from '../../../schema/contracts/index-number-format';
import { PortalLatest, useQuery } from '../api/client';
import { AgencyBanner } from '../components/agency-banner';
import { DocumentList } from '../components/document-list';
import { useI18n } from '../i18n';
import { navigate } from '../router';

/**
 * The search box: sends the reader to the search page with the words typed, or, for a well-formed
 * 索引号 (read by the contract's own parser), straight to that document's page.
 */
export function SearchBox(props: { initial?: string }) {
  const { t } = useI18n();
  const submit = (event: Event) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    if (!text) return;
    navigate(parseIndexNumber(text) ? `/documents/by-index/${encodeURIComponent(normalizeIndexNumber(text))}` : `/search?q=${encodeURIComponent(text)}`);
  };
  return (
    <form class="search-box" role="search" onSubmit={submit}>
      <label for="search-q">{t('searchLabel')}</label>
      <div class="row">
        <input id="search-q" name="q" type="search" placeholder={t('searchPlaceholder')} defaultValue={props.initial} required />
        <button type="submit">{t('searchButton')}</button>
      </div>
    </form>
  );
}

/** 首页: the search box and the province's latest releases across every agency. */
export function HomePage() {
  const { t } = useI18n();
  const latest = useQuery(PortalLatest, { first: 20 });
  const documents = latest.data?.documents;
  return (
    <>
      <h1>{t('siteTitle')}</h1>
      <SearchBox />
      <section aria-labelledby="latest-heading">
        <h2 id="latest-heading">{t('latestReleases')}</h2>
        <p class="intro">{t('latestReleasesIntro')}</p>
        <AgencyBanner errors={latest.errors} />
        {latest.loading && !documents ? <p role="status">{t('loading')}</p>
          : latest.failed || !documents ? <p role="alert">{t('loadFailed')}</p>
          : (
            <>
              <p class="count">{t('totalDocuments', { n: documents.totalCount })}</p>
              <DocumentList documents={documents.edges.map((e) => e.node)} />
            </>
          )}
      </section>
    </>
  );
}
