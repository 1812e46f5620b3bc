CREATE TABLE "creator_lag_facts" (
	"workspace_id" uuid NOT NULL,
	"grain" text NOT NULL,
	"starts_on" date NOT NULL,
	"creator_id" uuid NOT NULL,
	"bucket" smallint NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"lag_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "creator_lag_facts_workspace_id_grain_starts_on_creator_id_bucket_pk" PRIMARY KEY("workspace_id","grain","starts_on","creator_id","bucket"),
	CONSTRAINT "creator_lag_facts_grain" CHECK ("creator_lag_facts"."grain" in ('day', 'month'))
);
--> statement-breakpoint
ALTER TABLE "creator_lag_facts" ADD CONSTRAINT "creator_lag_facts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written below (drizzle-kit knows no triggers): creator_lag_facts counts the conversion lag
-- of the attributed orders that count (paid, partially_refunded) and follow a post, per creator,
-- UTC day and month, and lag bucket, with the sum of their lags, kept by statement-level triggers
-- on orders exactly as creator_period_facts is (migration 0010: inserted rows +1, deleted −1,
-- updated both; rows back at zero stay). The conversion-lag report reads its histogram, counts
-- and percentiles from it (docs/performance.md, "Conversion lag").
--
-- The buckets, [lo, hi) in seconds:
--   0…47   the hours of the first two days, [h × 3600, (h + 1) × 3600)
--   48     exactly 48 h, [172800, 172801) (an order at exactly 48 h is "within 48 h" but in day 2)
--   49     the rest of day 2, [172801, 259200)
--   50…76  days 3…29, [d × 86400, (d + 1) × 86400) with d = bucket − 47
--   77     30 days and later, [2592000, ∞)
CREATE FUNCTION lag_bucket(s bigint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE WHEN s < 172800 THEN s / 3600 WHEN s = 172800 THEN 48 WHEN s < 259200 THEN 49
    WHEN s < 2592000 THEN 47 + s / 86400 ELSE 77 END)::smallint
$$;
--> statement-breakpoint
CREATE FUNCTION lag_bucket_lo(b smallint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE WHEN b < 48 THEN b * 3600 WHEN b = 48 THEN 172800 WHEN b = 49 THEN 172801
    ELSE (b - 47) * 86400 END)::bigint
$$;
--> statement-breakpoint
-- The bucket's end (excluded); null for 30+, which has none.
CREATE FUNCTION lag_bucket_hi(b smallint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE WHEN b < 48 THEN (b + 1) * 3600 WHEN b = 48 THEN 172801 WHEN b = 49 THEN 259200
    WHEN b < 77 THEN (b - 46) * 86400 END)::bigint
$$;
--> statement-breakpoint
-- The histogram's whole day, ⌊lag ÷ 86400⌋, capped at 30 ("30+").
CREATE FUNCTION lag_bucket_day(b smallint) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN b < 24 THEN 0 WHEN b < 48 THEN 1 WHEN b < 50 THEN 2 ELSE b - 47 END
$$;
--> statement-breakpoint
-- The statement that adds `source`'s signed rows (orders' columns and `sign`) to the table.
CREATE FUNCTION creator_lag_facts_sql(source text, op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH d AS MATERIALIZED (
      SELECT o.workspace_id, (o.ordered_at AT TIME ZONE 'UTC')::date AS day,
        o.attributed_creator_id AS creator_id, lag_bucket(o.lag_seconds) AS bucket,
        sum(o.sign)::int AS orders, sum(o.sign * o.lag_seconds)::bigint AS lag_sum
      FROM (%s) o
      WHERE o.attributed_creator_id IS NOT NULL AND o.lag_seconds IS NOT NULL
        AND o.status IN ('paid', 'partially_refunded')
      GROUP BY 1, 2, 3, 4
    ), g AS (
      SELECT workspace_id, 'day' AS grain, day AS starts_on, creator_id, bucket, orders, lag_sum FROM d
      UNION ALL
      SELECT workspace_id, 'month', date_trunc('month', day)::date, creator_id, bucket,
        sum(orders)::int, sum(lag_sum)::bigint
      FROM d GROUP BY 1, 2, 3, 4, 5
    ), n AS (
      SELECT * FROM g WHERE (orders, lag_sum) <> (0, 0)
    )
    %s
  $q$, source, CASE WHEN op = 'DELETE' THEN $u$
    UPDATE creator_lag_facts f SET orders = f.orders + n.orders, lag_sum = f.lag_sum + n.lag_sum
    FROM n
    WHERE f.workspace_id = n.workspace_id AND f.grain = n.grain AND f.starts_on = n.starts_on
      AND f.creator_id = n.creator_id AND f.bucket = n.bucket
  $u$ ELSE $i$
    INSERT INTO creator_lag_facts AS f (workspace_id, grain, starts_on, creator_id, bucket, orders, lag_sum)
    SELECT * FROM n
    ON CONFLICT (workspace_id, grain, starts_on, creator_id, bucket) DO UPDATE SET
      orders = f.orders + excluded.orders, lag_sum = f.lag_sum + excluded.lag_sum
  $i$ END)
$$;
--> statement-breakpoint
CREATE FUNCTION creator_lag_facts_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE creator_lag_facts_sql(creator_period_facts_rows(TG_OP), TG_OP);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER orders_lag_facts_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_lag_facts_orders();
--> statement-breakpoint
CREATE TRIGGER orders_lag_facts_update AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_lag_facts_orders();
--> statement-breakpoint
CREATE TRIGGER orders_lag_facts_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION creator_lag_facts_orders();
--> statement-breakpoint
-- What the triggers would have written for the orders already there.
DO $$
BEGIN
  EXECUTE creator_lag_facts_sql('SELECT *, 1 AS sign FROM orders', 'INSERT');
END $$;
