import { Injectable, type Type } from '@nestjs/common';
import { caseSubject } from '@layanan/authz';
import {
  checkFormData,
  documentFieldName,
  documentsRequiredAtIntake,
  nikProblem,
  normalisePhone,
  type ApplicantInput,
  type CaseDetail,
  type Channel,
  type FieldProblem,
  type NewCaseInput,
} from '@layanan/contracts';
import { computeDueAt } from '@layanan/sla';
import { nextRoles } from '@layanan/workflow';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { AppError } from '../common/errors/app-error';
import { createValidationPipe } from '../common/pipes/validation.pipe';
import type { IncomingFile, InspectedFile } from '../files/file-inspection';
import { StoredFilesService, type StoreFile } from '../files/stored-files.service';
import { WorkingCalendarService } from '../holidays/working-calendar.service';
import { OpdsService } from '../opds/opds.service';
import type { ServiceView } from '../services/dto/service.dto';
import { ServicesService } from '../services/services.service';
import { AssignmentPoolRepository } from '../staffing/assignment-pool.repository';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import { roleFor, staffActor, SYSTEM_ACTOR, type Actor } from './actor';
import { CaseReadsService } from './case-reads.service';
import { CaseRepository } from './case.repository';
import { chainNext } from './hash-chain';
import { newTrackingCode } from './tracking-code';

const DOC_FIELD = /^doc_([a-z0-9-]{1,40})$/;

export interface ValidApplicant {
  nik: string;
  name: string;
  phone: string;
  email: string | null;
  address: Record<string, string> | null;
}

/** An application that passed every check that needs no write. */
export interface ValidIntake {
  /** The parsed request data, as sent (for idempotency hashes). */
  data: NewCaseInput;
  service: ServiceView;
  applicant: ValidApplicant;
  formData: Record<string, unknown>;
  /** One per uploaded document, by requirement key. */
  files: { requirementKey: string; label: string; file: InspectedFile }[];
}

export interface RegisteredCase {
  id: string;
  trackingCode: string;
  submittedAt: Date;
  dueAt: Date;
}

/**
 * Intake (pendaftaran), online and at the counter alike: everything an application carries is
 * checked before anything is written; then one transaction stores its files, creates the case
 * with its SUBMIT event and links its documents. Every document that must come with the
 * application must be there, so the SLA clock starts on a complete file (BRIEF invariant 6).
 */
@Injectable()
export class CaseIntakeService {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly reads: CaseReadsService,
    private readonly services: ServicesService,
    private readonly workflows: WorkflowRegistry,
    private readonly calendar: WorkingCalendarService,
    private readonly opds: OpdsService,
    private readonly files: StoredFilesService,
    private readonly pool: AssignmentPoolRepository,
  ) {}

  /**
   * Counter intake (loket): a JSON body, or multipart with the JSON in `data` and one file per
   * document as `doc_<requirementKey>`; case and documents are written together or not at all.
   */
  async createCounterCase(
    auth: AuthContext,
    body: Record<string, unknown>,
    uploads: IncomingFile[] | undefined,
    dto: Type<NewCaseInput>,
  ): Promise<CaseDetail> {
    const raw = uploads === undefined ? body : parseDataField(body.data);
    const valid = await this.validate(raw, uploads ?? [], dto, (service) => {
      const subject = caseSubject({
        opdId: service.opdId,
        assigneeId: null,
        handledOpdIds: [service.opdId],
        consultOpdIds: [],
        isOpen: true,
      });
      if (!auth.ability.can('create', subject))
        throw new AppError('FORBIDDEN', 'You may only register applications for services of your own OPD');
    });
    const created = await this.files.withStoredFiles((store) =>
      this.db.transaction((m) => this.register(m, valid, staffActor(auth), 'counter', store)),
    );
    return this.reads.detail(auth, created.id, { logAccess: false });
  }

  /**
   * All checks that need no write: data shape, service, (the caller's right to it: `authorise`,
   * before anything about the content is said), applicant, form, documents, file types.
   */
  async validate(
    raw: unknown,
    uploads: IncomingFile[],
    dto: Type<NewCaseInput>,
    authorise?: (service: ServiceView) => void,
  ): Promise<ValidIntake> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw AppError.field('FIELD_INVALID', 'data', 'must be a JSON object');
    const data = (await this.validation.transform(raw, { type: 'body', metatype: dto })) as NewCaseInput;
    const service = await this.services.get(data.serviceId).catch(() => {
      throw AppError.field('REFERENCE_INVALID', 'serviceId', 'does not exist');
    });
    if (!service.active) throw AppError.field('SERVICE_INACTIVE', 'serviceId', 'is no longer offered (the service was deactivated)');
    authorise?.(service);
    const applicant = validApplicant(data.applicant);
    const form = checkFormData(service.formFields, data.formData ?? {});
    if (form.problems.length) throw AppError.validation(form.problems);

    const docs = service.requirements.filter((r) => r.kind === 'document');
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    for (const f of uploads) {
      const key = DOC_FIELD.exec(f.fieldname)?.[1];
      if (!key || !docs.some((d) => d.key === key)) {
        problems.push({
          field: f.fieldname,
          message: `is not a document of this service (expected ${docs.map((d) => documentFieldName(d.key)).join(', ')})`,
        });
      } else if (seen.has(key)) problems.push({ field: f.fieldname, message: 'was sent more than once' });
      if (key) seen.add(key);
    }
    for (const d of documentsRequiredAtIntake(service.requirements)) {
      if (!seen.has(d.key)) problems.push({ field: documentFieldName(d.key), message: `is required: ${d.label}` });
    }
    if (problems.length) throw AppError.validation(problems);

    const files = [];
    for (const f of uploads) {
      const key = (DOC_FIELD.exec(f.fieldname) as RegExpExecArray)[1];
      files.push({
        requirementKey: key,
        label: docs.find((d) => d.key === key)?.label ?? key,
        file: await this.files.inspect(f, f.fieldname),
      });
    }
    files.sort((a, b) => (a.requirementKey < b.requirementKey ? -1 : 1));
    return { data, service, applicant, formData: form.values, files };
  }

  /** Inside the caller's transaction: the case with its SUBMIT event and outbox notice, then its files and documents. */
  async register(m: EntityManager, v: ValidIntake, actor: Actor, channel: Channel, store: StoreFile): Promise<RegisteredCase> {
    const { service, applicant } = v;
    const def = await this.workflows.get(service.workflowKey, service.workflowVersion, m);
    const now = new Date();
    const dueAt = computeDueAt(now, { amount: service.slaAmount, unit: service.slaUnit }, await this.calendar.get(m));
    const opd = await this.opds.get(service.opdId);
    const id = randomUUID();
    const trackingCode = newTrackingCode(opd.code);
    const first = chainNext(
      {
        caseId: id,
        type: 'SUBMIT',
        fromState: null,
        toState: def.initial,
        actorId: actor.auth ? actor.id : null,
        actorName: actor.name,
        actorRole: roleFor(['officer', 'applicant'], actor),
        comment: null,
        reason: null,
        public: true,
        payload: { channel, serviceVersion: service.version },
        createdAt: now,
      },
      { lastHash: null, count: 0 },
    );
    // Round-robin (the service's setting): the next present user in turn, as the system's ASSIGN event in the same statement.
    const roles = nextRoles(def, def.initial);
    const assignee = service.autoAssign ? await this.pool.nextInTurn(m, service.id, service.opdId, roles, now) : undefined;
    const links = [first];
    if (assignee) {
      links.push(
        chainNext(
          {
            caseId: id,
            type: 'ASSIGN',
            fromState: def.initial,
            toState: def.initial,
            actorId: null,
            actorName: SYSTEM_ACTOR.name,
            actorRole: 'system',
            comment: null,
            reason: 'Penugasan bergilir otomatis',
            public: false,
            payload: { assigneeId: assignee.id, assigneeName: assignee.full_name, previousAssigneeId: null, roundRobin: true },
            createdAt: now,
          },
          { lastHash: first.hash, count: first.seq },
        ),
      );
    }
    await this.repo.create(
      m,
      {
        id,
        tracking_code: trackingCode,
        service_id: service.id,
        service_version: service.version,
        workflow_key: def.key,
        workflow_version: def.version,
        opd_id: service.opdId,
        handled_opd_ids: [service.opdId],
        state: def.initial,
        next_roles: roles,
        assignee_id: assignee?.id ?? null,
        is_open: true,
        applicant_nik: applicant.nik,
        applicant_name: applicant.name,
        applicant_phone: applicant.phone,
        applicant_email: applicant.email,
        applicant_address: applicant.address,
        form_data: v.formData,
        channel,
        submitted_at: now,
        due_at: dueAt,
        created_by_id: actor.auth ? actor.id : null,
      },
      links,
      { topic: 'case.submitted', payload: { trackingCode, opdId: service.opdId, serviceId: service.id, channel } },
    );
    // Consent given with the application: the case's own `case.submitted` row sends the receipt.
    const choice = v.data.notifications;
    if (choice) {
      await this.repo.saveNotificationConsent(
        m,
        {
          case_id: id,
          channels: choice.channels,
          locale: choice.locale ?? 'id',
          source: actor.roles.includes('system') ? 'api' : channel === 'online' ? 'portal' : 'counter',
          recorded_by_id: actor.auth ? actor.id : null,
        },
        { notify: false },
      );
    }
    for (const f of v.files) {
      await this.repo.addDocument(m, {
        case_id: id,
        requirement_key: f.requirementKey,
        file_name: f.file.fileName,
        storage_key: await store(f.file.bytes),
        content_type: f.file.contentType,
        size: f.file.size,
        sha256: f.file.sha256,
        uploaded_by_id: actor.auth ? actor.id : null,
        created_at: now,
      });
    }
    return { id, trackingCode, submittedAt: now, dueAt };
  }
}

function parseDataField(data: unknown): unknown {
  if (typeof data !== 'string') throw AppError.field('FIELD_INVALID', 'data', 'must be the application as JSON (multipart field "data")');
  try {
    return JSON.parse(data) as unknown;
  } catch {
    throw AppError.field('FIELD_INVALID', 'data', 'must be a JSON object');
  }
}

/** NIK by structure, phone normalised to +62; each problem names its field. */
export function validApplicant(a: ApplicantInput): ValidApplicant {
  const details: FieldProblem[] = [];
  const nikErr = nikProblem(a.nik);
  if (nikErr) details.push({ field: 'applicant.nik', message: nikErr });
  const phone = normalisePhone(a.phone);
  if (!phone) details.push({ field: 'applicant.phone', message: 'must be an Indonesian mobile number (08..., 628... or +628...)' });
  if (details.length || !phone) throw AppError.validation(details);
  const address = a.address
    ? Object.fromEntries(Object.entries(a.address).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''))
    : null;
  return {
    nik: a.nik,
    name: a.name.trim(),
    phone,
    email: a.email ?? null,
    address: address && Object.keys(address).length ? address : null,
  };
}
