import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { WorkingDayCalendar } from '../shared/calendar';
import { stdoutAuditSink } from '../shared/audit-log';
import { createClock } from '../shared/clock';
import { buildFederatedSchema } from '../shared/federated-schema';
import { idempotencyPlugin } from '../shared/idempotency';
import { databaseKindOf, openDatabase, type DatabaseOptions } from '../shared/orm';
import { startSubgraphServer, type RunningSubgraph } from '../shared/subgraph-http';
import type { AgencyConfig } from './config';
import type { EntityManager } from '@mikro-orm/knex';
import { createContext, type AgencyContext, type AgencyRuntime } from './context';
import { AGENCY_ENTITIES } from './entities';
import { attachmentRoutes } from './attachment-routes';
import { requestFileRoutes } from './request-file-routes';
import { AGENCY_MIGRATIONS } from './migrations';
import { AgencyDocumentsResolver, DocumentResolver, documentReferenceResolvers } from './resolvers/document.resolver';
import { PenaltyResolver } from './resolvers/penalty.resolver';
import { CoordinatedReleaseResolver, DocumentCoordinationFieldsResolver, releaseStateReferenceResolvers } from './resolvers/coordinated-release.resolver';
import { AgencyReportResolver, AnnualReportResolver } from './resolvers/report.resolver';
import { DisclosureRequestResolver, requestReferenceResolvers } from './resolvers/request.resolver';
import { DocumentFeedbackResolver, FeedbackResolver } from './resolvers/feedback.resolver';
import { AgencySupervisionFieldResolver, AgencySupervisionResolver, ProvinceSupervisionResolver } from './resolvers/supervision.resolver';
import { TrainingResolver } from './resolvers/training.resolver';
import { AccountabilityResolver } from './resolvers/accountability.resolver';
import { RequestLetterResolver, RequestLettersFieldResolver } from './resolvers/letter.resolver';
import { SEARCH_TABLES, SearchIndex } from './services/search-index';
import { PublicChangeSignal } from './services/public-feed';
import { logNotifier, startDeadlineWatch } from './services/deadline-watch';
import { smtpSender, startMailOutbox } from './services/mail-outbox';
import { PublicFeedResolver } from './resolvers/public-feed.resolver';
import { calendarGatewayClient, gatewayCalendarSource, startCalendarSync } from './services/calendar-sync';

let schema: Promise<GraphQLSchema> | undefined;

/** The agency contract, the same for every deployment (built once per process). */
export function buildAgencySchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema(
    {
      resolvers: [DocumentResolver, AgencyDocumentsResolver, PenaltyResolver, DisclosureRequestResolver, AnnualReportResolver, AgencyReportResolver,
        CoordinatedReleaseResolver, DocumentCoordinationFieldsResolver,
        FeedbackResolver, DocumentFeedbackResolver, ProvinceSupervisionResolver, AgencySupervisionResolver, AgencySupervisionFieldResolver, PublicFeedResolver,
        TrainingResolver, AccountabilityResolver, RequestLetterResolver, RequestLettersFieldResolver],
      validate: false,
    },
    { ...documentReferenceResolvers, ...requestReferenceResolvers, ...releaseStateReferenceResolvers },
  );
  return schema;
}

/** Tables and migrations of the database an agency runtime opens: an agency's, or the catalogue's (a superset). */
export interface AgencyStorage {
  entities: DatabaseOptions['entities'];
  migrations: DatabaseOptions['migrations'];
}

/** Opens the deployment's database (migrating it) and its calendar and clock. */
export async function createAgencyRuntime(
  config: AgencyConfig, onQuery?: (sql: string) => void, storage: AgencyStorage = { entities: AGENCY_ENTITIES, migrations: AGENCY_MIGRATIONS },
): Promise<AgencyRuntime> {
  const orm = await openDatabase({ url: config.databaseUrl, ...storage, unmanagedTables: SEARCH_TABLES, onQuery });
  const publicChanges = new PublicChangeSignal();
  publicChanges.attach(orm);
  return {
    publicChanges,
    config,
    orm,
    calendar: WorkingDayCalendar.official({ arrangementsDir: config.calendarDir }),
    clock: createClock(config.clock),
    search: new SearchIndex(config.databaseUrl),
    auditSink: stdoutAuditSink,
  };
}

export interface RunningAgency extends RunningSubgraph {
  runtime: AgencyRuntime;
}

/** One agency deployment: its database, its schema, served over HTTP to the gateway. */
export async function startAgencySubgraph(config: AgencyConfig, runtime?: AgencyRuntime): Promise<RunningAgency> {
  const rt = runtime ?? (await createAgencyRuntime(config));
  const running = await startSubgraphServer(
    {
      name: `agency:${config.agencyCode}`,
      schema: await buildAgencySchema(),
      gatewaySecret: config.gatewaySecret,
      createContext: (claims) => createContext(rt, claims),
      health: () => ({ agency: config.agencyCode }),
      httpRoutes: [attachmentRoutes(rt), requestFileRoutes(rt)],
      plugins: [idempotencyPlugin<AgencyContext>({ kind: databaseKindOf(config.databaseUrl), em: (ctx) => ctx.em, claims: (ctx) => ctx.claims, root: () => rt.orm.em as EntityManager })],
      ready: () => rt.orm.em.getConnection().execute('select 1'),
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

/**
 * One agency deployment as its process runs it: the database opened (then `prepare`, e.g. the
 * demo's seeding), the subgraph served, the daily deadline watch, the mail outbox (when HUB_SMTP_URL
 * is set) and the calendar sync started;
 * `stop` undoes them all.
 */
export async function serveAgency(config: AgencyConfig, prepare?: (runtime: AgencyRuntime) => Promise<void>): Promise<{ stop(): Promise<void> }> {
  const runtime = await createAgencyRuntime(config);
  await prepare?.(runtime);
  const agency = await startAgencySubgraph(config, runtime);
  console.log(`agency ${config.agencyCode} ready at ${agency.url} (database ${config.databaseUrl})`);
  const stopWatch = startDeadlineWatch(runtime, logNotifier(runtime.auditSink, () => runtime.clock.now()), config.deadlineWatchHours);
  const stopOutbox = config.smtpUrl ? startMailOutbox(runtime, smtpSender(config.smtpUrl), config.mailOutboxSeconds) : () => {};
  if (!config.smtpUrl && config.alertEmails.length > 0) {
    console.warn(`agency ${config.agencyCode}: HUB_ALERT_EMAILS is set but HUB_SMTP_URL is not: alert mail is queued in the outbox and not sent`);
  }
  const stopSync = config.calendarSyncSeconds > 0
    ? startCalendarSync(runtime, gatewayCalendarSource(calendarGatewayClient(runtime)), config.calendarSyncSeconds)
    : async () => undefined;
  return {
    async stop() {
      stopWatch();
      stopOutbox();
      await stopSync();
      await agency.stop();
    },
  };
}
