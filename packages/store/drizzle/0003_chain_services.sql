CREATE TABLE "backup_suppliers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "backup_suppliers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"buyer_firm_id" integer NOT NULL,
	"input_node_id" text NOT NULL,
	"current_supplier_firm_id" integer,
	"current_supplier_source" text,
	"backup_firm_id" integer,
	"backup_source" text,
	"standard" text NOT NULL,
	"state" text NOT NULL,
	"lead_time_weeks" integer NOT NULL,
	"registered_period" varchar(7) NOT NULL,
	CONSTRAINT "backup_suppliers_one_current" CHECK (("backup_suppliers"."current_supplier_firm_id" is null) <> ("backup_suppliers"."current_supplier_source" is null)),
	CONSTRAINT "backup_suppliers_one_backup" CHECK (("backup_suppliers"."backup_firm_id" is null) <> ("backup_suppliers"."backup_source" is null)),
	CONSTRAINT "backup_suppliers_lead_time" CHECK ("backup_suppliers"."lead_time_weeks" >= 0)
);
--> statement-breakpoint
CREATE TABLE "chain_projects" (
	"id" integer PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"name" text NOT NULL,
	"chain_id" text NOT NULL,
	"node_id" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"investment_yi" double precision NOT NULL,
	"stage" text NOT NULL,
	"start_year" integer NOT NULL,
	"firm_id" integer,
	CONSTRAINT "chain_projects_investment_nonnegative" CHECK ("chain_projects"."investment_yi" >= 0)
);
--> statement-breakpoint
CREATE TABLE "community_members" (
	"community_id" integer NOT NULL,
	"firm_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "community_members_community_id_firm_id_pk" PRIMARY KEY("community_id","firm_id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_communities" (
	"id" integer PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"chain_id" text NOT NULL,
	"name" text NOT NULL,
	"leader_firm_id" integer NOT NULL,
	"founded_year" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "first_of_kind_products" (
	"id" integer PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"product" text NOT NULL,
	"firm_id" integer NOT NULL,
	"node_id" text NOT NULL,
	"chain_id" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "backup_suppliers" ADD CONSTRAINT "backup_suppliers_buyer_firm_id_firms_id_fk" FOREIGN KEY ("buyer_firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_suppliers" ADD CONSTRAINT "backup_suppliers_current_supplier_firm_id_firms_id_fk" FOREIGN KEY ("current_supplier_firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_suppliers" ADD CONSTRAINT "backup_suppliers_backup_firm_id_firms_id_fk" FOREIGN KEY ("backup_firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_projects" ADD CONSTRAINT "chain_projects_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_projects" ADD CONSTRAINT "chain_projects_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_community_id_enterprise_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."enterprise_communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_members" ADD CONSTRAINT "community_members_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_communities" ADD CONSTRAINT "enterprise_communities_leader_firm_id_firms_id_fk" FOREIGN KEY ("leader_firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_of_kind_products" ADD CONSTRAINT "first_of_kind_products_firm_id_firms_id_fk" FOREIGN KEY ("firm_id") REFERENCES "public"."firms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "backup_suppliers_buyer_idx" ON "backup_suppliers" USING btree ("buyer_firm_id");--> statement-breakpoint
CREATE INDEX "backup_suppliers_node_idx" ON "backup_suppliers" USING btree ("input_node_id");--> statement-breakpoint
CREATE INDEX "chain_projects_chain_idx" ON "chain_projects" USING btree ("plan_id","chain_id");--> statement-breakpoint
CREATE INDEX "chain_projects_node_idx" ON "chain_projects" USING btree ("plan_id","node_id");--> statement-breakpoint
CREATE INDEX "community_members_firm_idx" ON "community_members" USING btree ("firm_id");--> statement-breakpoint
CREATE INDEX "communities_chain_idx" ON "enterprise_communities" USING btree ("plan_id","chain_id");--> statement-breakpoint
CREATE INDEX "first_of_kind_chain_idx" ON "first_of_kind_products" USING btree ("plan_id","chain_id");--> statement-breakpoint
CREATE INDEX "first_of_kind_firm_idx" ON "first_of_kind_products" USING btree ("firm_id");