import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import { auditLog, type AuditSink } from '../../shared/audit-log';
import { DisclosureRequestEntity, PersonalDataAccessEntity, RequestAppealEntity, RequestEventEntity } from '../entities/request.entity';

/** The personal-data fields of a request, in schema order (`letters`: the letters, which name the requester). */
export const PERSONAL_FIELDS = ['requesterName', 'idNumber', 'contact', 'deliveryEmail', 'letters'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Who reads, for the access log. */
export interface Reader { actor: string; agency: string; sink: AuditSink; now: () => Date }

function groupBy<T>(ids: readonly string[], rows: T[], key: (row: T) => string): T[][] {
  const by = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) by.get(key(row))?.push(row);
  return ids.map((id) => by.get(id)!);
}

/**
 * Fresh per request. `personalData` is the access log: every identity field a resolution reads
 * is collected per request, then written as one log row per request in one insert, and one
 * structured audit line per request, before any value is handed out.
 */
export function createRequestLoaders(em: EntityManager, reader: Reader) {
  return {
    request: new DataLoader<string, DisclosureRequestEntity | null>(async (ids) => {
      const rows = await em.find(DisclosureRequestEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    requestEvents: new DataLoader<string, RequestEventEntity[]>(async (ids) =>
      groupBy(ids, await em.find(RequestEventEntity, { requestId: { $in: [...ids] } }, { orderBy: { id: 'asc' } }), (e) => e.requestId)),
    requestAppeals: new DataLoader<string, RequestAppealEntity[]>(async (ids) =>
      groupBy(ids, await em.find(RequestAppealEntity, { requestId: { $in: [...ids] } }, { orderBy: { filedOn: 'asc', id: 'asc' } }), (a) => a.requestId!)),
    personalData: new DataLoader<string, true>(async (keys) => {
      const fieldsOf = new Map<string, Set<string>>();
      for (const key of keys) {
        const [requestId, field] = key.split('\u0000');
        if (!fieldsOf.has(requestId)) fieldsOf.set(requestId, new Set());
        fieldsOf.get(requestId)!.add(field);
      }
      const at = reader.now();
      const rows = [...fieldsOf].map(([requestId, fields]) => ({
        requestId, actor: reader.actor, at, fields: PERSONAL_FIELDS.filter((f) => fields.has(f)).join(','),
      }));
      await em.insertMany(PersonalDataAccessEntity, rows);
      for (const row of rows) {
        auditLog({ action: 'personal-data.read', actor: row.actor, agency: reader.agency, subject: row.requestId, fields: row.fields.split(','), at }, reader.sink);
      }
      return keys.map(() => true as const);
    }, { cache: false }),
  };
}
export type RequestLoaders = ReturnType<typeof createRequestLoaders>;
