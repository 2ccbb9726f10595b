import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Claims } from '../../schema/contracts/claims';
import type { Clock } from '../shared/clock';
import type { CoordinationConfig } from './config';
import { createPlanLoaders, type PlanLoaders } from './loaders/plan.loader';
import type { GatewayClient } from '../shared/gateway-client';

/** What lives as long as the coordination subgraph runs: configuration, database, clock and its way to the agencies. */
export interface CoordinationRuntime {
  config: CoordinationConfig;
  orm: MikroORM;
  clock: Clock;
  gateway: GatewayClient;
  /** Called after a plan changed state, for a scoped consistency check (set by the scheduler). */
  onPlanChanged?: (planId: string) => void;
}

/** Per request: a forked EntityManager, fresh loaders and the verified caller. */
export interface CoordinationContext {
  runtime: CoordinationRuntime;
  em: EntityManager;
  claims: Claims;
  loaders: PlanLoaders;
}

export function createContext(runtime: CoordinationRuntime, claims: Claims): CoordinationContext {
  const em = runtime.orm.em.fork() as EntityManager;
  return { runtime, em, claims, loaders: createPlanLoaders(em) };
}

/** News-office coordinators (and the service identity) manage plans and findings. */
export function isCoordinator(ctx: CoordinationContext): boolean {
  return ctx.claims.roles.some((r) => r === 'coordinator' || r === 'service');
}

/** Supervisors read findings and plans too (电子监察: open consistency findings), never change them. */
export function readsEverything(ctx: CoordinationContext): boolean {
  return isCoordinator(ctx) || ctx.claims.roles.includes('supervisor');
}

export function actorOf(ctx: CoordinationContext): string {
  return ctx.claims.sub ?? 'anonymous';
}
