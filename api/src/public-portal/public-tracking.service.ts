import { Injectable, StreamableFile } from '@nestjs/common';
import { availableEvents, publicStatus, publicSteps } from '@layanan/workflow';
import { DataSource } from 'typeorm';
import { applicantActor } from '../cases/actor';
import { CaseEventsService } from '../cases/case-events.service';
import { caseFacts } from '../cases/case-facts';
import { CaseRepository, type TrackedCaseRow } from '../cases/case.repository';
import { AppError } from '../common/errors/app-error';
import type { PublicLang } from '../common/http/accept-language';
import { DocumentsService } from '../documents/documents.service';
import type { IncomingFile } from '../files/file-inspection';
import { StoredFilesService } from '../files/stored-files.service';
import { IssuedDocumentsService } from '../issuance/issued-documents.service';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import type { TrackEventDto, TrackView } from './dto/public.dto';
import { timelineLabel, timelineMessage } from './timeline-labels';
import { TrackingAccessService, trackingNotFound } from './tracking-access.service';

const notFound = trackingNotFound;

/**
 * Status for the citizen (lacak permohonan), and what they may do on a returned file. Access is
 * the tracking code plus the factor (`TrackingAccessService`).
 */
@Injectable()
export class PublicTrackingService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: CaseRepository,
    private readonly events: CaseEventsService,
    private readonly services: ServicesService,
    private readonly documents: DocumentsService,
    private readonly files: StoredFilesService,
    private readonly workflows: WorkflowRegistry,
    private readonly issued: IssuedDocumentsService,
    private readonly access: TrackingAccessService,
  ) {}

  async track(code: string, factor: string | undefined, lang: PublicLang = 'id'): Promise<TrackView> {
    return this.view(await this.authorise(code, factor), lang);
  }

  /** The signed PDF, once the service is complete (the case's SLA clock stopped: issued, collected). */
  async issuedDocument(code: string, factor: string | undefined): Promise<StreamableFile> {
    const c = await this.authorise(code, factor);
    return this.issued.releasedContent(c.id, { released: await this.released(c) });
  }

  private async released(c: Pick<TrackedCaseRow, 'workflow_key' | 'workflow_version' | 'state'>): Promise<boolean> {
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    return def.states[c.state]?.clock === 'stopped';
  }

  /** Corrected document while the case is returned; the previous file is superseded, the new one pending. */
  async uploadCorrection(
    code: string,
    factor: string | undefined,
    requirementKey: string,
    file: IncomingFile | undefined,
    lang: PublicLang = 'id',
  ): Promise<TrackView> {
    const c = await this.authorise(code, factor);
    const inspected = await this.files.inspect(file, 'file');
    await this.files.withStoredFiles((store) =>
      this.db.transaction(async (m) => {
        const locked = await this.repo.findForWrite(m, c.id, { lock: true });
        if (!locked) throw notFound();
        if (locked.state !== 'returned') {
          throw new AppError(
            'EVENT_NOT_ALLOWED',
            'Documents can only be replaced while the application is returned for correction (Perlu Perbaikan)',
            {
              current: { state: locked.state, version: locked.version },
            },
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
    return this.view(await this.repo.byTrackingCode(c.tracking_code), lang);
  }

  /** RESUBMIT (resumes the SLA clock) or WITHDRAW, through the same workflow as staff events. */
  async event(code: string, dto: TrackEventDto, lang: PublicLang = 'id'): Promise<TrackView> {
    const c = await this.authorise(code, dto.factor);
    await this.events.apply(
      this.db.manager,
      c.id,
      { type: dto.type, version: 'current', reason: dto.reason?.trim() || undefined },
      applicantActor(c.applicant_name),
    );
    return this.view(await this.repo.byTrackingCode(c.tracking_code), lang);
  }

  private authorise(code: string, factor: string | undefined): Promise<TrackedCaseRow> {
    return this.access.authorise(code, factor);
  }

  /** The citizen's view in their language (Accept-Language; labels, hints, timeline). */
  private async view(c: TrackedCaseRow | undefined, lang: PublicLang): Promise<TrackView> {
    if (!c) throw notFound();
    const def = await this.workflows.get(c.workflow_key, c.workflow_version);
    const service = await this.services.get(c.service_id, c.service_version);
    const events = await this.repo.events(c.id, { publicOnly: true });
    const facts = caseFacts(c, service.requirements, c.documents);
    const actions = availableEvents(def, c.state, facts, { id: 'applicant', roles: ['applicant'], opdId: null }).map((a) => a.type);
    const status = publicStatus(def, c.state, lang);
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
        label: timelineLabel(e.type, lang, e.to_state && e.to_state !== e.from_state ? def.states[e.to_state]?.publicLabel?.[lang] : null),
        at: e.created_at.toISOString(),
        actorRole: e.actor_role,
        message: timelineMessage(e, lang),
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
          status: c.documents.find((d) => d.requirementKey === r.key)?.status ?? 'missing',
        })),
      issuedDocument: issued && {
        number: issued.number,
        title: issued.title,
        issuedAt: issued.issuedAt,
        verificationCode: issued.verificationCode,
      },
      steps: publicSteps(
        def,
        c.state,
        events.flatMap((e) => (e.to_state ? [e.to_state] : [])),
      ),
    };
  }
}
