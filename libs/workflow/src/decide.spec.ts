import {
  availableEvents,
  BUILTIN_WORKFLOWS,
  isCompletedState,
  decide,
  nextRoles,
  publicStatus,
  stateLabel,
  STANDARD_WORKFLOW as STD,
  WITH_HEAD_SIGNATURE_WORKFLOW as HEAD,
  type CaseFacts,
  type WorkflowActor,
  type WorkflowDefinition,
} from './index';

const verifier: WorkflowActor = { id: 'u-ver', roles: ['verifier'], opdId: 'opd-1' };
const supervisor: WorkflowActor = { id: 'u-sup', roles: ['supervisor'], opdId: 'opd-1' };
const head: WorkflowActor = { id: 'u-head', roles: ['head'], opdId: 'opd-1' };

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  verifiedById: null,
  approvedById: null,
  assigneeId: null,
  documents: [
    { requirementKey: 'ktp', mandatory: true, status: 'valid' },
    { requirementKey: 'kk', mandatory: true, status: 'valid' },
    { requirementKey: 'surat-kuasa', mandatory: false, status: 'invalid' },
  ],
  ...over,
});

const withDoc = (status: 'pending' | 'invalid') =>
  facts({
    documents: [
      { requirementKey: 'ktp', mandatory: true, status: 'valid' },
      { requirementKey: 'kk', mandatory: true, status },
    ],
  });

describe('decide', () => {
  it('verifies when every mandatory document is valid, ignoring optional ones', () => {
    expect(decide(STD, 'submitted', facts(), { type: 'VERIFY', actor: verifier })).toEqual({
      ok: true,
      from: 'submitted',
      to: 'verified',
      clock: { from: 'running', to: 'running' },
      public: true,
    });
  });

  it.each(['pending', 'invalid'] as const)('refuses VERIFY while a mandatory document is %s', (status) => {
    expect(decide(STD, 'submitted', withDoc(status), { type: 'VERIFY', actor: verifier })).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      guard: 'allMandatoryDocumentsValid',
    });
  });

  it('rejects approval by the verifier of the same case (four eyes)', () => {
    const f = facts({ verifiedById: 'u-sup' });
    expect(decide(STD, 'verified', f, { type: 'APPROVE', actor: supervisor })).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      guard: 'notVerifierOfCase',
    });
    expect(decide(STD, 'verified', facts({ verifiedById: 'u-ver' }), { type: 'APPROVE', actor: supervisor })).toMatchObject({
      ok: true,
      to: 'approved',
    });
  });

  it('refuses the head signature by the approver of the case', () => {
    const actingHead: WorkflowActor = { id: 'u-sup', roles: ['supervisor', 'head'], opdId: 'opd-1' };
    expect(decide(HEAD, 'approved', facts({ approvedById: 'u-sup' }), { type: 'SIGN', actor: actingHead })).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      guard: 'notApproverOfCase',
    });
    expect(decide(HEAD, 'approved', facts({ approvedById: 'u-sup' }), { type: 'SIGN', actor: head })).toMatchObject({
      ok: true,
      to: 'signed',
    });
  });

  it.each([
    ['submitted', 'RETURN', verifier],
    ['submitted', 'REJECT', verifier],
    ['verified', 'REJECT', supervisor],
    ['verified', 'SEND_BACK', supervisor],
  ])('refuses %s --%s without a reason, including a blank one', (state, type, actor) => {
    for (const reason of [undefined, '', '   ']) {
      expect(decide(STD, state, facts(), { type, actor, reason })).toEqual({ ok: false, code: 'MISSING_FIELD', field: 'reason' });
    }
  });

  it('returns the case with a reason and pauses the clock', () => {
    expect(decide(STD, 'submitted', facts(), { type: 'RETURN', actor: verifier, reason: 'Foto KTP buram' })).toEqual({
      ok: true,
      from: 'submitted',
      to: 'returned',
      clock: { from: 'running', to: 'paused' },
      public: true,
    });
  });

  it('marks SEND_BACK as internal (not on the citizen timeline)', () => {
    expect(decide(STD, 'verified', facts(), { type: 'SEND_BACK', actor: supervisor, reason: 'Cek ulang KK' })).toMatchObject({
      ok: true,
      to: 'submitted',
      public: false,
    });
  });

  it('reports an unknown state and an event the state does not accept', () => {
    expect(decide(STD, 'archived', facts(), { type: 'VERIFY', actor: verifier })).toEqual({ ok: false, code: 'UNKNOWN_STATE' });
    expect(decide(STD, 'submitted', facts(), { type: 'ISSUE', actor: verifier })).toEqual({ ok: false, code: 'NOT_ACCEPTED' });
    expect(decide(STD, 'collected', facts(), { type: 'WITHDRAW', actor: verifier, reason: 'x' })).toEqual({
      ok: false,
      code: 'NOT_ACCEPTED',
    });
    expect(decide(STD, 'submitted', facts(), { type: 'toString', actor: verifier })).toEqual({ ok: false, code: 'NOT_ACCEPTED' });
  });

  it('checks role before required fields, and required fields before guards', () => {
    const def: WorkflowDefinition = {
      ...STD,
      states: {
        ...STD.states,
        submitted: {
          ...STD.states.submitted,
          on: {
            ...STD.states.submitted.on,
            VERIFY: { target: 'verified', roles: ['verifier'], requires: ['comment'], guards: ['allMandatoryDocumentsValid'] },
          },
        },
      },
    };
    const officer: WorkflowActor = { id: 'u-off', roles: ['officer'], opdId: 'opd-1' };
    const pending = withDoc('pending');
    expect(decide(def, 'submitted', pending, { type: 'VERIFY', actor: officer })).toEqual({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    expect(decide(def, 'submitted', pending, { type: 'VERIFY', actor: verifier })).toEqual({
      ok: false,
      code: 'MISSING_FIELD',
      field: 'comment',
    });
    expect(decide(def, 'submitted', pending, { type: 'VERIFY', actor: verifier, comment: 'ok' })).toMatchObject({
      code: 'GUARD_FAILED',
    });
    expect(decide(def, 'submitted', facts(), { type: 'VERIFY', actor: verifier, comment: 'ok' })).toMatchObject({ ok: true });
  });

  it('takes a self-loop (an internal note that keeps the state), guards included', () => {
    const def: WorkflowDefinition = {
      ...STD,
      key: 'with-note',
      states: {
        ...STD.states,
        submitted: {
          ...STD.states.submitted,
          on: {
            ...STD.states.submitted.on,
            NOTE: {
              target: 'submitted',
              roles: ['verifier'],
              requires: ['comment'],
              guards: ['allMandatoryDocumentsValid'],
              public: false,
            },
          },
        },
      },
    };
    const note = { type: 'NOTE', actor: verifier, comment: 'dicek' };
    expect(decide(def, 'submitted', facts(), note)).toEqual({
      ok: true,
      from: 'submitted',
      to: 'submitted',
      clock: { from: 'running', to: 'running' },
      public: false,
    });
    expect(decide(def, 'submitted', withDoc('pending'), note)).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      guard: 'allMandatoryDocumentsValid',
    });
  });

  it('allows the citizen to resubmit a returned case', () => {
    const applicant: WorkflowActor = { id: 'nik-3573', roles: ['applicant'], opdId: null };
    expect(decide(STD, 'returned', facts(), { type: 'RESUBMIT', actor: applicant })).toEqual({
      ok: true,
      from: 'returned',
      to: 'submitted',
      clock: { from: 'paused', to: 'running' },
      public: true,
    });
  });
});

describe('availableEvents', () => {
  it('offers VERIFY, RETURN and REJECT to a verifier in submitted when all documents are valid', () => {
    expect(availableEvents(STD, 'submitted', facts(), verifier)).toEqual([
      { type: 'VERIFY', requires: [] },
      { type: 'RETURN', requires: ['reason'] },
      { type: 'REJECT', requires: ['reason'] },
    ]);
  });

  it('drops VERIFY while a mandatory document is invalid', () => {
    expect(availableEvents(STD, 'submitted', withDoc('invalid'), verifier).map((a) => a.type)).toEqual(['RETURN', 'REJECT']);
  });

  it('offers APPROVE to a supervisor only when they did not verify the case', () => {
    expect(availableEvents(STD, 'verified', facts({ verifiedById: 'u-ver' }), supervisor).map((a) => a.type)).toEqual([
      'APPROVE',
      'REJECT',
      'SEND_BACK',
    ]);
    expect(availableEvents(STD, 'verified', facts({ verifiedById: 'u-sup' }), supervisor).map((a) => a.type)).toEqual([
      'REJECT',
      'SEND_BACK',
    ]);
  });

  it('offers nothing in a final or unknown state', () => {
    expect(availableEvents(STD, 'rejected', facts(), verifier)).toEqual([]);
    expect(availableEvents(STD, 'nope', facts(), verifier)).toEqual([]);
  });
});

describe('nextRoles', () => {
  it('lists the roles whose work the case waits on, side exits (withdrawing for the applicant) aside', () => {
    expect(nextRoles(STD, 'submitted').sort()).toEqual(['verifier']);
    expect(nextRoles(STD, 'verified').sort()).toEqual(['supervisor']);
    expect(nextRoles(STD, 'returned').sort()).toEqual(['applicant', 'officer']);
    expect(nextRoles(HEAD, 'approved')).toEqual(['head']);
    expect(nextRoles(STD, 'collected')).toEqual([]);
  });
});

describe('labels', () => {
  it('gives staff and citizen labels in Indonesian and English', () => {
    expect(stateLabel(STD, 'submitted', 'id')).toBe('Menunggu Verifikasi');
    expect(stateLabel(STD, 'verified', 'id')).toBe('Terverifikasi');
    expect(publicStatus(STD, 'verified', 'id')).toEqual({ label: 'Sedang Diproses', hint: null });
    expect(publicStatus(STD, 'issued', 'id').label).toBe('Selesai - Siap Diambil');
    expect(publicStatus(STD, 'returned', 'en').label).toBe('Needs correction');
    expect(publicStatus(STD, 'returned', 'id').hint).toMatch(/ajukan kembali/);
  });

  it('falls back to the state key for an unknown state', () => {
    expect(stateLabel(STD, 'legacy', 'id')).toBe('legacy');
    expect(publicStatus(STD, 'legacy', 'en')).toEqual({ label: 'legacy', hint: null });
  });
});

describe('isCompletedState', () => {
  it('is issued, collected and rejected in every built-in workflow, never withdrawn or an open state', () => {
    for (const def of BUILTIN_WORKFLOWS) {
      const done = Object.keys(def.states).filter((s) => isCompletedState(def, s));
      expect(done.sort()).toEqual(['collected', 'issued', 'rejected']);
    }
  });
});
