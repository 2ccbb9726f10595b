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
 * Why a subgraph cannot serve, as `extensions.reason` of its SERVICE_UNAVAILABLE answer (HTTP 503);
 * the gateway passes it on in AGENCY_UNAVAILABLE / SERVICE_UNAVAILABLE.
 */
export const UNAVAILABLE_REASONS = ['database'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

/** The code of a subgraph answer that says "not now, not your fault": the subgraph answers it with HTTP 503. */
export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
