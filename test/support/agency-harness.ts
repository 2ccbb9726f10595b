import { inProcess, type InProcess } from './in-process';
import type { DatabaseKind } from '../../subgraphs/shared/orm';
import type { Claims, Role } from '../../schema/contracts/claims';
import { ANONYMOUS } from '../../schema/contracts/claims';
import { loadAgencyConfig, type AgencyConfig } from '../../subgraphs/agency/config';
import { createContext, type AgencyRuntime } from '../../subgraphs/agency/context';
import { buildAgencySchema, createAgencyRuntime } from '../../subgraphs/agency/server';
import { freshDatabase } from './databases';
import { TEST_SECRETS } from './secrets';

/** A caller of agency `agency` with `roles` (or the anonymous public). */
export function staff(agency: string, ...roles: Role[]): Claims {
  return { sub: `${roles.join('+')}@${agency}`, agency, roles };
}
export const PUBLIC = ANONYMOUS;
export const SUPERVISOR: Claims = { sub: 'supervisor@province', roles: ['supervisor'] };

export interface TestAgency extends InProcess {
  runtime: AgencyRuntime;
  config: AgencyConfig;
  /** Every SQL statement run since the last `sql.length = 0`. */
  sql: string[];
  /** Every audit line (personal-data reads) since the last `audit.length = 0`, parsed. */
  audit: Record<string, unknown>[];
  close(): Promise<void>;
}

/** One agency deployment on a fresh database of `kind`, with a fixed clock. */
export async function openTestAgency(
  kind: DatabaseKind, options: { code?: string; clock?: string; env?: Record<string, string> } = {},
): Promise<TestAgency> {
  const db = await freshDatabase(kind);
  const code = options.code ?? 'fjdrc';
  const config = loadAgencyConfig({
    ...TEST_SECRETS, HUB_AGENCY_CODE: code, HUB_AGENCY_INDEX_PREFIX: 'FJ00201', HUB_DATABASE_URL: db.url,
    HUB_CLOCK: options.clock ?? '2026-11-27T10:00:00+08:00', ...options.env,
  });
  const sql: string[] = [];
  const runtime = await createAgencyRuntime(config, (message) => sql.push(message));
  const audit: Record<string, unknown>[] = [];
  runtime.auditSink = (line) => audit.push(JSON.parse(line));
  const schema = await buildAgencySchema();
  return {
    runtime, config, sql, audit,
    ...inProcess(schema, (claims) => createContext(runtime, claims), PUBLIC),
    async close() {
      await runtime.orm.close(true);
      await db.drop();
    },
  };
}
