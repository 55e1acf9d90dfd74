-- The audit log is append-only: updates, deletes and truncation are refused by the database itself.
-- (An administrator with DDL rights can still disable the trigger; `chainbrain audit verify` detects that.)
create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only / 审计日志只能追加';
end
$$;
--> statement-breakpoint
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
--> statement-breakpoint
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
