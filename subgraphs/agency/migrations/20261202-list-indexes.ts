import { Migration } from '@mikro-orm/migrations';

/**
 * Lists filter on status and walk in (listed_at, id) or, when harvesting changes, (updated_at, id)
 * order: these indexes let both engines read a page in order instead of sorting every published
 * document for each page. The same SQL serves SQLite and PostgreSQL.
 */
export class ListIndexes20261202 extends Migration {
  override up(): void {
    this.addSql('create index "document_status_listed_at_id_index" on "document" ("status", "listed_at", "id")');
    this.addSql('create index "document_status_updated_at_id_index" on "document" ("status", "updated_at", "id")');
  }
}
