import type { ActionRequirement, ActorRole } from '@layanan/contracts';
import type { CaseFacts, GuardName, WorkflowEventInput, WorkflowTransitionDef } from './workflow-types';

export type GuardFn = (facts: CaseFacts, event: WorkflowEventInput) => boolean;

export const GUARDS: Record<GuardName, GuardFn> = {
  allMandatoryDocumentsValid: (facts) => facts.documents.filter((d) => d.mandatory).every((d) => d.status === 'valid'),
  // Four eyes: whoever verified the case may not approve it.
  notVerifierOfCase: (facts, event) => event.actor.id !== facts.verifiedById,
  notApproverOfCase: (facts, event) => event.actor.id !== facts.approvedById,
};

export function isGuardName(name: string): name is GuardName {
  return Object.prototype.hasOwnProperty.call(GUARDS, name);
}

export function hasAnyRole(actorRoles: readonly ActorRole[], allowed: readonly ActorRole[]): boolean {
  return actorRoles.some((r) => allowed.includes(r));
}

export function missingField(requires: readonly ActionRequirement[] | undefined, event: WorkflowEventInput): ActionRequirement | undefined {
  return (requires ?? []).find((field) => {
    const value = event[field];
    return typeof value !== 'string' || value.trim() === '';
  });
}

export function failedGuard(t: WorkflowTransitionDef, facts: CaseFacts, event: WorkflowEventInput): GuardName | undefined {
  // An unknown guard name fails closed; validateWorkflowDefinition refuses such definitions anyway.
  return (t.guards ?? []).find((g) => !isGuardName(g) || !GUARDS[g](facts, event));
}

/** The full check the machine runs for a transition: role, required fields, named guards. */
export function transitionAllowed(t: WorkflowTransitionDef, facts: CaseFacts, event: WorkflowEventInput): boolean {
  return (
    hasAnyRole(event.actor.roles, t.roles) && missingField(t.requires, event) === undefined && failedGuard(t, facts, event) === undefined
  );
}
