import { useEffect, useState } from 'preact/hooks';
import { chinaDate } from '../../../../subgraphs/shared/clock';
import { request, useQuery, type GraphQLErrorShape } from '../../api/client';
import { StaffDocuments, StaffRequests, StaffSupervision, StaffSupervisionMonth, type StaffSupervisionMonthResult, type StaffSupervisionResult } from '../../api/staff-operations.generated';
import { RequireRole } from '../../auth/require-role';
import { AgencyBanner } from '../../components/agency-banner';
import { Chart } from '../../components/chart';
import { QueryView } from '../../components/status';
import { formatDate, useI18n, type MessageKey } from '../../i18n';
import { download } from '../../download';
import { csvText } from './csv';

type AgencyRow = StaffSupervisionResult['agencies'][number];
type Figures = NonNullable<AgencyRow['supervision']>;
/** An agency whose deployment answered: it has figures. */
type AnsweredRow = AgencyRow & { supervision: Figures };
/** An agency whose deployment did not answer has no figures: the banner names it, the map and tables leave it out. */
const answered = (agencies: AgencyRow[]) => agencies.filter((a): a is AnsweredRow => !!a.supervision);

/** The heat map's columns: the figures that say an agency is (or was) late. */
const LATE_COLUMNS = ['documentsOverdue', 'documentsDueSoon', 'documentsPublishedLate', 'requestsOverdue', 'requestsDueSoon', 'requestsRepliedLate'] as const;

/** Months of the trend, ending with the current one. */
const TREND_MONTHS = 6;

/** The first and last day of each of the last `count` months up to `today` (a Date string), oldest first. */
export function lastMonths(today: string, count: number): { month: string; from: string; to: string }[] {
  const [year, month] = today.split('-').map(Number);
  const out: { month: string; from: string; to: string }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = new Date(Date.UTC(year, month - 1 - i, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    out.push({ month: iso(start).slice(0, 7), from: iso(start), to: i === 0 ? today : iso(end) });
  }
  return out;
}

/** 电子监察: every agency's late items as a heat map and a table, the province's monthly trend, the late items listed and exported. */
export function SupervisionPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('supervisionTitle')}</h1>
      <RequireRole roles={['supervisor', 'coordinator']}>{() => <SupervisionContent />}</RequireRole>
    </>
  );
}

function SupervisionContent() {
  const { t } = useI18n();
  const today = chinaDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const figures = useQuery(StaffSupervision, { from, to });
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field"><label for="period-from">{t('periodFrom')}</label><input id="period-from" type="date" value={from} max={to} onChange={(e) => setFrom((e.currentTarget as HTMLInputElement).value)} /></div>
        <div class="field"><label for="period-to">{t('periodTo')}</label><input id="period-to" type="date" value={to} min={from} onChange={(e) => setTo((e.currentTarget as HTMLInputElement).value)} /></div>
      </form>
      <QueryView state={figures}>{(data) => (
        <>
          <section aria-labelledby="heatmap-heading">
            <h2 id="heatmap-heading">{t('heatmapHeading')}</h2>
            <AgencyHeatmap rows={answered(data.agencies)} />
          </section>
          <NoticeDuties rows={answered(data.agencies)} />
        </>
      )}</QueryView>
      <Trend today={today} />
      <LateItems from={from} to={to} />
    </>
  );
}

function AgencyHeatmap({ rows }: { rows: AnsweredRow[] }) {
  const { t } = useI18n();
  const cells = rows.flatMap((a, y) => LATE_COLUMNS.map((c, x) => [x, y, a.supervision[c]]));
  const max = Math.max(1, ...cells.map((c) => c[2]));
  return (
    <>
      <Chart testId="chart-heatmap" label={t('heatmapLabel')} option={{
        tooltip: {}, grid: { containLabel: true, left: 8, right: 8, top: 8, bottom: 64 },
        xAxis: { type: 'category', data: LATE_COLUMNS.map((c) => t(`col_${c}`)), axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: 'category', data: rows.map((a) => a.name) },
        visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fff7e6', '#f5a623', '#b71c1c'] } },
        series: [{ type: 'heatmap', data: cells, label: { show: true } }],
      }} />
      <div class="table-scroll">
        <table data-testid="supervision-table">
          <caption class="visually-hidden">{t('heatmapLabel')}</caption>
          <thead><tr><th scope="col">{t('agency')}</th>{LATE_COLUMNS.map((c) => <th key={c} scope="col">{t(`col_${c}`)}</th>)}<th scope="col">{t('col_publishMedian')}</th><th scope="col">{t('col_replyMedian')}</th></tr></thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.code}>
                <th scope="row">{a.name}</th>
                {LATE_COLUMNS.map((c) => <td key={c} class={a.supervision[c] > 0 && !c.endsWith('DueSoon') ? 'late' : undefined}>{a.supervision[c]}</td>)}
                <td>{a.supervision.publishDaysMedian ?? '—'}</td>
                <td>{a.supervision.replyDaysMedian ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The 2014 notice's duties per agency: expedited releases (within the hour or late) and training coverage. */
function NoticeDuties({ rows }: { rows: AnsweredRow[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="duties-heading">
      <h2 id="duties-heading">{t('noticeDuties')}</h2>
      <div class="table-scroll">
        <table data-testid="duties-table">
          <thead><tr>
            <th scope="col">{t('agency')}</th><th scope="col">{t('col_expeditedReleases')}</th><th scope="col">{t('col_expeditedWithinHour')}</th>
            <th scope="col">{t('col_expeditedLate')}</th><th scope="col">{t('col_trainingSessions')}</th><th scope="col">{t('col_trainingCoverage')}</th>
            <th scope="col">{t('col_disclosureStaffTrainings')}</th>
          </tr></thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.code}>
                <th scope="row">{a.name}</th>
                <td>{a.supervision.expeditedReleases}</td><td>{a.supervision.expeditedWithinHour}</td>
                <td class={a.supervision.expeditedLate > 0 ? 'late' : undefined}>{a.supervision.expeditedLate}</td>
                <td>{a.supervision.trainingSessions}</td>
                <td>{a.supervision.trainingCoverage === null ? '—' : `${Math.round(a.supervision.trainingCoverage * 100)}%`}</td>
                <td class={a.supervision.disclosureStaffTrainings === 0 ? 'late' : undefined}>{a.supervision.disclosureStaffTrainings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Trend(props: { today: string }) {
  const { t } = useI18n();
  const months = lastMonths(props.today, TREND_MONTHS);
  const [answers, setAnswers] = useState<{ data: StaffSupervisionMonthResult | null; errors: GraphQLErrorShape[] }[] | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all(months.map((m) => request(StaffSupervisionMonth, { from: m.from, to: m.to }))).then((list) => live && setAnswers(list), () => live && setAnswers([]));
    return () => void (live = false);
  }, [props.today]);
  const value = (i: number, key: 'documentsPublishedLate' | 'requestsRepliedLate') => answers?.[i]?.data?.provinceSupervision?.[key] ?? 0;
  return (
    <section aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t('trendHeading')}</h2>
      {answers === null ? <p role="status" class="muted">{t('loading')}</p> : (
        <>
          <AgencyBanner errors={answers.flatMap((a) => a.errors)} />
          <Chart testId="chart-trend" label={t('trendLabel')} option={{
            tooltip: { trigger: 'axis' }, legend: {}, grid: { containLabel: true, left: 8, right: 8 },
            xAxis: { type: 'category', data: months.map((m) => m.month) }, yAxis: { type: 'value', minInterval: 1 },
            series: [
              { type: 'line', name: t('trendLatePublished'), data: months.map((_, i) => value(i, 'documentsPublishedLate')) },
              { type: 'line', name: t('trendLateReplied'), data: months.map((_, i) => value(i, 'requestsRepliedLate')) },
            ],
          }} />
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{t('trendLabel')}</caption>
              <thead><tr><th scope="col">{t('month')}</th><th scope="col">{t('trendLatePublished')}</th><th scope="col">{t('trendLateReplied')}</th></tr></thead>
              <tbody>{months.map((m, i) => <tr key={m.month}><th scope="row">{m.month}</th><td>{value(i, 'documentsPublishedLate')}</td><td>{value(i, 'requestsRepliedLate')}</td></tr>)}</tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** One late item as listed and exported. */
interface LateItem { kind: MessageKey; id: string; agency: string; title: string; dueOn: string | null; date: string | null }

function LateItems(props: { from: string; to: string }) {
  const { t, lang, label } = useI18n();
  const requests = useQuery(StaffRequests, { first: 100, filter: { overdue: true } });
  // Documents published in the period, the late ones kept (`overdue` on a published document: it went out after its due date).
  const documents = useQuery(StaffDocuments, { first: 100, filter: { publishedFrom: props.from, publishedTo: props.to } });
  // Documents not yet published (supervisors see them), the ones past their due date kept.
  const pending = useQuery(StaffDocuments, { first: 100, filter: { status: ['DRAFT', 'IN_REVIEW', 'APPROVED'] } });
  const lateDocuments = [...(pending.data?.documents.edges ?? []), ...(documents.data?.documents.edges ?? [])].filter(({ node }) => node.overdue);
  const items: LateItem[] = [
    ...(requests.data?.disclosureRequests.edges ?? []).map(({ node }) => ({ kind: 'kindRequest' as const, id: node.id, agency: node.agency.name, title: label('status', node.status), dueOn: node.replyDueOn, date: node.receivedOn ?? node.submittedOn })),
    ...lateDocuments.map(({ node }) => ({ kind: 'kindDocument' as const, id: node.id, agency: node.agency.name, title: `${node.title}（${label('docStatus', node.status)}）`, dueOn: node.publishDueOn, date: node.publishedAt })),
  ];
  const exportCsv = () => {
    const header = [t('itemKind'), t('itemId'), t('agency'), t('itemTitle'), t('dueOn'), t('received') + ' / ' + t('publishedOn')];
    download(`late-items-${props.from}-${props.to}.csv`, csvText([header, ...items.map((i) => [t(i.kind), i.id, i.agency, i.title, i.dueOn, i.date?.slice(0, 10)])]), 'text/csv;charset=utf-8');
  };
  return (
    <section aria-labelledby="late-heading">
      <h2 id="late-heading">{t('lateItemsHeading')}</h2>
      <QueryView state={requests}>
        {() => (
          <QueryView state={{ ...documents, errors: [...documents.errors, ...pending.errors], loading: documents.loading || pending.loading }}>
            {() => items.length === 0 ? <p>{t('noLateItems')}</p> : (
              <>
                <button type="button" onClick={exportCsv}>{t('exportCsv')}</button>
                <div class="table-scroll">
                  <table data-testid="late-items">
                    <caption class="visually-hidden">{t('lateItemsHeading')}</caption>
                    <thead><tr><th scope="col">{t('itemKind')}</th><th scope="col">{t('itemId')}</th><th scope="col">{t('agency')}</th><th scope="col">{t('itemTitle')}</th><th scope="col">{t('dueOn')}</th></tr></thead>
                    <tbody>
                      {items.map((i) => (
                        <tr key={i.id}><td>{t(i.kind)}</td><td><code>{i.id}</code></td><td>{i.agency}</td><td>{i.title}</td><td>{formatDate(i.dueOn, lang)}</td></tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </QueryView>
        )}
      </QueryView>
    </section>
  );
}
