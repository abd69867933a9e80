import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A circuit breaker per webhook subscriber: after a streak of failed deliveries the subscriber
 * is suspended ("ditangguhkan") and its pending deliveries are parked as `paused`, outside the
 * relay's due index, so a receiver that is down no longer slows the claims of everyone else.
 * After a cool-down one paused delivery is sent as a probe; its success (or an administrator's
 * resume) hands every paused delivery back to the relay, in order. Nothing is dropped.
 */
export class WebhookSuspension1765040000000 implements MigrationInterface {
  name = 'WebhookSuspension1765040000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook_subscribers
        ADD COLUMN failure_streak integer NOT NULL DEFAULT 0,
        ADD COLUMN suspended_at timestamptz,
        ADD COLUMN probe_at timestamptz`);
    await q.query(`CREATE INDEX webhook_subscribers_probe_idx ON webhook_subscribers (probe_at) WHERE suspended_at IS NOT NULL`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(
      `ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'paused', 'delivered', 'dead'))`,
    );
    await q.query(`CREATE INDEX deliveries_paused_idx ON deliveries (subscriber_id, id) WHERE status = 'paused'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE deliveries SET status = 'pending', next_attempt_at = now() WHERE status = 'paused'`);
    await q.query(`DROP INDEX deliveries_paused_idx`);
    await q.query(`ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check`);
    await q.query(`ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'delivered', 'dead'))`);
    await q.query(`DROP INDEX webhook_subscribers_probe_idx`);
    await q.query(`ALTER TABLE webhook_subscribers DROP COLUMN failure_streak, DROP COLUMN suspended_at, DROP COLUMN probe_at`);
  }
}
