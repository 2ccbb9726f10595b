import { useAgencies } from '../api/agencies';
import { PortalAgency, useQuery } from '../api/client';
import { DocumentList } from '../components/document-list';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { useI18n } from '../i18n';
import { useLocation } from '../router';

/** 机关专栏: every agency of the province, each linking to its own column. */
export function AgenciesPage() {
  const { t } = useI18n();
  const agencies = useAgencies();
  return (
    <>
      <h1>{t('navAgencies')}</h1>
      <p class="intro">{t('agenciesIntro')}</p>
      {agencies.length === 0 ? <p role="status" class="muted">{t('loading')}</p> : (
        <ul class="agency-list">
          {agencies.map((a) => <li key={a.code}><Link href={`/agencies/${encodeURIComponent(a.code)}`}>{a.name}</Link></li>)}
        </ul>
      )}
    </>
  );
}

/** One agency's disclosure column: its latest releases, contact, and its guide, catalogue and report. */
export function AgencyPage(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const code = props.params.code;
  const state = useQuery(PortalAgency, { code, first: 20, after: query.get('after') });
  return (
    <QueryView state={state}>
      {(data) => {
        const agency = data.agency;
        if (!agency) return <h1>{t('documentNotFound')}</h1>;
        const documents = agency.documents;
        return (
          <>
            <h1>{t('agencyColumn', { name: agency.name })}</h1>
            <ul class="tabs-inline">
              <li><Link href={`/guide?agency=${encodeURIComponent(code)}`}>{t('navGuide')}</Link></li>
              <li><Link href={`/catalogue?by=agency&value=${encodeURIComponent(code)}`}>{t('navCatalogue')}</Link></li>
              <li><Link href={`/annual-reports?agency=${encodeURIComponent(code)}`}>{t('navReports')}</Link></li>
            </ul>
            <dl class="fields">
              <div><dt>{t('address')}</dt><dd>{agency.contact.address}</dd></div>
              <div><dt>{t('phone')}</dt><dd>{agency.contact.phone}</dd></div>
              <div><dt>{t('officeHours')}</dt><dd>{agency.contact.officeHours}</dd></div>
            </dl>
            <section aria-labelledby="agency-latest">
              <h2 id="agency-latest">{t('latestReleases')}</h2>
              {documents && (
                <>
                  <p class="count">{t('totalDocuments', { n: documents.totalCount })}</p>
                  <DocumentList documents={documents.edges.map((e) => ({ ...e.node, docNumber: null, agency: { code: agency.code, name: agency.name } }))} />
                  {documents.pageInfo.hasNextPage && documents.pageInfo.endCursor && (
                    <p><Link href={`/agencies/${encodeURIComponent(code)}?after=${encodeURIComponent(documents.pageInfo.endCursor)}`}>{t('nextPage')}</Link></p>
                  )}
                </>
              )}
            </section>
          </>
        );
      }}
    </QueryView>
  );
}
