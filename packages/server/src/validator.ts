import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { findUnsafeText } from './unsafe-text.js';

/** Marks an issue as one of fastify-type-provider-zod's, so that errors.ts renders it like the others. */
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The zod validator, with each issue's input kept for the Chinese message. zod writes the English message
 * when it parses, from the input, but leaves the input out of the issue, so the Chinese rendering (in
 * errors.ts) said "实际接收 undefined" where the English said "received NaN". Only a failed request is
 * parsed a second time, with the inputs reported; the issues come in the same order.
 */
export const validatorWithInputs: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = validatorCompiler(route);
  return (data) => {
    const unsafe = findUnsafeText(data);
    if (unsafe) {
      const at = unsafe.index + 1;
      const error = {
        [ZOD_ISSUE]: true,
        keyword: 'unsafe_text',
        instancePath: unsafe.path,
        schemaPath: '#',
        params: { codePoint: unsafe.codePoint, index: unsafe.index },
        message:
          `contains ${unsafe.codePoint} at character ${at}: control characters, direction overrides and broken ` +
          `Unicode are not accepted / 第 ${at} 个字符为 ${unsafe.codePoint}：不接受控制字符、文字方向控制符或无效的 Unicode 字符`,
      };
      return { error: [error] as unknown as FastifySchemaValidationError[] };
    }
    const result = validate(data) as { value?: unknown; error?: FastifySchemaValidationError[] };
    if (!result.error) return result;
    const again = route.schema.safeParse(data, { reportInput: true });
    const issues = again.success ? [] : again.error.issues;
    result.error.forEach((v, i) => {
      const issue = issues[i];
      if (issue && 'input' in issue) v.params = { ...v.params, input: issue.input };
    });
    return result;
  };
};
