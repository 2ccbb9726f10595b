import type { EntityManager } from '@mikro-orm/knex';
import { databaseKindOf, type DatabaseKind } from '../../shared/orm';
import { queryPhrases, queryTerms, segmentForIndex, type QueryTerm } from '../../shared/chinese-text';
import type { DocumentEntity } from '../entities/document.entity';

/** What the index keeps of a document. */
export type IndexedText = Pick<DocumentEntity, 'id' | 'title' | 'summary' | 'body' | 'docNumberNorm'>;

/** Full-text tables maintained in raw SQL (the ORM neither creates nor drops them). */
export const SEARCH_TABLES = ['document_fts', 'document_fts_data', 'document_fts_idx', 'document_fts_content', 'document_fts_docsize', 'document_fts_config', 'document_fts_key', 'document_search'];

/** Column weights: a hit in the title or document number counts most, then summary, then body. */
const WEIGHTS = { title: 10, summary: 4, body: 1, docNumber: 10 };

/**
 * How much a document gains when the query's words stand in it side by side, in the order typed:
 * its score is multiplied, so proximity decides between otherwise equal matches without
 * overturning the field weights.
 */
const ADJACENT_FACTOR = 2;

/**
 * Added to the score of a document whose title or number holds every word typed, so it ranks
 * above every document that has some word only in its summary or body. BM25 alone cannot promise
 * that: its term frequency saturates, and a word found in most documents has an inverse document
 * frequency near zero, so for common words the column weights barely move the score. Text scores
 * stay far below it (BM25 adds at most about 2.2 × log(2N) per word typed).
 */
export const TITLE_TIER = 10_000;

/** A query over the index selecting `(doc_id)` or `(doc_id, score)`, with its bindings. */
export interface IndexQuery { sql: string; bindings: string[] }

/**
 * The text matches of one search, best first, in tiers: every document of a tier scores at least
 * its `floor` and above every document of the next tier, so a page is read tier by tier and a
 * tier is scored only when the page reaches it (scoring is the cost that grows with the matches).
 */
export interface SearchTier extends IndexQuery { floor: number }

/** What a search needs of the index: its tiers, the whole match set (to count and facet), the words and phrases typed. */
export interface SearchPlan {
  tiers: SearchTier[];
  matches: IndexQuery;
  /** The number of matches, `(n)`, counted in the index alone (no id read). */
  count: IndexQuery;
  terms: QueryTerm[];
  /** The runs typed together, for highlighting. */
  phrases: string[];
}

function quoteFts(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}
function quoteTs(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The terms as a full-text query (every word, each as typed or as its parts); `label` restricts a tsquery lexeme to weights. */
function matchExpression(kind: DatabaseKind, terms: QueryTerm[], label = ''): string {
  const [quoteWord, and, or] = kind === 'sqlite' ? [quoteFts, ' AND ', ' OR '] : [quoteTs, ' & ', ' | '];
  const quote = (word: string) => quoteWord(word) + label;
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
  async put(em: EntityManager, doc: IndexedText): Promise<void> {
    await this.removeMany(em, [doc.id]);
    await this.insertMany(em, [doc]);
  }

  /** Adds documents not in the index yet, in one statement (the catalogue applies pages of them). */
  async insertMany(em: EntityManager, docs: IndexedText[]): Promise<void> {
    if (docs.length === 0) return;
    const segmented = (doc: IndexedText) => [segmentForIndex(doc.title), segmentForIndex(doc.summary), segmentForIndex(doc.body), segmentForIndex(doc.docNumberNorm)];
    if (this.kind === 'sqlite') {
      // Each row takes the rowid its key row was given, so the two tables join on rowid.
      const keys = await em.execute<{ rowid: number; doc_id: string }[]>(
        `insert into document_fts_key (doc_id) values ${docs.map(() => '(?)').join(', ')} returning rowid, doc_id`, docs.map((doc) => doc.id),
      );
      const rowidOf = new Map(keys.map((k) => [k.doc_id, k.rowid]));
      await em.execute(
        `insert into document_fts (rowid, doc_id, title, summary, body, doc_number) values ${docs.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
        docs.flatMap((doc) => [rowidOf.get(doc.id)!, doc.id, ...segmented(doc)]),
      );
    } else {
      const values = docs.flatMap((doc) => [doc.id, ...segmented(doc)]);
      const row = `(?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B')
          || setweight(to_tsvector('simple', ?), 'D') || setweight(to_tsvector('simple', ?), 'A'))`;
      await em.execute(`insert into document_search (document_id, vector) values ${docs.map(() => row).join(', ')}`, values);
    }
  }

  /** Empties the index (the catalogue's rebuild). */
  async clear(em: EntityManager): Promise<void> {
    if (this.kind === 'sqlite') {
      await em.execute('delete from document_fts');
      await em.execute('delete from document_fts_key');
    } else {
      await em.execute('delete from document_search');
    }
  }

  async remove(em: EntityManager, documentId: string): Promise<void> {
    await this.removeMany(em, [documentId]);
  }

  async removeMany(em: EntityManager, documentIds: string[]): Promise<void> {
    if (documentIds.length === 0) return;
    const marks = documentIds.map(() => '?').join(', ');
    if (this.kind === 'sqlite') {
      await em.execute(`delete from document_fts where rowid in (select rowid from document_fts_key where doc_id in (${marks}))`, documentIds);
      await em.execute(`delete from document_fts_key where doc_id in (${marks})`, documentIds);
    } else {
      await em.execute(`delete from document_search where document_id in (${marks})`, documentIds);
    }
  }

  /**
   * The number of documents `plan` matches (its `count`), read from the index alone. On
   * PostgreSQL the GIN index answers a count of words exactly without reading any document's
   * vector, but the planner does not price reading each vector out of its TOAST storage and, once
   * a word is in most documents, scans the table instead: 390 ms against 29 ms for a word in all
   * 100,000 documents of tools/bench/search-bench.ts. So the count is planned without sequential
   * scans, in a transaction of its own (on a fork, so never the caller's), which ends the setting.
   */
  async countMatches(em: EntityManager, plan: SearchPlan): Promise<number> {
    if (this.kind === 'sqlite') {
      const [row] = await em.execute<{ n: number }[]>(plan.count.sql, plan.count.bindings);
      return Number(row.n);
    }
    return em.fork().transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      const [row] = await tx.execute<{ n: number | string }[]>(plan.count.sql, plan.count.bindings);
      return Number(row.n);
    });
  }

  /** The words typed side by side, in their order, as a full-text phrase; undefined for one word. */
  private phraseOf(terms: QueryTerm[]): string | undefined {
    if (terms.length < 2) return undefined;
    return this.kind === 'sqlite' ? quoteFts(terms.map((t) => t.word).join(' ')) : terms.map((t) => quoteTs(t.word)).join(' <-> ');
  }

  /**
   * A query selecting one row when some indexed document has the words `terms` side by side in
   * the typed order, none otherwise; undefined for fewer than two words. When it selects
   * nothing, ADJACENT_FACTOR multiplies no score, so the plan can leave it out (`plan(text, 'none')`)
   * and spare every match its test — the same ranking at a lower cost.
   */
  adjacencyProbe(terms: QueryTerm[]): IndexQuery | undefined {
    const phrase = this.phraseOf(terms);
    if (!phrase) return undefined;
    return this.kind === 'sqlite'
      ? { sql: 'select 1 as found from document_fts where document_fts match ? limit 1', bindings: [phrase] }
      : { sql: `select 1 as found from document_search where vector @@ to_tsquery('simple', ?) limit 1`, bindings: [phrase] };
  }

  /**
   * The plan of a search for `text` (see {@link SearchPlan}); undefined when the text holds no
   * searchable word; `terms` are the text's (queryTerms), when the caller has them already.
   * `adjacency: 'none'` leaves out the proximity factor, for terms whose {@link adjacencyProbe}
   * found no document. Two tiers: documents whose title or number holds every word (scored
   * TITLE_TIER higher), then the other matches. Within a tier, BM25 over the weighted columns
   * (PostgreSQL: ts_rank_cd), times ADJACENT_FACTOR when the words stand side by side in the
   * typed order (an FTS5 phrase, a tsquery `<->` chain).
   */
  plan(text: string, adjacency: 'scored' | 'none' = 'scored', terms = queryTerms(text)): SearchPlan | undefined {
    if (terms.length === 0) return undefined;
    const match = matchExpression(this.kind, terms);
    const adjacent = adjacency === 'scored' ? this.phraseOf(terms) : undefined;
    const plan = { terms, phrases: queryPhrases(text) };
    if (this.kind === 'sqlite') {
      const w = WEIGHTS;
      const bm25 = `-bm25(document_fts, ${w.title}.0, ${w.summary}.0, ${w.body}.0, ${w.docNumber}.0)`;
      const textScore = adjacent ? `${bm25} * case when document_fts.rowid in (select rowid from document_fts where document_fts match ?) then ${ADJACENT_FACTOR} else 1 end` : bm25;
      // The id comes from the key table (see SqliteSearchKeys20261221): FTS5's own doc_id column
      // would load each matched row's whole text just to order the ties.
      const matching = 'from document_fts join document_fts_key k on k.rowid = document_fts.rowid where document_fts match ?';
      const inTitle = `{title doc_number} : (${match})`;
      const tier = (floor: number, expression: string): SearchTier => ({
        floor,
        sql: `select k.doc_id as doc_id, ${floor > 0 ? `${floor} + ` : ''}${textScore} as score ${matching}`,
        bindings: [...(adjacent ? [adjacent] : []), expression],
      });
      return {
        ...plan,
        tiers: [tier(TITLE_TIER, inTitle), tier(-Infinity, `(${match}) NOT ${inTitle}`)],
        matches: { sql: `select k.doc_id as doc_id ${matching}`, bindings: [match] },
        count: { sql: 'select count(*) as n from document_fts where document_fts match ?', bindings: [match] },
      };
    }
    // Title and number are weight A in the vector, so `word:A` matches them only.
    const inTitle = matchExpression(this.kind, terms, ':A');
    const rank = `ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', vector, q)::float8`;
    const textScore = adjacent ? `${rank} * case when vector @@ to_tsquery('simple', ?) then ${ADJACENT_FACTOR} else 1 end` : rank;
    const from = `from document_search, to_tsquery('simple', ?) q where vector @@ q`;
    return {
      ...plan,
      tiers: [
        { floor: TITLE_TIER, sql: `select document_id as doc_id, ${TITLE_TIER} + ${textScore} as score ${from} and vector @@ to_tsquery('simple', ?)`, bindings: [...(adjacent ? [adjacent] : []), match, inTitle] },
        { floor: -Infinity, sql: `select document_id as doc_id, ${textScore} as score ${from} and not vector @@ to_tsquery('simple', ?)`, bindings: [...(adjacent ? [adjacent] : []), match, inTitle] },
      ],
      matches: { sql: `select document_id as doc_id from document_search where vector @@ to_tsquery('simple', ?)`, bindings: [match] },
      count: { sql: `select count(*) as n from document_search where vector @@ to_tsquery('simple', ?)`, bindings: [match] },
    };
  }
}
