ALTER TYPE "public"."brief_status" ADD VALUE 'declined';--> statement-breakpoint
CREATE TABLE "deliverable_screenshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"deliverable_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"by_creator" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deliverable_screenshots_size" CHECK ("deliverable_screenshots"."size_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "brief_versions" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "declined_version" integer;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "decline_reason" text;--> statement-breakpoint
ALTER TABLE "briefs" ADD COLUMN "declined_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_invoices" ADD COLUMN "by_creator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_links" ADD COLUMN "target" text;--> statement-breakpoint
ALTER TABLE "deliverable_screenshots" ADD CONSTRAINT "deliverable_screenshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_screenshots" ADD CONSTRAINT "deliverable_screenshots_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable_screenshots" ADD CONSTRAINT "deliverable_screenshots_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliverable_screenshots_deliverable_idx" ON "deliverable_screenshots" USING btree ("workspace_id","deliverable_id","uploaded_at");