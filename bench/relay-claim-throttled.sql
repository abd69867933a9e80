-- The relay's claim with a throttling receiver (429 + Retry-After): 10,000 pending deliveries for
-- it (200 cases x 50, in order per case) in front of 1,000 due deliveries for a healthy one.
-- Before: only the deliveries that got the 429 wait; the rest stay due, held back behind them, and
-- every claim walks them (and new heads go out at once: the receiver is hammered). After: SenderService.throttle moves them to the subscriber's
-- throttled_until (one statement), past the due part of deliveries_due_idx; the claim is unchanged.
-- Run: psql -h 127.0.0.1 -U postgres -f bench/relay-claim-throttled.sql
-- Tables and indexes as in migrations 1764817300000 + 1765040000000 + 1765049100000; the claim is
-- SenderService's CLAIM (api/src/notifications/relay/sender.service.ts): limit 16, lease 60 s, sorting off.
\set ON_ERROR_STOP on
DROP SCHEMA IF EXISTS throttle_bench CASCADE;
CREATE SCHEMA throttle_bench;
SET search_path = throttle_bench;
CREATE TABLE webhook_subscribers (id uuid PRIMARY KEY, throttled_until timestamptz, throttled_since timestamptz,
  suspended_at timestamptz, failure_streak integer NOT NULL DEFAULT 0);
INSERT INTO webhook_subscribers (id) VALUES ('00000000-0000-4000-8000-000000000429'), ('00000000-0000-4000-8000-00000000000a');
CREATE TABLE deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  aggregate_id uuid,
  target text NOT NULL,
  subscriber_id uuid,
  message jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paused', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  throttles integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_order_idx ON deliveries (target, aggregate_id, id) WHERE status = 'pending';
CREATE INDEX deliveries_paused_idx ON deliveries (subscriber_id, id) WHERE status = 'paused';
-- Throttling subscriber: 10,000 pending deliveries over 200 cases, written first. Before the change
-- only the delivery that got the 429 waits for its Retry-After (the 200 heads: now + 2 s); the
-- 9,800 behind them are due but held back (in order per case).
INSERT INTO deliveries (aggregate_id, target, subscriber_id, next_attempt_at)
SELECT md5('busy' || (g % 200))::uuid, 'webhook:00000000-0000-4000-8000-000000000429', '00000000-0000-4000-8000-000000000429',
       CASE WHEN g < 200 THEN now() + interval '2 seconds' ELSE now() - interval '10 minutes' + g * interval '1 millisecond' END
  FROM generate_series(0, 9999) g;
-- Healthy subscriber: 1,000 due deliveries, one per case, written after.
INSERT INTO deliveries (aggregate_id, target, subscriber_id, next_attempt_at)
SELECT md5('ok' || g)::uuid, 'webhook:00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000a',
       now() - interval '5 minutes' + g * interval '1 millisecond'
  FROM generate_series(0, 999) g;
ANALYZE deliveries;
\echo '== BEFORE: the throttling subscriber''s 10,000 rows due'
BEGIN;
SET LOCAL enable_sort = off;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON)
  WITH due AS (
    SELECT d.id FROM deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       AND (SELECT e.id FROM deliveries e
             WHERE e.status = 'pending' AND e.target = d.target AND e.aggregate_id = d.aggregate_id AND e.id < d.id LIMIT 1) IS NULL
     ORDER BY d.next_attempt_at, d.id
     LIMIT 16
     FOR UPDATE OF d SKIP LOCKED)
  UPDATE deliveries x SET attempts = x.attempts + 1, next_attempt_at = now() + make_interval(secs => 60)
    FROM due WHERE x.id = due.id
  RETURNING x.id, x.attempts, x.throttles;
ROLLBACK;
\echo '== a 429 with Retry-After: 2 arrives: SenderService.throttle (the subscriber and its pending rows, one statement)'
\timing on
WITH s AS (
  UPDATE webhook_subscribers SET throttled_since = coalesce(throttled_since, now()),
         throttled_until = greatest(throttled_until, now() + 2000 * interval '1 millisecond')
   WHERE id = '00000000-0000-4000-8000-000000000429'
  RETURNING throttled_until, throttled_since <= now() - make_interval(secs => 3600) AS overdue, suspended_at IS NOT NULL AS suspended, failure_streak),
moved AS (
  UPDATE deliveries x SET next_attempt_at = s.throttled_until FROM s
   WHERE x.target = 'webhook:00000000-0000-4000-8000-000000000429' AND x.status = 'pending' AND x.next_attempt_at < s.throttled_until)
SELECT overdue, suspended, failure_streak FROM s;
\echo '== the next 429 (2 s later): all 10,000 moved again'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
  UPDATE deliveries x SET next_attempt_at = now() + interval '4 seconds'
   WHERE x.target = 'webhook:00000000-0000-4000-8000-000000000429' AND x.status = 'pending' AND x.next_attempt_at < now() + interval '4 seconds';
\timing off
\echo '== AFTER: the same claim, no VACUUM or ANALYZE since (statistics still say the rows are due)'
BEGIN;
SET LOCAL enable_sort = off;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON)
  WITH due AS (
    SELECT d.id FROM deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       AND (SELECT e.id FROM deliveries e
             WHERE e.status = 'pending' AND e.target = d.target AND e.aggregate_id = d.aggregate_id AND e.id < d.id LIMIT 1) IS NULL
     ORDER BY d.next_attempt_at, d.id
     LIMIT 16
     FOR UPDATE OF d SKIP LOCKED)
  UPDATE deliveries x SET attempts = x.attempts + 1, next_attempt_at = now() + make_interval(secs => 60)
    FROM due WHERE x.id = due.id
  RETURNING x.id, x.attempts, x.throttles;
ROLLBACK;
VACUUM ANALYZE deliveries;
\echo '== AFTER, vacuumed and analysed'
BEGIN;
SET LOCAL enable_sort = off;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY ON)
  WITH due AS (
    SELECT d.id FROM deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       AND (SELECT e.id FROM deliveries e
             WHERE e.status = 'pending' AND e.target = d.target AND e.aggregate_id = d.aggregate_id AND e.id < d.id LIMIT 1) IS NULL
     ORDER BY d.next_attempt_at, d.id
     LIMIT 16
     FOR UPDATE OF d SKIP LOCKED)
  UPDATE deliveries x SET attempts = x.attempts + 1, next_attempt_at = now() + make_interval(secs => 60)
    FROM due WHERE x.id = due.id
  RETURNING x.id, x.attempts, x.throttles;
ROLLBACK;
DROP SCHEMA throttle_bench CASCADE;
