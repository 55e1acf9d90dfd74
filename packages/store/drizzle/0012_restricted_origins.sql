CREATE TABLE "restricted_origins" (
	"id" serial PRIMARY KEY NOT NULL,
	"country" varchar(2) NOT NULL,
	"hs" varchar(10) DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"added_by_name" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restricted_origins_country" CHECK ("restricted_origins"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "restricted_origins_hs" CHECK ("restricted_origins"."hs" ~ '^([0-9]{2}){0,5}$'),
	CONSTRAINT "restricted_origins_source" CHECK (length(trim("restricted_origins"."source")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "restricted_origins_entry_idx" ON "restricted_origins" USING btree ("country","hs");