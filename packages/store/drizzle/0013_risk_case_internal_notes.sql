ALTER TABLE "risk_case_events" ADD COLUMN "internal" boolean DEFAULT false NOT NULL;
-- Internal notes (内部备注, ADR 0021 amendment): the offices read them, the firm does not. Every event before
-- this column was written to be read by the firm, so they all default to not internal. Adding a column with
-- a default fires no row trigger: risk_case_events stays append-only (0010).
