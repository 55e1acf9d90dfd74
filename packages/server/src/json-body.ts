import type { FastifyInstance } from 'fastify';

/** Keys no request body may use: they would reach an object's prototype once merged anywhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/** An error Fastify's error handler (errors.ts) renders in both languages. */
function bodyError(code: string, messageEn: string): Error & { statusCode: number; code: string } {
  return Object.assign(new Error(messageEn), { statusCode: 400, code });
}

/**
 * JSON bodies: parsed as Fastify does, but a forbidden key is named rather than reported as "not valid
 * JSON" (Fastify's parser said so for {"__proto__": …}, which sent callers looking for a syntax error).
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(
        bodyError(
          'FST_ERR_CTP_EMPTY_JSON_BODY',
          "Body cannot be empty when content-type is set to 'application/json'",
        ),
      );
      return;
    }
    let forbidden: string | undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text, (key, value) => {
        if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
        return value;
      });
    } catch (error) {
      // The reviver recurses: a body nested thousands of levels deep overflows the stack.
      if (error instanceof RangeError) {
        done(bodyError('CB_JSON_TOO_DEEP', 'The body is nested too deeply'));
        return;
      }
      done(
        bodyError(
          'FST_ERR_CTP_INVALID_JSON_BODY',
          "Body is not valid JSON but content-type is set to 'application/json'",
        ),
      );
      return;
    }
    if (forbidden) {
      done(bodyError('CB_FORBIDDEN_JSON_KEY', `The body uses the key "${forbidden}", which is not allowed`));
      return;
    }
    done(null, parsed);
  });
}
