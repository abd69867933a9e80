import { Injectable } from '@nestjs/common';
import { SKM_ELEMENTS, surveyScoreProblems, type SkmElement, type SurveyStatus } from '@layanan/contracts';
import { isCompletedState } from '@layanan/workflow';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TrackedCaseRow } from '../cases/case.repository';
import { AppError } from '../common/errors/app-error';
import { TrackingAccessService } from '../public-portal/tracking-access.service';
import { ServicesService } from '../services/services.service';
import { WorkflowRegistry } from '../workflows/workflow-registry.service';
import type { SurveyDto, SurveyReceiptView, SurveyStateView } from './dto/survey.dto';
import { SatisfactionRepository, type SurveyResponseRow } from './satisfaction.repository';

/**
 * The citizen's side of the SKM: open once the case is completed (issued, collected,
 * rejected: `isCompletedState`), one response per case, reached with the tracking code and
 * factor. The response is stored under HMAC(key, case id) and without the case id, so staff
 * reports cannot lead back to the applicant, while a second submission finds the first.
 */
@Injectable()
export class SurveyService {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly repo: SatisfactionRepository,
    private readonly access: TrackingAccessService,
    private readonly workflows: WorkflowRegistry,
    private readonly services: ServicesService,
  ) {}

  async state(code: string, factor: string | undefined): Promise<SurveyStateView> {
    const c = await this.access.authorise(code, factor);
    const existing = await this.repo.responseByToken(await this.token(c.id));
    const status: SurveyStatus = existing ? 'submitted' : (await this.isOpen(c)) ? 'open' : 'not_yet';
    const service = await this.services.get(c.service_id, c.service_version);
    return { status, trackingCode: c.tracking_code, serviceName: service.name, response: existing ? receipt(existing, false) : null };
  }

  /** Stores the response; a repeat (or a race) returns the first one with `created: false`. */
  async submit(code: string, dto: SurveyDto): Promise<SurveyReceiptView> {
    const c = await this.access.authorise(code, dto.factor);
    const problems = surveyScoreProblems(dto.scores);
    if (problems.length) throw AppError.validation(problems);
    const token = await this.token(c.id);
    const existing = await this.repo.responseByToken(token);
    if (existing) return receipt(existing, false);
    if (!(await this.isOpen(c)))
      throw new AppError('SURVEY_NOT_OPEN', 'The survey opens once the application is completed', {
        current: { state: c.state, version: c.version },
      });
    const scores = Object.fromEntries(SKM_ELEMENTS.map((e) => [e, dto.scores[e]])) as Record<SkmElement, number>;
    const created = await this.db.transaction((m) =>
      this.repo.insert(m, {
        token,
        serviceId: c.service_id,
        opdId: c.opd_id,
        scores,
        suggestion: dto.suggestion?.trim() || null,
        profile: dto.profile ?? {},
      }),
    );
    const stored = await this.repo.responseByToken(token);
    if (!stored) throw new Error('survey response vanished after insert');
    return receipt(stored, created);
  }

  private async isOpen(c: TrackedCaseRow): Promise<boolean> {
    return isCompletedState(await this.workflows.get(c.workflow_key, c.workflow_version), c.state);
  }

  private async token(caseId: string): Promise<Buffer> {
    this.key ??= this.repo.tokenKey();
    return createHmac('sha256', await this.key)
      .update(caseId)
      .digest();
  }
}

function receipt(r: SurveyResponseRow, created: boolean): SurveyReceiptView {
  return { submittedOn: r.submitted_on, scores: r.scores, suggestion: r.suggestion, created };
}
