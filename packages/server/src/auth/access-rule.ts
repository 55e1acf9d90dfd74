import type { Permission } from '@chainbrain/domain';

/**
 * What a route needs. Every /api route declares one in `config.access`; registering a route without it
 * fails at start-up, and the access matrix test checks each rule against every role.
 *  - public: no session needed (login, logout, health, API document); with optionalSession the caller is
 *    identified when a session cookie comes along (and CSRF is checked then), as logout needs
 *  - signedIn: any signed-in user or API token; with whilePasswordDue also a session whose user must
 *    change a password someone else set (every other route refuses such a session)
 *  - a permission: the caller's grants must include it (ROLE_PERMISSIONS)
 */
export type AccessRule =
  | { public: true; optionalSession?: boolean }
  | { signedIn: true; whilePasswordDue?: boolean }
  | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

export const PUBLIC: AccessRule = { public: true };
export const PUBLIC_WITH_SESSION: AccessRule = { public: true, optionalSession: true };
export const SIGNED_IN: AccessRule = { signedIn: true };
export const SIGNED_IN_WHILE_PASSWORD_DUE: AccessRule = { signedIn: true, whilePasswordDue: true };
export const needs = (permission: Permission): AccessRule => ({ permission });
