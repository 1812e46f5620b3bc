CREATE TYPE "public"."insight_kind" AS ENUM('trend', 'product_feedback', 'resonates');--> statement-breakpoint
CREATE TYPE "public"."issue_severity" AS ENUM('low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."issue_status" AS ENUM('open', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."rating_criterion" AS ENUM('quality', 'deadlines', 'authenticity', 'direction', 'professionalism', 'brand_alignment', 'strategic_value');--> statement-breakpoint
CREATE TYPE "public"."selection_suggestion_kind" AS ENUM('promote', 'review', 'alumni');--> statement-breakpoint
CREATE TABLE "creator_insights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"kind" "insight_kind" NOT NULL,
	"market" text,
	"product" text,
	"body" text NOT NULL,
	"heard_on" date NOT NULL,
	"by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"title" text NOT NULL,
	"severity" "issue_severity" NOT NULL,
	"status" "issue_status" DEFAULT 'open' NOT NULL,
	"owner_user_id" uuid,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"resolution" text,
	"opened_on" date NOT NULL,
	"resolved_on" date,
	"by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_issues_resolved" CHECK (("creator_issues"."status" = 'resolved') = ("creator_issues"."resolved_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "creator_ratings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"criterion" "rating_criterion" NOT NULL,
	"score" smallint NOT NULL,
	"note" text,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_ratings_score" CHECK ("creator_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "score_overrides" (
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"reason" text NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "score_overrides_workspace_id_creator_id_pk" PRIMARY KEY("workspace_id","creator_id"),
	CONSTRAINT "score_overrides_score" CHECK ("score_overrides"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "selection_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"weight_performance" integer NOT NULL,
	"weight_stability" integer NOT NULL,
	"weight_fit" integer NOT NULL,
	"weight_growth" integer NOT NULL,
	"escalation_path" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "selection_settings_weights" CHECK (least("selection_settings"."weight_performance", "selection_settings"."weight_stability", "selection_settings"."weight_fit", "selection_settings"."weight_growth") >= 0
        and "selection_settings"."weight_performance" + "selection_settings"."weight_stability" + "selection_settings"."weight_fit" + "selection_settings"."weight_growth" > 0)
);
--> statement-breakpoint
CREATE TABLE "suggestion_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"kind" "selection_suggestion_kind" NOT NULL,
	"decision" text NOT NULL,
	"quiet_until" date NOT NULL,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_decisions_decision" CHECK ("suggestion_decisions"."decision" in ('accepted', 'dismissed'))
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "kind" text DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE "creator_insights" ADD CONSTRAINT "creator_insights_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_insights" ADD CONSTRAINT "creator_insights_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_insights" ADD CONSTRAINT "creator_insights_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_issues" ADD CONSTRAINT "creator_issues_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_issues" ADD CONSTRAINT "creator_issues_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_issues" ADD CONSTRAINT "creator_issues_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_issues" ADD CONSTRAINT "creator_issues_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_ratings" ADD CONSTRAINT "creator_ratings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_ratings" ADD CONSTRAINT "creator_ratings_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_ratings" ADD CONSTRAINT "creator_ratings_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_overrides" ADD CONSTRAINT "score_overrides_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_overrides" ADD CONSTRAINT "score_overrides_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_overrides" ADD CONSTRAINT "score_overrides_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_settings" ADD CONSTRAINT "selection_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_decisions" ADD CONSTRAINT "suggestion_decisions_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_insights_workspace_idx" ON "creator_insights" USING btree ("workspace_id","heard_on");--> statement-breakpoint
CREATE INDEX "creator_insights_creator_idx" ON "creator_insights" USING btree ("workspace_id","creator_id");--> statement-breakpoint
CREATE INDEX "creator_issues_creator_idx" ON "creator_issues" USING btree ("workspace_id","creator_id","status");--> statement-breakpoint
CREATE INDEX "creator_ratings_latest_idx" ON "creator_ratings" USING btree ("workspace_id","creator_id","criterion","by_user_id","id");--> statement-breakpoint
CREATE INDEX "suggestion_decisions_idx" ON "suggestion_decisions" USING btree ("workspace_id","creator_id","kind","quiet_until");--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_kind" CHECK ("campaigns"."kind" in ('regular', 'strategic_launch'));