import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { chinaDate } from '../../../../subgraphs/shared/clock';
import { PortalThemes, request, useQuery } from '../../api/client';
import {
  StaffCreateDocument, StaffDocument, StaffDocuments, StaffPublishDocument, StaffReviewDocument, StaffSubmitDocument, StaffUpdateDocument,
  type DisclosureAttribute, type DocumentStatus, type StaffDocumentsResult,
} from '../../api/staff-operations.generated';
import { writeFailure } from '../../api/write-failure';
import { RequireRole } from '../../auth/require-role';
import { hasRole, type StaffSession } from '../../auth/session';
import { QueryView } from '../../components/status';
import { formatDate, useI18n, type MessageKey } from '../../i18n';

type Row = StaffDocumentsResult['documents']['edges'][number]['node'];


/**
 * An editor's and a reviewer's day: the agency's drafts (new, edit, submit for review), the
 * confidentiality-review queue (approve or refuse) and the approved documents to publish.
 */
export function StaffDocumentsPage() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('editorTitle')}</h1>
      <RequireRole roles={['editor', 'reviewer', 'admin']}>{(session) => <Desk session={session} />}</RequireRole>
    </>
  );
}

function Desk(props: { session: StaffSession }) {
  const { t } = useI18n();
  const { session } = props;
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const changed = (text: string | null, ok: MessageKey) => {
    setMessage(text ? { ok: false, text } : { ok: true, text: t(ok) });
    if (!text) setVersion((v) => v + 1);
  };
  const agency = session.agency ?? '';
  const editor = hasRole(session, 'editor', 'admin');
  return (
    <>
      {message && <p class={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="desk-message">{message.text}</p>}
      {editor && (
        <DraftForm key={`${editing ?? 'new'}-${version}`} id={editing} onDone={(text) => { setEditing(null); changed(text, 'draftSaved'); }} onCancel={() => setEditing(null)} />
      )}
      {editor && (
        <DocumentTable key={`drafts-${version}`} heading="myDrafts" agency={agency} status="DRAFT" actions={(row) => (
          <>
            <button type="button" onClick={() => setEditing(row.id)}>{t('edit')}</button>{' '}
            <button type="button" onClick={async () => { const a = await request(StaffSubmitDocument, { id: row.id }); changed(writeFailure(a), 'submitted'); }}>{t('submitForReview')}</button>
          </>
        )} />
      )}
      <DocumentTable key={`review-${version}`} heading="reviewQueue" agency={agency} status="IN_REVIEW" actions={hasRole(session, 'reviewer') ? (row) => <ReviewActions row={row} onDone={(text) => changed(text, 'reviewed')} /> : undefined} />
      {editor && (
        <DocumentTable key={`approved-${version}`} heading="docStatus_APPROVED" agency={agency} status="APPROVED" actions={(row) => (
          <button type="button" onClick={async () => { const a = await request(StaffPublishDocument, { id: row.id }); changed(writeFailure(a), 'published'); }}>{t('publish')}</button>
        )} />
      )}
    </>
  );
}

function DocumentTable(props: { heading: MessageKey; agency: string; status: DocumentStatus; actions?: (row: Row) => ComponentChildren }) {
  const { t, lang } = useI18n();
  const id = `table-${props.status.toLowerCase()}`;
  const documents = useQuery(StaffDocuments, { first: 100, filter: { agencies: props.agency ? [props.agency] : undefined, status: [props.status] } });
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(props.heading)}</h2>
      <QueryView state={documents}>
        {(data) => data.documents.edges.length === 0 ? <p>{t('noItems')}</p> : (
          <div class="table-scroll">
            <table data-testid={`documents-${props.status}`}>
              <thead><tr><th scope="col">{t('docTitle')}</th><th scope="col">{t('docFormedOn')}</th><th scope="col">{t('publishDue')}</th>{props.actions && <th scope="col"><span class="visually-hidden">{t('edit')}</span></th>}</tr></thead>
              <tbody>
                {data.documents.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <th scope="row">{node.title}{node.docNumber && <small class="muted">（{node.docNumber}）</small>}</th>
                    <td>{formatDate(node.formedOn, lang)}</td>
                    <td>{formatDate(node.publishDueOn, lang)}{node.overdue && <> <span class="badge late">{t('overdueBadge')}</span></>}</td>
                    {props.actions && <td class="actions">{props.actions(node)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}

function ReviewActions(props: { row: Row; onDone: (failure: string | null) => void }) {
  const { t } = useI18n();
  const noteId = `review-note-${props.row.id}`;
  const review = async (approve: boolean) => {
    const note = (document.getElementById(noteId) as HTMLInputElement | null)?.value.trim() || undefined;
    const answer = await request(StaffReviewDocument, { id: props.row.id, approve, note });
    props.onDone(writeFailure(answer));
  };
  return (
    <>
      <label for={noteId} class="visually-hidden">{t('reviewNote')}</label>
      <input id={noteId} placeholder={t('reviewNote')} />{' '}
      <button type="button" onClick={() => void review(true)}>{t('approve')}</button>{' '}
      <button type="button" onClick={() => void review(false)}>{t('refuse')}</button>
    </>
  );
}

const DISCLOSURES: DisclosureAttribute[] = ['PROACTIVE', 'ON_REQUEST', 'NOT_DISCLOSED'];

/** A new draft, or the draft `id` loaded for editing. */
function DraftForm(props: { id: string | null; onDone: (failure: string | null) => void; onCancel: () => void }) {
  const { t, label } = useI18n();
  const themes = useQuery(PortalThemes, {});
  const existing = useQuery(StaffDocument, { id: props.id ?? '' }, { skip: !props.id });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doc = existing.data?.document ?? null;
  if (props.id && !doc) return <QueryView state={existing}>{() => null}</QueryView>;

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const fields = { title: text('title'), body: text('body'), theme: text('theme'), formedOn: text('formedOn'), disclosure: text('disclosure') as DisclosureAttribute, docNumber: text('docNumber') || undefined };
    setBusy(true);
    try {
      const answer = doc ? await request(StaffUpdateDocument, { id: doc.id, input: fields }) : await request(StaffCreateDocument, { input: fields });
      const problem = writeFailure(answer);
      setError(problem);
      if (!problem) props.onDone(null);
    } catch {
      setError(t('loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="draft-heading">
      <h2 id="draft-heading">{t(doc ? 'editDraft' : 'newDraft')}</h2>
      <form class="form" onSubmit={submit}>
        <div class="field"><label for="draft-title">{t('docTitle')}</label><input id="draft-title" name="title" required defaultValue={doc?.title} /></div>
        <div class="field"><label for="draft-number">{t('docNumber')}</label><input id="draft-number" name="docNumber" defaultValue={doc?.docNumber ?? ''} /></div>
        <div class="field">
          <label for="draft-theme">{t('docTheme')}</label>
          <select id="draft-theme" name="theme" required defaultValue={doc?.theme ?? ''}>
            <option value="" disabled>—</option>
            {(themes.data?.themes ?? []).map((th) => <option key={th.code} value={th.name}>{th.name}</option>)}
          </select>
        </div>
        <div class="field"><label for="draft-formed">{t('docFormedOn')}</label><input id="draft-formed" name="formedOn" type="date" required defaultValue={doc?.formedOn ?? chinaDate(new Date())} /></div>
        <div class="field">
          <label for="draft-disclosure">{t('docDisclosure')}</label>
          <select id="draft-disclosure" name="disclosure" defaultValue={doc?.disclosure ?? 'PROACTIVE'}>
            {DISCLOSURES.map((d) => <option key={d} value={d}>{label('disclosure', d)}</option>)}
          </select>
        </div>
        <div class="field"><label for="draft-body">{t('docBody')}</label><textarea id="draft-body" name="body" rows={8} required defaultValue={doc?.body} /></div>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{t('saveDraft')}</button>{' '}
        {doc && <button type="button" onClick={props.onCancel}>{t('cancel')}</button>}
      </form>
    </section>
  );
}
