CREATE TYPE "public"."import_kind" AS ENUM('posts', 'metrics', 'orders');--> statement-breakpoint
CREATE TYPE "public"."tracker_kind" AS ENUM('promo_code', 'link');--> statement-breakpoint
CREATE TABLE "customer_facts" (
	"workspace_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"first_order_id" bigint NOT NULL,
	"first_ordered_at" timestamp with time zone NOT NULL,
	"acquired_by_creator_id" uuid,
	"acquired_by_deliverable_id" uuid,
	"second_ordered_at" timestamp with time zone,
	"order_count" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_facts_workspace_id_customer_id_pk" PRIMARY KEY("workspace_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"workspace_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_workspace_id_scope_key_pk" PRIMARY KEY("workspace_id","scope","key")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "import_kind" NOT NULL,
	"file_name" text,
	"status" text NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "metric_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"deliverable_id" uuid NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"impressions" bigint,
	"reach" bigint,
	"likes" bigint,
	"comments" bigint,
	"shares" bigint,
	"saves" bigint,
	"clicks" bigint,
	"video_views" bigint,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"amount_reporting_minor" bigint,
	"promo_code" text,
	"utm_source" text,
	"utm_campaign" text,
	"landing_url" text,
	"attributed_creator_id" uuid,
	"attributed_deliverable_id" uuid,
	"attributed_by" text,
	"lag_seconds" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trackers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"creator_id" uuid NOT NULL,
	"campaign_id" uuid,
	"kind" "tracker_kind" NOT NULL,
	"code" text,
	"destination_url" text,
	"utm_source" text,
	"utm_medium" text,
	"utm_campaign" text,
	"utm_content" text,
	"url" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "trackers_shape" CHECK (("trackers"."kind" = 'promo_code' and "trackers"."code" is not null) or ("trackers"."kind" = 'link' and "trackers"."utm_source" is not null and "trackers"."utm_campaign" is not null))
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"workspace_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_workspace_id_signature_pk" PRIMARY KEY("workspace_id","signature")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "attribution_window_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "repeat_horizon_days" integer DEFAULT 180 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "order_webhook_secret" text;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "cost_reporting_minor" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "ordinal" integer;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "snapshot_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_captured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_impressions" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_reach" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_clicks" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_video_views" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_engagements" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "latest_basis" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "day1_engagements" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "day1_basis" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "day7_engagements" bigint;--> statement-breakpoint
ALTER TABLE "deliverables" ADD COLUMN "day7_basis" bigint;--> statement-breakpoint
ALTER TABLE "customer_facts" ADD CONSTRAINT "customer_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_deliverable_id_deliverables_id_fk" FOREIGN KEY ("deliverable_id") REFERENCES "public"."deliverables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trackers" ADD CONSTRAINT "trackers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_facts_acquired_idx" ON "customer_facts" USING btree ("workspace_id","acquired_by_creator_id","first_ordered_at");--> statement-breakpoint
CREATE INDEX "import_runs_ws_idx" ON "import_runs" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "metric_snapshots_key" ON "metric_snapshots" USING btree ("workspace_id","deliverable_id","captured_at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_external_key" ON "orders" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("workspace_id","customer_id","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_creator_idx" ON "orders" USING btree ("workspace_id","attributed_creator_id","ordered_at");--> statement-breakpoint
CREATE INDEX "orders_time_idx" ON "orders" USING btree ("workspace_id","ordered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trackers_code_key" ON "trackers" USING btree ("workspace_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "trackers_utm_key" ON "trackers" USING btree ("workspace_id","utm_source","utm_campaign");--> statement-breakpoint
CREATE INDEX "trackers_creator_idx" ON "trackers" USING btree ("workspace_id","creator_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_time_idx" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deliverables_external_key" ON "deliverables" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "deliverables_ordinal_idx" ON "deliverables" USING btree ("workspace_id","ordinal");