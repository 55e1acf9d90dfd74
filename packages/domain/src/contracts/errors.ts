import { z } from 'zod';

/** Every API error: a stable code, a message in Chinese and in English, and optional details. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message_zh: z.string(),
    message_en: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
