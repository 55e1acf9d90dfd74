CREATE TABLE "customs_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customs_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"firm_id" integer NOT NULL,
	"hs_code" char(6) NOT NULL,
	"country" char(2) NOT NULL,
	"direction" text NOT NULL,
	"period" varchar(7) NOT NULL,
	"value_yuan" bigint NOT NULL,
	CONSTRAINT "customs_value_nonnegative" CHECK ("customs_records"."value_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "firm_nodes" (
	"firm_id" integer NOT NULL,
	"plan_id" text NOT NULL,
	"node_id" text NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "firm_nodes_firm_id_plan_id_node_id_pk" PRIMARY KEY("firm_id","plan_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "firm_output_monthly" (
	"firm_id" integer NOT NULL,
	"period" varchar(7) NOT NULL,
	"value_yuan" bigint NOT NULL,
	CONSTRAINT "firm_output_monthly_firm_id_period_pk" PRIMARY KEY("firm_id","period"),
	CONSTRAINT "firm_output_nonnegative" CHECK ("firm_output_monthly"."value_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "firms" (
	"id" integer PRIMARY KEY NOT NULL,
	"uscc" char(18) NOT NULL,
	"name" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"plan_id" text NOT NULL,
	"primary_node_id" text NOT NULL,
	"primary_chain_id" text NOT NULL,
	"size_class" text NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "firms_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
CREATE TABLE "supply_links" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supply_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"supplier_firm_id" integer,
	"supplier_source" text,
	"buyer_firm_id" integer NOT NULL,
	"period" varchar(7) NOT NULL,
	"value_yuan" bigint NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "supply_links_one_supplier" CHECK (("supply_links"."supplier_firm_id" is null) <> ("supply_links"."supplier_source" is null)),
	CONSTRAINT "supply_links_value_nonnegative" CHECK ("supply_links"."value_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "chain_nodes" (
	"plan_id" text NOT NULL,
	"id" text NOT NULL,
	"chain_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"segment" text NOT NULL,
	"hs_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text,
	CONSTRAINT "chain_nodes_plan_id_id_pk" PRIMARY KEY("plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "chains" (
	"plan_id" text NOT NULL,
	"id" text NOT NULL,
	"sort_order" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"target_2025" real NOT NULL,
	"target_kind" text NOT NULL,
	"core_cities" jsonb NOT NULL,
	"collaborating_cities" jsonb NOT NULL,
	CONSTRAINT "chains_plan_id_id_pk" PRIMARY KEY("plan_id","id")
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "node_edges" (
	"plan_id" text NOT NULL,
	"from_node" text NOT NULL,
	"to_node" text NOT NULL,
	"essentiality" smallint NOT NULL,
	CONSTRAINT "node_edges_plan_id_from_node_to_node_pk" PRIMARY KEY("plan_id","from_node","to_node"),
	CONSTRAINT "node_edges_essentiality_check" CHECK ("node_edges"."essentiality" between 0 and 2)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" text PRIMARY KEY NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"start_month" varchar(7) NOT NULL,
	"end_month" varchar(7) NOT NULL,
	"pack" jsonb NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(6),
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_output_rollups" (
	"plan_id" text NOT NULL,
	"chain_id" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"period" varchar(7) NOT NULL,
	"value_yuan" bigint NOT NULL,
	"firm_count" integer NOT NULL,
	CONSTRAINT "chain_output_rollups_plan_id_chain_id_county_code_period_pk" PRIMARY KEY("plan_id","chain_id","county_code","period")
);
--> statement-breakpoint
CREATE TABLE "region_industry_output" (
	"region_code" varchar(6) NOT NULL,
	"period" varchar(7) NOT NULL,
	"value_yuan" bigint NOT NULL,
	CONSTRAINT "region_industry_output_region_code_period_pk" PRIMARY KEY("region_code","period")
);
--> statement-breakpoint
ALTER TABLE "customs_records" ADD CONSTRAINT "customs_records_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_nodes" ADD CONSTRAINT "firm_nodes_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_output_monthly" ADD CONSTRAINT "firm_output_monthly_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firms" ADD CONSTRAINT "firms_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_supplier_firm_id_firms_id_fk" FOREIGN KEY ("supplier_firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_buyer_firm_id_firms_id_fk" FOREIGN KEY ("buyer_firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_nodes" ADD CONSTRAINT "chain_nodes_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chains" ADD CONSTRAINT "chains_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_edges" ADD CONSTRAINT "node_edges_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customs_firm_idx" ON "customs_records" USING btree ("firm_id");--> statement-breakpoint
CREATE INDEX "customs_hs_idx" ON "customs_records" USING btree ("hs_code","period");--> statement-breakpoint
CREATE INDEX "firm_nodes_node_idx" ON "firm_nodes" USING btree ("plan_id","node_id");--> statement-breakpoint
CREATE INDEX "firms_county_idx" ON "firms" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "firms_city_idx" ON "firms" USING btree ("city_code");--> statement-breakpoint
CREATE INDEX "firms_chain_idx" ON "firms" USING btree ("plan_id","primary_chain_id");--> statement-breakpoint
CREATE INDEX "firms_node_idx" ON "firms" USING btree ("plan_id","primary_node_id");--> statement-breakpoint
CREATE INDEX "supply_links_buyer_idx" ON "supply_links" USING btree ("buyer_firm_id");--> statement-breakpoint
CREATE INDEX "supply_links_supplier_idx" ON "supply_links" USING btree ("supplier_firm_id");--> statement-breakpoint
CREATE INDEX "chain_nodes_chain_idx" ON "chain_nodes" USING btree ("plan_id","chain_id");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "rollups_period_idx" ON "chain_output_rollups" USING btree ("plan_id","period");