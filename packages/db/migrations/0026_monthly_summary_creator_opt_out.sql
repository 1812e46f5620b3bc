ALTER TYPE "public"."monthly_summary_status" ADD VALUE 'creator_opted_out';--> statement-breakpoint
ALTER TABLE "monthly_summary_settings" ADD COLUMN "creator_opt_out" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "monthly_summary_settings" ADD COLUMN "creator_opt_out_at" timestamp with time zone;