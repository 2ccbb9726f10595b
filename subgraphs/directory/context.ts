import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { WorkingDayCalendar } from '../shared/calendar';
import type { Claims } from '../../schema/contracts/claims';
import type { Clock } from '../shared/clock';
import type { DirectoryConfig } from './config';
import { createAgencyLoaders, type AgencyLoaders } from './loaders/agency.loader';

/** What lives as long as the directory runs: its configuration, database, calendar and clock. */
export interface DirectoryRuntime {
  config: DirectoryConfig;
  orm: MikroORM;
  /** The official working-day calendar, with the arrangements administrators loaded. */
  calendar: WorkingDayCalendar;
  clock: Clock;
}

/** Per request: a forked EntityManager, fresh loaders and the verified caller. */
export interface DirectoryContext {
  runtime: DirectoryRuntime;
  em: EntityManager;
  claims: Claims;
  loaders: AgencyLoaders;
}

/** The context of one request, made for `claims` as the gateway verified them. */
export function createContext(runtime: DirectoryRuntime, claims: Claims): DirectoryContext {
  const em = runtime.orm.em.fork() as EntityManager;
  return { runtime, em, claims, loaders: createAgencyLoaders(em) };
}
