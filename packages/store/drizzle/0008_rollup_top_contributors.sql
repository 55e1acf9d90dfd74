ALTER TABLE "chain_output_rollups" ADD COLUMN "top1_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "chain_output_rollups" ADD COLUMN "top2_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "node_output_rollups" ADD COLUMN "top1_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "node_output_rollups" ADD COLUMN "top2_yuan" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Filled from the firm-level output already stored, so that a data folder made before these columns gets
-- the dominance rule without loading its dataset again (ADR 0015, fourth amendment).
UPDATE "chain_output_rollups" r SET "top1_yuan" = t."top"[1], "top2_yuan" = coalesce(t."top"[2], 0)
FROM (
  SELECT f."plan_id", f."primary_chain_id", f."county_code", o."period",
    (array_agg(o."value_yuan" ORDER BY o."value_yuan" DESC))[1:2] AS "top"
  FROM "firm_output_monthly" o JOIN "firms" f ON f."id" = o."firm_id"
  GROUP BY f."plan_id", f."primary_chain_id", f."county_code", o."period"
) t
WHERE r."plan_id" = t."plan_id" AND r."chain_id" = t."primary_chain_id" AND r."county_code" = t."county_code"
  AND r."period" = t."period";--> statement-breakpoint
UPDATE "node_output_rollups" r SET "top1_yuan" = t."top"[1], "top2_yuan" = coalesce(t."top"[2], 0)
FROM (
  SELECT f."plan_id", f."primary_node_id", o."period",
    (array_agg(o."value_yuan" ORDER BY o."value_yuan" DESC))[1:2] AS "top"
  FROM "firm_output_monthly" o JOIN "firms" f ON f."id" = o."firm_id"
  GROUP BY f."plan_id", f."primary_node_id", o."period"
) t
WHERE r."plan_id" = t."plan_id" AND r."node_id" = t."primary_node_id" AND r."period" = t."period";
