CREATE TABLE "disclosure_floor" (
	"plan_id" text NOT NULL,
	"cell_key" text NOT NULL,
	CONSTRAINT "disclosure_floor_plan_id_cell_key_pk" PRIMARY KEY("plan_id","cell_key")
);
