import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why a subscriber is suspended: `failures` (a streak of failed deliveries) or `throttled` (it
 * answered only 429/503 with Retry-After for WEBHOOK_THROTTLE_SUSPEND_SECONDS). Set with
 * `suspended_at`, kept through failed probes, cleared with it; the console names the reason.
 */
export class WebhookSuspensionReason1765049600000 implements MigrationInterface {
  name = 'WebhookSuspensionReason1765049600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook_subscribers
        ADD COLUMN suspended_reason text CHECK (suspended_reason IN ('failures', 'throttled'))`);
    await q.query(`UPDATE webhook_subscribers SET suspended_reason = 'failures' WHERE suspended_at IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE webhook_subscribers DROP COLUMN suspended_reason`);
  }
}
