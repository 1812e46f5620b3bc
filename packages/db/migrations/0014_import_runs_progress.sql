ALTER TABLE "import_runs" ADD COLUMN "phase" text DEFAULT 'reading' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "processed_rows" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "owner_instance" text;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "import_runs_running_idx" ON "import_runs" USING btree ("heartbeat_at") WHERE status = 'running';