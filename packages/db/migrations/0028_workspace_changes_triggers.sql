-- Hand-written (drizzle-kit knows no triggers): every statement that writes a workspace's data
-- records (workspace, this transaction) in workspace_changes, once per transaction (ON CONFLICT DO
-- NOTHING). A kept answer remembers the snapshot it was computed after and is served again only
-- while no row here belongs to a transaction that snapshot did not see
-- (docs/decisions/0023-kept-answers.md). Statement-level with transition tables: a 100,000-row
-- COPY costs one DISTINCT over the rows, not 100,000 inserts. One function per operation, static SQL.
CREATE FUNCTION workspace_changes_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workspace_changes (workspace_id, xid)
  SELECT DISTINCT workspace_id, pg_current_xact_id() FROM new_rows WHERE workspace_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION workspace_changes_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workspace_changes (workspace_id, xid)
  SELECT DISTINCT r.workspace_id, pg_current_xact_id()
  FROM (SELECT workspace_id FROM new_rows UNION ALL SELECT workspace_id FROM old_rows) r
  WHERE r.workspace_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION workspace_changes_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workspace_changes (workspace_id, xid)
  SELECT DISTINCT workspace_id, pg_current_xact_id() FROM old_rows WHERE workspace_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The workspace row itself (its time zone, currency, settings): keyed by id.
CREATE FUNCTION workspace_changes_workspaces() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workspace_changes (workspace_id, xid)
  SELECT DISTINCT id, pg_current_xact_id() FROM old_rows
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An account's name shows in every workspace it belongs to (owners on Today, the roster): a
-- change to a user is a change to each of its workspaces. A new account belongs to none yet; a
-- deleted one leaves through its memberships (which record their own change).
CREATE FUNCTION workspace_changes_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workspace_changes (workspace_id, xid)
  SELECT DISTINCT m.workspace_id, pg_current_xact_id()
  FROM old_rows u JOIN memberships m ON m.user_id = u.id
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workspaces_changes_update AFTER UPDATE ON workspaces REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_workspaces();
--> statement-breakpoint
CREATE TRIGGER workspaces_changes_delete AFTER DELETE ON workspaces REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_workspaces();
--> statement-breakpoint
CREATE TRIGGER users_changes_update AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_users();
--> statement-breakpoint
CREATE TRIGGER users_changes_delete AFTER DELETE ON users REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_users();
--> statement-breakpoint
-- Every table with a workspace_id column (but workspace_changes itself) gets the three triggers.
-- A table added later needs them in its own migration: packages/db/src/schema/changes.db.test.ts
-- fails until it has them.
DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'workspace_id'
      AND tb.table_type = 'BASE TABLE' AND c.table_name <> 'workspace_changes'
    ORDER BY 1
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_insert()', t || '_changes_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_update()', t || '_changes_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION workspace_changes_delete()', t || '_changes_delete', t);
  END LOOP;
END $$;
