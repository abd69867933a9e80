import { Injectable } from '@nestjs/common';
import { maskNik } from '@layanan/contracts';
import { publicStatus } from '@layanan/workflow';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, type FieldError } from '../common/errors/app-error';
import { createValidationPipe } from '../common/pipes/validation.pipe';
import { CasesService, validateApplicant, validateFormData, type Actor } from '../cases/cases.service';
import { DocumentsService } from '../documents/documents.service';
import type { IncomingFile, InspectedFile } from '../documents/file-inspection';
import { ServicesService } from '../services/services.service';
import type { ServiceView } from '../services/dto/service.dto';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { canonicalJson } from './canonical-json';
import { ApplicationDataDto, type ReceiptView } from './dto/public.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;
const SCOPE = 'public-application';
const DOC_FIELD = /^doc_([a-z0-9-]{1,40})$/;

interface ValidApplication {
  data: ApplicationDataDto;
  service: ServiceView;
  applicant: ReturnType<typeof validateApplicant>;
  formData: Record<string, unknown>;
  files: { requirementKey: string; label: string; file: InspectedFile }[];
  requestHash: string;
}

/**
 * Online applications (pengajuan daring). Everything is validated before anything is written;
 * then one transaction claims the Idempotency-Key, stores the files, creates the case with its
 * SUBMIT event, links the documents and saves the receipt as the key's response.
 */
@Injectable()
export class PublicApplicationsService {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly services: ServicesService,
    private readonly documents: DocumentsService,
    private readonly workflows: WorkflowRegistry,
  ) {}

  async apply(idempotencyKey: string | undefined, rawData: string, files: IncomingFile[] | undefined): Promise<ReceiptView> {
    if (!idempotencyKey)
      throw AppError.field(
        'FIELD_INVALID',
        'Idempotency-Key',
        'header is required (8-100 characters A-Z a-z 0-9 _ -), the same on every retry of one submission',
      );
    if (!IDEMPOTENCY_KEY.test(idempotencyKey))
      throw AppError.field('FIELD_INVALID', 'Idempotency-Key', 'must be 8-100 characters A-Z a-z 0-9 _ -');
    const app = await this.validate(rawData, files ?? []);

    return this.documents.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        // A concurrent first attempt holds the key row: this INSERT waits for it to commit or roll back.
        const claimed = (await m.query(
          `INSERT INTO idempotency_keys (key, scope, request_hash) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key`,
          [idempotencyKey, SCOPE, app.requestHash],
        )) as unknown[];
        if (!claimed.length) {
          const [prior] = (await m.query(
            `SELECT scope, request_hash, status_code, response FROM idempotency_keys WHERE key = $1 FOR UPDATE`,
            [idempotencyKey],
          )) as { scope: string; request_hash: string; status_code: number | null; response: ReceiptView | null }[];
          if (prior.scope !== SCOPE || prior.request_hash !== app.requestHash) {
            throw AppError.field(
              'IDEMPOTENCY_KEY_REUSED',
              'Idempotency-Key',
              'was used for a different request; use a new key for a new application',
            );
          }
          if (!prior.response)
            throw new AppError('REQUEST_IN_PROGRESS', 'This application is still being processed; try again in a moment');
          return prior.response;
        }
        const actor: Actor = { id: null, name: app.applicant.name, roles: ['applicant'], opdId: null, auth: null };
        const created = await this.cases.createCase(
          { serviceId: app.service.id, applicant: app.data.applicant, formData: app.formData, channel: 'online' },
          actor,
          m,
        );
        const stored = [];
        for (const f of app.files) stored.push({ requirementKey: f.requirementKey, file: f.file, storageKey: await store(f.file.bytes) });
        await this.documents.insertInitial(m, created.id, stored);
        const [row] = (await m.query(`SELECT submitted_at FROM cases WHERE id = $1`, [created.id])) as { submitted_at: Date }[];
        const def = await this.workflows.get(app.service.workflowKey, app.service.workflowVersion, m);
        const receipt: ReceiptView = {
          title: 'Bukti Pendaftaran Permohonan',
          trackingCode: created.trackingCode,
          serviceName: app.service.name,
          opdName: app.service.opdName,
          applicantName: app.applicant.name,
          applicantNik: maskNik(app.applicant.nik),
          submittedAt: row.submitted_at.toISOString(),
          expectedCompletion: created.dueAt.toISOString(),
          statusLabel: publicStatus(def, def.initial, 'id').label,
          documents: app.files.map((f) => ({ requirementKey: f.requirementKey, label: f.label, fileName: f.file.fileName })),
          instructions: `Simpan kode pelacakan ${created.trackingCode}. Cek status permohonan di portal dengan kode ini dan 4 digit terakhir NIK atau nomor HP Anda.`,
        };
        await m.query(`UPDATE idempotency_keys SET status_code = 201, response = $2 WHERE key = $1`, [
          idempotencyKey,
          JSON.stringify(receipt),
        ]);
        return receipt;
      }),
    );
  }

  /** All checks that need no write: data shape, service, applicant, form, documents, file types. */
  private async validate(rawData: string, files: IncomingFile[]): Promise<ValidApplication> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawData);
    } catch {
      throw AppError.field('FIELD_INVALID', 'data', 'must be a JSON object');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw AppError.field('FIELD_INVALID', 'data', 'must be a JSON object');
    const data = (await this.validation.transform(parsed, { type: 'body', metatype: ApplicationDataDto })) as ApplicationDataDto;
    const service = await this.services.get(data.serviceId).catch(() => {
      throw AppError.field('REFERENCE_INVALID', 'serviceId', 'does not exist');
    });
    if (!service.active) throw AppError.field('REFERENCE_INVALID', 'serviceId', 'is no longer offered');
    const applicant = validateApplicant(data.applicant);
    const formData = validateFormData(service.formFields, data.formData ?? {});

    const docs = service.requirements.filter((r) => r.kind === 'document');
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    for (const f of files) {
      const key = DOC_FIELD.exec(f.fieldname)?.[1];
      if (!key || !docs.some((d) => d.key === key))
        problems.push({
          field: f.fieldname,
          message: `is not a document of this service (expected ${docs.map((d) => `doc_${d.key}`).join(', ')})`,
        });
      else if (seen.has(key)) problems.push({ field: f.fieldname, message: 'was sent more than once' });
      if (key) seen.add(key);
    }
    // Conditional requirements ("jika hilang") are left to the verifier, as the portal form does.
    for (const d of docs)
      if (d.mandatory && !d.condition && !seen.has(d.key)) problems.push({ field: `doc_${d.key}`, message: `is required: ${d.label}` });
    if (problems.length) throw AppError.validation(problems);

    const inspected = [];
    for (const f of files) {
      const key = (DOC_FIELD.exec(f.fieldname) as RegExpExecArray)[1];
      inspected.push({
        requirementKey: key,
        label: docs.find((d) => d.key === key)?.label ?? key,
        file: await this.documents.inspect(f, f.fieldname),
      });
    }
    inspected.sort((a, b) => (a.requirementKey < b.requirementKey ? -1 : 1));
    const requestHash = createHash('sha256')
      .update(canonicalJson(parsed))
      .update(inspected.map((f) => `\n${f.requirementKey}:${f.file.sha256}`).join(''))
      .digest('hex');
    return { data, service, applicant, formData, files: inspected, requestHash };
  }
}
