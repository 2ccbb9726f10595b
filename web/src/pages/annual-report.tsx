import { PortalAgencyReport, PortalProvinceReport, useQuery, type GraphQLErrorShape, type PortalProvinceReportResult, type QueryState } from '../api/client';
import { AgencySelect } from '../components/agency-select';
import { Chart } from '../components/chart';
import { QueryView } from '../components/status';
import { useI18n, type MessageKey } from '../i18n';
import { navigate, useLocation } from '../router';

type Report = PortalProvinceReportResult['provinceAnnualReport'];
type Row = Report['requestsTable'][number];

/** Years compared year over year, ending at the chosen one. */
const YEARS_COMPARED = 3;
const COLUMNS = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'publicInterestOrganisation', 'legalServiceOrganisation', 'otherOrganisation', 'total'] as const;
/** Table 3's outcome groups (三、本年度办理结果), by row-code prefix. */
const OUTCOME_GROUPS: { prefix: string; label: MessageKey }[] = [
  { prefix: '3.1', label: 'outcomeDisclosed' }, { prefix: '3.2', label: 'outcomePartly' }, { prefix: '3.3', label: 'outcomeNotDisclosed' },
  { prefix: '3.4', label: 'outcomeCannotProvide' }, { prefix: '3.5', label: 'outcomeNotProcessed' }, { prefix: '3.6', label: 'outcomeOther' },
];

function row(report: Report, code: string): Row | undefined {
  return report.requestsTable.find((r) => r.code === code);
}

/** One year's report, the province's or an agency's: both answers have the same shape. */
function useReport(agency: string, year: number): QueryState<Report> {
  const province = useQuery(PortalProvinceReport, { year }, { skip: !!agency });
  const one = useQuery(PortalAgencyReport, { code: agency, year }, { skip: !agency });
  if (!agency) return { ...province, data: province.data?.provinceAnnualReport ?? null };
  return { ...one, data: one.data?.agency?.annualReport ?? null };
}

/** 年度报告: the national format's tables for the province or one agency, with charts year over year. */
export function AnnualReportPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const thisYear = new Date().getFullYear();
  const year = Number(query.get('year')) || thisYear;
  const agency = query.get('agency') ?? '';
  const go = (next: { agency?: string; year?: number }) => {
    const params = new URLSearchParams({ year: String(next.year ?? year) });
    if (next.agency ?? agency) params.set('agency', next.agency ?? agency);
    navigate(`/annual-reports?${params}`, { replace: true });
  };
  // Fixed number of hooks: the chosen year and the ones before it.
  const reports = [useReport(agency, year), useReport(agency, year - 1), useReport(agency, year - 2)].slice(0, YEARS_COMPARED);
  const current = reports[0];
  const years = reports.map((_, i) => year - i).reverse();
  const series = (code: string, name: MessageKey) => ({ type: 'bar', name: t(name), data: [...reports].reverse().map((r) => (r.data ? row(r.data, code)?.total ?? 0 : 0)) });
  const errors: GraphQLErrorShape[] = reports.flatMap((r) => r.errors);

  return (
    <>
      <h1>{t('navReports')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <AgencySelect id="report-agency" label="reportScope" allLabel="reportProvince" value={agency} onChange={(code) => go({ agency: code })} />
        <div class="field">
          <label for="report-year">{t('reportYear')}</label>
          <select id="report-year" value={String(year)} onChange={(e) => go({ year: Number((e.currentTarget as HTMLSelectElement).value) })}>
            {Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => <option key={y} value={String(y)}>{t('yearLabel', { year: y })}</option>)}
          </select>
        </div>
      </form>
      <QueryView state={{ ...current, errors }}>
        {(report) => {
          const kinds = row(report, '1');
          return (
            <>
              <h2>{t('reportHeading', { year: report.year })}</h2>
              {report.overview && <p>{report.overview}</p>}
              <div class="charts">
                <Chart testId="chart-yoy" label={t('chartYearOverYear')} option={{
                  tooltip: {}, legend: {}, grid: { containLabel: true, left: 8, right: 8 },
                  xAxis: { type: 'category', data: years.map((y) => String(y)) }, yAxis: { type: 'value', minInterval: 1 },
                  series: [series('1', 'rowNewRequests'), series('3.1', 'outcomeDisclosed'), series('3.7', 'rowHandledTotal')],
                }} />
                <Chart testId="chart-kinds" label={t('chartRequesterKinds', { year: report.year })} option={{
                  tooltip: {}, legend: { bottom: 0 },
                  series: [{ type: 'pie', radius: ['35%', '65%'], data: COLUMNS.slice(0, 6).map((c) => ({ name: t(`col_${c}` as MessageKey), value: kinds?.[c] ?? 0 })) }],
                }} />
                <Chart testId="chart-outcomes" label={t('chartOutcomes', { year: report.year })} option={{
                  tooltip: {}, grid: { containLabel: true, left: 8, right: 8 },
                  xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: OUTCOME_GROUPS.map((g) => t(g.label)) },
                  series: [{ type: 'bar', data: OUTCOME_GROUPS.map((g) => report.requestsTable.filter((r) => r.code === g.prefix || r.code.startsWith(`${g.prefix}.`)).reduce((s, r) => s + r.total, 0)) }],
                }} />
              </div>
              <section aria-labelledby="table2-heading">
                <h3 id="table2-heading">{t('table2')}</h3>
                <div class="table-scroll">
                  <table>
                    <thead><tr><th scope="col">{t('item')}</th><th scope="col">{t('issued')}</th><th scope="col">{t('repealed')}</th><th scope="col">{t('effective')}</th></tr></thead>
                    <tbody>
                      <tr><th scope="row">{t('rules')}</th><td>{report.proactiveTable.rules.issued}</td><td>{report.proactiveTable.rules.repealed}</td><td>{report.proactiveTable.rules.effective}</td></tr>
                      <tr><th scope="row">{t('normativeDocuments')}</th><td>{report.proactiveTable.normativeDocuments.issued}</td><td>{report.proactiveTable.normativeDocuments.repealed}</td><td>{report.proactiveTable.normativeDocuments.effective}</td></tr>
                    </tbody>
                  </table>
                </div>
                <dl class="fields">
                  <div><dt>{t('permitDecisions')}</dt><dd>{report.proactiveTable.permitDecisions}</dd></div>
                  <div><dt>{t('penaltyDecisions')}</dt><dd>{report.proactiveTable.penaltyDecisions}</dd></div>
                  <div><dt>{t('compulsoryDecisions')}</dt><dd>{report.proactiveTable.compulsoryMeasureDecisions}</dd></div>
                  <div><dt>{t('fees')}</dt><dd>{report.proactiveTable.feeAmountTenThousandYuan.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</dd></div>
                </dl>
              </section>
              <section aria-labelledby="table3-heading">
                <h3 id="table3-heading">{t('table3')}</h3>
                <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="table3-heading">
                  <table class="report">
                    <thead><tr><th scope="col">{t('rowCode')}</th><th scope="col">{t('item')}</th>{COLUMNS.map((c) => <th scope="col" key={c}>{t(`col_${c}` as MessageKey)}</th>)}</tr></thead>
                    <tbody>
                      {report.requestsTable.map((r) => (
                        <tr key={r.code}><td>{r.code}</td><th scope="row">{r.label}</th>{COLUMNS.map((c) => <td key={c}>{r[c]}</td>)}</tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
              <section aria-labelledby="table4-heading">
                <h3 id="table4-heading">{t('table4')}</h3>
                <div class="table-scroll">
                  <table>
                    <thead><tr><th scope="col">{t('item')}</th><th scope="col">{t('upheld')}</th><th scope="col">{t('corrected')}</th><th scope="col">{t('otherResult')}</th><th scope="col">{t('pending')}</th><th scope="col">{t('total')}</th></tr></thead>
                    <tbody>
                      {(['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const).map((k) => {
                        const c = report.appealsTable[k];
                        return <tr key={k}><th scope="row">{t(k)}</th><td>{c.upheld}</td><td>{c.corrected}</td><td>{c.other}</td><td>{c.pending}</td><td>{c.total}</td></tr>;
                      })}
                    </tbody>
                  </table>
                </div>
              </section>
              {report.problems && <section><h3>{t('reportProblems')}</h3><p>{report.problems}</p></section>}
              {report.otherMatters && <section><h3>{t('reportOther')}</h3><p>{report.otherMatters}</p></section>}
            </>
          );
        }}
      </QueryView>
    </>
  );
}
