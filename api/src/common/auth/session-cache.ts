import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppAbility } from '@layanan/authz';
import type { ActingWindow, AuthUser, Role } from '@layanan/contracts';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The user and session row the guard checks on each request. */
export interface SessionRow {
  id: string;
  username: string;
  full_name: string;
  roles: Role[];
  opd_id: string | null;
  active: boolean;
  token_version: number;
  revoked_at: Date | null;
  /** Acting appointments not yet ended (in force or upcoming), for `actingAt`. */
  acting: ActingWindow[];
}

/**
 * The row plus what the guard derives from it (the CASL ability is built once per entry, not per
 * request). `validUntil` (ms) is when an acting appointment starts or ends: the guard rebuilds
 * user and ability from the row at that instant, without a query. `derivedAt` (ms): the instant
 * they were derived for; a clock set back before it (an NTP step) rebuilds them too.
 */
export interface Session {
  row: SessionRow;
  user: AuthUser;
  ability: AppAbility;
  validUntil: number | null;
  derivedAt: number;
}

export const AUTH_CHANGED_CHANNEL = 'auth_changed';
const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
const RETRY_MS = 2_000;

/**
 * Keeps the guard's user + session rows (with the user's ability) for a few seconds, so a
 * request costs one query and one ability build less.
 * It is on only while this instance LISTENs on `auth_changed`: triggers on `users` and
 * `refresh_tokens` (migration AuthChangeNotify) send the user id on every change that matters
 * (roles, OPD, active, token version, a revoked session), and each instance drops that user's
 * entries. The instance that made the change drops them before it answers, so a logout or a
 * deactivation is never served from the cache. If the listening connection fails, the cache is
 * emptied and off until it is back.
 */
@Injectable()
export class SessionCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionCache.name);
  private readonly entries = new Map<string, { session: Session; until: number }>();
  private listener: PoolClient | null = null;
  private readonly released = new WeakSet<PoolClient>();
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Bumped by every invalidation: a row read before it must not be stored after it. */
  private epoch = 0;

  constructor(private readonly db: DataSource) {}

  /** The current epoch, to pass back to `set` with a row read after this call. */
  mark(): number {
    return this.epoch;
  }

  get(sessionId: string): Session | undefined {
    const hit = this.entries.get(sessionId);
    if (!hit) return undefined;
    if (hit.until > Date.now() && this.listener) return hit.session;
    this.entries.delete(sessionId);
    return undefined;
  }

  set(sessionId: string, session: Session, epoch: number): void {
    if (!this.listener || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(sessionId, { session, until: Date.now() + TTL_MS });
  }

  forgetUser(userId: string): void {
    this.epoch++;
    for (const [sid, e] of this.entries) if (e.session.row.id === userId) this.entries.delete(sid);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.listener;
    this.listener = null;
    if (client && !this.released.has(client)) {
      // The connection may still report an error afterwards (the test database being dropped): not a second release.
      this.released.add(client);
      client.release(true);
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    let client: PoolClient | null = null;
    try {
      client = await ((this.db.driver as PostgresDriver).master as Pool).connect();
      const c = client;
      c.on('notification', (n) => n.channel === AUTH_CHANGED_CHANNEL && n.payload && this.forgetUser(n.payload));
      c.on('error', (e: Error) => this.lost(c, e));
      await c.query(`LISTEN ${AUTH_CHANGED_CHANNEL}`);
      this.listener = c;
    } catch (e) {
      if (client) this.lost(client, e as Error);
      else this.scheduleRetry(e as Error);
    }
  }

  private lost(client: PoolClient, e: Error): void {
    // A failing connection can report through both the 'error' event and a rejected query.
    if (this.released.has(client)) return;
    this.released.add(client);
    if (this.listener === client) this.listener = null;
    this.epoch++;
    this.entries.clear();
    client.release(true);
    this.scheduleRetry(e);
  }

  private scheduleRetry(e: Error): void {
    if (this.stopped || this.retry) return;
    this.logger.warn(`session cache off (${e.message}); listening again in ${RETRY_MS / 1000} s`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, RETRY_MS);
  }
}
