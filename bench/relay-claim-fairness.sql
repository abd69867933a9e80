-- The relay's claim with a receiver that is down: 100,000 deliveries for a dead subscriber,
-- due but held back behind their case's earlier delivery (in order per case; the heads wait on
-- backoff), in front of 30,000 due deliveries for a healthy one. Before: the dead rows are
-- `pending` and every claim walks them. After: the circuit breaker has parked them as `paused`
-- (SenderService.suspend), outside the due index. Run: psql -h 127.0.0.1 -U postgres -f bench/relay-claim-fairness.sql
-- The table and indexes are those of migrations/1764817300000 + 1765040000000; the claim is
-- SenderService's CLAIM (api/src/notifications/relay/sender.service.ts), limit 16, lease 60 s.
\set ON_ERROR_STOP on
DROP SCHEMA IF EXISTS claim_bench CASCADE;
CREATE SCHEMA claim_bench;
SET search_path = claim_bench;
CREATE TABLE deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  aggregate_id uuid,
  target text NOT NULL,
  subscriber_id uuid,
  message jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paused', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_order_idx ON deliveries (target, aggregate_id, id) WHERE status = 'pending';
CREATE INDEX deliveries_paused_idx ON deliveries (subscriber_id, id) WHERE status = 'paused';
-- Dead subscriber: 2,000 cases × 50 events; per case the first waits on backoff, 49 are due but held back.
INSERT INTO deliveries (aggregate_id, target, subscriber_id, next_attempt_at)
SELECT md5('dead' || (g % 2000))::uuid, 'webhook:dead', '00000000-0000-4000-8000-00000000dead',
       CASE WHEN g < 2000 THEN now() + interval '1 hour' ELSE now() - interval '10 minutes' + g * interval '1 millisecond' END
  FROM generate_series(0, 99999) g;
-- Healthy subscriber: 30,000 due deliveries, one per case, written after.
INSERT INTO deliveries (aggregate_id, target, subscriber_id, next_attempt_at)
SELECT md5('ok' || g)::uuid, 'webhook:ok', '00000000-0000-4000-8000-00000000000a', now() - interval '5 minutes' + g * interval '1 millisecond'
  FROM generate_series(0, 29999) g;
ANALYZE deliveries;
\echo '== BEFORE: dead subscriber''s 100,000 held-back rows pending'
BEGIN;
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
  RETURNING x.id;
ROLLBACK;
\echo '== the circuit breaker suspends the dead subscriber: its pending rows are parked'
\timing on
UPDATE deliveries SET status = 'paused' WHERE subscriber_id = '00000000-0000-4000-8000-00000000dead' AND status = 'pending';
\timing off
VACUUM ANALYZE deliveries;
\echo '== AFTER: the same claim'
BEGIN;
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
  RETURNING x.id;
ROLLBACK;
\echo '== the probe: the oldest paused delivery of the subscriber'
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON)
  SELECT id FROM deliveries WHERE subscriber_id = '00000000-0000-4000-8000-00000000dead' AND status = 'paused' ORDER BY id LIMIT 1;
\echo '== resume: every paused delivery back in the queue'
\timing on
BEGIN;
UPDATE deliveries SET status = 'pending', next_attempt_at = now() WHERE subscriber_id = '00000000-0000-4000-8000-00000000dead' AND status = 'paused';
ROLLBACK;
\timing off
DROP SCHEMA claim_bench CASCADE;
