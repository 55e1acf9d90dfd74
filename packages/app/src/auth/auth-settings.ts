import { API_TOKEN_LIMITS } from '@chainbrain/domain';

/** Session lifetime and sign-in backoff. Values chosen for officials' working days; see docs/security.md. */
export const AUTH_SETTINGS = {
  /** Absolute session lifetime. */
  sessionHours: 12,
  /** A session unused this long ends. */
  sessionIdleMinutes: 120,
  /** Sign-in backoff: after `freeFailures` failures in the window, wait base × 2^(n − freeFailures) s, capped. */
  throttle: { windowSeconds: 15 * 60, freeFailures: 5, baseBlockSeconds: 30, maxBlockSeconds: 15 * 60 },
  /** Per address the allowance is larger (offices share one address). */
  throttleByAddress: {
    windowSeconds: 15 * 60,
    freeFailures: 20,
    baseBlockSeconds: 30,
    maxBlockSeconds: 15 * 60,
  },
  tokenMaxDays: 366,
  tokenMaxLive: API_TOKEN_LIMITS.maxLive,
  tokenEndedShown: API_TOKEN_LIMITS.endedShown,
};
