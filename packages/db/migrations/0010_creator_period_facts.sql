CREATE TABLE "creator_period_facts" (
	"workspace_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"starts_on" date NOT NULL,
	"creator_id" uuid NOT NULL,
	"has_post" boolean NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"revenue_minor" bigint DEFAULT 0 NOT NULL,
	"unconverted_orders" integer DEFAULT 0 NOT NULL,
	"acquired" integer DEFAULT 0 NOT NULL,
	"repeaters" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "creator_period_facts_workspace_id_grain_starts_on_creator_id_has_post_pk" PRIMARY KEY("workspace_id","grain","starts_on","creator_id","has_post"),
	CONSTRAINT "creator_period_facts_grain" CHECK ("creator_period_facts"."grain" in ('day', 'month'))
);
--> statement-breakpoint
ALTER TABLE "creator_period_facts" ADD CONSTRAINT "creator_period_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written below (drizzle-kit knows no triggers): creator_period_facts is kept by
-- statement-level triggers. A statement's changed rows (its transition tables: an inserted row
-- counts +1, a deleted row -1, an updated row both) are summed per creator and UTC day, the days
-- are summed into months, and the sums are added to the table; an update that changes nothing
-- the table sums cancels out and writes nothing. A delete only adds to rows that exist (a
-- workspace's cascade delete may have removed them already). Rows that reach zero stay (they add
-- nothing to any sum).
--
-- creator_period_facts_sql(changes, op) is that statement: `changes` answers (workspace_id, day,
-- creator_id, has_post, orders, revenue_minor, unconverted_orders, acquired, repeaters) with
-- signed values. The triggers run it with EXECUTE, so one text serves INSERT, UPDATE and DELETE,
-- whose transition tables differ.
CREATE FUNCTION creator_period_facts_sql(changes text, op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH d AS MATERIALIZED (
      SELECT workspace_id, day, creator_id, has_post, sum(orders) AS orders,
        sum(revenue_minor) AS revenue_minor, sum(unconverted_orders) AS unconverted_orders,
        sum(acquired) AS acquired, sum(repeaters) AS repeaters
      FROM (%s) c(workspace_id, day, creator_id, has_post, orders, revenue_minor, unconverted_orders, acquired, repeaters)
      GROUP BY 1, 2, 3, 4
    ), g AS (
      SELECT workspace_id, 'day' AS grain, day AS starts_on, creator_id, has_post, orders, revenue_minor,
        unconverted_orders, acquired, repeaters FROM d
      UNION ALL
      SELECT workspace_id, 'month', date_trunc('month', day)::date, creator_id, has_post, sum(orders),
        sum(revenue_minor), sum(unconverted_orders), sum(acquired), sum(repeaters)
      FROM d GROUP BY 1, 2, 3, 4, 5
    ), n AS (
      SELECT * FROM g WHERE (orders, revenue_minor, unconverted_orders, acquired, repeaters) <> (0, 0, 0, 0, 0)
    )
    %s
  $q$, changes, CASE WHEN op = 'DELETE' THEN $u$
    UPDATE creator_period_facts f SET orders = f.orders + n.orders,
      revenue_minor = f.revenue_minor + n.revenue_minor,
      unconverted_orders = f.unconverted_orders + n.unconverted_orders,
      acquired = f.acquired + n.acquired, repeaters = f.repeaters + n.repeaters
    FROM n
    WHERE f.workspace_id = n.workspace_id AND f.grain = n.grain AND f.starts_on = n.starts_on
      AND f.creator_id = n.creator_id AND f.has_post = n.has_post
  $u$ ELSE $i$
    INSERT INTO creator_period_facts AS f (workspace_id, grain, starts_on, creator_id, has_post,
      orders, revenue_minor, unconverted_orders, acquired, repeaters)
    SELECT * FROM n
    ON CONFLICT (workspace_id, grain, starts_on, creator_id, has_post) DO UPDATE SET
      orders = f.orders + excluded.orders, revenue_minor = f.revenue_minor + excluded.revenue_minor,
      unconverted_orders = f.unconverted_orders + excluded.unconverted_orders,
      acquired = f.acquired + excluded.acquired, repeaters = f.repeaters + excluded.repeaters
  $i$ END)
$$;
--> statement-breakpoint
-- The rows of a statement, signed, in a trigger.
CREATE FUNCTION creator_period_facts_rows(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
    ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 FROM old_rows' END
$$;
--> statement-breakpoint
-- Orders: attributed orders, their reporting amounts and the ones without one (no rate).
CREATE FUNCTION creator_period_facts_orders_changes(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT o.workspace_id, (o.ordered_at AT TIME ZONE 'UTC')::date, o.attributed_creator_id,
      o.attributed_deliverable_id IS NOT NULL, o.sign, o.sign * coalesce(o.amount_reporting_minor, 0),
      o.sign * (o.amount_reporting_minor IS NULL)::int, 0, 0
    FROM (%s) o WHERE o.attributed_creator_id IS NOT NULL
  $q$, source)
$$;
--> statement-breakpoint
-- Customers: acquired = the first order is attributed; repeater = ordered again within the
-- workspace's repeat horizon of the first order.
CREATE FUNCTION creator_period_facts_customers_changes(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    SELECT c.workspace_id, (c.first_ordered_at AT TIME ZONE 'UTC')::date, c.acquired_by_creator_id,
      c.acquired_by_deliverable_id IS NOT NULL, 0, 0, 0, c.sign,
      c.sign * coalesce(c.second_ordered_at <= c.first_ordered_at + make_interval(days => w.repeat_horizon_days), false)::int
    FROM (%s) c JOIN workspaces w ON w.id = c.workspace_id
    WHERE c.acquired_by_creator_id IS NOT NULL
  $q$, source)
$$;
--> statement-breakpoint
CREATE FUNCTION creator_period_facts_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE creator_period_facts_sql(creator_period_facts_orders_changes(creator_period_facts_rows(TG_OP)), TG_OP);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION creator_period_facts_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE creator_period_facts_sql(creator_period_facts_customers_changes(creator_period_facts_rows(TG_OP)), TG_OP);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_period_facts_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_period_facts_orders();
--> statement-breakpoint
CREATE TRIGGER orders_period_facts_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_period_facts_orders();
--> statement-breakpoint
CREATE TRIGGER orders_period_facts_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_period_facts_orders();
--> statement-breakpoint
CREATE TRIGGER customer_facts_period_facts_insert AFTER INSERT ON customer_facts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION creator_period_facts_customers();
--> statement-breakpoint
CREATE TRIGGER customer_facts_period_facts_update AFTER UPDATE ON customer_facts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_period_facts_customers();
--> statement-breakpoint
CREATE TRIGGER customer_facts_period_facts_delete AFTER DELETE ON customer_facts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION creator_period_facts_customers();
--> statement-breakpoint
-- A new repeat horizon: each acquired customer of the workspace counts (repeats under the new
-- horizon) − (repeats under the old one).
CREATE FUNCTION creator_period_facts_horizon() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE creator_period_facts_sql(format($q$
    SELECT workspace_id, (first_ordered_at AT TIME ZONE 'UTC')::date, acquired_by_creator_id,
      acquired_by_deliverable_id IS NOT NULL, 0, 0, 0, 0,
      coalesce(second_ordered_at <= first_ordered_at + make_interval(days => %s), false)::int
        - coalesce(second_ordered_at <= first_ordered_at + make_interval(days => %s), false)::int
    FROM customer_facts WHERE workspace_id = %L AND acquired_by_creator_id IS NOT NULL
  $q$, NEW.repeat_horizon_days, OLD.repeat_horizon_days, NEW.id), 'UPDATE');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workspaces_period_facts_horizon AFTER UPDATE OF repeat_horizon_days ON workspaces
  FOR EACH ROW WHEN (OLD.repeat_horizon_days IS DISTINCT FROM NEW.repeat_horizon_days)
  EXECUTE FUNCTION creator_period_facts_horizon();
--> statement-breakpoint
-- What the triggers would have written for the orders and customers already there.
DO $$
BEGIN
  EXECUTE creator_period_facts_sql(creator_period_facts_orders_changes('SELECT *, 1 AS sign FROM orders'), 'INSERT');
  EXECUTE creator_period_facts_sql(creator_period_facts_customers_changes('SELECT *, 1 AS sign FROM customer_facts'), 'INSERT');
END $$;
