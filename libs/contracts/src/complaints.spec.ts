import { COMPLAINT_STATES, complaintActionsFrom, isComplaintCode } from './complaints';

describe('complaint workflow (received → in_handling → answered → closed)', () => {
  it('allows exactly one step from each state, none from closed', () => {
    expect(Object.fromEntries(COMPLAINT_STATES.map((s) => [s, complaintActionsFrom(s)]))).toEqual({
      received: ['START'],
      in_handling: ['ANSWER'],
      answered: ['CLOSE'],
      closed: [],
    });
  });

  it('recognises complaint codes and never a case tracking code', () => {
    expect(isComplaintCode('ADU-7F3K-92QX-M4TD')).toBe(true);
    expect(isComplaintCode('DKC-7F3K-92QX')).toBe(false);
    expect(isComplaintCode('ADU-7F3K-92QX')).toBe(false);
    expect(isComplaintCode('adu-7f3k-92qx-m4td')).toBe(false);
  });
});
