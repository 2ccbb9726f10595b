import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { Entity, Index, PrimaryKey, Property, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { GraphQLFormattedError } from 'graphql';
import type { Claims } from '../../schema/contracts/claims';
import { fingerprintOf, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_REQUEST_HEADER, isIdempotencyKey } from '../../schema/contracts/idempotency';
import { INTERNAL_ERROR_MESSAGE, isClientErrorCode } from '../../schema/contracts/errors';
import type { DatabaseKind } from './orm';

/** How long a stored outcome is replayed. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** How long a retry waits on PostgreSQL for the first execution with its key to finish. */
const WAIT_FOR_FIRST_MS = 3000;

/** Whose key it is: the verified subject and agency, so that two callers' keys never meet. */
export function idempotencyCallerOf(claims: Claims): string {
  return `${claims.sub ?? 'anonymous'}|${claims.agency ?? ''}`;
}

/**
 * One subgraph operation run with an idempotency key, and what it answered. The row is written in
 * the same transaction as the operation's writes, so it exists exactly when they committed.
 */
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKeyEntity {
  /** `idempotencyCallerOf` the verified claims. */
  @PrimaryKey({ type: 'string', length: 200 })
  caller!: string;

  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  /** Fingerprint of this subgraph operation (document, operation name, variables). */
  @PrimaryKey({ type: 'string', length: 64 })
  operation!: string;

  /** Fingerprint of the client's request at the gateway (the operation's own when called directly). */
  @Property({ type: 'string', length: 64 })
  request!: string;

  /** The GraphQL result answered, replayed to a retry. */
  @Property({ type: 'json', nullable: true })
  outcome?: GraphQLResponseBody | null;

  @Property({ type: Date })
  @Index()
  expiresAt!: Date;
}

type GraphQLResponseBody = { data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[]; extensions?: Record<string, unknown> };

/** How the idempotency plugin reaches a subgraph's request state. */
export interface IdempotencyOptions<TContext> {
  kind: DatabaseKind;
  /** The request's own EntityManager fork, the one every resolver of the operation writes through. */
  em: (context: TContext) => EntityManager;
  claims: (context: TContext) => Claims;
  /** The deployment's EntityManager for the periodic purge of expired keys. */
  root: () => EntityManager;
}

interface Pending {
  em: EntityManager;
  row: Pick<IdempotencyKeyEntity, 'caller' | 'key' | 'operation'>;
}

function refusal(status: number, error: GraphQLFormattedError, headers?: Record<string, string>): GraphQLResponse {
  return { http: { status, headers: new HeaderMap(Object.entries(headers ?? {})) }, body: { kind: 'single', singleResult: { errors: [error] } } };
}

const REUSED: GraphQLFormattedError = {
  message: 'Idempotency-Key 已用于另一个请求 / Idempotency-Key reused with a different request',
  extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key' },
};
const MALFORMED: GraphQLFormattedError = {
  message: 'Idempotency-Key 须为 16–64 个字母、数字、"-" 或 "_"（建议使用 UUID）/ Idempotency-Key must be 16–64 letters, digits, "-" or "_" (a UUID)',
  extensions: { code: 'BAD_USER_INPUT', field: 'Idempotency-Key' },
};
const IN_PROGRESS: GraphQLFormattedError = {
  message: '使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试 / A request with this Idempotency-Key is still being processed; retry shortly',
  extensions: { code: 'CONFLICT', field: 'Idempotency-Key', retryAfterSeconds: 1 },
};
const INTERNAL: GraphQLFormattedError = {
  message: INTERNAL_ERROR_MESSAGE,
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

/** PostgreSQL's lock_not_available: the first execution holds the key past the wait. */
function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown }).code === '55P03';
}

/** What to do with the outcome: keep it for replay, forget the key (a refused request) or undo everything (a fault). */
function verdictOf(result: GraphQLResponseBody): 'store' | 'forget' | 'undo' {
  const errors = result.errors ?? [];
  if (errors.some((e) => !isClientErrorCode(e.extensions?.code))) return 'undo';
  const didWork = Object.values(result.data ?? {}).some((value) => value !== null);
  return didWork || errors.length === 0 ? 'store' : 'forget';
}

/**
 * Idempotent mutations: a mutation sent with an `Idempotency-Key` runs in one transaction with the
 * row that records its outcome, so both commit or neither; a retry with the same key and the same
 * request answers that outcome without running again (it waits for a first execution still
 * running, by the unique key); the same key with another request is refused. An outcome with an
 * internal error is rolled back and not kept; a refusal (no root field answered) is not kept, so a
 * retry runs again — after the embargo has passed, say.
 */
export function idempotencyPlugin<TContext extends object>(options: IdempotencyOptions<TContext>): ApolloServerPlugin<TContext> {
  const pending = new WeakMap<TContext, Pending>();
  return {
    async serverWillStart() {
      const purge = setInterval(() => {
        void options.root().fork().nativeDelete(IdempotencyKeyEntity, { expiresAt: { $lt: new Date() } })
          .catch((error: unknown) => console.error('[idempotency] purge failed', error));
      }, 60 * 60 * 1000);
      purge.unref();
      return { async serverWillStop() { clearInterval(purge); } };
    },
    async requestDidStart() {
      return {
        async responseForOperation({ operation, request, contextValue }) {
          const key = request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
          if (operation.operation !== 'mutation' || key === undefined) return null;
          if (!isIdempotencyKey(key)) return refusal(200, MALFORMED);
          const em = options.em(contextValue);
          const operationPrint = fingerprintOf({ query: request.query, operationName: request.operationName ?? null, variables: request.variables ?? {} });
          const requestPrint = request.http?.headers.get(IDEMPOTENCY_REQUEST_HEADER) ?? operationPrint;
          const row = { caller: idempotencyCallerOf(options.claims(contextValue)), key, operation: operationPrint };
          await em.begin();
          try {
            if (options.kind === 'postgresql') await em.execute(`set local lock_timeout = ${WAIT_FOR_FIRST_MS}`);
            const now = new Date();
            await em.nativeDelete(IdempotencyKeyEntity, { caller: row.caller, key, expiresAt: { $lt: now } });
            const other = await em.findOne(IdempotencyKeyEntity, { caller: row.caller, key, request: { $ne: requestPrint } }, { disableIdentityMap: true });
            if (other) {
              await em.rollback();
              return refusal(200, REUSED);
            }
            await em.insert(IdempotencyKeyEntity, { ...row, request: requestPrint, outcome: null, expiresAt: new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS) });
          } catch (error) {
            await em.rollback();
            if (isLockTimeout(error)) return refusal(200, IN_PROGRESS, { 'retry-after': '1' });
            if (!(error instanceof UniqueConstraintViolationException)) throw error;
            // The unique key made this retry wait for the first execution, which committed: answer its outcome.
            const first = await em.findOne(IdempotencyKeyEntity, row, { disableIdentityMap: true });
            if (!first || first.request !== requestPrint) return refusal(200, REUSED);
            return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: first.outcome ?? {} } };
          }
          pending.set(contextValue, { em, row });
          return null;
        },
        async willSendResponse({ response, contextValue }) {
          const state = pending.get(contextValue);
          if (!state) return;
          pending.delete(contextValue);
          if (response.body.kind !== 'single') {
            await state.em.rollback();
            return;
          }
          const result = response.body.singleResult as GraphQLResponseBody;
          const verdict = verdictOf(result);
          try {
            if (verdict === 'undo') {
              await state.em.rollback();
              response.body.singleResult = { data: null, errors: result.errors };
              return;
            }
            if (verdict === 'store') await state.em.nativeUpdate(IdempotencyKeyEntity, state.row, { outcome: { data: result.data ?? null, ...(result.errors ? { errors: result.errors } : {}) } });
            else await state.em.nativeDelete(IdempotencyKeyEntity, state.row);
            await state.em.commit();
          } catch (error) {
            // The statement would print the outcome, which may hold a requester's identity: log only what failed.
            console.error('[idempotency] commit failed', (error as Error).name, (error as { code?: unknown }).code);
            if (state.em.getTransactionContext()) await state.em.rollback().catch(() => undefined);
            response.body.singleResult = { data: null, errors: [INTERNAL] };
          }
        },
      };
    },
  };
}
