import { Migration } from '@mikro-orm/migrations';

/**
 * Sqlite: the document id of each full-text row in a narrow table keyed by the row's rowid. FTS5
 * keeps every column of a row in one record, so reading `document_fts.doc_id` loads the row's
 * whole segmented text: ranking thousands of matches by (score, id) read every matched body, and
 * removing a document by id scanned the index. The key table answers both by index.
 */
export class SqliteSearchKeys20261221 extends Migration {
  override up(): void {
    this.addSql(`create table "document_fts_key" ("rowid" integer primary key, "doc_id" text not null unique)`);
    this.addSql(`insert into "document_fts_key" ("rowid", "doc_id") select "rowid", "doc_id" from "document_fts"`);
  }
}
