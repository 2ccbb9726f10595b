import { useState } from 'preact/hooks';
import { PortalPublishedFeedback, PortalSubmitFeedback, request, useQuery, type PortalSubmitFeedbackResult } from '../api/client';
import { AgencySelect } from '../components/agency-select';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { formatDate, useI18n } from '../i18n';

/** 意见建议: the answers agencies have published, and a form to send feedback (shown once moderated). */
export function FeedbackPage() {
  const { t, lang } = useI18n();
  const published = useQuery(PortalPublishedFeedback, { first: 20 });
  const [agency, setAgency] = useState('');
  const [sent, setSent] = useState<PortalSubmitFeedbackResult['submitFeedback'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setBusy(true);
    setError(null);
    try {
      const optional = (name: string) => String(form.get(name) ?? '').trim() || undefined;
      const answer = await request(PortalSubmitFeedback, { input: { agency, text: String(form.get('text') ?? ''), authorName: optional('authorName'), contact: optional('contact') } });
      if (answer.data) {
        setSent(answer.data.submitFeedback);
        formElement.reset();
      } else setError(answer.errors.map((e) => e.message).join(' '));
    } catch {
      setError(t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('navFeedback')}</h1>
      <section aria-labelledby="feedback-form-heading">
        <h2 id="feedback-form-heading">{t('feedbackFormTitle')}</h2>
        <p class="intro">{t('feedbackIntro')}</p>
        {sent && <p class="success" role="status" data-testid="feedback-sent">{t('feedbackSent', { id: sent.id })}</p>}
        <form class="form" onSubmit={submit}>
          <AgencySelect id="feedback-agency" label="feedbackAgency" value={agency} onChange={setAgency} required />
          <div class="field">
            <label for="feedback-name">{t('feedbackName')}</label>
            <input id="feedback-name" name="authorName" autoComplete="nickname" />
          </div>
          <div class="field">
            <label for="feedback-contact">{t('feedbackContact')}</label>
            <input id="feedback-contact" name="contact" autoComplete="email" aria-describedby="feedback-contact-hint" />
            <p id="feedback-contact-hint" class="hint">{t('feedbackContactHint')}</p>
          </div>
          <div class="field">
            <label for="feedback-text">{t('feedbackText')}</label>
            <textarea id="feedback-text" name="text" rows={5} required />
          </div>
          {error && <p class="error" role="alert">{error}</p>}
          <button type="submit" disabled={busy}>{t('feedbackSubmit')}</button>
        </form>
      </section>
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t('feedbackAnswers')}</h2>
        <QueryView state={published}>
          {(data) => data.feedback.edges.length === 0 ? <p>{t('noFeedback')}</p> : (
            <ul class="feedback-list">
              {data.feedback.edges.map(({ node }) => (
                <li key={node.id}>
                  <p class="meta">{node.authorName ?? t('anonymous')} · {formatDate(node.createdAt, lang)} · {node.agency.name}
                    {node.document && <> · <Link href={`/documents/${encodeURIComponent(node.document.id)}`}>{node.document.title}</Link></>}</p>
                  <blockquote>{node.text}</blockquote>
                  {node.answer
                    ? <div class="answer"><strong>{t('feedbackAnswer')}</strong>（{formatDate(node.answeredAt, lang)}）：{node.answer}</div>
                    : <p class="muted">{t('feedbackAwaiting')}</p>}
                </li>
              ))}
            </ul>
          )}
        </QueryView>
      </section>
    </>
  );
}
