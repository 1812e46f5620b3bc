DROP INDEX "deliverables_ordinal_idx";--> statement-breakpoint
DROP INDEX "customer_facts_acquired_idx";--> statement-breakpoint
DROP INDEX "orders_creator_idx";--> statement-breakpoint
CREATE INDEX "deliverables_posted_idx" ON "deliverables" USING btree ("workspace_id","posted_at","creator_id","agreement_id","cost_reporting_minor","cost_minor","latest_basis","latest_engagements","day1_engagements","day1_basis","day7_engagements","day7_basis","ordinal") WHERE "deliverables"."ordinal" is not null;--> statement-breakpoint
CREATE INDEX "deliverables_ordinal_idx" ON "deliverables" USING btree ("workspace_id","ordinal","creator_id");--> statement-breakpoint
CREATE INDEX "customer_facts_acquired_idx" ON "customer_facts" USING btree ("workspace_id","acquired_by_creator_id","first_ordered_at","acquired_by_deliverable_id","second_ordered_at") WHERE "customer_facts"."acquired_by_creator_id" is not null;--> statement-breakpoint
CREATE INDEX "orders_creator_idx" ON "orders" USING btree ("workspace_id","attributed_creator_id","ordered_at","attributed_deliverable_id","amount_reporting_minor","lag_seconds") WHERE "orders"."attributed_creator_id" is not null;