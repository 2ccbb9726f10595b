import { useState } from 'preact/hooks';
import { chinaDate } from '../../../../subgraphs/shared/clock';
import { request, useQuery } from '../../api/client';
import { useWrite } from '../../api/use-write';
import { writeFailure } from '../../api/write-failure';
import {
  StaffIssueRequesterPin, StaffLettersToPrint, StaffRecordLetterHandedOver, StaffReplyToRequest, StaffRequests, type RequestOutcome, type StaffLettersToPrintResult, type StaffRequestsResult,
} from '../../api/staff-operations.generated';
import { RequireRole } from '../../auth/require-role';
import { bearerToken, type StaffSession } from '../../auth/session';
import { QueryView } from '../../components/status';
import { downloadLetterPdf } from '../../download';
import { formatDate, useI18n } from '../../i18n';

type Row = StaffRequestsResult['disclosureRequests']['edges'][number]['node'];
type LetterToPrint = StaffLettersToPrintResult['lettersToPrint'][number];

/** The outcomes offered in the reply form (the common ones; the API knows every row of the national table). */
const OUTCOMES: RequestOutcome[] = ['DISCLOSED', 'PARTLY_DISCLOSED', 'CANNOT_PROVIDE_NOT_HELD', 'CANNOT_PROVIDE_STILL_UNCLEAR', 'NOT_DISCLOSED_INTERNAL_AFFAIRS', 'NOT_DISCLOSED_PROCESS_INFORMATION', 'OTHER'];

/** Calendar days from `from` to `to` (both Date strings). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** A disclosure officer's day: the agency's open requests, soonest due first, each with a reply form; the letters to print and hand over. */
export function StaffRequestsPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('requestsTitle')}</h1>
      <RequireRole roles={['disclosure-officer', 'admin']}>{(session) => <><Queue session={session} /><LettersToPrint /></>}</RequireRole>
    </>
  );
}

function Queue(props: { session: StaffSession }) {
  const { t } = useI18n();
  // A reply reloads the queue: the list is mounted again under a new key.
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="due-heading">
      <h2 id="due-heading">{t('dueSoonHeading')}</h2>
      {message && <p class="success" role="status">{message}</p>}
      <QueueList key={version} agency={props.session.agency} onReplied={() => { setMessage(t('replied')); setVersion((v) => v + 1); }} />
    </section>
  );
}

function QueueList(props: { agency: string | null; onReplied: () => void }) {
  const { t, lang, label } = useI18n();
  const [replying, setReplying] = useState<string | null>(null);
  const today = chinaDate(new Date());
  const requests = useQuery(StaffRequests, { first: 100, filter: { agencies: props.agency ? [props.agency] : undefined, status: ['AWAITING_RECEIPT', 'PROCESSING', 'AWAITING_SUPPLEMENT', 'IN_CONSULTATION'] } });
  return (
      <QueryView state={requests}>
        {(data) => {
          const rows = [...data.disclosureRequests.edges].map((e) => e.node).sort((a, b) => (a.replyDueOn ?? '9999').localeCompare(b.replyDueOn ?? '9999'));
          return rows.length === 0 ? <p>{t('noItems')}</p> : (
            <ul class="request-queue" data-testid="request-queue">
              {rows.map((row) => (
                <li key={row.id}>
                  <h3>{row.trackingCode ?? row.id} <span class="badge">{label('status', row.status)}</span>{row.overdue && <> <span class="badge late">{t('overdueBadge')}</span></>}</h3>
                  <p class="meta">
                    {t('dueOn')}：{formatDate(row.replyDueOn, lang)}{row.replyDueOn && !row.overdue && <>（{t('daysLeft', { n: daysBetween(today, row.replyDueOn) })}）</>}
                    {' '}· {t('received')}：{formatDate(row.receivedOn ?? row.submittedOn, lang)} · {t('requester')}：{row.requesterName ?? '—'}（{label('kind', row.requesterKind)}）
                  </p>
                  {row.description && <blockquote>{row.description}</blockquote>}
                  {row.status === 'PROCESSING' && (replying === row.id
                    ? <ReplyForm row={row} today={today} onDone={props.onReplied} />
                    : <button type="button" onClick={() => setReplying(row.id)}>{t('replyHeading')}</button>)}
                  <ReleaseFileUpload requestId={row.id} />
                  <NewPin requestId={row.id} />
                </li>
              ))}
            </ul>
          );
        }}
      </QueryView>
  );
}

/** A released file as the upload answers it. */
interface UploadedFile {
  number: number;
  fileName: string;
  bytes: number;
}

/**
 * 随答复提供的政府信息: a disclosure officer uploads a file to release with the reply (its bytes as
 * the body of `POST /request-files/<id>`, docs/api.md); the reply letter lists each one.
 */
function ReleaseFileUpload(props: { requestId: string }) {
  const { t } = useI18n();
  const [uploaded, setUploaded] = useState<UploadedFile[]>([]);
  const write = useWrite();
  const inputId = `release-file-${props.requestId.replace(/[^\w-]/g, '-')}`;
  const upload = async (event: Event) => {
    event.preventDefault();
    const file = (document.getElementById(inputId) as HTMLInputElement).files?.[0];
    if (!file) return;
    await write.run(async () => {
      const token = bearerToken();
      const response = await fetch(`/request-files/${props.requestId}?fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
      const body = (await response.json().catch(() => null)) as { releasedFile?: UploadedFile; errors?: { message: string }[] } | null;
      const answered = body?.releasedFile;
      if (!answered) return body?.errors?.[0]?.message ?? `HTTP ${response.status}`;
      setUploaded((files) => [...files.filter((f) => f.number !== answered.number), answered]);
      return null;
    });
  };
  return (
    <form class="release-file" onSubmit={upload}>
      <label for={inputId}>{t('releaseFileField')}</label>{' '}
      <input id={inputId} type="file" required />{' '}
      <button type="submit" disabled={write.busy}>{t('releaseFileUpload')}</button>
      {uploaded.map((f) => <p key={f.number} class="success" role="status" data-testid="released-file-uploaded">{t('releaseFileUploaded', { number: String(f.number), fileName: f.fileName, bytes: String(f.bytes) })}</p>)}
      {write.error && <p class="error" role="alert">{write.error}</p>}
    </form>
  );
}

/** 重新发放查询密码: a new PIN for the requester's page (the old one stops working), shown here once to give to the requester. */
function NewPin(props: { requestId: string }) {
  const { t } = useI18n();
  const [pin, setPin] = useState<string | null>(null);
  const write = useWrite();
  const issue = () => write.run(async () => {
    const answer = await request(StaffIssueRequesterPin, { id: props.requestId });
    const problem = writeFailure(answer);
    if (!problem) setPin(answer.data!.issueRequesterPin);
    return problem;
  });
  if (pin) return <p class="success" role="status">{t('newPinIssued')}<strong data-testid="new-pin">{pin}</strong></p>;
  return (
    <p>
      <button type="button" disabled={write.busy} onClick={issue}>{t('issueNewPin')}</button>
      {write.error && <span class="error" role="alert"> {write.error}</span>}
    </p>
  );
}

function ReplyForm(props: { row: Row; today: string; onDone: () => void }) {
  const { t, label } = useI18n();
  const write = useWrite();
  const prefix = `reply-${props.row.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const replied = await write.run(async () => writeFailure(await request(StaffReplyToRequest, {
      id: props.row.id, on: String(form.get('on')), outcome: String(form.get('outcome')) as RequestOutcome, responseText: String(form.get('responseText') ?? '').trim(),
    })));
    if (replied) props.onDone();
  };
  return (
    <form class="form" onSubmit={submit} aria-label={t('replyHeading')}>
      <div class="field">
        <label for={`${prefix}-outcome`}>{t('replyOutcome')}</label>
        <select id={`${prefix}-outcome`} name="outcome">{OUTCOMES.map((o) => <option key={o} value={o}>{label('outcome', o)}</option>)}</select>
      </div>
      <div class="field"><label for={`${prefix}-on`}>{t('replyOn')}</label><input id={`${prefix}-on`} name="on" type="date" required defaultValue={props.today} /></div>
      <div class="field"><label for={`${prefix}-text`}>{t('replyText')}</label><textarea id={`${prefix}-text`} name="responseText" rows={4} required /></div>
      {write.error && <p class="error" role="alert">{write.error}</p>}
      <button type="submit" disabled={write.busy}>{t('sendReply')}</button>
    </form>
  );
}

/** 待打印交付的告知书: the letters to requesters that go on paper, until each is recorded as handed over. */
function LettersToPrint() {
  const { t } = useI18n();
  // A recorded hand-over reloads the list: it is mounted again under a new key.
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="letters-heading">
      <h2 id="letters-heading">{t('lettersToPrintHeading')}</h2>
      {message && <p class="success" role="status">{message}</p>}
      <LettersToPrintList key={version} onHandedOver={() => { setMessage(t('letterHandedOver')); setVersion((v) => v + 1); }} />
    </section>
  );
}

function LettersToPrintList(props: { onHandedOver: () => void }) {
  const { t } = useI18n();
  const today = chinaDate(new Date());
  const letters = useQuery(StaffLettersToPrint, {});
  return (
    <QueryView state={letters}>
      {(data) => data.lettersToPrint.length === 0 ? <p>{t('noItems')}</p> : (
        <ul class="request-queue" data-testid="letters-to-print">
          {data.lettersToPrint.map((letter) => <LetterToPrintItem key={letter.id} letter={letter} today={today} onDone={props.onHandedOver} />)}
        </ul>
      )}
    </QueryView>
  );
}

function LetterToPrintItem(props: { letter: LetterToPrint; today: string; onDone: () => void }) {
  const { t, lang, label } = useI18n();
  const write = useWrite();
  const { letter } = props;
  const prefix = `print-${letter.id.replace(/[^\w-]/g, '-')}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    if (await write.run(async () => writeFailure(await request(StaffRecordLetterHandedOver, { id: letter.id, on: String(form.get('on')) })))) props.onDone();
  };
  return (
    <li>
      <h3 id={`${prefix}-title`}>{letter.title}</h3>
      <p class="meta">
        {t('letterIssuedOn')}：{formatDate(letter.issuedOn, lang)} · {t('letterRequest')}：{letter.requestId} · {t('deliveryMethod')}：{label('delivery', letter.deliveryMethod ?? 'UNSET')}
      </p>
      {letter.emailRefused && <p class="error">{t('letterEmailRefused', { reason: letter.emailRefused })}</p>}
      <p><button type="button" aria-describedby={`${prefix}-title`} onClick={() => downloadLetterPdf(letter)}>{t('letterDownload')}</button></p>
      <form class="filters" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
        <div class="field"><label for={`${prefix}-on`}>{t('handedOverOn')}</label><input id={`${prefix}-on`} name="on" type="date" required defaultValue={props.today} /></div>
        <div class="field"><button type="submit" disabled={write.busy}>{t('recordHandedOver')}</button></div>
      </form>
      {write.error && <p class="error" role="alert">{write.error}</p>}
    </li>
  );
}
