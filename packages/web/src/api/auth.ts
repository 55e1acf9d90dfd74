import type { Role } from '@chainbrain/domain/roles';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, deleteJson, getJson, mayHaveSession, patchJson, postJson } from './client.js';

export type GrantView = {
  role: Role;
  role_name_zh: string;
  role_name_en: string;
  region_code: string | null;
  chain_id: string | null;
  firm_id: number | null;
  /** The firm's name, for a firm grant. */
  firm_name: string | null;
};

export type Me = {
  id: number;
  username: string;
  display_name: string;
  grants: GrantView[];
  permissions: string[];
  via: string;
  /** An administrator set the password: the user must change it before anything else. */
  must_change_password: boolean;
};

export type AuthConfig = {
  demo: boolean;
  demo_password: string | null;
  demo_accounts: Array<{ username: string; display_name: string; role: string }>;
};

/** The signed-in user, or null when signed out. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      if (!mayHaveSession()) return null;
      try {
        return await getJson<Me>('/api/v1/auth/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 30_000,
  });
}

export function useAuthConfig() {
  return useQuery({ queryKey: ['auth-config'], queryFn: () => getJson<AuthConfig>('/api/v1/auth/config') });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => postJson<Me>('/api/v1/auth/login', input),
    onSuccess: async () => {
      client.clear();
      await client.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => postJson<void>('/api/v1/auth/logout'),
    onSettled: () => {
      client.clear();
      client.setQueryData(['me'], null);
    },
  });
}

export type ApiToken = {
  id: number;
  name: string;
  scope: 'read' | 'write';
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => getJson<ApiToken[]>('/api/v1/auth/tokens') });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; scope: 'read' | 'write'; expires_in_days: number }) =>
      postJson<ApiToken & { token: string }>('/api/v1/auth/tokens', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export type PasswordChange = { current_password: string; new_password: string; revoke_tokens: boolean };

/** Changes the signed-in user's password; the other sessions end, and the tokens when asked. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChange) =>
      postJson<{ ended_sessions: number; revoked_tokens: number }>('/api/v1/auth/password', input),
    // Everything: while the change was due the API refused the dashboards' queries, and those refusals
    // must not stay in the cache.
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => deleteJson<void>(`/api/v1/auth/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export type UserView = {
  id: number;
  username: string;
  display_name: string;
  is_active: boolean;
  is_demo: boolean;
  must_change_password: boolean;
  created_at: string;
  grants: GrantView[];
};

export type GrantInput = {
  role: Role;
  region_code: string | null;
  chain_id: string | null;
  firm_id: number | null;
};

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => getJson<UserView[]>('/api/v1/users') });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; display_name: string; password: string; grants: GrantInput[] }) =>
      postJson<UserView>('/api/v1/users', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...changes
    }: {
      id: number;
      display_name?: string;
      is_active?: boolean;
      password?: string;
      grants?: GrantInput[];
    }) => patchJson<UserView>(`/api/v1/users/${id}`, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export type AuditEntry = {
  id: number;
  at: string;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  ip: string | null;
};

/** Entries a page of the audit log holds; a full page means older ones may exist. */
export const AUDIT_PAGE = 100;

/** The audit log newest first, a page at a time, each page the entries older than the last one shown. */
export function useAudit() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      getJson<AuditEntry[]>(
        `/api/v1/audit?limit=${AUDIT_PAGE}${pageParam === undefined ? '' : `&before=${pageParam}`}`,
      ),
    getNextPageParam: (last) => (last.length === AUDIT_PAGE ? last.at(-1)?.id : undefined),
  });
}

export function useVerifyAudit() {
  return useMutation({
    mutationFn: () =>
      getJson<{
        ok: boolean;
        count: number;
        bad_entry_id: number | null;
        reason: string | null;
        reason_code: string | null;
      }>('/api/v1/audit/verify'),
  });
}
