import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A throttling receiver is not a broken one. A webhook answered 429/503 with Retry-After sets
 * the subscriber's `throttled_until` ("not before": every delivery to it waits until then) and,
 * from the first such answer without a success since, `throttled_since` (a subscriber throttled
 * for WEBHOOK_THROTTLE_SUSPEND_SECONDS with nothing accepted is suspended). `deliveries.throttles`
 * counts a delivery's throttled attempts, which count toward neither DELIVERY_MAX_ATTEMPTS nor the
 * backoff. `contact_email`: the partner's technical contact, told of a suspension and its end.
 */
export class WebhookThrottling1765049100000 implements MigrationInterface {
  name = 'WebhookThrottling1765049100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook_subscribers
        ADD COLUMN contact_email text CHECK (contact_email IS NULL OR (length(contact_email) <= 254 AND contact_email LIKE '%_@_%')),
        ADD COLUMN throttled_until timestamptz,
        ADD COLUMN throttled_since timestamptz`);
    await q.query(`ALTER TABLE deliveries ADD COLUMN throttles integer NOT NULL DEFAULT 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM staff_notifications WHERE kind IN ('webhook_suspended', 'webhook_resumed')`);
    await q.query(`ALTER TABLE deliveries DROP COLUMN throttles`);
    await q.query(`ALTER TABLE webhook_subscribers DROP COLUMN contact_email, DROP COLUMN throttled_until, DROP COLUMN throttled_since`);
  }
}
