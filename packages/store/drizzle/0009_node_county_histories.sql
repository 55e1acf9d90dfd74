CREATE TABLE "node_county_histories" (
	"plan_id" text NOT NULL,
	"node_id" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"periods" varchar(7)[] NOT NULL,
	"firms" integer[] NOT NULL,
	"values_yuan" bigint[] NOT NULL,
	"top1_yuan" bigint[] NOT NULL,
	"top2_yuan" bigint[] NOT NULL,
	CONSTRAINT "node_county_histories_plan_id_node_id_county_code_pk" PRIMARY KEY("plan_id","node_id","county_code")
);
--> statement-breakpoint
-- Filled from the firm-level output already stored, so that a data folder made before this table gets it
-- without loading its dataset again (ADR 0015, fourth amendment).
INSERT INTO "node_county_histories"
  ("plan_id", "node_id", "county_code", "periods", "firms", "values_yuan", "top1_yuan", "top2_yuan")
SELECT "plan_id", "node_id", "county_code", array_agg("period" ORDER BY "period"), array_agg("firms" ORDER BY "period"),
  array_agg("value" ORDER BY "period"), array_agg("top"[1] ORDER BY "period"),
  array_agg(coalesce("top"[2], 0) ORDER BY "period")
FROM (
  SELECT f."plan_id", f."primary_node_id" AS "node_id", f."county_code", o."period", count(*)::int AS "firms",
    sum(o."value_yuan")::bigint AS "value", (array_agg(o."value_yuan" ORDER BY o."value_yuan" DESC))[1:2] AS "top"
  FROM "firm_output_monthly" o JOIN "firms" f ON f."id" = o."firm_id"
  GROUP BY f."plan_id", f."primary_node_id", f."county_code", o."period"
) "monthly"
GROUP BY "plan_id", "node_id", "county_code";
