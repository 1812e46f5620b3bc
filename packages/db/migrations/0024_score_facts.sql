CREATE TABLE "creator_score_facts" (
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"as_of" date,
	"version" integer DEFAULT 0 NOT NULL,
	"facts" jsonb,
	"score" smallint,
	CONSTRAINT "creator_score_facts_workspace_id_creator_id_pk" PRIMARY KEY("workspace_id","creator_id")
);
--> statement-breakpoint
CREATE TABLE "creator_score_history" (
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" smallint NOT NULL,
	CONSTRAINT "creator_score_history_workspace_id_creator_id_day_pk" PRIMARY KEY("workspace_id","creator_id","day")
);
--> statement-breakpoint
ALTER TABLE "creator_score_facts" ADD CONSTRAINT "creator_score_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_score_facts" ADD CONSTRAINT "creator_score_facts_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_score_history" ADD CONSTRAINT "creator_score_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_score_history" ADD CONSTRAINT "creator_score_history_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;