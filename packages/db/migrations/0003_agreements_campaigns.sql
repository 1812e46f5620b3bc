CREATE TYPE "public"."agreement_status" AS ENUM('draft', 'sent', 'accepted', 'active', 'notice_given', 'ended');--> statement-breakpoint
CREATE TYPE "public"."agreement_type" AS ENUM('annual', 'retainer', 'project', 'one_off');--> statement-breakpoint
CREATE TYPE "public"."brief_status" AS ENUM('draft', 'sent', 'accepted', 'change_requested', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."brief_version_kind" AS ENUM('edit', 'change_request');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('planning', 'active', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."change_request_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."deliverable_status" AS ENUM('planned', 'submitted', 'approved', 'live', 'missed');--> statement-breakpoint
CREATE TYPE "public"."notice_by" AS ENUM('brand', 'creator');--> statement-breakpoint
CREATE TABLE "agreement_rates" (
	"workspace_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"deliverable_type" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "agreement_rates_workspace_id_agreement_id_deliverable_type_pk" PRIMARY KEY("workspace_id","agreement_id","deliverable_type")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"type" "agreement_type" NOT NULL,
	"status" "agreement_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"term_months" integer NOT NULL,
	"collaborations_per_year" integer,
	"deliverables_per_month" integer,
	"monthly_fee_minor" bigint,
	"fee_minor" bigint,
	"currency" text NOT NULL,
	"inclusions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"usage_period_days" integer,
	"paid_usage" boolean DEFAULT false NOT NULL,
	"whitelisting" boolean DEFAULT false NOT NULL,
	"exclusivity_category" text,
	"exclusivity_days" integer,
	"payment_terms_days" integer DEFAULT 30 NOT NULL,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"renewal_term_months" integer,
	"notice_days" integer DEFAULT 30 NOT NULL,
	"review_max_adjust_pct" numeric(5, 2) DEFAULT '10' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"notes" text,
	"previous_agreement_id" uuid,
	"term_number" integer DEFAULT 1 NOT NULL,
	"sent_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_name" text,
	"accepted_ip" text,
	"accepted_by_user_id" uuid,
	"accepted_on_behalf" boolean,
	"notice_given_on" date,
	"notice_by" "notice_by",
	"notice_reason" text,
	"ended_on" date,
	"extend_decision" text,
	"extend_decision_notes" text,
	"extend_decided_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_term" CHECK ("agreements"."term_months" > 0),
	CONSTRAINT "agreements_notice" CHECK ("agreements"."notice_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "brief_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"brief_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"accepted_name" text NOT NULL,
	"accepted_by_user_id" uuid,
	"on_behalf" boolean DEFAULT true NOT NULL,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brief_versions" (
	"workspace_id" uuid NOT NULL,
	"brief_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" "brief_version_kind" DEFAULT 'edit' NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"deliverables" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date,
	"change_note" text,
	"change_status" "change_request_status",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "brief_versions_workspace_id_brief_id_version_pk" PRIMARY KEY("workspace_id","brief_id","version")
);
--> statement-breakpoint
CREATE TABLE "briefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"agreement_id" uuid,
	"status" "brief_status" DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"accepted_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"markets" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "campaign_status" DEFAULT 'planning' NOT NULL,
	"outcome" text,
	"target_metric" text,
	"target_value" numeric(14, 2),
	"budget_minor" bigint,
	"budget_currency" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_dates" CHECK ("campaigns"."ends_on" >= "campaigns"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"agreement_id" uuid,
	"campaign_id" uuid,
	"brief_id" uuid,
	"type" text NOT NULL,
	"platform" "platform",
	"sponsored" boolean DEFAULT true NOT NULL,
	"title" text,
	"planned_on" date,
	"due_on" date,
	"posted_at" timestamp with time zone,
	"url" text,
	"status" "deliverable_status" DEFAULT 'planned' NOT NULL,
	"cost_minor" bigint,
	"cost_currency" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "overlap_window_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "agreement_rates" ADD CONSTRAINT "agreement_rates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_rates" ADD CONSTRAINT "agreement_rates_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_acceptances" ADD CONSTRAINT "brief_acceptances_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_acceptances" ADD CONSTRAINT "brief_acceptances_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_acceptances" ADD CONSTRAINT "brief_acceptances_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_versions" ADD CONSTRAINT "brief_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_versions" ADD CONSTRAINT "brief_versions_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_versions" ADD CONSTRAINT "brief_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "briefs" ADD CONSTRAINT "briefs_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_creator_idx" ON "agreements" USING btree ("workspace_id","creator_id","starts_on");--> statement-breakpoint
CREATE INDEX "agreements_status_idx" ON "agreements" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "agreements_previous_key" ON "agreements" USING btree ("previous_agreement_id") WHERE "agreements"."previous_agreement_id" is not null;--> statement-breakpoint
CREATE INDEX "brief_acceptances_brief_idx" ON "brief_acceptances" USING btree ("workspace_id","brief_id");--> statement-breakpoint
CREATE UNIQUE INDEX "briefs_campaign_creator_key" ON "briefs" USING btree ("workspace_id","campaign_id","creator_id");--> statement-breakpoint
CREATE INDEX "briefs_creator_idx" ON "briefs" USING btree ("workspace_id","creator_id");--> statement-breakpoint
CREATE INDEX "campaigns_dates_idx" ON "campaigns" USING btree ("workspace_id","starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "deliverables_creator_idx" ON "deliverables" USING btree ("workspace_id","creator_id","posted_at");--> statement-breakpoint
CREATE INDEX "deliverables_agreement_idx" ON "deliverables" USING btree ("workspace_id","agreement_id");--> statement-breakpoint
CREATE INDEX "deliverables_campaign_idx" ON "deliverables" USING btree ("workspace_id","campaign_id");--> statement-breakpoint
CREATE INDEX "deliverables_due_idx" ON "deliverables" USING btree ("workspace_id","status","due_on");