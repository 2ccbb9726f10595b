import { formatDate, useI18n } from '../i18n';
import { Link } from './link';

/** What a list shows of a document. */
export interface ListedDocument {
  id: string;
  title: string;
  docNumber: string | null;
  publishedAt: string | null;
  agency: { code: string; name: string };
}

/** A list of documents, each linking to its page; `highlights` (search) are the index's marked excerpts. */
export function DocumentList(props: { documents: ListedDocument[]; highlights?: (string | null)[] }) {
  const { t, lang } = useI18n();
  if (props.documents.length === 0) return <p>{t('noDocuments')}</p>;
  return (
    <ul class="documents">
      {props.documents.map((document, i) => (
        <li key={document.id}>
          <Link href={`/documents/${encodeURIComponent(document.id)}`} class="title">{document.title}</Link>
          {props.highlights?.[i] && <p class="highlight" dangerouslySetInnerHTML={{ __html: markedExcerpt(props.highlights[i]!) }} />}
          <p class="meta">
            <span><span class="label">{t('agency')}：</span>{document.agency.name}</span>
            {document.docNumber && <span><span class="label">{t('docNumber')}：</span>{document.docNumber}</span>}
            <span><span class="label">{t('publishedOn')}：</span><time dateTime={document.publishedAt ?? undefined}>{formatDate(document.publishedAt, lang)}</time></span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The search index's excerpt (matches wrapped in `<em>`) as HTML: the matches marked, everything else escaped text. */
export function markedExcerpt(excerpt: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return excerpt.split(/(<\/?em>)/).map((part) => (part === '<em>' ? '<mark>' : part === '</em>' ? '</mark>' : escape(part))).join('');
}
