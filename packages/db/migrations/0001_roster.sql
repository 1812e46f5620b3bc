CREATE TYPE "public"."contact_channel" AS ENUM('email', 'call', 'video', 'in_person', 'dm', 'other');--> statement-breakpoint
CREATE TYPE "public"."creator_status" AS ENUM('prospect', 'active', 'paused', 'alumni');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('instagram', 'tiktok', 'youtube', 'telegram', 'vk', 'other');--> statement-breakpoint
CREATE TYPE "public"."touchpoint_kind" AS ENUM('check_in', 'shared_results', 'asked_opinion', 'strategy_session', 'brief', 'issue', 'payment', 'other');--> statement-breakpoint
CREATE TABLE "audience_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"captured_on" date NOT NULL,
	"platform" "platform" NOT NULL,
	"followers" integer NOT NULL,
	"avg_engagement_rate_pct" numeric(6, 2),
	"audience_quality_pct" numeric(5, 2)
);
--> statement-breakpoint
CREATE TABLE "creator_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb,
	"reason" text,
	"by_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creator_handles" (
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"handle" text NOT NULL,
	"url" text,
	CONSTRAINT "creator_handles_workspace_id_creator_id_platform_pk" PRIMARY KEY("workspace_id","creator_id","platform")
);
--> statement-breakpoint
CREATE TABLE "creator_rates" (
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"deliverable_type" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "creator_rates_workspace_id_creator_id_deliverable_type_pk" PRIMARY KEY("workspace_id","creator_id","deliverable_type"),
	CONSTRAINT "creator_rates_amount" CHECK ("creator_rates"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "creators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"external_id" text,
	"display_name" text NOT NULL,
	"legal_name" text,
	"email" text,
	"tier" smallint DEFAULT 3 NOT NULL,
	"status" "creator_status" DEFAULT 'prospect' NOT NULL,
	"owner_user_id" uuid,
	"markets" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"briefing_style" text,
	"lead_time_days" integer,
	"boundaries" text,
	"preferred_channel" "contact_channel",
	"notes" text,
	"cadence_days_override" integer,
	"payment_details_enc" text,
	"payment_details_mask" text,
	"last_touchpoint_on" date,
	"snoozed_until" date,
	"snooze_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creators_tier" CHECK ("creators"."tier" between 1 and 3),
	CONSTRAINT "creators_cadence" CHECK ("creators"."cadence_days_override" is null or "creators"."cadence_days_override" > 0)
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"kind" "touchpoint_kind" NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"by_user_id" uuid,
	"outbox_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audience_snapshots" ADD CONSTRAINT "audience_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audience_snapshots" ADD CONSTRAINT "audience_snapshots_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_events" ADD CONSTRAINT "creator_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_events" ADD CONSTRAINT "creator_events_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_events" ADD CONSTRAINT "creator_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_handles" ADD CONSTRAINT "creator_handles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_handles" ADD CONSTRAINT "creator_handles_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_rates" ADD CONSTRAINT "creator_rates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creator_rates" ADD CONSTRAINT "creator_rates_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creators" ADD CONSTRAINT "creators_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "creators" ADD CONSTRAINT "creators_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_outbox_message_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_message_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audience_snapshots_creator_idx" ON "audience_snapshots" USING btree ("workspace_id","creator_id","captured_on");--> statement-breakpoint
CREATE INDEX "creator_events_creator_idx" ON "creator_events" USING btree ("workspace_id","creator_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "creator_handles_handle_key" ON "creator_handles" USING btree ("workspace_id","platform",lower("handle"));--> statement-breakpoint
CREATE UNIQUE INDEX "creators_external_id_key" ON "creators" USING btree ("workspace_id","external_id") WHERE "creators"."external_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "creators_email_key" ON "creators" USING btree ("workspace_id",lower("email")) WHERE "creators"."email" is not null;--> statement-breakpoint
CREATE INDEX "creators_workspace_tier_idx" ON "creators" USING btree ("workspace_id","tier","status");--> statement-breakpoint
CREATE INDEX "creators_workspace_owner_idx" ON "creators" USING btree ("workspace_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "creators_workspace_name_idx" ON "creators" USING btree ("workspace_id","display_name");--> statement-breakpoint
CREATE INDEX "creators_tags_idx" ON "creators" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "touchpoints_creator_idx" ON "touchpoints" USING btree ("workspace_id","creator_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "touchpoints_outbox_key" ON "touchpoints" USING btree ("outbox_message_id") WHERE "touchpoints"."outbox_message_id" is not null;