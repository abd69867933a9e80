import type { Decision, OperationalDecision, WorkflowDefinition } from '@layanan/workflow';
import { stateLabel } from '@layanan/workflow';
import { AppError } from '../common/errors/app-error';

type Refusal = Extract<Decision, { ok: false }> | Extract<OperationalDecision, { ok: false }>;

/**
 * The one translation of a refused workflow decision (libs/workflow `decide` or
 * `decideOperational`) into the error the caller gets. `current` is the case as it is now.
 */
export function decisionError(d: Refusal, type: string, def: WorkflowDefinition, current: { state: string; version: number }): AppError {
  switch (d.code) {
    case 'UNKNOWN_STATE':
    case 'NOT_ACCEPTED':
      return new AppError('EVENT_NOT_ALLOWED', `${type} is not possible while the case is "${stateLabel(def, current.state, 'en')}"`, {
        current,
      });
    case 'ROLE_NOT_ALLOWED':
      return new AppError('FORBIDDEN', `Your role may not send ${type} on this case`);
    case 'MISSING_FIELD':
      return AppError.field('FIELD_REQUIRED', d.field ?? 'reason', `is required for ${type}`);
    case 'CONDITION_FAILED':
      return d.condition === 'unassigned'
        ? new AppError('CASE_ALREADY_CLAIMED', 'Someone else has already taken this case', { current })
        : new AppError('CASE_NOT_ASSIGNED', 'The case is not assigned', { current });
    case 'GUARD_FAILED':
      switch (d.guard) {
        case 'allMandatoryDocumentsValid':
          return new AppError('DOCUMENTS_INCOMPLETE', 'Every mandatory document must be checked and marked valid first');
        case 'notVerifierOfCase':
          return new AppError('FOUR_EYES', 'Four-eyes rule: the verifier of a case may not approve it');
        case 'notApproverOfCase':
          return new AppError('FOUR_EYES', 'Four-eyes rule: the approver of a case may not sign it');
        default:
          return new AppError('RULE_VIOLATED', 'The case does not meet the conditions for this action');
      }
  }
}
