import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { appConfig, notificationsConfig } from '../../config';
import { DispatcherService } from './dispatcher.service';
import { SenderService } from './sender.service';

const DISPATCH_BATCH = 500;
const SENDER_LOOPS = 4;
const PROBE_EVERY_MS = 1000;

/**
 * The outbox relay of this instance (RELAY_ENABLED, by default as JOBS_ENABLED): one loop turns outbox rows into
 * deliveries, a few loops send them. Each loop runs again at once while it finds a full
 * batch, else sleeps RELAY_POLL_MS (or until the dispatcher wakes it). Every instance runs
 * it; the advisory lock and SKIP LOCKED leases keep each row with one of them at a time.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RelayService.name);
  private running = false;
  private loops: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private probedAt = 0;

  constructor(
    private readonly dispatcher: DispatcherService,
    private readonly sender: SenderService,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.relayEnabled ?? this.app.jobsEnabled) this.start();
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const perLoop = Math.max(1, Math.ceil(this.config.concurrency / SENDER_LOOPS));
    this.loops = [
      this.loop('dispatch', async () => {
        const { rows, deliveries } = await this.dispatcher.dispatch(DISPATCH_BATCH);
        if (await this.probe()) this.wake();
        if (deliveries) this.wake();
        return rows >= DISPATCH_BATCH;
      }),
      ...Array.from({ length: SENDER_LOOPS }, (_, i) =>
        this.loop(`send-${i}`, async () => (await this.sender.sendBatch(perLoop)) >= perLoop),
      ),
    ];
  }

  /** Once a second at most: a suspended webhook subscriber whose cool-down is over gets its probe delivery. */
  private async probe(): Promise<number> {
    if (Date.now() - this.probedAt < PROBE_EVERY_MS) return 0;
    this.probedAt = Date.now();
    return this.sender.probeSuspended();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private wake(): void {
    for (const w of this.wakers) w();
    this.wakers.clear();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.add(done);
    });
  }

  private async loop(name: string, step: () => Promise<boolean>): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const more = await step();
        failures = 0;
        if (!more) await this.sleep(this.config.pollMs);
      } catch (e) {
        failures++;
        // A lost database (or a bug) must not spin: back off up to 30 s and keep going.
        if (failures === 1 || failures % 20 === 0) this.logger.error(`relay ${name}: ${e instanceof Error ? e.message : String(e)}`);
        await this.sleep(Math.min(30_000, this.config.pollMs * 2 ** Math.min(failures, 8)));
      }
    }
  }
}
