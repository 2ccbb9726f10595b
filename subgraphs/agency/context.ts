import type { MikroORM } from '@mikro-orm/core';
import type { AuditSink } from '../shared/audit-log';
import type { EntityManager } from '@mikro-orm/knex';
import type { WorkingDayCalendar } from '../shared/calendar';
import { actsFor, type Claims, type Role } from '../../schema/contracts/claims';
import type { AgencyFreshness } from '../../schema/contracts/catalogue-freshness';
import type { Clock } from '../shared/clock';
import type { AgencyConfig } from './config';
import { createDocumentLoaders, type DocumentLoaders } from './loaders/document.loader';
import { createFeedbackLoaders, type FeedbackLoaders } from './loaders/feedback.loader';
import { createRequestLoaders, type RequestLoaders } from './loaders/request.loader';
import type { SearchIndex } from './services/search-index';
import type { PublicChangeSignal } from './services/public-feed';

/** What lives as long as the deployment: its configuration, database, calendar and clock. */
export interface AgencyRuntime {
  config: AgencyConfig;
  orm: MikroORM;
  calendar: WorkingDayCalendar;
  clock: Clock;
  search: SearchIndex;
  /** Where audit lines (personal-data reads) go: stdout unless a test captures them. */
  auditSink: AuditSink;
  /** Wakes readers of the public change log on each commit. */
  publicChanges: PublicChangeSignal;
  /** Set in the provincial catalogue only: how far it has applied each agency's public change log. */
  replicaFreshness?: () => AgencyFreshness[];
}


/** Per request: a forked EntityManager, fresh loaders and the verified caller. */
export interface AgencyContext {
  runtime: AgencyRuntime;
  em: EntityManager;
  claims: Claims;
  loaders: DocumentLoaders & RequestLoaders & FeedbackLoaders;
}

/**
 * A request's context. `em` is the request's own fork of the deployment's EntityManager unless the
 * caller brings one (the demo seeder: one transaction for many workflow steps).
 */
export function createContext(runtime: AgencyRuntime, claims: Claims, em = runtime.orm.em.fork() as EntityManager): AgencyContext {
  const reader = { actor: claims.sub ?? 'anonymous', agency: runtime.config.agencyCode, sink: runtime.auditSink, now: () => runtime.clock.now() };
  return { runtime, em, claims, loaders: { ...createDocumentLoaders(em), ...createRequestLoaders(em, reader), ...createFeedbackLoaders(em) } };
}

/** The deployment's own agency code. */
export function agencyOf(ctx: AgencyContext): string {
  return ctx.runtime.config.agencyCode;
}

/** True when the caller is staff of this deployment's agency in one of `roles` (admin always). */
export function isStaff(ctx: AgencyContext, roles?: readonly Role[]): boolean {
  return actsFor(ctx.claims, agencyOf(ctx), roles);
}

/** Staff of this agency and supervisors (电子监察) see staff-only fields such as deadlines. */
export function seesInternals(ctx: AgencyContext): boolean {
  return isStaff(ctx) || ctx.claims.roles.includes('supervisor');
}

/** The agency's disclosure officers and admin: the only ones who handle requests and see requesters' identities. */
export function handlesRequests(ctx: AgencyContext): boolean {
  return isStaff(ctx, ['disclosure-officer']);
}

/** Who did it, for audit trails. */
export function actorOf(ctx: AgencyContext): string {
  return ctx.claims.sub ?? 'anonymous';
}
