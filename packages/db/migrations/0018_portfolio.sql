CREATE TABLE "portfolio_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"concentration_warn_pct" integer DEFAULT 60 NOT NULL,
	"touchpoint_minutes" integer DEFAULT 45 NOT NULL,
	"brief_minutes" integer DEFAULT 90 NOT NULL,
	"review_minutes" integer DEFAULT 60 NOT NULL,
	"report_minutes" integer DEFAULT 45 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_settings_warn" CHECK ("portfolio_settings"."concentration_warn_pct" between 1 and 100),
	CONSTRAINT "portfolio_settings_minutes" CHECK ("portfolio_settings"."touchpoint_minutes" between 0 and 1440 and "portfolio_settings"."brief_minutes" between 0 and 1440
        and "portfolio_settings"."review_minutes" between 0 and 1440 and "portfolio_settings"."report_minutes" between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "touchpoints" ADD COLUMN "minutes" integer;--> statement-breakpoint
ALTER TABLE "portfolio_settings" ADD CONSTRAINT "portfolio_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_events_kind_idx" ON "creator_events" USING btree ("workspace_id","kind","at");--> statement-breakpoint
CREATE INDEX "touchpoints_day_idx" ON "touchpoints" USING btree ("workspace_id","occurred_on","by_user_id","minutes");--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_minutes" CHECK ("touchpoints"."minutes" is null or "touchpoints"."minutes" between 0 and 1440);