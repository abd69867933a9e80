import { ROLES, type ActorRole } from '@layanan/contracts';
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { transition } from 'xstate';
import {
  createCaseMachine,
  decide,
  STANDARD_WORKFLOW,
  WITH_HEAD_SIGNATURE_WORKFLOW,
  WITH_INSPECTION_WORKFLOW,
  type CaseFacts,
  type WorkflowDefinition,
  type WorkflowEventInput,
  type WorkflowTransitionDef,
} from './index';

const ALL_ACTOR_ROLES: ActorRole[] = [...ROLES, 'applicant', 'system'];

// Facts under which every guard passes for the actors built below.
const FACTS: CaseFacts = {
  verifiedById: 'verifier-of-case',
  approvedById: 'approver-of-case',
  assigneeId: null,
  documents: [
    { requirementKey: 'ktp', mandatory: true, status: 'valid' },
    { requirementKey: 'kk', mandatory: true, status: 'valid' },
    { requirementKey: 'foto', mandatory: false, status: 'pending' },
  ],
};

function eventAs(role: ActorRole, type: string, t: WorkflowTransitionDef): WorkflowEventInput {
  const event: WorkflowEventInput = { type, actor: { id: `${role}-actor`, roles: [role], opdId: 'opd-1' } };
  for (const field of t.requires ?? []) event[field] = `${field} supplied`;
  return event;
}

/** One well-formed event per accepted event type, sent by the first role allowed to send it. */
function eventsFor(def: WorkflowDefinition) {
  return (snapshot: { value: unknown }): WorkflowEventInput[] =>
    Object.entries(def.states[String(snapshot.value)].on ?? {}).map(([type, t]) => eventAs(t.roles[0], type, t));
}

function transitionOf(def: WorkflowDefinition, state: string, type: string): WorkflowTransitionDef {
  const t = def.states[state].on?.[type];
  if (!t) throw new Error(`${state} does not accept ${type}`);
  return t;
}

describe.each([STANDARD_WORKFLOW, WITH_HEAD_SIGNATURE_WORKFLOW, WITH_INSPECTION_WORKFLOW])('workflow $key', (def) => {
  const machine = createCaseMachine(def);
  const paths = getSimplePaths(machine, { input: FACTS, events: eventsFor(def) });

  it('reaches every defined state through the machine', () => {
    const reached = new Set(getShortestPaths(machine, { input: FACTS, events: eventsFor(def) }).map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(Object.keys(def.states).sort());
  });

  function expectStep(from: string, event: WorkflowEventInput, to: string) {
    const t = transitionOf(def, from, event.type);
    expect(decide(def, from, FACTS, event)).toEqual({
      ok: true,
      from,
      to,
      clock: { from: def.states[from].clock, to: def.states[t.target].clock },
      public: t.public ?? true,
    });
    for (const role of ALL_ACTOR_ROLES.filter((r) => !t.roles.includes(r))) {
      expect({ role, decision: decide(def, from, FACTS, eventAs(role, event.type, t)) }).toEqual({
        role,
        decision: { ok: false, code: 'ROLE_NOT_ALLOWED' },
      });
    }
  }

  it('walks every simple path with decide() agreeing with the machine and refusing unlisted roles', () => {
    expect(paths.length).toBeGreaterThan(Object.keys(def.states).length);
    for (const path of paths) {
      // steps[0] is the xstate.init step into the initial state.
      expect(path.steps[0].state.value).toBe(def.initial);
      for (let i = 1; i < path.steps.length; i++) {
        expectStep(String(path.steps[i - 1].state.value), path.steps[i].event, String(path.steps[i].state.value));
      }
    }
  });

  // Simple paths never revisit a state, so loop edges (RESUBMIT, SEND_BACK) are checked from the shortest path's end.
  it('checks every transition of the definition, loops included', () => {
    const shortest = getShortestPaths(machine, { input: FACTS, events: eventsFor(def) });
    let checked = 0;
    for (const path of shortest) {
      const from = String(path.state.value);
      for (const [type, t] of Object.entries(def.states[from].on ?? {})) {
        const [next] = transition(machine, path.state, eventAs(t.roles[0], type, t));
        expect(next.value).toBe(t.target);
        expectStep(from, eventAs(t.roles[0], type, t), t.target);
        checked++;
      }
    }
    const defined = Object.values(def.states).reduce((n, s) => n + Object.keys(s.on ?? {}).length, 0);
    expect(checked).toBe(defined);
  });

  it('lets the snapshot refuse what decide refuses (can() evaluates role and fields)', () => {
    const snapshot = machine.resolveState({ value: 'submitted', context: FACTS });
    const verify = eventAs('verifier', 'VERIFY', transitionOf(def, 'submitted', 'VERIFY'));
    expect(snapshot.can(verify)).toBe(true);
    expect(snapshot.can({ ...verify, actor: { ...verify.actor, roles: ['officer'] } })).toBe(false);
    expect(snapshot.can({ type: 'RETURN', actor: verify.actor })).toBe(false);
    expect(snapshot.can({ type: 'RETURN', actor: verify.actor, reason: 'KTP buram' })).toBe(true);
  });
});

describe('standard workflow paths', () => {
  const paths = getSimplePaths(createCaseMachine(STANDARD_WORKFLOW), {
    input: FACTS,
    events: eventsFor(STANDARD_WORKFLOW),
  });
  const typesTo = (state: string) =>
    paths
      .filter((p) => p.state.value === state)
      .map((p) =>
        p.steps
          .slice(1)
          .map((s) => s.event.type)
          .join(' > '),
      );

  it('has exactly one simple path to collection: verify, approve, issue, collect', () => {
    expect(typesTo('collected')).toEqual(['VERIFY > APPROVE > ISSUE > COLLECT']);
  });

  it('reaches rejected from submitted (verifier) and from verified (supervisor) only', () => {
    expect(typesTo('rejected').sort()).toEqual(['REJECT', 'VERIFY > REJECT']);
  });

  it('reaches withdrawn from submitted, returned and verified', () => {
    expect(typesTo('withdrawn').sort()).toEqual(['RETURN > WITHDRAW', 'VERIFY > WITHDRAW', 'WITHDRAW']);
  });
});

describe('with-head-signature workflow paths', () => {
  const paths = getSimplePaths(createCaseMachine(WITH_HEAD_SIGNATURE_WORKFLOW), {
    input: FACTS,
    events: eventsFor(WITH_HEAD_SIGNATURE_WORKFLOW),
  });

  it('requires the head signature between approval and issue', () => {
    const toIssued = paths.filter((p) => p.state.value === 'issued').map((p) => p.steps.slice(1).map((s) => s.event.type));
    expect(toIssued.length).toBeGreaterThan(0);
    for (const types of toIssued) expect(types.slice(-3)).toEqual(['APPROVE', 'SIGN', 'ISSUE']);
  });

  it('lets the head reject an approved case', () => {
    expect(
      decide(
        WITH_HEAD_SIGNATURE_WORKFLOW,
        'approved',
        FACTS,
        eventAs('head', 'REJECT', { target: 'rejected', roles: ['head'], requires: ['reason'] }),
      ),
    ).toMatchObject({
      ok: true,
      to: 'rejected',
    });
  });
});
