import type { MiddlewareHandler } from 'hono';

/** The API whose error shape a route answers in. */
export type ErrorDialect = 'openai' | 'anthropic';

export interface ErrorDialectVariables {
  /** Unset on most routes, which answer in OpenAI's shape. */
  errorDialect?: ErrorDialect;
}

export interface ErrorDialectOptions {
  /** Default 'openai'. */
  dialect?: ErrorDialect;
}

/**
 * Marks the routes behind it as speaking another API's error shape, so the app's `onError` renders
 * failures the way that API's clients read them. Register it before auth and the body limit, so
 * their errors are rendered in the same shape.
 */
export function errorDialect(
  options: ErrorDialectOptions = {},
): MiddlewareHandler<{ Variables: ErrorDialectVariables }> {
  const dialect = options.dialect ?? 'openai';
  return async function errorDialectMiddleware(c, next) {
    c.set('errorDialect', dialect);
    await next();
  };
}
