import type { EntityManager } from '@mikro-orm/knex';
import { databaseKindOf, type DatabaseKind } from '../../shared/orm';
import { queryPhrases, queryTerms, segmentForIndex, type QueryTerm } from '../../shared/chinese-text';
import type { DocumentEntity } from '../entities/document.entity';

/** Full-text tables maintained in raw SQL (the ORM neither creates nor drops them). */
export const SEARCH_TABLES = ['document_fts', 'document_fts_data', 'document_fts_idx', 'document_fts_content', 'document_fts_docsize', 'document_fts_config', 'document_search'];

/** Column weights: a hit in the title or document number counts most, then summary, then body. */
const WEIGHTS = { title: 10, summary: 4, body: 1, docNumber: 10 };

/**
 * How much a document gains when the query's words stand in it side by side, in the order typed:
 * its score is multiplied, so proximity decides between otherwise equal matches without
 * overturning the field weights.
 */
const ADJACENT_FACTOR = 2;

function quoteFts(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}
function quoteTs(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function matchExpression(kind: DatabaseKind, terms: QueryTerm[]): string {
  const [quote, and, or] = kind === 'sqlite' ? [quoteFts, ' AND ', ' OR '] : [quoteTs, ' & ', ' | '];
  return terms
    .map(({ word, parts }) => (parts.length > 1 ? `(${quote(word)}${or}(${parts.map(quote).join(and)}))` : quote(word)))
    .join(and);
}

/**
 * The Chinese full-text index of the publicly visible documents of one deployment: SQLite FTS5
 * or a PostgreSQL tsvector, both fed with jieba-segmented text. Only documents the public may
 * read are in it, so a search can never leak an unpublished one.
 */
export class SearchIndex {
  readonly kind: DatabaseKind;

  constructor(databaseUrl: string) {
    this.kind = databaseKindOf(databaseUrl);
  }

  /** Puts the document's current public text into the index (replacing what was there). */
  async put(em: EntityManager, doc: DocumentEntity): Promise<void> {
    const values = [segmentForIndex(doc.title), segmentForIndex(doc.summary), segmentForIndex(doc.body), segmentForIndex(doc.docNumberNorm)];
    await this.remove(em, doc.id);
    if (this.kind === 'sqlite') {
      await em.execute('insert into document_fts (doc_id, title, summary, body, doc_number) values (?, ?, ?, ?, ?)', [doc.id, ...values]);
    } else {
      await em.execute(
        `insert into document_search (document_id, vector) values (?,
          setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')
          || setweight(to_tsvector('simple', ?), 'D') || setweight(to_tsvector('simple', ?), 'A'))`,
        [doc.id, ...values],
      );
    }
  }

  /** Empties the index (the catalogue's rebuild). */
  async clear(em: EntityManager): Promise<void> {
    await em.execute(this.kind === 'sqlite' ? 'delete from document_fts' : 'delete from document_search');
  }

  async remove(em: EntityManager, documentId: string): Promise<void> {
    const sql = this.kind === 'sqlite' ? 'delete from document_fts where doc_id = ?' : 'delete from document_search where document_id = ?';
    await em.execute(sql, [documentId]);
  }

  /**
   * A SQL subquery `(doc_id, score)` of the documents matching `text`, best score highest, and
   * its bindings; undefined when the text holds no searchable word. With several words, a
   * document holding them adjacent in the typed order (an FTS5 phrase, a tsquery `<->` chain)
   * scores ADJACENT_FACTOR times higher. `phrases` are the runs typed together, for highlighting.
   */
  hits(text: string): { sql: string; bindings: string[]; terms: QueryTerm[]; phrases: string[] } | undefined {
    const terms = queryTerms(text);
    if (terms.length === 0) return undefined;
    const match = matchExpression(this.kind, terms);
    const adjacent = terms.length > 1
      ? (this.kind === 'sqlite' ? quoteFts(terms.map((t) => t.word).join(' ')) : terms.map((t) => quoteTs(t.word)).join(' <-> '))
      : undefined;
    const w = WEIGHTS;
    const bm25 = `-bm25(document_fts, ${w.title}.0, ${w.summary}.0, ${w.body}.0, ${w.docNumber}.0)`;
    const rankCd = `ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', vector, q)::float8`;
    const sql =
      this.kind === 'sqlite'
        ? `select doc_id, ${adjacent ? `${bm25} * case when doc_id in (select doc_id from document_fts where document_fts match ?) then ${ADJACENT_FACTOR} else 1 end` : bm25} as score from document_fts where document_fts match ?`
        : `select document_id as doc_id, ${adjacent ? `${rankCd} * case when vector @@ to_tsquery('simple', ?) then ${ADJACENT_FACTOR} else 1 end` : rankCd} as score from document_search, to_tsquery('simple', ?) q where vector @@ q`;
    return { sql, bindings: adjacent ? [adjacent, match] : [match], terms, phrases: queryPhrases(text) };
  }
}
