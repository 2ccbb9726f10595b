import { PortalDocument, PortalDocumentByIndexNumber, useQuery, type PortalDocumentResult, type QueryState } from '../api/client';
import { Link } from '../components/link';
import { QueryView } from '../components/status';
import { formatDate, useI18n, type MessageKey } from '../i18n';

/** Human-readable file sizes (the API gives bytes). */
function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The document both lookups answer (by id, by 索引号): the same selection, PortalDocumentFields. */
type ShownDocument = NonNullable<PortalDocumentResult['document']>;

/** 信息详情: a document by its id. */
export function DocumentPage(props: { params: Record<string, string> }) {
  const state = useQuery(PortalDocument, { id: props.params.id });
  return <DocumentView state={state} document={(data) => data.document} />;
}

/**
 * 信息详情 addressed by 索引号 (/documents/by-index/<索引号>), the number printed on the document; a
 * malformed one is answered with the API's bilingual error.
 */
export function DocumentByIndexNumberPage(props: { params: Record<string, string> }) {
  const state = useQuery(PortalDocumentByIndexNumber, { indexNumber: props.params.indexNumber });
  return <DocumentView state={state} document={(data) => data.documentByIndexNumber} />;
}

/** A document lookup's answer: the document with every catalogue field, its text, key facts, versions and attachments. */
function DocumentView<T>(props: { state: QueryState<T>; document: (data: T) => ShownDocument | null }) {
  const { t, lang, label } = useI18n();
  const { state } = props;
  return (
    <QueryView state={state}>
      {(data) => {
        const d = props.document(data);
        if (!d) {
          // A refused lookup (a malformed 索引号) answers null with its reason: the reason is what the reader needs.
          const refused = state.errors.filter((e) => e.extensions?.code === 'BAD_USER_INPUT');
          return (
            <>
              <h1>{t('documentNotFound')}</h1>
              {refused.length > 0 && <div role="alert" class="error">{refused.map((e) => <p key={e.message}>{e.message}</p>)}</div>}
              <p><Link href="/">{t('backHome')}</Link></p>
            </>
          );
        }
        const fields: [MessageKey, string][] = [
          ['indexNumber', d.indexNumber],
          ['docNumber', d.docNumber ?? '—'],
          ['agency', [d.agency.name, ...d.coIssuers.map((c) => c.name)].join(lang === 'zh' ? '、' : ', ')],
          ['formedOn', formatDate(d.formedOn, lang)],
          ['publishedOn', formatDate(d.publishedAt, lang)],
          ['validity', label('validity', d.validity)],
          ['theme', d.theme],
          ['genre', d.genre],
          ['subjectTerms', d.subjectTerms.length ? d.subjectTerms.join(lang === 'zh' ? '；' : '; ') : '—'],
          ['effectiveOn', formatDate(d.effectiveOn, lang)],
          ['repealedOn', formatDate(d.repealedOn, lang)],
          ['version', String(d.version)],
        ];
        return (
          <article>
            <h1>{d.title}</h1>
            {d.status === 'WITHDRAWN' && <p class="banner" role="note">{t('withdrawn')}{d.withdrawalReason ? `：${d.withdrawalReason}` : ''}</p>}
            <section aria-labelledby="catalogue-heading">
              <h2 id="catalogue-heading">{t('catalogueFields')}</h2>
              <dl class="fields">
                {fields.map(([key, value]) => <div key={key}><dt>{t(key)}</dt><dd>{value}</dd></div>)}
              </dl>
            </section>
            {d.summary && <p class="summary">{d.summary}</p>}
            <section aria-labelledby="body-heading">
              <h2 id="body-heading">{t('body')}</h2>
              <div class="body">{d.body.split(/\n+/).map((paragraph, i) => <p key={i}>{paragraph}</p>)}</div>
            </section>
            {d.keyFacts.length > 0 && (
              <section aria-labelledby="facts-heading">
                <h2 id="facts-heading">{t('keyFacts')}</h2>
                <div class="table-scroll">
                  <table>
                    <thead><tr><th scope="col">{t('factSubject')}</th><th scope="col">{t('factValue')}</th><th scope="col">{t('factAsOf')}</th></tr></thead>
                    <tbody>{d.keyFacts.map((f) => <tr key={f.subject}><td>{f.subject}</td><td>{f.value}{f.unit ? ` ${f.unit}` : ''}</td><td>{formatDate(f.asOf, lang)}</td></tr>)}</tbody>
                  </table>
                </div>
              </section>
            )}
            <section aria-labelledby="attachments-heading">
              <h2 id="attachments-heading">{t('attachments')}</h2>
              {d.attachments.length === 0 ? <p>{t('noAttachments')}</p> : (
                <ul class="attachments">
                  {d.attachments.map((a) => (
                    <li key={a.number}>
                      {/* Same origin: `download` saves the file under its name instead of opening it. */}
                      {a.downloadPath
                        ? <a href={a.downloadPath} download={a.fileName} aria-label={t('attachmentDownload', { name: a.fileName })}>{a.fileName}</a>
                        : a.fileName}
                      {' '}<span class="muted">（{a.mediaType}，{formatSize(a.sizeBytes)}）</span>
                      {!a.downloadPath && <span class="muted"> {t('attachmentNoFile')}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="versions-heading">
              <h2 id="versions-heading">{t('versions')}</h2>
              <div class="table-scroll">
                <table>
                  <thead><tr><th scope="col">{t('version')}</th><th scope="col">{t('versionDate')}</th><th scope="col">{t('versionReason')}</th></tr></thead>
                  <tbody>{d.versions.map((v) => <tr key={v.version}><td>{v.version}</td><td>{formatDate(v.createdAt, lang)}</td><td>{v.reason}</td></tr>)}</tbody>
                </table>
              </div>
            </section>
          </article>
        );
      }}
    </QueryView>
  );
}
