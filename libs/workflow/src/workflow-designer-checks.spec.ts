import {
  diffWorkflows,
  mainPath,
  publicSteps,
  STANDARD_WORKFLOW as STD,
  validateWorkflowDefinition,
  workflowGraphProblems,
  type WorkflowDefinition,
  type WorkflowProblem,
} from './index';

const l = (id: string, en = id) => ({ id, en });

/** A small four-state workflow, as an admin would build it in the designer. */
const FOUR: WorkflowDefinition = {
  key: 'surat-keterangan',
  version: 1,
  name: l('Surat Keterangan', 'Certificate letter'),
  initial: 'received',
  states: {
    received: {
      label: l('Diterima', 'Received'),
      publicLabel: l('Diterima', 'Received'),
      clock: 'running',
      on: { START_REVIEW: { target: 'review', roles: ['verifier'] } },
    },
    review: {
      label: l('Diperiksa', 'Under review'),
      publicLabel: l('Sedang Diproses', 'In process'),
      clock: 'running',
      on: {
        FINISH: { target: 'done', roles: ['supervisor'], guards: ['allMandatoryDocumentsValid'] },
        REFUSE: { target: 'refused', roles: ['supervisor'], requires: ['reason'] },
        NOTE: { target: 'review', roles: ['verifier'], requires: ['comment'], public: false },
      },
    },
    done: { label: l('Selesai', 'Done'), publicLabel: l('Selesai', 'Completed'), clock: 'stopped', final: true },
    refused: { label: l('Ditolak', 'Refused'), publicLabel: l('Ditolak', 'Refused'), clock: 'stopped', final: true },
  },
};

const clone = (): WorkflowDefinition => structuredClone(FOUR);
const brief = (ps: WorkflowProblem[]) => ps.map((p) => [p.code, p.state ?? null, p.event ?? null]);

describe('validateWorkflowDefinition (designer checks)', () => {
  it('accepts a well-formed four-state workflow with a self-loop', () => {
    expect(validateWorkflowDefinition(FOUR)).toEqual([]);
  });

  it('refuses JSON that is not a definition, naming each bad field', () => {
    expect(brief(validateWorkflowDefinition('standard'))).toEqual([['SHAPE_INVALID', null, null]]);
    expect(validateWorkflowDefinition({ key: 'x', name: l('X'), initial: 'a', states: {} })).toEqual([
      { code: 'SHAPE_INVALID', path: 'states', message: 'must be an object with at least one state' },
    ]);
    const bad = {
      ...clone(),
      states: {
        received: { label: 'Diterima', publicLabel: l('Diterima'), clock: 'running', on: { GO: { target: 'done', roles: 'verifier' } } },
        done: { label: l('Selesai'), publicLabel: l('Selesai'), clock: 'stopped', final: 'yes' },
      },
    };
    expect(validateWorkflowDefinition(bad).map((p) => p.path)).toEqual([
      'states.received.label',
      'states.received.on.GO.roles',
      'states.done.final',
    ]);
  });

  it('asks for both labels, the public label and a known clock, per state', () => {
    const def = clone();
    def.states.review.label = l('');
    def.states.review.publicLabel = { id: 'Diproses', en: ' ' };
    def.states.received.clock = 'ticking' as 'running';
    expect(brief(validateWorkflowDefinition(def))).toEqual([
      ['CLOCK_INVALID', 'received', null],
      ['LABEL_MISSING', 'review', null],
      ['PUBLIC_LABEL_MISSING', 'review', null],
    ]);
  });

  it('refuses a terminal state whose SLA clock keeps running', () => {
    const def = clone();
    def.states.done.clock = 'running';
    expect(brief(validateWorkflowDefinition(def))).toEqual([['FINAL_CLOCK_RUNNING', 'done', null]]);
  });

  it('refuses bad and reserved event names and events nobody may send, naming state and event', () => {
    const def = clone();
    def.states.review.on = {
      ...def.states.review.on,
      'finish-now': { target: 'done', roles: ['supervisor'] },
      CLAIM: { target: 'review', roles: ['verifier'] },
      ARCHIVE: { target: 'done', roles: [] },
    };
    expect(brief(validateWorkflowDefinition(def))).toEqual([
      ['EVENT_KEY_INVALID', 'review', 'finish-now'],
      ['EVENT_RESERVED', 'review', 'CLAIM'],
      ['NO_ROLES', 'review', 'ARCHIVE'],
    ]);
  });

  it('refuses a state key that is not camelCase', () => {
    const def = clone();
    def.states['in review'] = def.states.review;
    def.states.review.on!.NOTE.target = 'in review';
    def.states.received.on = { START_REVIEW: { target: 'in review', roles: ['verifier'] } };
    delete def.states.review;
    expect(brief(validateWorkflowDefinition(def))).toEqual([['STATE_KEY_INVALID', 'in review', null]]);
  });
});

describe('workflowGraphProblems (@xstate/graph)', () => {
  it('finds nothing wrong in the built-in and the four-state workflows', () => {
    expect(workflowGraphProblems(STD)).toEqual([]);
    expect(workflowGraphProblems(FOUR)).toEqual([]);
  });

  it('names every state that cannot be reached from the initial state', () => {
    const def = clone();
    def.states.archived = { label: l('Arsip'), publicLabel: l('Arsip'), clock: 'stopped', final: true };
    def.states.limbo = {
      label: l('Limbo'),
      publicLabel: l('Limbo'),
      clock: 'paused',
      on: { END: { target: 'archived', roles: ['admin'] } },
    };
    expect(workflowGraphProblems(def)).toEqual([
      {
        code: 'UNREACHABLE_STATE',
        path: 'states.archived',
        state: 'archived',
        message: "state 'archived' cannot be reached from 'received'",
      },
      { code: 'UNREACHABLE_STATE', path: 'states.limbo', state: 'limbo', message: "state 'limbo' cannot be reached from 'received'" },
    ]);
  });

  it('names every state from which no terminal state can be reached', () => {
    const def = clone();
    // A loop between two states with no way out: cases would be stuck there for ever.
    def.states.review.on = { ASK: { target: 'waiting', roles: ['verifier'] } };
    def.states.waiting = {
      label: l('Menunggu'),
      publicLabel: l('Menunggu'),
      clock: 'paused',
      on: { ANSWER: { target: 'review', roles: ['applicant'] } },
    };
    expect(brief(validateWorkflowDefinition(def))).toEqual([
      ['UNREACHABLE_STATE', 'done', null],
      ['UNREACHABLE_STATE', 'refused', null],
      ['NO_WAY_TO_END', 'received', null],
      ['NO_WAY_TO_END', 'review', null],
      ['NO_WAY_TO_END', 'waiting', null],
    ]);
  });

  it('treats a non-terminal state without transitions as a dead end', () => {
    const def = clone();
    def.states.review.on = { PARK: { target: 'parked', roles: ['verifier'] }, ...def.states.review.on };
    def.states.parked = { label: l('Ditunda'), publicLabel: l('Ditunda'), clock: 'paused' };
    expect(brief(validateWorkflowDefinition(def))).toEqual([['NO_WAY_TO_END', 'parked', null]]);
  });
});

describe('diffWorkflows', () => {
  it('is empty for the same definition, defaults included', () => {
    const same = clone();
    same.states.received.on!.START_REVIEW.public = true;
    expect(diffWorkflows(FOUR, same)).toEqual([]);
  });

  it('lists added and removed states and transitions, and changed fields', () => {
    const next = clone();
    next.name = l('Surat Keterangan Usaha', 'Business certificate');
    next.states.review.on!.FINISH.roles = ['head'];
    delete next.states.review.on!.NOTE;
    next.states.review.on!.RETURN = { target: 'received', roles: ['verifier'], requires: ['reason'] };
    next.states.received.publicLabel = l('Berkas Diterima', 'File received');
    delete next.states.refused;
    delete next.states.review.on!.REFUSE;
    expect(diffWorkflows(FOUR, next)).toEqual([
      { kind: 'workflow-changed', changes: [{ field: 'name', from: FOUR.name, to: next.name }] },
      {
        kind: 'state-changed',
        state: 'received',
        changes: [{ field: 'publicLabel', from: l('Diterima', 'Received'), to: l('Berkas Diterima', 'File received') }],
      },
      { kind: 'transition-changed', state: 'review', event: 'FINISH', changes: [{ field: 'roles', from: ['supervisor'], to: ['head'] }] },
      { kind: 'transition-added', state: 'review', event: 'RETURN' },
      { kind: 'transition-removed', state: 'review', event: 'REFUSE' },
      { kind: 'transition-removed', state: 'review', event: 'NOTE' },
      { kind: 'state-removed', state: 'refused' },
    ]);
  });
});

describe('publicSteps', () => {
  const labels = (def: WorkflowDefinition, state: string, visited: string[]) =>
    publicSteps(def, state, visited).map((s) => `${s.label.id}:${s.status}`);

  it('follows the way to the farthest terminal state', () => {
    expect(mainPath(STD)).toEqual(['submitted', 'verified', 'approved', 'issued', 'collected']);
    expect(mainPath(FOUR)).toEqual(['received', 'review', 'done']);
  });

  it('merges states with one public label and marks where the case is', () => {
    expect(labels(STD, 'submitted', ['submitted'])).toEqual([
      'Menunggu Verifikasi:current',
      'Sedang Diproses:todo',
      'Selesai - Siap Diambil:todo',
      'Sudah Diambil:todo',
    ]);
    expect(labels(STD, 'approved', ['submitted', 'verified', 'approved'])).toEqual([
      'Menunggu Verifikasi:done',
      'Sedang Diproses:current',
      'Selesai - Siap Diambil:todo',
      'Sudah Diambil:todo',
    ]);
    expect(labels(STD, 'collected', ['submitted', 'verified', 'approved', 'issued', 'collected']).every((s) => !s.endsWith(':todo'))).toBe(
      true,
    );
  });

  it('shows a detour as the current step and a refusal as the last one', () => {
    expect(labels(STD, 'returned', ['submitted', 'returned'])).toEqual([
      'Menunggu Verifikasi:done',
      'Perlu Perbaikan:current',
      'Sedang Diproses:todo',
      'Selesai - Siap Diambil:todo',
      'Sudah Diambil:todo',
    ]);
    expect(labels(STD, 'rejected', ['submitted', 'verified', 'rejected'])).toEqual([
      'Menunggu Verifikasi:done',
      'Sedang Diproses:done',
      'Ditolak:current',
    ]);
  });
});
