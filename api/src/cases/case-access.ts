import { caseSubject, rolesIn, type AppAbility, type AppAction, type CaseSubject } from '@layanan/authz';
import type { AvailableAction } from '@layanan/contracts';
import {
  availableEvents,
  operationalActions,
  type CaseFacts,
  type OperationalActionType,
  type WorkflowDefinition,
} from '@layanan/workflow';
import type { AuthContext } from '../common/auth/auth-context';
import type { CaseAuthzRow } from './case.repository';

/** A case row as the CASL `Case` subject its rules are evaluated on. */
export function subjectOf(c: CaseAuthzRow): CaseSubject {
  return caseSubject({
    opdId: c.opd_id,
    assigneeId: c.assignee_id,
    handledOpdIds: c.handled_opd_ids,
    consultOpdIds: c.consult_opd_ids,
    isOpen: c.is_open,
  });
}

/** Permissions that let a caller send an operational action (any one of them suffices). */
const OPERATION_NEEDS: Record<OperationalActionType, AppAction[]> = {
  CLAIM: ['claim'],
  ASSIGN: ['assign'],
  RELEASE: ['act', 'assign'],
  TRANSFER: ['transfer'],
  COMMENT: ['comment'],
  UPLOAD_DOCUMENT: ['act'],
  CHECK_DOCUMENT: ['checkDocument'],
};

export function mayOperate(ability: AppAbility, type: OperationalActionType, subject: CaseSubject): boolean {
  return OPERATION_NEEDS[type].some((action) => ability.can(action, subject));
}

/**
 * What this caller may do on the case now: workflow events its state allows and the caller's
 * roles may send, if the caller may act on the case at all, plus the operational actions
 * (claim, assign, ...) that its permissions allow. The console renders exactly these.
 */
export function availableActions(
  auth: AuthContext,
  def: WorkflowDefinition,
  state: string,
  subject: CaseSubject,
  facts: CaseFacts,
): AvailableAction[] {
  // A Plh./Plt. in the case's OPD holds that position's role there (see inCaseOpd).
  const actingHere = auth.user.acting?.some((g) => g.opdId === subject.opdId);
  const actor = actingHere
    ? { id: auth.user.id, roles: rolesIn(auth.user, subject.opdId), opdId: subject.opdId }
    : { id: auth.user.id, roles: auth.user.roles, opdId: auth.user.opdId };
  // Each permission checked once: the operational actions share them (RELEASE and UPLOAD_DOCUMENT need `act` too).
  const checked = new Map<AppAction, boolean>();
  const can = (action: AppAction): boolean => {
    let ok = checked.get(action);
    if (ok === undefined) checked.set(action, (ok = auth.ability.can(action, subject)));
    return ok;
  };
  const workflow = can('act') ? availableEvents(def, state, facts, actor) : [];
  const ops = operationalActions(def, state, facts, actor).filter((a) => OPERATION_NEEDS[a.type as OperationalActionType].some(can));
  return [...workflow, ...ops];
}
