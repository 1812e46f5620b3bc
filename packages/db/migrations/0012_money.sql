CREATE TABLE "sign_in_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"attempts" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_attempts_window_idx" ON "sign_in_attempts" USING btree ("window_started_at");--> statement-breakpoint
-- Hand-written: ISO 4217 minor units (digits after the decimal point) for the currencies whose
-- minor unit is not 2, from the same table as packages/contracts/src/currency.ts (the
-- currency-codes package, ISO list one of 2024-06-25); any other code has 2. IMMUTABLE, so
-- PostgreSQL inlines it. packages/core/src/performance/currency.db.test.ts checks it equals the
-- TypeScript table for every ISO code. A newer ISO list means a new migration replacing it.
CREATE OR REPLACE FUNCTION currency_minor_digits(code text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN upper(code) IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XOF', 'XPD', 'XPF', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX') THEN 0
    WHEN upper(code) IN ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND') THEN 3
    WHEN upper(code) IN ('CLF', 'UYW') THEN 4
    ELSE 2
  END
$$;
