import { GrammyError, HttpError } from 'grammy';

/**
 * Removes a bot token from text. grammY's network errors can carry the request URL, which holds
 * the token (".../bot123:ABC.../sendMessage"); anything shaped like one is cut as well.
 */
export function createRedactor(token: string): (text: string) => string {
  return (text) => {
    const cut = token.length > 0 ? text.split(token).join('[token]') : text;
    return cut.replace(/\d{5,}:[A-Za-z0-9_-]{30,}/g, '[token]');
  };
}

/** An error as a plain, token-free object for the log (never the raw error: its fields may hold the URL). */
export function describeError(
  err: unknown,
  redact: (text: string) => string,
  depth = 0,
): Record<string, unknown> {
  if (err instanceof GrammyError) {
    return {
      type: 'GrammyError',
      method: err.method,
      code: err.error_code,
      description: redact(err.description),
    };
  }
  if (err instanceof HttpError) {
    return {
      type: 'HttpError',
      message: redact(err.message),
      ...(depth < 3 ? { cause: describeError(err.error, redact, depth + 1) } : {}),
    };
  }
  if (err instanceof Error) {
    return {
      type: err.name,
      message: redact(err.message),
      ...(err.stack ? { stack: redact(err.stack) } : {}),
      ...(err.cause !== undefined && depth < 3 ? { cause: describeError(err.cause, redact, depth + 1) } : {}),
    };
  }
  return { message: redact(String(err)) };
}
