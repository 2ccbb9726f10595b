import { GraphQLError } from 'graphql';

/**
 * Errors clients see. Each has a literal `extensions.code`; messages are bilingual (中文 first)
 * because citizens read them, and name the field at fault so a form can point at it.
 */
function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

/** BAD_USER_INPUT: the caller sent something the rules do not allow; `field` names the input. */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, zh: string, en: string) {
    super(bilingual(zh, en), { extensions: { code: 'BAD_USER_INPUT', field } });
  }
}

/** UNAUTHENTICATED: no verified caller where one is needed, or a call that did not come through the gateway. */
export class UnauthenticatedError extends GraphQLError {
  constructor(zh = '需要登录', en = 'Authentication required') {
    super(bilingual(zh, en), { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

/** FORBIDDEN: the verified caller may not do this. */
export class ForbiddenError extends GraphQLError {
  constructor(zh: string, en: string) {
    super(bilingual(zh, en), { extensions: { code: 'FORBIDDEN' } });
  }
}

/** NOT_FOUND: nothing with this id that the caller may see. */
export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(bilingual(`未找到${what}：${id}`, `No ${what} found with id ${id}`), {
      extensions: { code: 'NOT_FOUND', id },
    });
  }
}

/** CONFLICT: the action does not fit the item's current state (e.g. publishing a draft). */
export class WorkflowConflictError extends GraphQLError {
  constructor(zh: string, en: string, state?: string) {
    super(bilingual(zh, en), { extensions: { code: 'CONFLICT', state } });
  }
}

/** Codes whose messages are written for clients; anything else is an internal fault. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

/** True for a code the hub gives a refusal it meant (bad input, no access, a conflict), false for a fault. */
export function isClientErrorCode(code: unknown): boolean {
  return typeof code === 'string' && CLIENT_CODES.has(code);
}

/** What a client reads in place of an internal fault, at the subgraphs and at the gateway. */
export const INTERNAL_ERROR_MESSAGE = '服务内部错误，请稍后重试 / Internal error, please try again later';

/**
 * Why a subgraph itself says it cannot serve, as `extensions.reason` of its SERVICE_UNAVAILABLE
 * answer (HTTP 503); the gateway passes it on as the reason of its own unavailable error.
 */
export const SUBGRAPH_UNAVAILABLE_REASONS = ['database'] as const;

/**
 * The closed list of `extensions.reason` of AGENCY_UNAVAILABLE / SERVICE_UNAVAILABLE, each decided
 * from an error type, an errno or an HTTP status, never from message text:
 * - `timeout`: no answer within the per-call deadline;
 * - `connection`: refused, reset, hung up, unreachable or not resolved (a Node errno);
 * - `circuit-open`: the service's breaker is open, the call was not sent;
 * - `http-5xx`: an HTTP 5xx answer that is not GraphQL (a proxy's 502/504 page);
 * - `bad-response`: any other HTTP answer that is not GraphQL;
 * - `signature`: the service refused the gateway's signed claims (HTTP 401);
 * - `unavailable`: the service answered 503 without a reason of its own;
 * - `internal`: the gateway could not make the call at all (its own fault, not the service's);
 * - one of {@link SUBGRAPH_UNAVAILABLE_REASONS}: the service answered 503 saying why (`database`).
 */
export const UNAVAILABLE_REASONS = [
  'timeout', 'connection', 'circuit-open', 'http-5xx', 'bad-response', 'signature', 'unavailable', 'internal', ...SUBGRAPH_UNAVAILABLE_REASONS,
] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];
export type SubgraphUnavailableReason = (typeof SUBGRAPH_UNAVAILABLE_REASONS)[number];

/** The code of a subgraph answer that says "not now, not your fault": the subgraph answers it with HTTP 503. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** The gateway's code for one agency deployment that gave no answer (public: clients retry that agency). */
export const AGENCY_UNAVAILABLE = 'AGENCY_UNAVAILABLE';

/**
 * `extensions` of every error the gateway gives for a service that gave no answer, whichever
 * transport called it: AGENCY_UNAVAILABLE (with `agency`) for an agency deployment,
 * SERVICE_UNAVAILABLE for a singleton service (directory, coordination); always `service` and `reason`.
 */
export interface UnavailableExtensions {
  code: typeof AGENCY_UNAVAILABLE | typeof SERVICE_UNAVAILABLE;
  /** The subgraph: `agency` for every agency deployment, else the service's name (`directory`, `coordination`). */
  service: string;
  /** The agency deployment's code, for AGENCY_UNAVAILABLE only. */
  agency?: string;
  reason: UnavailableReason;
}

/** Who gave no answer: a singleton service, or one agency deployment of the agency subgraph. */
export type UnavailableTarget = { service: string; agency?: string };

/**
 * The one error for a service that gave no answer, used by every gateway transport, so the
 * directory, the news office and each agency fail with the same shape.
 */
export function unavailableError(target: UnavailableTarget, reason: UnavailableReason, path?: readonly (string | number)[]): GraphQLError {
  const extensions: UnavailableExtensions = target.agency
    ? { code: AGENCY_UNAVAILABLE, service: target.service, agency: target.agency, reason }
    : { code: SERVICE_UNAVAILABLE, service: target.service, reason };
  const message = target.agency
    ? bilingual(`机关 ${target.agency} 的信息公开服务暂时无法访问`, `Agency ${target.agency} is unavailable (${reason})`)
    : bilingual(`${target.service} 服务暂时无法访问`, `The ${target.service} service is unavailable (${reason})`);
  return new GraphQLError(message, { path, extensions: { ...extensions } });
}
