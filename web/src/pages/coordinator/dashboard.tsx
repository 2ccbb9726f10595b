import { useEffect, useState } from 'preact/hooks';
import { useAgencies } from '../../api/agencies';
import { request, useQuery } from '../../api/client';
import {
  StaffAcknowledgeFinding, StaffConfirmReleasePlan, StaffCreateReleasePlan, StaffFindings, StaffLinkDocumentsToPlan, StaffReleasePlans, StaffResolveFinding, StaffRunConsistencyScan,
  type FindingStatus, type StaffFindingsResult, type StaffReleasePlansResult,
} from '../../api/staff-operations.generated';
import { writeFailure } from '../../api/write-failure';
import { RequireRole } from '../../auth/require-role';
import { QueryView } from '../../components/status';
import { formatDate, useI18n } from '../../i18n';

type Plan = StaffReleasePlansResult['releasePlans']['edges'][number]['node'];
type Finding = StaffFindingsResult['consistencyFindings']['edges'][number]['node'];

/** The time now, renewed every `everyMs` (embargo countdowns). */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** An instant in China Standard Time, as the news office reads release times. */
function formatInstant(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}


/** 新闻办: release plans on a timeline with their embargo countdowns, findings with evidence and their handling. */
export function CoordinatorPage() {
  const { t } = useI18n();
  // A change reloads the plans: the timeline is mounted again under a new key, its last message kept here.
  const [plansVersion, setPlansVersion] = useState(0);
  const [planMessage, setPlanMessage] = useState<Message | null>(null);
  return (
    <>
      <h1>{t('coordinatorTitle')}</h1>
      <RequireRole roles={['coordinator']}>
        {() => (
          <>
            <PlanTimeline key={plansVersion} message={planMessage} onChange={(message) => { setPlanMessage(message); if (message.ok) setPlansVersion((v) => v + 1); }} />
            <CreatePlanForm onCreated={() => setPlansVersion((v) => v + 1)} />
            <Findings />
          </>
        )}
      </RequireRole>
    </>
  );
}

/** What the last action on the plans said. */
interface Message { ok: boolean; text: string }

function PlanTimeline(props: { message: Message | null; onChange: (message: Message) => void }) {
  const { t, lang, label } = useI18n();
  const plans = useQuery(StaffReleasePlans, { first: 20 });
  const now = useNow();
  const message = props.message;

  const link = async (event: Event, plan: Plan) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const documentIds = String(form.get('documentIds') ?? '').split(/[\s,，、]+/).filter(Boolean);
    const answer = await request(StaffLinkDocumentsToPlan, { id: plan.id, documentIds });
    const error = writeFailure(answer);
    props.onChange(error ? { ok: false, text: error } : { ok: true, text: t('documentsLinked') });
  };

  const confirm = async (plan: Plan) => {
    const answer = await request(StaffConfirmReleasePlan, { id: plan.id });
    const error = writeFailure(answer);
    props.onChange(error ? { ok: false, text: error } : { ok: true, text: t('planConfirmed') });
  };

  const countdown = (releaseAt: string) => {
    const left = Date.parse(releaseAt) - now;
    if (left <= 0) return t('embargoPassed');
    const minutes = Math.floor(left / 60_000);
    return t('countdown', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 });
  };

  return (
    <section aria-labelledby="plans-heading">
      <h2 id="plans-heading">{t('plansHeading')}</h2>
      {message && <p class={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      <QueryView state={plans}>
        {(data) => data.releasePlans.edges.length === 0 ? <p>{t('noPlans')}</p> : (
          <ol class="timeline" data-testid="plan-timeline">
            {[...data.releasePlans.edges].map((e) => e.node).sort((a, b) => Date.parse(a.releaseAt) - Date.parse(b.releaseAt)).map((plan) => (
              <li key={plan.id} class={`timeline-item plan-${plan.status.toLowerCase()}`}>
                <h3>{plan.title}</h3>
                <p class="meta">
                  <span class="badge">{label('planStatus', plan.status)}</span>{' '}
                  {t('releaseAt')}：<time dateTime={plan.releaseAt}>{formatInstant(plan.releaseAt, lang)}</time>
                  {(plan.status === 'DRAFT' || plan.status === 'CONFIRMED') && <> · <strong data-testid="countdown">{countdown(plan.releaseAt)}</strong></>}
                  {' '}· {t('leadAgency')}：{plan.leadAgency.name}
                </p>
                {plan.failure && <p class="error">{plan.failure}</p>}
                {plan.agreedFacts.length > 0 && <p>{plan.agreedFacts.map((f) => `${f.subject}：${f.value}${f.unit ?? ''}`).join('；')}</p>}
                <div class="table-scroll">
                  <table>
                    <caption class="visually-hidden">{t('participants')}</caption>
                    <thead><tr><th scope="col">{t('participants')}</th><th scope="col">{t('vote')}</th><th scope="col">{t('holdsSynced')}</th><th scope="col">{t('committedAt')}</th><th scope="col">{t('problems')}</th></tr></thead>
                    <tbody>
                      {plan.participants.map((p) => (
                        <tr key={p.agency.code}>
                          <th scope="row">{p.agency.name}</th>
                          <td>{p.vote ? label('vote', p.vote) : '—'}</td>
                          <td>{p.holdsSynced ? t('yes') : t('no')}</td>
                          <td>{formatInstant(p.committedAt, lang)}</td>
                          <td>{[...p.problems, ...(p.lastError ? [p.lastError] : [])].join('；') || '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {plan.documents.length > 0 && (
                  <details>
                    <summary>{t('linkedDocuments')}（{plan.documents.length}）</summary>
                    <ul>
                      {plan.documents.map((d) => (
                        <li key={d.documentId}><code>{d.documentId}</code> {d.state?.title ?? d.title} · {d.agency.name} · {d.state ? (d.state.found && d.state.status ? label('docStatus', d.state.status) : t('notFoundState')) : '—'}</li>
                      ))}
                    </ul>
                  </details>
                )}
                {plan.status === 'DRAFT' && (
                  <>
                    <form class="filters" onSubmit={(e) => void link(e, plan)}>
                      <div class="field">
                        <label for={`link-${plan.id}`}>{t('linkDocuments')}</label>
                        <input id={`link-${plan.id}`} name="documentIds" required aria-describedby={`link-hint-${plan.id}`} />
                        <p id={`link-hint-${plan.id}`} class="hint">{t('linkDocumentsHint')}</p>
                      </div>
                      <div class="field"><button type="submit">{t('link')}</button></div>
                    </form>
                    <button type="button" onClick={() => void confirm(plan)}>{t('confirmPlan')}</button>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </section>
  );
}

function CreatePlanForm(props: { onCreated: () => void }) {
  const { t } = useI18n();
  const agencies = useAgencies();
  const [lead, setLead] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const subject = text('factSubject');
    setBusy(true);
    try {
      const answer = await request(StaffCreateReleasePlan, { input: {
        title: text('title'),
        leadAgency: lead,
        participants: form.getAll('participants').map(String),
        // datetime-local has no zone: the news office schedules in China Standard Time.
        releaseAt: `${text('releaseAt')}:00+08:00`,
        agreedFacts: subject ? [{ subject, value: text('factValue'), unit: text('factUnit') || undefined }] : undefined,
      } });
      const error = writeFailure(answer);
      setMessage(error ? { ok: false, text: error } : { ok: true, text: t('planCreated', { id: answer.data!.createReleasePlan.id }) });
      if (!error) {
        formElement.reset();
        setLead('');
        props.onCreated();
      }
    } catch {
      setMessage({ ok: false, text: t('loadFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-plan-heading">
      <h2 id="create-plan-heading">{t('createPlanHeading')}</h2>
      <form class="form" onSubmit={submit}>
        <div class="field"><label for="plan-title">{t('planTitle')}</label><input id="plan-title" name="title" required /></div>
        <div class="field">
          <label for="plan-lead">{t('leadAgency')}</label>
          <select id="plan-lead" value={lead} required onChange={(e) => setLead((e.currentTarget as HTMLSelectElement).value)}>
            <option value="" disabled>{t('chooseAgency')}</option>
            {agencies.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}
          </select>
        </div>
        <fieldset class="field">
          <legend>{t('planParticipants')}</legend>
          {agencies.filter((a) => a.code !== lead).map((a) => (
            <label key={a.code} class="check"><input type="checkbox" name="participants" value={a.code} /> {a.name}</label>
          ))}
        </fieldset>
        <div class="field"><label for="plan-release">{t('releaseAt')}</label><input id="plan-release" name="releaseAt" type="datetime-local" required /></div>
        <fieldset class="field">
          <legend>{t('agreedFact')}</legend>
          <label for="fact-subject">{t('factSubject')}</label><input id="fact-subject" name="factSubject" />
          <label for="fact-value">{t('factValue')}</label><input id="fact-value" name="factValue" />
          <label for="fact-unit">{t('factUnit')}</label><input id="fact-unit" name="factUnit" />
        </fieldset>
        {message && <p class={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
        <button type="submit" disabled={busy}>{t('createPlan')}</button>
      </form>
    </section>
  );
}

function Findings() {
  const { t } = useI18n();
  const [status, setStatus] = useState<FindingStatus | ''>('OPEN');
  const [version, setVersion] = useState(0);
  const [scan, setScan] = useState<string | null>(null);
  const rescan = async () => {
    const answer = await request(StaffRunConsistencyScan, {});
    const done = answer.data?.runConsistencyScan;
    setScan(done ? t('rescanDone', { documents: done.documents, seen: done.findingsSeen, resolved: done.findingsResolved }) : writeFailure(answer));
    setVersion((v) => v + 1);
  };
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">{t('findingsHeading')}</h2>
      <div class="filters">
        <div class="field">
          <label for="finding-status">{t('findingsFilter')}</label>
          <select id="finding-status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as FindingStatus | '')}>
            <option value="">{t('allStatuses')}</option>
            {(['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const).map((s) => <option key={s} value={s}>{t(`findingStatus_${s}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <button type="button" onClick={() => void rescan()} aria-describedby="rescan-intro">{t('rescan')}</button>
          <p id="rescan-intro" class="hint">{t('rescanIntro')}</p>
        </div>
      </div>
      {scan && <p role="status" class="success">{scan}</p>}
      <FindingList key={`${status}-${version}`} status={status || undefined} onChange={() => setVersion((v) => v + 1)} />
    </section>
  );
}

function FindingList(props: { status?: FindingStatus; onChange: () => void }) {
  const { t } = useI18n();
  const findings = useQuery(StaffFindings, { first: 20, status: props.status });
  return (
    <QueryView state={findings}>
      {(data) => data.consistencyFindings.edges.length === 0 ? <p>{t('noFindings')}</p> : (
        <ul class="findings">
          {data.consistencyFindings.edges.map(({ node }) => <FindingCard key={node.id} finding={node} onChange={props.onChange} />)}
        </ul>
      )}
    </QueryView>
  );
}

function FindingCard(props: { finding: Finding; onChange: () => void }) {
  const { t, lang, label } = useI18n();
  const f = props.finding;
  const [error, setError] = useState<string | null>(null);
  const noteId = `note-${f.id}`;
  const act = async (action: 'acknowledge' | 'resolve') => {
    const note = (document.getElementById(noteId) as HTMLTextAreaElement | null)?.value.trim() || undefined;
    const answer = action === 'acknowledge' ? await request(StaffAcknowledgeFinding, { id: f.id, note }) : await request(StaffResolveFinding, { id: f.id, note });
    const problem = writeFailure(answer);
    setError(problem);
    if (!problem) props.onChange();
  };
  return (
    <li class="finding" data-testid="finding" aria-labelledby={`finding-${f.id}`}>
      <h3 id={`finding-${f.id}`}>
        {label('findingKind', f.kind)} <span class={`badge severity-${f.severity.toLowerCase()}`}>{label('severity', f.severity)}</span> <span class="badge">{label('findingStatus', f.status)}</span>
      </h3>
      <p>{f.detail}</p>
      <p class="meta">{t('firstSeen')}：{formatDate(f.firstSeenAt, lang)}{f.acknowledgedBy && <> · {t('acknowledgedBy')}：{f.acknowledgedBy}</>}{f.resolvedAt && <> · {t('resolvedAt')}：{formatDate(f.resolvedAt, lang)}</>}{f.plan && <> · {f.plan.title}</>}</p>
      {f.note && <p>{t('handlingNote')}：{f.note}</p>}
      <h4>{t('evidence')}</h4>
      {/* Side by side: the conflicting values (or the drifting copies) one column each. */}
      <div class="side-by-side" role="list" aria-label={t('sideBySide')}>
        {f.evidence.map((e, i) => (
          <div role="listitem" class="evidence" key={i}>
            <p class="label">{e.label}</p>
            <p class="value">{e.value}</p>
            <p class="meta">{e.agency?.name ?? ''}{e.documentId && <> · <code>{e.documentId}</code></>}</p>
          </div>
        ))}
      </div>
      <h4>{t('concernedDocuments')}</h4>
      <div class="side-by-side" role="list" aria-label={t('concernedDocuments')}>
        {f.documentLinks.map((d) => (
          <div role="listitem" class="evidence" key={d.documentId}>
            <p class="label">{d.agency.name}</p>
            <p><code>{d.documentId}</code></p>
            {d.state && (d.state.found ? (
              <>
                <p>{d.state.title} {d.state.docNumber && `（${d.state.docNumber}）`}</p>
                <p class="meta">{d.state.status ? label('docStatus', d.state.status) : ''} · {formatDate(d.state.publishedAt, lang)}{d.state.contentHash && <> · <code title={d.state.contentHash}>{d.state.contentHash.slice(0, 12)}</code></>}</p>
              </>
            ) : <p>{t('notFoundState')}</p>)}
          </div>
        ))}
      </div>
      {f.status !== 'RESOLVED' && (
        <div class="finding-actions">
          <div class="field"><label for={noteId}>{t('handlingNote')}</label><textarea id={noteId} rows={2} /></div>
          {f.status === 'OPEN' && <button type="button" onClick={() => void act('acknowledge')}>{t('acknowledge')}</button>}{' '}
          <button type="button" onClick={() => void act('resolve')}>{t('resolve')}</button>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </li>
  );
}
