import { PortalAgency, useQuery } from '../api/client';
import { AgencySelect } from '../components/agency-select';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { useI18n, type MessageKey } from '../i18n';
import { navigate, useLocation } from '../router';

/** Paragraphs of a dictionary text (its lines). */
function Paragraphs(props: { text: string }) {
  return <>{props.text.split('\n').map((line, i) => <p key={i}>{line}</p>)}</>;
}

/** 公开指南: how disclosure works, and the chosen agency's own guide and contact from the API. */
export function GuidePage() {
  const { t, label } = useI18n();
  const { query } = useLocation();
  const code = query.get('agency') ?? '';
  const agency = useQuery(PortalAgency, { code, first: 5 }, { skip: !code });
  return (
    <>
      <h1>{t('navGuide')}</h1>
      <Paragraphs text={t('guideIntro')} />
      <AgencySelect id="guide-agency" label="guideChooseAgency" value={code} onChange={(next) => navigate(next ? `/guide?agency=${next}` : '/guide', { replace: true })} />
      {code && (
        <QueryView state={agency}>
          {(data) => data.agency && (
            <section aria-labelledby="agency-guide-heading">
              <h2 id="agency-guide-heading">{t('agencyGuideOf', { name: data.agency.name })}</h2>
              {data.agency.disclosureGuide ? <Paragraphs text={data.agency.disclosureGuide} /> : <p>{t('noGuide')}</p>}
              <h3>{t('contact')}</h3>
              <dl class="fields">
                <div><dt>{t('address')}</dt><dd>{data.agency.contact.address}</dd></div>
                <div><dt>{t('phone')}</dt><dd>{data.agency.contact.phone}</dd></div>
                <div><dt>{t('officeHours')}</dt><dd>{data.agency.contact.officeHours}</dd></div>
              </dl>
              <h3 id="officials-heading">{t('officials')}</h3>
              {data.agency.officials.length === 0 ? <p>{t('noOfficials')}</p> : (
                <div class="table-scroll">
                  <table aria-labelledby="officials-heading">
                    <thead><tr><th scope="col">{t('officialRole')}</th><th scope="col">{t('officialName')}</th><th scope="col">{t('officialTitle')}</th><th scope="col">{t('officialPhone')}</th></tr></thead>
                    <tbody>{data.agency.officials.map((o) => <tr key={`${o.role}:${o.name}`}><td>{label('officialRole', o.role)}</td><td>{o.name}</td><td>{o.title}</td><td>{o.officePhone ?? '—'}</td></tr>)}</tbody>
                  </table>
                </div>
              )}
              <p><Link href={`/catalogue?by=agency&value=${encodeURIComponent(data.agency.code)}`}>{t('agencyDocuments', { n: data.agency.documents?.totalCount ?? 0 })}</Link></p>
              <p><Link href={`/agencies/${encodeURIComponent(data.agency.code)}`}>{t('agencyColumn', { name: data.agency.name })}</Link></p>
            </section>
          )}
        </QueryView>
      )}
    </>
  );
}

/** A content page from the dictionary: a heading and its paragraphs. */
function contentPage(title: MessageKey, body: MessageKey) {
  return function ContentPage() {
    const { t } = useI18n();
    return (
      <>
        <h1>{t(title)}</h1>
        <Paragraphs text={t(body)} />
      </>
    );
  };
}

/** 公开制度: the rules disclosure follows. */
export const RulesPage = contentPage('navRules', 'rulesBody');

/** 法定主动公开内容: what the Regulations require every agency to publish, with where to find it here. */
export function MandatoryPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('navMandatory')}</h1>
      <p>{t('mandatoryIntro')}</p>
      <ol class="spaced">{t('mandatoryItems').split('\n').map((item) => <li key={item}>{item}</li>)}</ol>
      <p>{t('mandatoryWhere')} <Link href="/catalogue">{t('navCatalogue')}</Link> · <Link href="/penalties">{t('navPenalties')}</Link> · <Link href="/annual-reports">{t('navReports')}</Link></p>
    </>
  );
}
