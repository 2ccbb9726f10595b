import { PortalPenalties, PortalPenalty, useQuery } from '../api/client';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { formatDate, useI18n, type MessageKey } from '../i18n';
import { navigate, useLocation } from '../router';

/** 行政处罚: published penalty decisions, party names and id numbers masked as the API returns them. */
export function PenaltiesPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const party = query.get('party')?.trim() || null;
  const state = useQuery(PortalPenalties, { first: 20, after: query.get('after'), partyName: party });
  const submit = (event: Event) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('party') ?? '').trim();
    navigate(value ? `/penalties?party=${encodeURIComponent(value)}` : '/penalties');
  };
  return (
    <>
      <h1>{t('navPenalties')}</h1>
      <p class="intro">{t('penaltiesIntro')}</p>
      <form class="search-box" role="search" onSubmit={submit}>
        <label for="party">{t('penaltyParty')}</label>
        <div class="row">
          <input id="party" name="party" type="search" defaultValue={party ?? ''} key={party ?? ''} />
          <button type="submit">{t('searchButton')}</button>
        </div>
      </form>
      <QueryView state={state}>
        {(data) => (
          <>
            <p class="count" role="status">{t('totalDocuments', { n: data.penaltyDecisions.totalCount })}</p>
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">{t('navPenalties')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('caseNumber')}</th><th scope="col">{t('partyName')}</th><th scope="col">{t('creditCode')}</th>
                    <th scope="col">{t('penalty')}</th><th scope="col">{t('authority')}</th><th scope="col">{t('decidedOn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.penaltyDecisions.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td><Link href={`/penalties/${encodeURIComponent(node.id)}`}>{node.caseNumber}</Link></td>
                      <td>{node.partyName}</td>
                      <td>{node.partyCreditCode ?? '—'}</td>
                      <td>{node.penalty}</td>
                      <td>{node.authority.name}</td>
                      <td>{formatDate(node.decidedOn, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {data.penaltyDecisions.pageInfo.hasNextPage && data.penaltyDecisions.pageInfo.endCursor && (
              <p><Link href={`/penalties?${new URLSearchParams({ ...(party ? { party } : {}), after: data.penaltyDecisions.pageInfo.endCursor })}`}>{t('nextPage')}</Link></p>
            )}
          </>
        )}
      </QueryView>
    </>
  );
}

/** One penalty decision's publicity record. */
export function PenaltyPage(props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const state = useQuery(PortalPenalty, { id: props.params.id });
  return (
    <QueryView state={state}>
      {(data) => {
        const p = data.penaltyDecision;
        if (!p) return <h1>{t('documentNotFound')}</h1>;
        const fields: [MessageKey, string][] = [
          ['caseNumber', p.caseNumber], ['partyName', p.partyName],
          [p.partyKind === 'ENTERPRISE' ? 'creditCode' : 'idNumberMasked', (p.partyKind === 'ENTERPRISE' ? p.partyCreditCode : p.partyIdNumber) ?? '—'],
          ['facts', p.facts], ['legalBasis', p.legalBasis], ['penalty', p.penalty], ['authority', p.authority.name],
          ['decidedOn', formatDate(p.decidedOn, lang)], ['publishedOn', formatDate(p.publishedAt, lang)], ['displayUntil', formatDate(p.displayUntil, lang)],
        ];
        return (
          <article>
            <h1>{t('penaltyTitle', { case: p.caseNumber })}</h1>
            {p.revokedOn && <p class="banner" role="note">{t('revokedOn', { date: formatDate(p.revokedOn, lang) })}</p>}
            <dl class="fields">{fields.map(([key, value]) => <div key={key}><dt>{t(key)}</dt><dd>{value}</dd></div>)}</dl>
            <p><Link href="/penalties">{t('backToList')}</Link></p>
          </article>
        );
      }}
    </QueryView>
  );
}
