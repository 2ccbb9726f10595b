import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConnectionException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { INTERNAL_ERROR_MESSAGE, isClientErrorCode, SERVICE_UNAVAILABLE, type SubgraphUnavailableReason } from '../../schema/contracts/errors';

/** Socket errnos of a database that cannot be reached. */
const UNREACHABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * PostgreSQL SQLSTATEs of a server that cannot serve this connection: class 08 (connection
 * exception), shutdowns and "cannot connect now" (57P01–57P03), too many connections (53300),
 * the database gone (3D000). SQLite: the file cannot be opened or read (CANTOPEN, IOERR*).
 */
function isUnavailableCode(code: string): boolean {
  return UNREACHABLE_ERRNOS.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300' || code === '3D000'
    || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR');
}

/**
 * Whether an error means the service's database is unreachable (down, cut, refusing connections),
 * told from the driver's error class and codes, never from message text.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof ConnectionException) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && isUnavailableCode(code)) return true;
    // graphql-js wraps a thrown value that is not an Error of its realm (a driver's error raised
    // in another VM context, as under the test runner) as NonErrorThrown, keeping it in `thrownValue`.
    const wrapped = e as { cause?: unknown; originalError?: unknown; thrownValue?: unknown };
    e = wrapped.cause ?? wrapped.originalError ?? wrapped.thrownValue;
  }
  return false;
}

/**
 * Never lets an ORM, SQL or stack message reach a client: errors the hub raised on purpose pass
 * as they are; a database that cannot be reached becomes SERVICE_UNAVAILABLE (reason "database",
 * answered with HTTP 503 so the gateway reports the agency unavailable); anything else becomes a
 * generic internal error (and is logged here).
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const original = unwrapResolverError(error);
  if (isClientErrorCode(code)) {
    const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    return { ...formatted, extensions };
  }
  if (original instanceof GraphQLError && !original.originalError && code === undefined) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (isDatabaseUnavailable(original)) {
    console.error('[database unavailable]', (original as Error).message);
    return {
      message: '数据库暂时无法访问，请稍后重试 / The database is unavailable, please try again later',
      path: formatted.path,
      extensions: { code: SERVICE_UNAVAILABLE, reason: 'database' satisfies SubgraphUnavailableReason },
    };
  }
  console.error('[internal error]', original);
  return {
    message: INTERNAL_ERROR_MESSAGE,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
