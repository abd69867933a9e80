import { unitEnd, unitSpans, unitStart, wholeUnits } from './report-periods';

describe('report periods (coarse rollup units)', () => {
  it('finds the month and the ISO week (Monday first) holding a day', () => {
    expect(unitStart('2026-02-17', 'month')).toBe('2026-02-01');
    expect(unitEnd('2026-02-17', 'month')).toBe('2026-02-28');
    expect(unitEnd('2024-02-03', 'month')).toBe('2024-02-29');
    expect(unitEnd('2026-12-31', 'month')).toBe('2026-12-31');
    // 2026-11-30 is a Monday, 2026-11-29 a Sunday.
    expect(unitStart('2026-11-30', 'week')).toBe('2026-11-30');
    expect(unitStart('2026-11-29', 'week')).toBe('2026-11-23');
    expect(unitEnd('2026-11-29', 'week')).toBe('2026-11-29');
  });

  it('splits a period into whole units and edge days', () => {
    expect(wholeUnits('2026-10-26', '2026-11-30', 'month')).toEqual({ first: '2026-11-01', end: '2026-12-01' });
    expect(wholeUnits('2025-12-01', '2026-12-01', 'month')).toEqual({ first: '2025-12-01', end: '2026-12-01' });
    expect(wholeUnits('2026-10-26', '2026-11-30', 'week')).toEqual({ first: '2026-10-26', end: '2026-11-30' });
    // No whole month inside: first >= end, every day is an edge day.
    expect(wholeUnits('2026-11-03', '2026-11-20', 'month')).toEqual({ first: '2026-12-01', end: '2026-11-01' });
  });

  it('widens touched day ranges to whole units and merges them', () => {
    expect(
      unitSpans(
        [
          ['2026-11-03', '2026-11-03'],
          ['2026-10-20', '2026-10-21'],
          ['2026-12-01', '2026-12-01'],
          ['2026-03-05', '2026-03-05'],
        ],
        'month',
      ),
    ).toEqual([
      ['2026-03-01', '2026-03-31'],
      ['2026-10-01', '2026-12-31'],
    ]);
    expect(unitSpans([['2026-11-25', '2026-12-01']], 'week')).toEqual([['2026-11-23', '2026-12-06']]);
  });
});
