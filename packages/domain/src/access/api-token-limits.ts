/** Limits on API tokens, shared by the server (which enforces them) and the web app (which shows them). */
export const API_TOKEN_LIMITS = {
  /** Live tokens per user: enough for every feed and script an office runs, few enough to review. */
  maxLive: 20,
  /** Ended (revoked or expired) tokens shown in a token list; the audit log keeps every one. */
  endedShown: 20,
} as const;
