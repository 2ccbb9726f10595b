import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import { AgencyOfficialEntity } from '../entities/agency-official.entity';
import { AgencyProfileEntity } from '../entities/agency-profile.entity';

/**
 * Registry order, the same on both engines: PostgreSQL's collation may sort "-" differently from
 * SQLite's byte order, so profiles are sorted here rather than by the database.
 */
export function byCode(a: AgencyProfileEntity, b: AgencyProfileEntity): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Fresh loaders per request: one query per batch of codes, whatever the shape of the query. */
export function createAgencyLoaders(em: EntityManager) {
  return {
    /** A profile by registry code; null for a code the registry does not know. */
    agency: new DataLoader<string, AgencyProfileEntity | null>(async (codes) => {
      const rows = await em.find(AgencyProfileEntity, { code: { $in: [...codes] } });
      const byKey = new Map(rows.map((row) => [row.code, row]));
      return codes.map((code) => byKey.get(code) ?? null);
    }),
    /** The agencies directly below each code, in registry order. */
    children: new DataLoader<string, AgencyProfileEntity[]>(async (codes) => {
      const rows = await em.find(AgencyProfileEntity, { parentCode: { $in: [...codes] } });
      const byParent = new Map<string, AgencyProfileEntity[]>(codes.map((code) => [code, []]));
      for (const row of rows.sort(byCode)) byParent.get(row.parentCode!)!.push(row);
      return codes.map((code) => byParent.get(code)!);
    }),
    /** Each agency's named officials, in the guide's order. */
    officials: new DataLoader<string, AgencyOfficialEntity[]>(async (codes) => {
      const rows = await em.find(AgencyOfficialEntity, { agencyCode: { $in: [...codes] } }, { orderBy: { agencyCode: 'asc', position: 'asc' } });
      const byAgency = new Map<string, AgencyOfficialEntity[]>(codes.map((code) => [code, []]));
      for (const row of rows) byAgency.get(row.agencyCode)!.push(row);
      return codes.map((code) => byAgency.get(code)!);
    }),
  };
}
export type AgencyLoaders = ReturnType<typeof createAgencyLoaders>;
