CREATE TABLE "risk_case_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "risk_case_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"actor_name" text NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"from_level" text,
	"to_level" text NOT NULL,
	"note" text,
	"measure" text,
	"scan_id" integer
);
--> statement-breakpoint
CREATE TABLE "risk_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"kind" text NOT NULL,
	"risk_key" text NOT NULL,
	"firm_id" integer,
	"firm_name" text,
	"county_code" varchar(6),
	"city_code" varchar(6),
	"chain_id" text NOT NULL,
	"node_id" text NOT NULL,
	"node_name_zh" text NOT NULL,
	"node_name_en" text NOT NULL,
	"severity" text NOT NULL,
	"findings" jsonb NOT NULL,
	"status" text NOT NULL,
	"level" text NOT NULL,
	"step_since" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"resolved_by" integer,
	"condition_holds" boolean NOT NULL,
	"first_scan_id" integer NOT NULL,
	"last_seen_scan_id" integer NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "risk_cases_firm_has_region" CHECK ("risk_cases"."kind" <> 'firm_input' or ("risk_cases"."firm_id" is not null and "risk_cases"."county_code" is not null and "risk_cases"."city_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "risk_scans" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"actor_name" text NOT NULL,
	"data_month" varchar(7),
	"dataset_loaded_at" timestamp with time zone,
	"found" integer NOT NULL,
	"added" integer NOT NULL,
	"cleared" integer NOT NULL,
	"recurred" integer NOT NULL,
	"millis" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "risk_case_events" ADD CONSTRAINT "risk_case_events_case_id_risk_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."risk_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_case_events" ADD CONSTRAINT "risk_case_events_scan_id_risk_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."risk_scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_cases" ADD CONSTRAINT "risk_cases_first_scan_id_risk_scans_id_fk" FOREIGN KEY ("first_scan_id") REFERENCES "public"."risk_scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_cases" ADD CONSTRAINT "risk_cases_last_seen_scan_id_risk_scans_id_fk" FOREIGN KEY ("last_seen_scan_id") REFERENCES "public"."risk_scans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_case_events_case_idx" ON "risk_case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_cases_key_idx" ON "risk_cases" USING btree ("plan_id","risk_key");--> statement-breakpoint
CREATE INDEX "risk_cases_status_idx" ON "risk_cases" USING btree ("plan_id","status","level");--> statement-breakpoint
CREATE INDEX "risk_cases_county_idx" ON "risk_cases" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "risk_cases_city_idx" ON "risk_cases" USING btree ("city_code");--> statement-breakpoint
CREATE INDEX "risk_cases_chain_idx" ON "risk_cases" USING btree ("chain_id");--> statement-breakpoint
CREATE INDEX "risk_cases_due_idx" ON "risk_cases" USING btree ("due_at");--> statement-breakpoint
-- A case's history is append-only, as the audit log is: what an office did to a case cannot be rewritten.
create or replace function risk_case_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'risk_case_events is append-only / 风险处置记录只能追加';
end
$$;
--> statement-breakpoint
create trigger risk_case_events_no_change before update or delete on risk_case_events
  for each row execute function risk_case_events_append_only();
--> statement-breakpoint
create trigger risk_case_events_no_truncate before truncate on risk_case_events
  for each statement execute function risk_case_events_append_only();
