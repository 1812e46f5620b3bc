-- Hand-written (drizzle-kit knows no triggers): a creator's maintained score facts
-- (creator_score_facts, docs/selection.md "Maintained facts") go stale when a statement changes
-- one of the score's inputs for that creator: posts and their metrics (deliverables), monthly
-- order facts, issues, ratings, audience snapshots. The statement's transition tables name the
-- creators; each gets its row (a new one is stale) with as_of cleared and version + 1, so a
-- read that computed facts before this change cannot mark them fresh (its write checks the
-- version). A creator being deleted (a cascade) is skipped: its row goes with it. One function
-- per operation, in static SQL, so that each session plans it once (a cascade fires it once per
-- deleted parent row).
CREATE FUNCTION creator_score_facts_stale_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO creator_score_facts AS f (workspace_id, creator_id)
  SELECT DISTINCT r.workspace_id, r.creator_id FROM (SELECT workspace_id, creator_id FROM new_rows) r
  WHERE r.creator_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM creators c WHERE c.id = r.creator_id AND c.workspace_id = r.workspace_id)
  ORDER BY 1, 2
  ON CONFLICT (workspace_id, creator_id) DO UPDATE SET as_of = NULL, version = f.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION creator_score_facts_stale_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO creator_score_facts AS f (workspace_id, creator_id)
  SELECT DISTINCT r.workspace_id, r.creator_id FROM (SELECT workspace_id, creator_id FROM new_rows UNION ALL SELECT workspace_id, creator_id FROM old_rows) r
  WHERE r.creator_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM creators c WHERE c.id = r.creator_id AND c.workspace_id = r.workspace_id)
  ORDER BY 1, 2
  ON CONFLICT (workspace_id, creator_id) DO UPDATE SET as_of = NULL, version = f.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION creator_score_facts_stale_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO creator_score_facts AS f (workspace_id, creator_id)
  SELECT DISTINCT r.workspace_id, r.creator_id FROM (SELECT workspace_id, creator_id FROM old_rows) r
  WHERE r.creator_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM creators c WHERE c.id = r.creator_id AND c.workspace_id = r.workspace_id)
  ORDER BY 1, 2
  ON CONFLICT (workspace_id, creator_id) DO UPDATE SET as_of = NULL, version = f.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER deliverables_score_facts_insert AFTER INSERT ON deliverables REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_insert();
--> statement-breakpoint
CREATE TRIGGER deliverables_score_facts_update AFTER UPDATE ON deliverables
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_update();
--> statement-breakpoint
CREATE TRIGGER deliverables_score_facts_delete AFTER DELETE ON deliverables REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_delete();
--> statement-breakpoint
CREATE TRIGGER creator_period_facts_score_facts_insert AFTER INSERT ON creator_period_facts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_insert();
--> statement-breakpoint
CREATE TRIGGER creator_period_facts_score_facts_update AFTER UPDATE ON creator_period_facts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_update();
--> statement-breakpoint
CREATE TRIGGER creator_period_facts_score_facts_delete AFTER DELETE ON creator_period_facts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_delete();
--> statement-breakpoint
CREATE TRIGGER creator_issues_score_facts_insert AFTER INSERT ON creator_issues REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_insert();
--> statement-breakpoint
CREATE TRIGGER creator_issues_score_facts_update AFTER UPDATE ON creator_issues
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_update();
--> statement-breakpoint
CREATE TRIGGER creator_issues_score_facts_delete AFTER DELETE ON creator_issues REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_delete();
--> statement-breakpoint
CREATE TRIGGER creator_ratings_score_facts_insert AFTER INSERT ON creator_ratings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_insert();
--> statement-breakpoint
CREATE TRIGGER creator_ratings_score_facts_update AFTER UPDATE ON creator_ratings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_update();
--> statement-breakpoint
CREATE TRIGGER creator_ratings_score_facts_delete AFTER DELETE ON creator_ratings REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_delete();
--> statement-breakpoint
CREATE TRIGGER audience_snapshots_score_facts_insert AFTER INSERT ON audience_snapshots REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_insert();
--> statement-breakpoint
CREATE TRIGGER audience_snapshots_score_facts_update AFTER UPDATE ON audience_snapshots
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_update();
--> statement-breakpoint
CREATE TRIGGER audience_snapshots_score_facts_delete AFTER DELETE ON audience_snapshots REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_score_facts_stale_delete();
