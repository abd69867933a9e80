import { Injectable, StreamableFile } from '@nestjs/common';
import { availableEvents, publicStatus } from '@layanan/workflow';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { CasesService, type Actor } from '../cases/cases.service';
import { DocumentsService } from '../documents/documents.service';
import type { IncomingFile } from '../documents/file-inspection';
import { IssuedDocumentsService } from '../issuance/issued-documents.service';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import type { TrackEventDto, TrackView } from './dto/public.dto';
import { timelineLabel, timelineMessage } from './timeline-labels';

const CODE = /^[A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const FACTOR = /^\d{4}$/;

interface TrackedCase {
  id: string;
  tracking_code: string;
  state: string;
  version: number;
  service_id: string;
  service_version: number;
  workflow_key: string;
  workflow_version: number;
  applicant_nik: string;
  applicant_phone: string | null;
  applicant_name: string;
  due_at: Date | null;
  submitted_at: Date;
  verified_by_id: string | null;
  approved_by_id: string | null;
  assignee_id: string | null;
}

/** The same answer for an unknown code and a wrong factor: nothing to learn by guessing. */
const notFound = () => new AppError('TRACKING_NOT_FOUND', 'No application matches this tracking code and verification number');

/**
 * Status for the citizen (lacak permohonan), and what they may do on a returned file. Access is
 * the tracking code plus the last 4 digits of the NIK or phone number, compared in constant time.
 */
@Injectable()
export class PublicTrackingService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly services: ServicesService,
    private readonly documents: DocumentsService,
    private readonly workflows: WorkflowRegistry,
    private readonly issued: IssuedDocumentsService,
  ) {}

  async track(code: string, factor: string | undefined): Promise<TrackView> {
    const c = await this.authorise(code, factor);
    return this.view(c);
  }

  /** The signed PDF, once the service is complete (the case's SLA clock stopped: issued, collected). */
  async issuedDocument(code: string, factor: string | undefined): Promise<StreamableFile> {
    const c = await this.authorise(code, factor);
    return this.issued.releasedContent(c.id, { released: await this.released(c) });
  }

  private async released(c: TrackedCase): Promise<boolean> {
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    return def.states[c.state]?.clock === 'stopped';
  }

  /** Corrected document while the case is returned; the previous file is superseded, the new one pending. */
  async uploadCorrection(
    code: string,
    factor: string | undefined,
    requirementKey: string,
    file: IncomingFile | undefined,
  ): Promise<TrackView> {
    const c = await this.authorise(code, factor);
    const inspected = await this.documents.inspect(file, 'file');
    await this.documents.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const locked = await this.documents.lockCase(m, c.id);
        if (!locked) throw notFound();
        if (locked.state !== 'returned') {
          throw new AppError(
            'EVENT_NOT_ALLOWED',
            'Documents can only be replaced while the application is returned for correction (Perlu Perbaikan)',
            { current: { state: locked.state, version: locked.version } },
          );
        }
        await this.documents.attach(m, locked, {
          requirementKey,
          field: 'requirementKey',
          file: inspected,
          actor: applicantActor(locked.applicant_name),
          publicEvent: true,
          store,
        });
      }),
    );
    return this.view(await this.load(c.tracking_code));
  }

  /** RESUBMIT (resumes the SLA clock) or WITHDRAW, through the same workflow as staff events. */
  async event(code: string, dto: TrackEventDto): Promise<TrackView> {
    const c = await this.authorise(code, dto.factor);
    await this.db.transaction(async (m) => {
      const [row] = (await m.query(`SELECT version FROM cases WHERE id = $1 FOR UPDATE`, [c.id])) as { version: number }[];
      await this.cases.applyEvent(
        m,
        c.id,
        { type: dto.type, version: row.version, reason: dto.reason?.trim() || undefined },
        applicantActor(c.applicant_name),
      );
    });
    return this.view(await this.load(c.tracking_code));
  }

  // ---- helpers --------------------------------------------------------------------------

  private async authorise(rawCode: string, factor: string | undefined): Promise<TrackedCase> {
    if (factor === undefined || !FACTOR.test(factor))
      throw AppError.field('FIELD_INVALID', 'factor', 'must be the last 4 digits of the NIK or phone number');
    const code = rawCode.trim().toUpperCase();
    const c = CODE.test(code) ? await this.load(code) : undefined;
    // Compare against both secrets even when the code is unknown, so timing tells nothing.
    const nikOk = constantTimeEqual(factor, c ? c.applicant_nik.slice(-4) : '\0\0\0\0');
    const phoneOk = constantTimeEqual(factor, c?.applicant_phone ? c.applicant_phone.slice(-4) : '\0\0\0\0');
    if (!c || !(nikOk || phoneOk)) throw notFound();
    return c;
  }

  private async load(code: string): Promise<TrackedCase | undefined> {
    const [c] = (await this.db.query(
      `SELECT id, tracking_code, state, version, service_id, service_version, workflow_key, workflow_version, applicant_nik, applicant_phone,
              applicant_name, due_at, submitted_at, verified_by_id, approved_by_id, assignee_id
         FROM cases WHERE tracking_code = $1`,
      [code],
    )) as TrackedCase[];
    return c;
  }

  private async view(c: TrackedCase | undefined): Promise<TrackView> {
    if (!c) throw notFound();
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    const service = await this.services.get(c.service_id, c.service_version);
    const events = (await this.db.query(
      `SELECT type, actor_role, reason, comment, payload, created_at FROM case_events WHERE case_id = $1 AND public ORDER BY seq`,
      [c.id],
    )) as {
      type: string;
      actor_role: string;
      reason: string | null;
      comment: string | null;
      payload: Record<string, unknown>;
      created_at: Date;
    }[];
    const docs = (await this.db.query(`SELECT requirement_key, status FROM case_documents WHERE case_id = $1 AND superseded_at IS NULL`, [
      c.id,
    ])) as { requirement_key: string; status: 'pending' | 'valid' | 'invalid' }[];
    const facts = await this.cases.factsFor(this.db.manager, c);
    const actions = availableEvents(def, c.state, facts, { id: 'applicant', roles: ['applicant'], opdId: null }).map((a) => a.type);
    const status = publicStatus(def, c.state, 'id');
    const lastReturn = [...events].reverse().find((e) => e.type === 'RETURN');
    const issued = await this.issued.released(c.id, { released: await this.released(c) });
    return {
      trackingCode: c.tracking_code,
      serviceName: service.name,
      opdName: service.opdName,
      state: c.state,
      statusLabel: status.label,
      nextStep: status.hint,
      expectedCompletion: c.due_at?.toISOString() ?? null,
      submittedAt: c.submitted_at.toISOString(),
      returnReason: c.state === 'returned' ? (lastReturn?.reason ?? null) : null,
      timeline: events.map((e) => ({
        type: e.type,
        label: timelineLabel(e.type),
        at: e.created_at.toISOString(),
        actorRole: e.actor_role,
        message: timelineMessage(e),
      })),
      canResubmit: actions.includes('RESUBMIT'),
      canWithdraw: actions.includes('WITHDRAW'),
      canUploadDocuments: c.state === 'returned',
      documents: service.requirements
        .filter((r) => r.kind === 'document')
        .map((r) => ({
          requirementKey: r.key,
          label: r.label,
          mandatory: r.mandatory,
          status: docs.find((d) => d.requirement_key === r.key)?.status ?? 'missing',
        })),
      issuedDocument: issued && {
        number: issued.number,
        title: issued.title,
        issuedAt: issued.issuedAt,
        verificationCode: issued.verificationCode,
      },
    };
  }
}

function applicantActor(name: string): Actor {
  return { id: null, name, roles: ['applicant'], opdId: null, auth: null };
}

function constantTimeEqual(a: string, b: string): boolean {
  // Hash first: timingSafeEqual needs equal lengths, and digests always are.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
