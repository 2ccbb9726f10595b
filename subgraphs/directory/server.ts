import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { WorkingDayCalendar } from '../shared/calendar';
import { createClock } from '../shared/clock';
import { buildFederatedSchema } from '../shared/federated-schema';
import type { EntityManager } from '@mikro-orm/knex';
import { idempotencyPlugin } from '../shared/idempotency';
import { databaseKindOf, openDatabase } from '../shared/orm';
import { startSubgraphServer, type RunningSubgraph } from '../shared/subgraph-http';
import type { DirectoryConfig } from './config';
import { createContext, type DirectoryContext, type DirectoryRuntime } from './context';
import { DIRECTORY_ENTITIES } from './entities';
import { DIRECTORY_MIGRATIONS } from './migrations';
import { AgencyResolver, agencyReferenceResolvers } from './resolvers/agency.resolver';
import { CalendarResolver } from './resolvers/calendar.resolver';
import { restoreArrangements } from './services/calendar.service';

let schema: Promise<GraphQLSchema> | undefined;

/** The directory's schema: agency profiles, the theme taxonomy and the calendar (built once per process). */
export function buildDirectorySchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({ resolvers: [AgencyResolver, CalendarResolver], validate: false }, agencyReferenceResolvers);
  return schema;
}

/**
 * Opens the directory's database (migrating it), its clock, and the calendar with every holiday
 * arrangement an administrator loaded before the last restart.
 */
export async function createDirectoryRuntime(config: DirectoryConfig, onQuery?: (sql: string) => void): Promise<DirectoryRuntime> {
  const orm = await openDatabase({ url: config.databaseUrl, entities: DIRECTORY_ENTITIES, migrations: DIRECTORY_MIGRATIONS, onQuery });
  const calendar = WorkingDayCalendar.official({ arrangementsDir: config.calendarDir });
  await restoreArrangements(orm.em.fork(), calendar);
  return { config, orm, calendar, clock: createClock(config.clock) };
}

/** The directory serving, with the runtime it serves from. */
export interface RunningDirectory extends RunningSubgraph {
  runtime: DirectoryRuntime;
}

/** The directory subgraph: its database and schema, served over HTTP to the gateway. */
export async function startDirectorySubgraph(config: DirectoryConfig, runtime?: DirectoryRuntime): Promise<RunningDirectory> {
  const rt = runtime ?? (await createDirectoryRuntime(config));
  const running = await startSubgraphServer(
    {
      name: 'directory',
      schema: await buildDirectorySchema(),
      gatewaySecret: config.gatewaySecret,
      createContext: (claims) => createContext(rt, claims),
      plugins: [idempotencyPlugin<DirectoryContext>({ kind: databaseKindOf(config.databaseUrl), em: (ctx) => ctx.em, claims: (ctx) => ctx.claims, root: () => rt.orm.em as EntityManager })],
    },
    config.port,
    config.host,
  );
  return {
    ...running,
    runtime: rt,
    async stop() {
      await running.stop();
      await rt.orm.close(true);
    },
  };
}

/** The directory as its process runs it: the database opened (then `prepare`, e.g. the demo's seeding), then served. */
export async function serveDirectory(config: DirectoryConfig, prepare?: (runtime: DirectoryRuntime) => Promise<void>): Promise<RunningDirectory> {
  const runtime = await createDirectoryRuntime(config);
  await prepare?.(runtime);
  const directory = await startDirectorySubgraph(config, runtime);
  console.log(`directory ready at ${directory.url} (database ${config.databaseUrl})`);
  return directory;
}
