ALTER TABLE "creator_insights" ADD COLUMN "source" text DEFAULT 'team' NOT NULL;--> statement-breakpoint
ALTER TABLE "creator_insights" ADD COLUMN "shared_with_creator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "creator_insights" ADD CONSTRAINT "creator_insights_source" CHECK ("creator_insights"."source" in ('team', 'portal'));