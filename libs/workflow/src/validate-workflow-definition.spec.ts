import {
  BUILTIN_WORKFLOWS,
  createCaseMachine,
  decide,
  STANDARD_WORKFLOW as STD,
  validateWorkflowDefinition,
  type GuardName,
  type WorkflowDefinition,
  type WorkflowProblemCode,
  type WorkflowStateDef,
} from './index';

const codes = (def: WorkflowDefinition): WorkflowProblemCode[] => validateWorkflowDefinition(def).map((p) => p.code);
const withState = (name: string, state: WorkflowStateDef): WorkflowDefinition => ({
  ...STD,
  states: { ...STD.states, [name]: state },
});
const label = { id: 'x', en: 'x' };

describe('validateWorkflowDefinition', () => {
  it.each(BUILTIN_WORKFLOWS.map((d) => [d.key, d] as const))('accepts the built-in %s workflow', (_key, def) => {
    expect(validateWorkflowDefinition(def)).toEqual([]);
  });

  it('reports a missing initial state', () => {
    expect(codes({ ...STD, initial: 'draft' })).toContain('INITIAL_MISSING');
  });

  it('reports a transition to an unknown state, naming where', () => {
    const def = withState('approved', { ...STD.states.approved, on: { ISSUE: { target: 'isued', roles: ['officer'] } } });
    expect(validateWorkflowDefinition(def)).toEqual(
      expect.arrayContaining([
        {
          code: 'UNKNOWN_TARGET',
          path: 'states.approved.on.ISSUE.target',
          state: 'approved',
          event: 'ISSUE',
          message: "target state 'isued' is not defined",
        },
      ]),
    );
  });

  it('reports an unknown guard name', () => {
    const def = withState('verified', {
      ...STD.states.verified,
      on: { APPROVE: { target: 'approved', roles: ['supervisor'], guards: ['isMayor' as GuardName] } },
    });
    expect(codes(def)).toContain('UNKNOWN_GUARD');
  });

  it('reports a final state with outgoing transitions', () => {
    const def = withState('rejected', { ...STD.states.rejected, on: { REOPEN: { target: 'submitted', roles: ['supervisor'] } } });
    expect(codes(def)).toEqual(['FINAL_WITH_TRANSITIONS']);
  });

  it('reports a state that cannot be reached from the initial state', () => {
    const def = withState('archived', { label, publicLabel: label, clock: 'stopped', final: true });
    expect(validateWorkflowDefinition(def)).toEqual([
      {
        code: 'UNREACHABLE_STATE',
        path: 'states.archived',
        state: 'archived',
        message: "state 'archived' cannot be reached from 'submitted'",
      },
    ]);
  });

  it('reports unknown roles, unknown required fields and transitions nobody may send', () => {
    const def = withState('approved', {
      ...STD.states.approved,
      on: {
        ISSUE: { target: 'issued', roles: ['mayor' as 'officer'] },
        COLLECT: { target: 'collected', roles: [], requires: ['signature' as 'reason'] },
      },
    });
    expect(codes(def).sort()).toEqual(['NO_ROLES', 'UNKNOWN_REQUIREMENT', 'UNKNOWN_ROLE']);
  });

  it('reports a workflow without any final state', () => {
    const def: WorkflowDefinition = {
      ...STD,
      states: { submitted: { label, publicLabel: label, clock: 'running', on: { VERIFY: { target: 'submitted', roles: ['verifier'] } } } },
    };
    expect(codes(def)).toEqual(['NO_FINAL_STATE']);
  });

  it('reports an unknown signature mode and a personally signed document issued by the applicant', () => {
    const def = withState('approved', {
      ...STD.states.approved,
      on: { ISSUE: { target: 'issued', roles: ['officer'], issues: { signature: 'stamp' as 'seal' } } },
    });
    expect(validateWorkflowDefinition(def)).toEqual([
      {
        code: 'ISSUES_INVALID',
        path: 'states.approved.on.ISSUE.issues.signature',
        state: 'approved',
        event: 'ISSUE',
        message: 'must be one of personal, seal',
      },
    ]);
    const byApplicant = withState('approved', {
      ...STD.states.approved,
      on: { ISSUE: { target: 'issued', roles: ['applicant'], issues: { signature: 'personal' } } },
    });
    expect(codes(byApplicant)).toEqual(['ISSUES_INVALID']);
  });

  it('reports a second issuing transition reachable after the first', () => {
    const def = withState('issued', {
      ...STD.states.issued,
      on: { COLLECT: { target: 'collected', roles: ['officer'], issues: { signature: 'seal' } } },
    });
    expect(validateWorkflowDefinition(def)).toEqual([
      {
        code: 'ISSUES_TWICE',
        path: 'states.issued.on.COLLECT.issues',
        state: 'issued',
        event: 'COLLECT',
        message: 'issues a second document after states.approved.on.ISSUE already issued one',
      },
    ]);
  });

  it('marks the issuing transition of each built-in workflow', () => {
    const issuing = BUILTIN_WORKFLOWS.map((d) => [
      d.key,
      Object.entries(d.states).flatMap(([s, st]) =>
        Object.entries(st.on ?? {})
          .filter(([, t]) => t.issues)
          .map(([e, t]) => `${s}.${e}:${t.issues?.signature}`),
      ),
    ]);
    expect(issuing).toEqual([
      ['standard', ['approved.ISSUE:seal']],
      ['with-head-signature', ['approved.SIGN:personal']],
      ['with-inspection', ['approved.ISSUE:seal']],
    ]);
  });

  it('makes createCaseMachine and decide refuse an invalid definition instead of building a broken machine', () => {
    const def = { ...STD, key: 'broken', initial: 'draft' };
    expect(() => createCaseMachine(def)).toThrow("invalid workflow broken@v1: initial state 'draft' is not defined");
    const ok = { verifiedById: null, approvedById: null, assigneeId: null, documents: [] };
    expect(() => decide(def, 'submitted', ok, { type: 'VERIFY', actor: { id: 'v', roles: ['verifier'], opdId: null } })).toThrow(
      /invalid workflow/,
    );
  });
});
