import { useState } from 'preact/hooks';
import { creditCodeProblem, deliveryEmailProblem, residentIdProblem } from '../../../subgraphs/shared/identifiers';
import { chinaDate } from '../../../subgraphs/shared/clock';
import { PortalRequestTracking, PortalSubmitRequest, request, useQuery, type DeliveryMethod, type GraphQLErrorShape, type PortalSubmitRequestResult, type RequesterKind } from '../api/client';
import { AgencySelect } from '../components/agency-select';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { formatDate, useI18n, type MessageKey } from '../i18n';
import { navigate, useLocation } from '../router';

/** 获取方式 in the order the form offers them (the API's DeliveryMethod). */
const DELIVERY_METHODS: DeliveryMethod[] = ['ONLINE', 'EMAIL', 'PAPER_BY_POST', 'PAPER_COLLECTED', 'DISC', 'FAX', 'INSPECTION'];

const KINDS: RequesterKind[] = ['NATURAL_PERSON', 'COMMERCIAL_ENTERPRISE', 'RESEARCH_INSTITUTION', 'PUBLIC_INTEREST_ORGANISATION', 'LEGAL_SERVICE_ORGANISATION', 'OTHER_ORGANISATION'];

/**
 * What is wrong with the identity number for this kind of requester, in both languages (a citizen
 * may read either), or null: the same checks, from the same module, as the agency applies.
 */
export function identityProblem(kind: RequesterKind, value: string): string | null {
  const raw = value.trim().toUpperCase();
  if (!raw) {
    if (kind === 'OTHER_ORGANISATION') return null;
    return kind === 'NATURAL_PERSON' ? '自然人申请须填写公民身份号码 / A natural person must give a resident identity number'
      : '法人或其他组织申请须填写统一社会信用代码 / An organisation must give its unified social credit code';
  }
  const problem = kind === 'NATURAL_PERSON' ? residentIdProblem(raw, chinaDate(new Date())) : creditCodeProblem(raw);
  return problem ? `${problem.zh} / ${problem.en}` : null;
}

/** What is wrong with the e-mail delivery address, in both languages, or null: the agency's own check. */
function emailProblem(value: string): string | null {
  const problem = deliveryEmailProblem(value);
  return problem ? `${problem.zh} / ${problem.en}` : null;
}

type Fields = 'agency' | 'requesterName' | 'idNumber' | 'contact' | 'description' | 'deliveryMethod' | 'deliveryEmail';

/** 依申请公开: the request form with live checks, then the receipt with its tracking code and, shown this once, its access PIN. */
export function RequestPage() {
  const { t, lang, label } = useI18n();
  const [agency, setAgency] = useState('');
  const [kind, setKind] = useState<RequesterKind>('NATURAL_PERSON');
  const [idNumber, setIdNumber] = useState('');
  const [touched, setTouched] = useState(false);
  const [delivery, setDelivery] = useState<DeliveryMethod | ''>('');
  const [email, setEmail] = useState('');
  const [emailTouched, setEmailTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<Fields, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PortalSubmitRequestResult['submitDisclosureRequest'] | null>(null);
  const idLive = touched || idNumber.length >= 18 ? identityProblem(kind, idNumber) : null;
  // The address is checked once the reader has left the field (or tried to submit), then as they type.
  const emailLive = delivery === 'EMAIL' && (emailTouched || touched) ? emailProblem(email) : null;
  const idLabel: MessageKey = kind === 'NATURAL_PERSON' ? 'idNumberPerson' : 'idNumberOrganisation';

  const submit = async (event: Event) => {
    event.preventDefault();
    setTouched(true);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    if (identityProblem(kind, idNumber)) {
      document.getElementById('idNumber')?.focus();
      return;
    }
    if (delivery === 'EMAIL' && emailProblem(email)) {
      document.getElementById('deliveryEmail')?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    setServerErrors({});
    try {
      const answer = await request(PortalSubmitRequest, {
        input: {
          agency, requesterKind: kind, idNumber: idNumber.trim().toUpperCase() || undefined, channel: 'ONLINE',
          requesterName: String(form.get('requesterName') ?? ''), contact: String(form.get('contact') ?? ''), description: String(form.get('description') ?? ''),
          deliveryMethod: delivery || undefined, deliveryEmail: delivery === 'EMAIL' ? email.trim() : undefined,
        },
      });
      if (answer.data) setReceipt(answer.data.submitDisclosureRequest);
      else showErrors(answer.errors);
    } catch {
      setFormError(t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };
  const showErrors = (errors: GraphQLErrorShape[]) => {
    const byField: Partial<Record<Fields, string>> = {};
    const rest: string[] = [];
    for (const e of errors) {
      const field = e.extensions?.field as Fields | undefined;
      if (field && ['agency', 'requesterName', 'idNumber', 'contact', 'description', 'deliveryMethod', 'deliveryEmail'].includes(field)) byField[field] = e.message;
      else rest.push(e.message);
    }
    setServerErrors(byField);
    setFormError(rest.join(' ') || (Object.keys(byField).length ? t('formHasErrors') : null));
  };

  if (receipt) {
    return (
      <section aria-labelledby="receipt-heading" class="receipt">
        <h1 id="receipt-heading" tabIndex={-1} ref={(el) => el?.focus()}>{t('receiptTitle')}</h1>
        <dl class="fields">
          <div><dt>{t('trackingCode')}</dt><dd data-testid="tracking-code"><strong>{receipt.trackingCode}</strong></dd></div>
          <div><dt>{t('accessPin')}</dt><dd data-testid="access-pin"><strong>{receipt.accessPin}</strong></dd></div>
          <div><dt>{t('handlingAgency')}</dt><dd>{receipt.agency.name}</dd></div>
          <div><dt>{t('receivedOn')}</dt><dd>{receipt.receivedOn ? formatDate(receipt.receivedOn, lang) : t('receivedPending')}</dd></div>
          <div><dt>{t('replyDueOn')}</dt><dd>{receipt.replyDueOn ? formatDate(receipt.replyDueOn, lang) : '—'}</dd></div>
          <div><dt>{t('deliveryMethod')}</dt><dd data-testid="delivery-method">{label('delivery', receipt.deliveryMethod ?? 'UNSET')}</dd></div>
        </dl>
        <p>{t('receiptKeep')}</p>
        <p class="banner">{t('accessPinNote')}</p>
        <p><Link href={`/request/progress?code=${encodeURIComponent(receipt.trackingCode)}`}>{t('checkProgress')}</Link></p>
        <p><Link href={`/request/case?code=${encodeURIComponent(receipt.trackingCode)}`}>{t('readCaseOnline')}</Link></p>
      </section>
    );
  }

  const describedError = (field: Fields, live?: string | null) => {
    const message = live ?? serverErrors[field];
    return message ? <p id={`${field}-error`} class="field-error" role="alert">{message}</p> : null;
  };
  return (
    <>
      <h1>{t('navRequest')}</h1>
      <p class="intro">{t('requestIntro')}</p>
      <p><Link href="/request/progress">{t('checkProgress')}</Link></p>
      <form class="form" onSubmit={submit} noValidate>
        <AgencySelect id="agency" label="requestAgency" value={agency} onChange={setAgency} required />
        {describedError('agency')}
        <div class="field">
          <label for="requesterKind">{t('requesterKind')}</label>
          <select id="requesterKind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as RequesterKind)}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`kind_${k}` as MessageKey)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="requesterName">{t(kind === 'NATURAL_PERSON' ? 'requesterNamePerson' : 'requesterNameOrganisation')}</label>
          <input id="requesterName" name="requesterName" required autoComplete={kind === 'NATURAL_PERSON' ? 'name' : 'organization'}
            aria-invalid={serverErrors.requesterName ? 'true' : undefined} aria-describedby={serverErrors.requesterName ? 'requesterName-error' : undefined} />
          {describedError('requesterName')}
        </div>
        <div class="field">
          <label for="idNumber">{t(idLabel)}</label>
          <input id="idNumber" name="idNumber" value={idNumber} maxLength={18} autoComplete="off" spellcheck={false} inputMode="text"
            onInput={(e) => setIdNumber((e.currentTarget as HTMLInputElement).value)} onBlur={() => setTouched(true)}
            aria-invalid={idLive || serverErrors.idNumber ? 'true' : undefined} aria-describedby={`idNumber-hint${idLive || serverErrors.idNumber ? ' idNumber-error' : ''}`} />
          <p id="idNumber-hint" class="hint">{t(kind === 'NATURAL_PERSON' ? 'idHintPerson' : 'idHintOrganisation')}</p>
          {describedError('idNumber', idLive)}
        </div>
        <div class="field">
          <label for="contact">{t('contactField')}</label>
          <input id="contact" name="contact" required autoComplete="tel"
            aria-invalid={serverErrors.contact ? 'true' : undefined} aria-describedby={serverErrors.contact ? 'contact-error' : undefined} />
          {describedError('contact')}
        </div>
        <div class="field">
          <label for="description">{t('descriptionField')}</label>
          <textarea id="description" name="description" rows={5} required
            aria-invalid={serverErrors.description ? 'true' : undefined} aria-describedby={`description-hint${serverErrors.description ? ' description-error' : ''}`} />
          <p id="description-hint" class="hint">{t('descriptionHint')}</p>
          {describedError('description')}
        </div>
        <div class="field">
          <label for="deliveryMethod">{t('deliveryMethod')}</label>
          <select id="deliveryMethod" value={delivery} aria-describedby="deliveryMethod-hint"
            onChange={(e) => setDelivery((e.currentTarget as HTMLSelectElement).value as DeliveryMethod | '')}>
            <option value="">{t('delivery_UNSET')}</option>
            {DELIVERY_METHODS.map((m) => <option key={m} value={m}>{t(`delivery_${m}` as MessageKey)}</option>)}
          </select>
          <p id="deliveryMethod-hint" class="hint">{t('deliveryHint')}</p>
          {describedError('deliveryMethod')}
        </div>
        {delivery === 'EMAIL' && (
          <div class="field">
            <label for="deliveryEmail">{t('deliveryEmail')}</label>
            <input id="deliveryEmail" name="deliveryEmail" type="email" value={email} required autoComplete="email" spellcheck={false}
              onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} onBlur={() => setEmailTouched(true)}
              aria-invalid={emailLive || serverErrors.deliveryEmail ? 'true' : undefined}
              aria-describedby={emailLive || serverErrors.deliveryEmail ? 'deliveryEmail-error' : undefined} />
            {describedError('deliveryEmail', emailLive)}
          </div>
        )}
        {formError && <p class="error" role="alert">{formError}</p>}
        <button type="submit" disabled={busy}>{t('submitRequest')}</button>
      </form>
    </>
  );
}

/** 办理进度: a request's progress by its tracking code, with its reply due date and how it was reckoned. */
export function RequestProgressPage() {
  const { t, lang, label } = useI18n();
  const { query } = useLocation();
  const code = query.get('code')?.trim() ?? '';
  const state = useQuery(PortalRequestTracking, { trackingCode: code }, { skip: !code });
  const submit = (event: Event) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget as HTMLFormElement).get('code') ?? '').trim();
    if (value) navigate(`/request/progress?code=${encodeURIComponent(value)}`);
  };
  return (
    <>
      <h1>{t('progressTitle')}</h1>
      <form class="search-box" onSubmit={submit}>
        <label for="tracking">{t('trackingCode')}</label>
        <div class="row">
          <input id="tracking" name="code" defaultValue={code} key={code} required autoComplete="off" />
          <button type="submit">{t('lookUp')}</button>
        </div>
      </form>
      {code && (
        <QueryView state={state}>
          {(data) => {
            const p = data.requestProgress;
            if (!p) return <p role="alert" class="error">{t('trackingNotFound')}</p>;
            return (
              <section aria-labelledby="progress-heading">
                <h2 id="progress-heading">{t('progressOf', { code })}</h2>
                <dl class="fields">
                  <div><dt>{t('status')}</dt><dd data-testid="request-status">{label('status', p.status)}</dd></div>
                  <div><dt>{t('receivedOn')}</dt><dd>{p.receivedOn ? formatDate(p.receivedOn, lang) : t('receivedPending')}</dd></div>
                  <div><dt>{t('replyDueOn')}</dt><dd data-testid="reply-due">{p.replyDueOn ? formatDate(p.replyDueOn, lang) : '—'}{p.provisional ? ` ${t('provisional')}` : ''}</dd></div>
                  {p.supplementDueOn && <div><dt>{t('supplementDueOn')}</dt><dd>{formatDate(p.supplementDueOn, lang)}</dd></div>}
                  {p.closedOn && <div><dt>{t('closedOn')}</dt><dd>{formatDate(p.closedOn, lang)}</dd></div>}
                  <div><dt>{t('deliveryMethod')}</dt><dd data-testid="delivery-method">{label('delivery', p.deliveryMethod ?? 'UNSET')}</dd></div>
                </dl>
                <h3>{t('dueExplained')}</h3>
                <p>{t('dueRule')}</p>
                {p.replyDueSteps.length > 0 && <ol data-testid="due-steps">{p.replyDueSteps.map((s) => <li key={s}>{s}</li>)}</ol>}
                {p.provisional && <p>{t('provisionalExplained')}</p>}
                <h3>{t('events')}</h3>
                <ol>{p.events.map((e, i) => <li key={i}>{formatDate(e.on, lang)} — {label('event', e.kind)}</li>)}</ol>
              </section>
            );
          }}
        </QueryView>
      )}
    </>
  );
}
