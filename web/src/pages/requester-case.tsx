import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { PortalRequesterCase, request, type PortalRequesterCaseResult } from '../api/client';
import { download, downloadLetterPdf } from '../download';
import { formatDate, useI18n } from '../i18n';
import { useLocation } from '../router';

type RequesterCase = PortalRequesterCaseResult['requesterCase'];
type Letter = RequesterCase['letters'][number];
type ReleasedFile = RequesterCase['releasedFiles'][number];

/** The header a released file's download carries the PIN in (schema/contracts/request-files.ts, which pulls in node modules). */
const REQUESTER_PIN_HEADER = 'x-requester-pin';

/**
 * 在线查看答复和告知书: the requester's own case — its progress, the reply, the agency's letters
 * to them and the information released with the reply — opened with the tracking code and the
 * access PIN of the receipt. The PIN is sent in the request's body, and in a header of each file
 * download: never in the address, kept only in the page's memory while the case is shown.
 */
export function RequesterCasePage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const [pinError, setPinError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<{ requesterCase: RequesterCase; pin: string } | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setPinError(null);
    setFormError(null);
    setFound(null);
    try {
      const pin = String(form.get('pin') ?? '').trim();
      const answer = await request(PortalRequesterCase, { trackingCode: String(form.get('code') ?? '').trim(), pin });
      // A wrong code or PIN, and a lockout after too many, are the PIN field's error (bilingual from
      // the API). A refused field comes back null beside its error, so the errors decide.
      const refusal = answer.errors.find((e) => e.extensions?.field === 'pin');
      if (refusal) {
        setPinError(refusal.message);
        document.getElementById('pin')?.focus();
      } else if (answer.data?.requesterCase) setFound({ requesterCase: answer.data.requesterCase, pin });
      else setFormError(answer.errors.map((e) => e.message).join(' '));
    } catch {
      setFormError(t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('caseTitle')}</h1>
      <p class="intro">{t('caseIntro')}</p>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="code">{t('trackingCode')}</label>
          <input id="code" name="code" defaultValue={query.get('code')?.trim() ?? ''} required autoComplete="off" spellcheck={false} />
        </div>
        <div class="field">
          <label for="pin">{t('accessPinField')}</label>
          <input id="pin" name="pin" type="password" inputMode="numeric" maxLength={8} required autoComplete="off"
            aria-invalid={pinError ? 'true' : undefined} aria-describedby={pinError ? 'pin-error' : undefined} />
          {pinError && <p id="pin-error" class="field-error" role="alert">{pinError}</p>}
        </div>
        {formError && <p class="error" role="alert">{formError}</p>}
        <button type="submit" disabled={busy}>{t('openCase')}</button>
      </form>
      {found && <CaseView found={found.requesterCase} pin={found.pin} />}
    </>
  );
}

/** The case as the requester reads it: the reply clock's dates, the outcome, the reply, the letters and the released files. */
function CaseView(props: { found: RequesterCase; pin: string }) {
  const { t, lang, label } = useI18n();
  const c = props.found;
  const heading = useRef<HTMLHeadingElement>(null);
  // The result replaces the form's focus once, when it arrives (not on every later render), in the
  // same frame as it is drawn: an effect after paint leaves a moment where the heading is shown and
  // the focus is nowhere (the submit button was disabled while the case loaded).
  useLayoutEffect(() => heading.current?.focus(), [c]);
  return (
    <section aria-labelledby="case-heading">
      <h2 id="case-heading" tabIndex={-1} ref={heading}>{t('caseOf', { code: c.trackingCode })}</h2>
      <dl class="fields">
        <div><dt>{t('status')}</dt><dd data-testid="case-status">{label('status', c.status)}</dd></div>
        <div><dt>{t('submittedOn')}</dt><dd>{formatDate(c.submittedOn, lang)}</dd></div>
        <div><dt>{t('receivedOn')}</dt><dd>{c.receivedOn ? formatDate(c.receivedOn, lang) : t('receivedPending')}</dd></div>
        <div><dt>{t('replyDueOn')}</dt><dd>{formatDate(c.replyDueOn, lang)}</dd></div>
        {c.closedOn && <div><dt>{t('closedOn')}</dt><dd>{formatDate(c.closedOn, lang)}</dd></div>}
        {c.outcome && <div><dt>{t('outcome')}</dt><dd data-testid="case-outcome">{label('outcome', c.outcome)}</dd></div>}
        <div><dt>{t('deliveryMethod')}</dt><dd>{label('delivery', c.deliveryMethod ?? 'UNSET')}</dd></div>
      </dl>
      {c.responseText && (
        <>
          <h3>{t('responseText')}</h3>
          <div class="answer pre-wrapped" data-testid="response-text">{c.responseText}</div>
        </>
      )}
      <h3>{t('letters')}</h3>
      {c.letters.length === 0 ? <p>{t('noLetters')}</p> : (
        <ul class="letters">{c.letters.map((letter) => <LetterItem key={letter.id} letter={letter} />)}</ul>
      )}
      {c.releasedFiles.length > 0 && (
        <>
          <h3>{t('releasedFiles')}</h3>
          <ul class="letters">{c.releasedFiles.map((file) => <ReleasedFileItem key={file.number} file={file} pin={props.pin} />)}</ul>
        </>
      )}
    </section>
  );
}

/** One letter: its title, dates and delivery, its PDF to download and its text on request. */
function LetterItem(props: { letter: Letter }) {
  const { t, lang, label } = useI18n();
  const [showText, setShowText] = useState(false);
  const { letter } = props;
  // Ids carry the agency prefix ("fjdrc:…"): keep them to characters an id reference takes as they are.
  const idBase = `letter-${letter.id.replace(/[^\w-]/g, '-')}`;
  return (
    <li data-testid="letter">
      <h4 id={`${idBase}-title`}>{letter.title}</h4>
      <p class="meta">
        {t('letterIssuedOn')}：{formatDate(letter.issuedOn, lang)} · {t('letterDelivery')}：
        {letter.deliveredOn ? t('letterDelivered', { date: formatDate(letter.deliveredOn, lang), method: label('delivery', letter.deliveryMethod ?? 'UNSET') }) : t('letterNotDelivered')}
      </p>
      <p class="actions">
        <button type="button" aria-describedby={`${idBase}-title`}
          onClick={() => downloadLetterPdf(letter)}>{t('letterDownload')}</button>
        {' '}
        <button type="button" aria-expanded={showText} aria-controls={`${idBase}-text`} aria-describedby={`${idBase}-title`}
          onClick={() => setShowText((shown) => !shown)}>{t(showText ? 'letterHideText' : 'letterShowText')}</button>
      </p>
      <div id={`${idBase}-text`} class="pre-wrapped" hidden={!showText}>{letter.text}</div>
    </li>
  );
}

/**
 * One file released with the reply: its number, name and size, and a button that fetches it with
 * the PIN in its header (never in the address) and offers it as a download.
 */
function ReleasedFileItem(props: { file: ReleasedFile; pin: string }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { file } = props;
  const titleId = `released-file-${file.number}`;
  const fetchFile = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(file.downloadPath, { headers: { [REQUESTER_PIN_HEADER]: props.pin } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
        setError(t('releasedFileFailed', { reason: body?.errors?.[0]?.message ?? `HTTP ${response.status}` }));
        return;
      }
      download(file.fileName, await response.blob(), file.mediaType);
    } catch {
      setError(t('releasedFileFailed', { reason: t('loadFailed') }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-testid="released-file">
      <h4 id={titleId}>{file.number}. {file.fileName}</h4>
      <p class="meta">{t('releasedFileSize', { bytes: String(file.bytes) })}</p>
      <p class="actions">
        <button type="button" aria-describedby={titleId} disabled={busy} onClick={fetchFile}>{t('releasedFileDownload')}</button>
      </p>
      {error && <p class="error" role="alert">{error}</p>}
    </li>
  );
}
