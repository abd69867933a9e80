import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { complaintSubject } from '@layanan/authz';
import type { ComplaintDetail } from '@layanan/contracts';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { complaintsConfig } from '../config';
import { ComplaintsRepository } from './complaints.repository';
import { ComplaintsService } from './complaints.service';
import { COMPLAINT_BRIDGE, type ComplaintBridge } from './lapor/complaint-bridge';

const MIRROR_BATCH = 100;

/**
 * Forwarding to SP4N-LAPOR! (the officer's choice per complaint) and mirroring the status LAPOR!
 * reports back, on a timer (LAPOR_MIRROR_MS) and on demand. Our own workflow stays ours: the
 * mirrored status is shown next to it, never applied to it.
 */
@Injectable()
export class LaporSyncService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(LaporSyncService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repo: ComplaintsRepository,
    private readonly complaints: ComplaintsService,
    @Inject(COMPLAINT_BRIDGE) private readonly bridge: ComplaintBridge,
    @Inject(complaintsConfig.KEY) private readonly cfg: ConfigType<typeof complaintsConfig>,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.cfg.lapor?.mirrorMs ?? 0;
    if (!this.bridge.enabled || every === 0) return;
    this.timer = setInterval(() => void this.mirror().catch((e: unknown) => this.log.warn(`LAPOR! mirror failed: ${String(e)}`)), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async forward(auth: AuthContext, id: string): Promise<ComplaintDetail> {
    const row = await this.complaints.readable(auth, id);
    if (!auth.ability.can('act', complaintSubject({ opdId: row.opd_id })))
      throw new AppError('FORBIDDEN', 'Only the OPD’s complaint officer forwards its complaints');
    if (!this.bridge.enabled) throw new AppError('RULE_VIOLATED', 'SP4N-LAPOR! is not configured on this installation (LAPOR_URL)');
    if (row.lapor_tracking_id || row.state === 'closed')
      throw new AppError('COMPLAINT_STATE_INVALID', 'The complaint is already forwarded or closed', {
        current: { state: row.state, version: row.version },
      });
    const receipt = await this.bridge.forward({
      reference: row.tracking_code,
      title: `Pengaduan ${row.service_name ?? row.opd_name}${row.case_tracking_code ? ` (${row.case_tracking_code})` : ''}`,
      content: row.message,
      opdName: row.opd_name,
      complainantName: row.complainant_name,
      complainantPhone: row.complainant_phone,
      complainantEmail: row.complainant_email,
    });
    await this.repo.setLaporTracking(id, receipt.trackingId, receipt.status);
    return this.complaints.view(auth, await this.complaints.readable(auth, id));
  }

  /** Mirrors the status of forwarded, open complaints; returns how many were updated. A failure of one does not stop the rest. */
  async mirror(): Promise<number> {
    if (!this.bridge.enabled) return 0;
    let updated = 0;
    for (const c of await this.repo.toMirror(MIRROR_BATCH)) {
      try {
        await this.repo.setLaporStatus(c.id, await this.bridge.status(c.lapor_tracking_id));
        updated++;
      } catch (e) {
        this.log.warn(`LAPOR! status of ${c.lapor_tracking_id} not mirrored: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return updated;
  }
}
