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
