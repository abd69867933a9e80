import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { notificationsConfig } from '../../config';
import { PiiCipher } from '../../privacy/pii-cipher';
import { Channel, type DeliveryChannel, type OutgoingDelivery, type SendResult } from '../channels/channel';
import { EmailChannel } from '../channels/email.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import { WhatsAppChannel } from '../channels/whatsapp.channel';

/**
 * Claims due deliveries and hands them to their channel. A claim is a lease: it bumps
 * `attempts` and moves `next_attempt_at` past the lease, so a crashed instance's deliveries
 * are claimed again after it (at least once). A delivery waits while an earlier one for the
 * same target and case is still pending (in order per case); dead ones no longer hold it back.
 * The earlier-delivery check is a scalar subquery, not NOT EXISTS: PostgreSQL may turn NOT EXISTS
 * into an anti join that reads every pending delivery per claim when its statistics still say
 * there are few (a backlog that grew since the last ANALYZE: 262 ms per claim at 30,000 pending,
 * against 0.4 ms for this form, which probes deliveries_order_idx once per candidate).
 */
const CLAIM = `
  WITH due AS (
    SELECT d.id FROM deliveries d
     WHERE d.status = 'pending' AND d.next_attempt_at <= now()
       AND (SELECT e.id FROM deliveries e
             WHERE e.status = 'pending' AND e.target = d.target AND e.aggregate_id = d.aggregate_id AND e.id < d.id LIMIT 1) IS NULL
     ORDER BY d.next_attempt_at, d.id
     LIMIT $1
     FOR UPDATE OF d SKIP LOCKED)
  UPDATE deliveries x SET attempts = x.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
    FROM due WHERE x.id = due.id
  RETURNING x.id::text, x.outbox_id::text, x.channel, x.target, x.subscriber_id, x.message, x.attempts, x.throttles`;

// Applied only if the row is still at the attempt we claimed (a lease that ran out and was
// claimed again by another instance belongs to that instance now). A suspended subscriber's
// delivery (its probe) is never a dead letter: it stays held until the subscriber is resumed.
// A throttled attempt (429/503 with Retry-After) counts in `throttles`, not toward the attempts
// limit; no retry comes before the subscriber's `throttled_until` (greatest() skips a NULL).
const COMPLETE = `
  UPDATE deliveries d SET
    status = CASE WHEN r.ok THEN 'delivered'
                  WHEN r.dead AND NOT EXISTS (SELECT 1 FROM webhook_subscribers s WHERE s.id = d.subscriber_id AND s.suspended_at IS NOT NULL)
                    THEN 'dead'
                  ELSE 'pending' END,
    delivered_at = CASE WHEN r.ok THEN now() ELSE d.delivered_at END,
    last_error = CASE WHEN r.ok THEN NULL ELSE r.error END,
    last_status = r.status,
    throttles = d.throttles + r.throttled::int,
    next_attempt_at = CASE WHEN r.ok THEN d.next_attempt_at
                           ELSE greatest(now() + r.delay_ms * interval '1 millisecond',
                                         (SELECT s.throttled_until FROM webhook_subscribers s WHERE s.id = d.subscriber_id)) END
  FROM unnest($1::bigint[], $2::int[], $3::bool[], $4::bool[], $5::text[], $6::int[], $7::bigint[], $8::bool[])
    AS r(id, attempts, ok, dead, error, status, delay_ms, throttled)
  WHERE d.id = r.id AND d.attempts = r.attempts AND d.status = 'pending'`;

interface ClaimedRow {
  id: string;
  outbox_id: string;
  channel: DeliveryChannel;
  target: string;
  subscriber_id: string | null;
  message: Record<string, unknown>;
  attempts: number;
  throttles: number;
}

/** Why a subscriber was suspended: a failure streak, or throttling with nothing accepted for too long. */
export type SuspensionReason = 'failures' | 'throttled';

@Injectable()
export class SenderService {
  private readonly logger = new Logger(SenderService.name);
  private readonly channels: Record<DeliveryChannel, Channel>;

  constructor(
    private readonly db: DataSource,
    email: EmailChannel,
    whatsapp: WhatsAppChannel,
    private readonly webhooks: WebhookChannel,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    private readonly pii: PiiCipher,
  ) {
    this.channels = { email, whatsapp, webhook: webhooks };
  }

  /** Claims up to `limit` due deliveries, sends them concurrently and records each outcome. */
  async sendBatch(limit: number): Promise<number> {
    // Sorting is switched off for the claim: with statistics taken while little was pending (a
    // backlog that grew since the last ANALYZE) PostgreSQL read every pending row through
    // deliveries_status_idx and sorted them, 56 ms per claim at 10,000 pending on the 1M bench
    // database (a drain of ~210/s); the ordered scan of deliveries_due_idx stops at `limit`: 2 ms.
    const claimed = await this.db.transaction(async (m) => {
      await m.query('SET LOCAL enable_sort = off');
      return m.query<[ClaimedRow[], number] | ClaimedRow[]>(CLAIM, [limit, this.config.leaseSeconds]);
    });
    const rows = isUpdateResult(claimed) ? claimed[0] : claimed;
    if (!rows.length) return 0;
    // A throttled answer is recorded as soon as it comes (not after the batch's slowest call), so
    // the subscriber's other deliveries, here and on other instances, wait from that moment.
    const results = await Promise.all(
      rows.map(async (r) => {
        const res = await this.sendOne(r);
        // (A delivery the channel held back without sending has no status: nothing new to record.)
        if (!res.ok && res.throttled && res.status !== undefined && r.subscriber_id)
          await this.throttle(r.subscriber_id, res.retryAfterMs ?? 1000);
        return res;
      }),
    );
    const throttled = results.map((res) => !res.ok && res.throttled === true);
    const dead = results.map(
      (res, i) => !res.ok && !throttled[i] && (res.permanent === true || rows[i].attempts - rows[i].throttles >= this.config.maxAttempts),
    );
    await this.db.query(COMPLETE, [
      rows.map((r) => r.id),
      rows.map((r) => r.attempts),
      results.map((r) => r.ok),
      dead,
      results.map((r) => (r.ok ? null : r.error.slice(0, 1000))),
      results.map((r) => r.status ?? null),
      results.map((r, i) =>
        r.ok ? 0 : throttled[i] ? (r.retryAfterMs ?? 1000) : this.delayMs(rows[i].attempts - rows[i].throttles, r.retryAfterMs),
      ),
      throttled,
    ]);
    const disable = results.flatMap((r, i) =>
      !r.ok && r.disableSubscriber ? [{ id: rows[i].subscriber_id, why: r.disableSubscriber }] : [],
    );
    for (const d of disable) {
      if (!d.id) continue;
      // Disabled ends a suspension: its held deliveries go on to their dead letters (listed, retriable).
      await this.db.query(
        `UPDATE webhook_subscribers SET active = false, disabled_reason = $2, suspended_at = NULL, suspended_reason = NULL, probe_at = NULL, updated_at = now() WHERE id = $1`,
        [d.id, d.why],
      );
      await this.unpause(this.db.manager, d.id);
      this.webhooks.forget(d.id);
      this.logger.warn(`webhook subscriber ${d.id} disabled: ${d.why}`);
    }
    await this.breaker(rows, results);
    return rows.length;
  }

  /**
   * The circuit breaker per webhook subscriber. A batch with a success for a subscriber ends its
   * failure streak (and a suspension: its paused deliveries go back to the relay, in order); a
   * batch with only failures lengthens it, and at WEBHOOK_SUSPEND_AFTER_FAILURES the subscriber
   * is suspended: its pending deliveries are parked as `paused`, outside the due index, so a
   * receiver that is down costs the other receivers' claims nothing. A healthy subscriber costs
   * one indexed no-op UPDATE per batch.
   */
  private async breaker(rows: ClaimedRow[], results: SendResult[]): Promise<void> {
    const ok = new Set<string>();
    const failed = new Map<string, number>();
    rows.forEach((r, i) => {
      const res = results[i];
      if (r.channel !== 'webhook' || !r.subscriber_id) return;
      if (res.ok) ok.add(r.subscriber_id);
      else if (!res.disableSubscriber && !res.throttled) failed.set(r.subscriber_id, (failed.get(r.subscriber_id) ?? 0) + 1);
    });
    for (const id of ok) failed.delete(id);
    if (ok.size) {
      const healed = await this.db.query<[{ id: string; was: Date | null }[], number]>(
        `UPDATE webhook_subscribers s SET failure_streak = 0, suspended_at = NULL, suspended_reason = NULL, probe_at = NULL, throttled_since = NULL
           FROM (SELECT id, suspended_at AS was FROM webhook_subscribers
                  WHERE id = ANY($1::uuid[]) AND (failure_streak > 0 OR suspended_at IS NOT NULL OR throttled_since IS NOT NULL)
                  FOR UPDATE) o
          WHERE s.id = o.id RETURNING s.id, o.was`,
        [[...ok]],
      );
      for (const h of healed[0]) if (h.was) await this.resume(h.id, 'probe');
    }
    if (failed.size) {
      const [streaks] = await this.db.query<[{ id: string; failure_streak: number }[], number]>(
        `UPDATE webhook_subscribers s SET failure_streak = s.failure_streak + r.n
           FROM unnest($1::uuid[], $2::int[]) AS r(id, n) WHERE s.id = r.id RETURNING s.id, s.failure_streak`,
        [[...failed.keys()], [...failed.values()]],
      );
      for (const s of streaks)
        if (s.failure_streak >= this.config.suspendAfterFailures) await this.suspend(s.id, 'failures', s.failure_streak);
    }
  }

  /**
   * A receiver asked to wait (429/503 with Retry-After): from now, no delivery to it goes out
   * before `throttled_until`. Its pending deliveries due sooner are moved to that time, in the
   * same statement, so they leave the due part of deliveries_due_idx and the claim (an ordered
   * scan that stops at its limit) never reads them; the dispatcher gives new ones that time too.
   * No failure is counted, but a subscriber that has throttled since WEBHOOK_THROTTLE_SUSPEND_SECONDS
   * with nothing accepted is suspended like a broken one.
   */
  private async throttle(id: string, waitMs: number): Promise<void> {
    try {
      const [row] = await this.db.query<{ overdue: boolean; suspended: boolean; streak: number }[]>(
        `WITH s AS (
           UPDATE webhook_subscribers SET throttled_since = coalesce(throttled_since, now()),
                  throttled_until = greatest(throttled_until, now() + $2 * interval '1 millisecond')
            WHERE id = $1
           RETURNING throttled_until, throttled_since <= now() - make_interval(secs => $4) AS overdue,
                     suspended_at IS NOT NULL AS suspended, failure_streak),
         moved AS (
           UPDATE deliveries x SET next_attempt_at = s.throttled_until FROM s
            WHERE x.target = $3 AND x.status = 'pending' AND x.next_attempt_at < s.throttled_until)
         SELECT overdue, suspended, failure_streak AS streak FROM s`,
        [id, waitMs, `webhook:${id}`, this.config.throttleSuspendSeconds],
      );
      if (row?.overdue && !row.suspended) await this.suspend(id, 'throttled', row.streak);
    } catch (e) {
      this.logger.error(`webhook subscriber ${id}: recording a Retry-After failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Suspends a subscriber (again: a failed probe) until the next probe, parking its pending
   * deliveries. A new suspension (not a failed probe's) writes the outbox row that tells the
   * partner's contact (e-mail) and the city's administrators (inbox): once per suspension.
   */
  private async suspend(id: string, reason: SuspensionReason, streak: number): Promise<void> {
    const parked = await this.db.transaction(async (m) => {
      const [rows] = await m.query<[{ was: Date | null; probe_at: Date; last_error: string | null }[], number]>(
        `UPDATE webhook_subscribers s SET suspended_at = coalesce(s.suspended_at, now()), probe_at = now() + make_interval(secs => $2),
                suspended_reason = CASE WHEN s.suspended_at IS NULL THEN $4 ELSE coalesce(s.suspended_reason, $4) END
           FROM (SELECT id, suspended_at AS was FROM webhook_subscribers WHERE id = $1 FOR UPDATE) o
          WHERE s.id = o.id
          RETURNING o.was, s.probe_at,
                    (SELECT last_error FROM deliveries WHERE target = $3 AND status = 'pending' AND last_error IS NOT NULL
                      ORDER BY id DESC LIMIT 1) AS last_error`,
        [id, this.config.probeSeconds, `webhook:${id}`, reason],
      );
      const [, n] = await m.query<[unknown[], number]>(`UPDATE deliveries SET status = 'paused' WHERE target = $1 AND status = 'pending'`, [
        `webhook:${id}`,
      ]);
      const row = rows[0];
      if (row && !row.was)
        await announce(m, 'webhook.subscriber_suspended', id, {
          reason,
          failureStreak: streak,
          lastError: row.last_error,
          pausedDeliveries: n,
          nextProbeAt: row.probe_at.toISOString(),
        });
      return n;
    });
    this.logger.warn(`webhook subscriber ${id} suspended (${reason}, ${streak} failures in a row; ${parked} deliveries paused)`);
  }

  /** The end of a suspension by a delivered probe: the paused deliveries go back, the contact and the administrators are told. */
  private async resume(id: string, why: 'probe' | 'admin' | 'nothing_held'): Promise<void> {
    const n = await this.db.transaction(async (m) => {
      const unpaused = await this.unpause(m, id);
      await announce(m, 'webhook.subscriber_resumed', id, { why, resumedDeliveries: unpaused });
      return unpaused;
    });
    this.logger.log(`webhook subscriber ${id} resumed (${why}): ${n} deliveries back in the queue`);
  }

  /**
   * Hands a subscriber's paused deliveries back to the relay (in order: the claim keeps order per
   * case), due at once or when a throttling receiver's Retry-After is over.
   */
  private async unpause(m: EntityManager, id: string): Promise<number> {
    const [, n] = await m.query<[unknown[], number]>(
      `UPDATE deliveries SET status = 'pending',
              next_attempt_at = greatest(now(), (SELECT throttled_until FROM webhook_subscribers WHERE id = $1))
        WHERE subscriber_id = $1 AND status = 'paused'`,
      [id],
    );
    return n;
  }

  /** An administrator's resume: the suspension and the streak end, every paused delivery is queued again. */
  async resumeSubscriber(id: string): Promise<number> {
    const n = await this.db.transaction(async (m) => {
      const [rows] = await m.query<[{ was: Date | null }[], number]>(
        `UPDATE webhook_subscribers s SET suspended_at = NULL, suspended_reason = NULL, probe_at = NULL, failure_streak = 0, throttled_since = NULL, updated_at = now()
           FROM (SELECT id, suspended_at AS was FROM webhook_subscribers WHERE id = $1 FOR UPDATE) o
          WHERE s.id = o.id RETURNING o.was`,
        [id],
      );
      const unpaused = await this.unpause(m, id);
      if (rows[0]?.was) await announce(m, 'webhook.subscriber_resumed', id, { why: 'admin', resumedDeliveries: unpaused });
      return unpaused;
    });
    this.logger.log(`webhook subscriber ${id} resumed by an administrator: ${n} deliveries back in the queue`);
    return n;
  }

  /**
   * After the cool-down of a suspended subscriber, its oldest paused delivery goes back to the
   * queue as a probe (the next probe is pushed a cool-down further). Its success resumes the
   * subscriber (breaker); its failure suspends it again. With nothing paused, the subscriber is
   * released one failure short of the threshold. Returns the number of probes started.
   */
  async probeSuspended(): Promise<number> {
    return this.db.transaction(async (m) => {
      const due = await m.query<{ id: string }[]>(
        `SELECT id FROM webhook_subscribers WHERE suspended_at IS NOT NULL AND probe_at <= now() FOR UPDATE SKIP LOCKED`,
      );
      let probes = 0;
      for (const { id } of due) {
        const [probe] = await m.query<{ id: string }[]>(
          `SELECT id FROM deliveries WHERE subscriber_id = $1 AND status = 'paused' ORDER BY id LIMIT 1`,
          [id],
        );
        if (probe) {
          await m.query(`UPDATE deliveries SET status = 'pending', next_attempt_at = now() WHERE id = $1`, [probe.id]);
          await m.query(`UPDATE webhook_subscribers SET probe_at = now() + make_interval(secs => $2) WHERE id = $1`, [
            id,
            this.config.probeSeconds,
          ]);
          probes++;
        } else {
          await m.query(
            `UPDATE webhook_subscribers SET suspended_at = NULL, suspended_reason = NULL, probe_at = NULL, failure_streak = greatest(0, $2 - 1), throttled_since = NULL
              WHERE id = $1`,
            [id, this.config.suspendAfterFailures],
          );
          await announce(m, 'webhook.subscriber_resumed', id, { why: 'nothing_held', resumedDeliveries: 0 });
        }
      }
      return probes;
    });
  }

  private async sendOne(r: ClaimedRow): Promise<SendResult> {
    const delivery: OutgoingDelivery = {
      id: r.id,
      outboxId: r.outbox_id,
      channel: r.channel,
      target: r.target,
      subscriberId: r.subscriber_id,
      message: r.message,
      attempts: r.attempts,
    };
    try {
      // A WhatsApp number is stored encrypted (DispatcherService.sealed): decrypted for the call only.
      if (r.channel === 'whatsapp' && typeof r.message.to === 'string')
        delivery.message = { ...r.message, to: this.pii.decrypt('phone', r.message.to) };
      return await this.channels[r.channel].send(delivery);
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Exponential backoff with ±20% jitter, capped; never sooner than the receiver's Retry-After. */
  delayMs(attempts: number, retryAfter?: number): number {
    const exp = Math.min(this.config.retryBaseMs * 2 ** Math.max(0, attempts - 1), this.config.retryMaxSeconds * 1000);
    const jittered = Math.round(exp * (0.8 + Math.random() * 0.4));
    return Math.max(jittered, retryAfter ?? 0);
  }
}

/** The outbox row of a suspension or its end: the dispatcher e-mails the partner's contact and tells the city's administrators. */
async function announce(
  m: EntityManager,
  topic: 'webhook.subscriber_suspended' | 'webhook.subscriber_resumed',
  subscriberId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await m.query(`INSERT INTO outbox (topic, aggregate_id, payload) VALUES ($1, $2, $3)`, [topic, subscriberId, JSON.stringify(payload)]);
}

// TypeORM's query() answers an UPDATE … RETURNING with [rows, affected] on pg.
function isUpdateResult(v: [ClaimedRow[], number] | ClaimedRow[]): v is [ClaimedRow[], number] {
  return v.length === 2 && Array.isArray(v[0]) && typeof v[1] === 'number';
}
