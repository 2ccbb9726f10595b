import { inProcess, type InProcess } from '../../../test/support/in-process';
import { freshDatabase } from '../../../test/support/databases';
import { TEST_SECRETS } from '../../../test/support/secrets';
import type { Claims } from '../../../schema/contracts/claims';
import { ANONYMOUS } from '../../../schema/contracts/claims';
import type { DatabaseKind } from '../../shared/orm';
import { loadCoordinationConfig } from '../config';
import { createContext, type CoordinationRuntime } from '../context';
import { buildCoordinationSchema, createCoordinationRuntime } from '../server';

export const COORDINATOR: Claims = { sub: 'coordinator@province', roles: ['coordinator'] };

export interface TestCoordination extends InProcess {
  runtime: CoordinationRuntime;
  /** Executes an operation in-process as `claims`, failing on errors. */
  close(): Promise<void>;
}

/** The coordination subgraph on a fresh database of `kind`, with a fixed clock and no gateway behind it. */
export async function openTestCoordination(kind: DatabaseKind): Promise<TestCoordination> {
  const db = await freshDatabase(kind);
  const runtime = await createCoordinationRuntime(loadCoordinationConfig({
    ...TEST_SECRETS, HUB_COORDINATION_DATABASE_URL: db.url, HUB_CLOCK: '2026-11-27T10:00:00+08:00', HUB_GATEWAY_URL: 'http://127.0.0.1:9/graphql',
  }));
  const schema = await buildCoordinationSchema();
  return {
    runtime,
    ...inProcess(schema, (claims) => createContext(runtime, claims), ANONYMOUS),
    async close() {
      await runtime.orm.close(true);
      await db.drop();
    },
  };
}
