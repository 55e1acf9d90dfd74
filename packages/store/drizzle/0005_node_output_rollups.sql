CREATE TABLE "node_output_rollups" (
	"plan_id" text NOT NULL,
	"node_id" text NOT NULL,
	"chain_id" text NOT NULL,
	"period" varchar(7) NOT NULL,
	"value_yuan" bigint NOT NULL,
	"firm_count" integer NOT NULL,
	CONSTRAINT "node_output_rollups_plan_id_node_id_period_pk" PRIMARY KEY("plan_id","node_id","period")
);
--> statement-breakpoint
CREATE INDEX "node_rollups_period_idx" ON "node_output_rollups" USING btree ("plan_id","period");--> statement-breakpoint
-- Filled from the firm-level output already stored, so that a data folder made before this table has its
-- node rollups without loading its dataset again (disclosure control reads them).
INSERT INTO "node_output_rollups" ("plan_id", "node_id", "chain_id", "period", "value_yuan", "firm_count")
SELECT f."plan_id", f."primary_node_id", f."primary_chain_id", o."period", sum(o."value_yuan")::bigint, count(*)::int
FROM "firm_output_monthly" o JOIN "firms" f ON f."id" = o."firm_id"
GROUP BY f."plan_id", f."primary_node_id", f."primary_chain_id", o."period";
