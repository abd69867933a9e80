import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { maskNik, reachableChannels } from '@layanan/contracts';
import { publicStatus } from '@layanan/workflow';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicantsService } from '../applicants/applicants.service';
import { applicantActor } from '../cases/actor';
import { CaseIntakeService } from '../cases/case-intake.service';
import { AppError } from '../common/errors/app-error';
import { enabledChannels, notificationsConfig } from '../config';
import type { IncomingFile } from '../files/file-inspection';
import { StoredFilesService } from '../files/stored-files.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { canonicalJson } from './canonical-json';
import { ApplicationDataDto, type ReceiptView } from './dto/public.dto';
import { IdempotencyKeys } from './idempotency-keys';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const SCOPE = 'public-application';

/**
 * Online applications (pengajuan daring). Everything is validated before anything is written;
 * then one transaction claims the Idempotency-Key, stores the files, creates the case with its
 * SUBMIT event, links the documents and saves the receipt as the key's response.
 */
@Injectable()
export class PublicApplicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly intake: CaseIntakeService,
    private readonly files: StoredFilesService,
    private readonly workflows: WorkflowRegistry,
    private readonly keys: IdempotencyKeys,
    private readonly applicants: ApplicantsService,
    @Inject(notificationsConfig.KEY) private readonly config: ConfigType<typeof notificationsConfig>,
  ) {}

  async apply(idempotencyKey: string | undefined, rawData: string, uploads: IncomingFile[] | undefined): Promise<ReceiptView> {
    if (!idempotencyKey) {
      throw AppError.field(
        'FIELD_INVALID',
        'Idempotency-Key',
        'header is required (8-100 characters A-Z a-z 0-9 _ -), the same on every retry of one submission',
      );
    }
    if (!IDEMPOTENCY_KEY.test(idempotencyKey))
      throw AppError.field('FIELD_INVALID', 'Idempotency-Key', 'must be 8-100 characters A-Z a-z 0-9 _ -');
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawData);
    } catch {
      throw AppError.field('FIELD_INVALID', 'data', 'must be a JSON object');
    }
    // A verified KTP/KK of an earlier application (any OPD) may come by reference, with consent.
    const app = await this.intake.validate(parsed, uploads ?? [], ApplicationDataDto, undefined, (data, applicant, service) =>
      this.applicants.portalReuseFiles(applicant, service, (data as ApplicationDataDto).reuse ?? []),
    );
    const requestHash = createHash('sha256')
      .update(canonicalJson(parsed))
      .update(app.files.map((f) => `\n${f.requirementKey}:${f.file.sha256}`).join(''))
      .digest('hex');

    return this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        // A concurrent first attempt holds the key row: the claim waits for it to commit or roll back.
        const prior = await this.keys.claim<ReceiptView>(m, idempotencyKey, SCOPE, requestHash);
        if (prior) return prior;
        const created = await this.intake.register(m, app, applicantActor(app.applicant.name), 'online', store);
        await this.applicants.recordPortalReuse(m, app.applicant.nik, created, new Date());
        const def = await this.workflows.get(app.service.workflowKey, app.service.workflowVersion, m);
        const receipt: ReceiptView = {
          title: 'Bukti Pendaftaran Permohonan',
          trackingCode: created.trackingCode,
          serviceName: app.service.name,
          opdName: app.service.opdName,
          applicantName: app.applicant.name,
          applicantNik: maskNik(app.applicant.nik),
          submittedAt: created.submittedAt.toISOString(),
          expectedCompletion: created.dueAt.toISOString(),
          statusLabel: publicStatus(def, def.initial, 'id').label,
          documents: app.files.map((f) => ({ requirementKey: f.requirementKey, label: f.label, fileName: f.file.fileName })),
          instructions: `Simpan kode pelacakan ${created.trackingCode}. Cek status permohonan di portal dengan kode ini dan 4 digit terakhir NIK atau nomor HP Anda.`,
          notificationChannels: reachableChannels(app.data.notifications?.channels ?? [], enabledChannels(this.config), app.applicant),
        };
        await this.keys.complete(m, idempotencyKey, 201, receipt);
        return receipt;
      }),
    );
  }
}
