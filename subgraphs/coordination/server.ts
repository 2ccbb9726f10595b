import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { createClock } from '../shared/clock';
import { buildFederatedSchema } from '../shared/federated-schema';
import type { EntityManager } from '@mikro-orm/knex';
import { idempotencyPlugin } from '../shared/idempotency';
import { databaseKindOf, openDatabase } from '../shared/orm';
import { startSubgraphServer, type RunningSubgraph } from '../shared/subgraph-http';
import type { CoordinationConfig } from './config';
import { createContext, type CoordinationContext, type CoordinationRuntime } from './context';
import { COORDINATION_ENTITIES, SCAN_TABLES } from './entities';
import { COORDINATION_MIGRATIONS } from './migrations';
import { FindingResolver } from './resolvers/finding.resolver';
import { ReleasePlanResolver, planReferenceResolvers } from './resolvers/release-plan.resolver';
import { GatewayClient } from '../shared/gateway-client';
import { startScheduler, type Scheduler } from './services/scheduler';

let schema: Promise<GraphQLSchema> | undefined;

/** The coordination subgraph's schema: release plans and consistency findings (built once per process). */
export function buildCoordinationSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({ resolvers: [ReleasePlanResolver, FindingResolver], validate: false }, planReferenceResolvers);
  return schema;
}

/** Opens the coordination database (migrating it), its clock and its client of the gateway. */
export async function createCoordinationRuntime(config: CoordinationConfig, onQuery?: (sql: string) => void): Promise<CoordinationRuntime> {
  const orm = await openDatabase({
    url: config.databaseUrl, entities: COORDINATION_ENTITIES, migrations: COORDINATION_MIGRATIONS, unmanagedTables: SCAN_TABLES, onQuery,
  });
  return {
    config, orm, clock: createClock(config.clock),
    gateway: new GatewayClient({ url: config.gatewayUrl, identity: config.serviceIdentity }),
  };
}

/** The coordination subgraph serving, with its runtime and (unless turned off) its scheduler. */
export interface RunningCoordination extends RunningSubgraph {
  runtime: CoordinationRuntime;
}

/**
 * The news office's subgraph, served over HTTP to the gateway. With `schedule`, its timers run
 * (release cycle, scans); tests leave them off and call the run-once functions themselves.
 */
export async function startCoordinationSubgraph(
  config: CoordinationConfig, options: { runtime?: CoordinationRuntime; schedule?: boolean } = {},
): Promise<RunningCoordination> {
  const rt = options.runtime ?? (await createCoordinationRuntime(config));
  const running = await startSubgraphServer(
    {
      name: 'coordination',
      schema: await buildCoordinationSchema(),
      gatewaySecret: config.gatewaySecret,
      createContext: (claims) => createContext(rt, claims),
      plugins: [idempotencyPlugin<CoordinationContext>({ kind: databaseKindOf(config.databaseUrl), em: (ctx) => ctx.em, claims: (ctx) => ctx.claims, root: () => rt.orm.em as EntityManager })],
    },
    config.port,
    config.host,
  );
  const scheduler: Scheduler | undefined = options.schedule ? startScheduler(rt) : undefined;
  return {
    ...running,
    runtime: rt,
    async stop() {
      scheduler?.stop();
      await running.stop();
      await rt.orm.close(true);
    },
  };
}

/**
 * The news office's subgraph as its process runs it: served with its scheduler; `started` runs
 * after it listens (the demo plants its plans then, through the gateway that starts after it).
 */
export async function serveCoordination(config: CoordinationConfig, started?: (runtime: CoordinationRuntime) => void): Promise<RunningCoordination> {
  const runtime = await createCoordinationRuntime(config);
  const coordination = await startCoordinationSubgraph(config, { runtime, schedule: true });
  console.log(`coordination ready at ${coordination.url} (database ${config.databaseUrl}, gateway ${config.gatewayUrl})`);
  started?.(runtime);
  return coordination;
}
