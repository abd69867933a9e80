import { decideOperational, operationalActions, STANDARD_WORKFLOW as STD, type CaseFacts, type WorkflowActor } from './index';

const actor = (id: string, ...roles: WorkflowActor['roles']): WorkflowActor => ({ id, roles, opdId: 'opd-1' });
const facts = (assigneeId: string | null = null): CaseFacts => ({
  verifiedById: null,
  approvedById: null,
  assigneeId,
  documents: [],
});
const types = (state: string, f: CaseFacts, a: WorkflowActor) => operationalActions(STD, state, f, a).map((x) => x.type);

describe('operationalActions', () => {
  it('lets a verifier claim an unassigned submitted case, comment and handle documents', () => {
    expect(operationalActions(STD, 'submitted', facts(), actor('v1', 'verifier'))).toEqual([
      { type: 'CLAIM', requires: [] },
      { type: 'COMMENT', requires: ['comment'] },
      { type: 'UPLOAD_DOCUMENT', requires: [] },
      { type: 'CHECK_DOCUMENT', requires: [] },
    ]);
  });

  it('offers CLAIM only to roles that can act on the current state', () => {
    expect(types('submitted', facts(), actor('s1', 'supervisor'))).not.toContain('CLAIM');
    expect(types('verified', facts(), actor('s1', 'supervisor'))).toContain('CLAIM');
    expect(types('verified', facts(), actor('v1', 'verifier'))).not.toContain('CLAIM');
  });

  it('does not offer CLAIM on an assigned case, but offers RELEASE to its assignee', () => {
    const assigned = facts('v1');
    expect(types('submitted', assigned, actor('v1', 'verifier'))).toEqual(['RELEASE', 'COMMENT', 'UPLOAD_DOCUMENT', 'CHECK_DOCUMENT']);
    expect(types('submitted', assigned, actor('v2', 'verifier'))).not.toContain('RELEASE');
  });

  it('gives a supervisor ASSIGN, TRANSFER and RELEASE of someone else’s case', () => {
    expect(operationalActions(STD, 'verified', facts('o1'), actor('s1', 'supervisor'))).toEqual([
      { type: 'ASSIGN', requires: ['assigneeId', 'reason'] },
      { type: 'RELEASE', requires: ['reason'] },
      { type: 'TRANSFER', requires: ['opdId', 'note'] },
      { type: 'COMMENT', requires: ['comment'] },
    ]);
  });

  it('offers nothing in a final state, nor to leadership or the applicant', () => {
    expect(operationalActions(STD, 'collected', facts(), actor('s1', 'supervisor', 'verifier'))).toEqual([]);
    expect(types('submitted', facts(), actor('l1', 'leadership'))).toEqual([]);
    expect(types('returned', facts(), actor('nik', 'applicant'))).toEqual([]);
  });
});

describe('decideOperational', () => {
  it('accepts a supervisor assignment with assignee and reason', () => {
    expect(
      decideOperational(STD, 'submitted', facts(), {
        type: 'ASSIGN',
        actor: actor('s1', 'supervisor'),
        assigneeId: 'v1',
        reason: 'beban kerja',
      }),
    ).toEqual({ ok: true, type: 'ASSIGN' });
  });

  it('names the missing field', () => {
    expect(decideOperational(STD, 'submitted', facts(), { type: 'ASSIGN', actor: actor('s1', 'supervisor'), assigneeId: 'v1' })).toEqual({
      ok: false,
      code: 'MISSING_FIELD',
      field: 'reason',
    });
    expect(
      decideOperational(STD, 'submitted', facts(), { type: 'TRANSFER', actor: actor('s1', 'supervisor'), note: 'ke Disnaker' }),
    ).toEqual({
      ok: false,
      code: 'MISSING_FIELD',
      field: 'opdId',
    });
  });

  it('refuses a claim on an assigned case and any action on a final one', () => {
    expect(decideOperational(STD, 'submitted', facts('v2'), { type: 'CLAIM', actor: actor('v1', 'verifier') })).toEqual({
      ok: false,
      code: 'CONDITION_FAILED',
      condition: 'unassigned',
    });
    expect(decideOperational(STD, 'rejected', facts(), { type: 'COMMENT', actor: actor('v1', 'verifier'), comment: 'x' })).toEqual({
      ok: false,
      code: 'NOT_ACCEPTED',
    });
  });

  it('refuses ASSIGN by a verifier', () => {
    expect(
      decideOperational(STD, 'submitted', facts(), { type: 'ASSIGN', actor: actor('v1', 'verifier'), assigneeId: 'v2', reason: 'x' }),
    ).toEqual({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });
});

describe('document actions follow the file', () => {
  const verifier = { id: 'v1', roles: ['verifier' as const], opdId: 'o1' };

  it('offers document checks while the verifier holds the file, and not after verification', () => {
    const types = (state: string) => operationalActions(STD, state, facts(), verifier).map((a) => a.type);
    expect(types('submitted')).toEqual(expect.arrayContaining(['CHECK_DOCUMENT', 'UPLOAD_DOCUMENT']));
    expect(types('verified')).not.toContain('CHECK_DOCUMENT');
    expect(types('verified')).not.toContain('UPLOAD_DOCUMENT');
    expect(decideOperational(STD, 'approved', facts(), { type: 'CHECK_DOCUMENT', actor: verifier })).toEqual({
      ok: false,
      code: 'NOT_ACCEPTED',
    });
    // A returned file is corrected at the counter: the officer uploads, nobody checks yet.
    const officer = { id: 'o1', roles: ['officer' as const], opdId: 'o1' };
    expect(operationalActions(STD, 'returned', facts(), officer).map((a) => a.type)).toContain('UPLOAD_DOCUMENT');
    expect(types('returned')).not.toContain('CHECK_DOCUMENT');
  });
});
