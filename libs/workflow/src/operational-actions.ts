import type { ActionRequirement, AvailableAction, Role } from '@layanan/contracts';
import { ROLES } from '@layanan/contracts';
import { nextRoles } from './decide';
import { missingField } from './guards';
import type { CaseFacts, WorkflowActor, WorkflowDefinition, WorkflowEventInput } from './workflow-types';

/** Actions on a case that do not change its workflow state. */
export type OperationalActionType = 'CLAIM' | 'ASSIGN' | 'RELEASE' | 'TRANSFER' | 'COMMENT' | 'UPLOAD_DOCUMENT' | 'CHECK_DOCUMENT';

export type OperationalCondition = 'unassigned' | 'assigned';

export interface OperationalActionRule {
  /** 'next-roles': the staff roles that can send a workflow event from the current state. */
  roles: readonly Role[] | 'next-roles';
  requires: readonly ActionRequirement[];
  when?: OperationalCondition;
  /** The case's assignee may send it whatever their roles. */
  allowAssignee?: boolean;
  /** Offered only in states where one of these roles can send a workflow event. */
  whileRoleCanAct?: readonly Role[];
  /** Offered only at intake: the initial state, or while the file waits on the citizen
   * (clock paused). Documents change before verification, never after. */
  intakeOnly?: boolean;
}

/** Staff who work cases; admin and leadership only configure and read. */
export const CASEWORK_ROLES: readonly Role[] = ['officer', 'verifier', 'supervisor', 'head'];

export const OPERATIONAL_ACTIONS: Readonly<Record<OperationalActionType, OperationalActionRule>> = {
  CLAIM: { roles: 'next-roles', requires: [], when: 'unassigned' },
  ASSIGN: { roles: ['supervisor'], requires: ['assigneeId', 'reason'] },
  RELEASE: { roles: ['supervisor'], requires: ['reason'], when: 'assigned', allowAssignee: true },
  TRANSFER: { roles: ['supervisor'], requires: ['opdId', 'note'] },
  COMMENT: { roles: CASEWORK_ROLES, requires: ['comment'] },
  UPLOAD_DOCUMENT: { roles: ['officer', 'verifier'], requires: [], intakeOnly: true },
  CHECK_DOCUMENT: { roles: ['verifier'], requires: [], whileRoleCanAct: ['verifier'] },
};

export type OperationalDecision =
  | { ok: true; type: OperationalActionType }
  | {
      ok: false;
      code: 'UNKNOWN_STATE' | 'NOT_ACCEPTED' | 'ROLE_NOT_ALLOWED' | 'MISSING_FIELD' | 'CONDITION_FAILED';
      field?: ActionRequirement;
      condition?: OperationalCondition;
    };

export function isOperationalAction(type: string): type is OperationalActionType {
  return Object.prototype.hasOwnProperty.call(OPERATIONAL_ACTIONS, type);
}

const isStaffRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

function allowedRoles(rule: OperationalActionRule, def: WorkflowDefinition, state: string): readonly Role[] {
  return rule.roles === 'next-roles' ? nextRoles(def, state).filter(isStaffRole) : rule.roles;
}

function roleOk(rule: OperationalActionRule, def: WorkflowDefinition, state: string, facts: CaseFacts, actor: WorkflowActor) {
  if (rule.allowAssignee && facts.assigneeId !== null && facts.assigneeId === actor.id) return true;
  const roles = allowedRoles(rule, def, state);
  return actor.roles.some((r) => isStaffRole(r) && roles.includes(r));
}

function stateOk(rule: OperationalActionRule, def: WorkflowDefinition, state: string): boolean {
  if (rule.intakeOnly && state !== def.initial && def.states[state]?.clock !== 'paused') return false;
  if (!rule.whileRoleCanAct) return true;
  const roles = nextRoles(def, state);
  return rule.whileRoleCanAct.some((r) => roles.includes(r));
}

function conditionOk(rule: OperationalActionRule, facts: CaseFacts): boolean {
  if (rule.when === 'unassigned') return facts.assigneeId === null;
  if (rule.when === 'assigned') return facts.assigneeId !== null;
  return true;
}

/** Same check order as `decide`: state → accepted → role → required fields → condition. */
export function decideOperational(
  def: WorkflowDefinition,
  state: string,
  facts: CaseFacts,
  event: WorkflowEventInput,
): OperationalDecision {
  const s = Object.prototype.hasOwnProperty.call(def.states, state) ? def.states[state] : undefined;
  if (!s) return { ok: false, code: 'UNKNOWN_STATE' };
  if (s.final || !isOperationalAction(event.type)) return { ok: false, code: 'NOT_ACCEPTED' };
  const rule = OPERATIONAL_ACTIONS[event.type];
  if (!stateOk(rule, def, state)) return { ok: false, code: 'NOT_ACCEPTED' };
  if (!roleOk(rule, def, state, facts, event.actor)) return { ok: false, code: 'ROLE_NOT_ALLOWED' };
  const field = missingField(rule.requires, event);
  if (field) return { ok: false, code: 'MISSING_FIELD', field };
  if (!conditionOk(rule, facts)) return { ok: false, code: 'CONDITION_FAILED', condition: rule.when };
  return { ok: true, type: event.type };
}

/** Operational actions `actor` may take now; none in a final state. Merge with `availableEvents`. */
export function operationalActions(def: WorkflowDefinition, state: string, facts: CaseFacts, actor: WorkflowActor): AvailableAction[] {
  const s = Object.prototype.hasOwnProperty.call(def.states, state) ? def.states[state] : undefined;
  if (!s || s.final) return [];
  return (Object.entries(OPERATIONAL_ACTIONS) as [OperationalActionType, OperationalActionRule][])
    .filter(([, rule]) => stateOk(rule, def, state) && roleOk(rule, def, state, facts, actor) && conditionOk(rule, facts))
    .map(([type, rule]) => ({ type, requires: [...rule.requires] }));
}
