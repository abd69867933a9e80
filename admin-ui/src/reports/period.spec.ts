import { bucketPeriod, drill } from './period';

describe('bucketPeriod', () => {
  const month = { from: '2026-11-01', to: '2026-11-30' };
  it('gives a whole ISO week inside the period', () => {
    expect(bucketPeriod('2026-11-09', 'week', month)).toEqual({ from: '2026-11-09', to: '2026-11-15' });
  });
  it('cuts the first and last weeks to the period', () => {
    // 2026-10-26 is the Monday of the week holding 1 November; 2026-11-30 is a Monday.
    expect(bucketPeriod('2026-10-26', 'week', month)).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(bucketPeriod('2026-11-30', 'week', month)).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });
  it('gives a month to its last day (February of a leap year too), cut to the period', () => {
    expect(bucketPeriod('2028-02-01', 'month', { from: '2028-01-15', to: '2028-03-10' })).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(bucketPeriod('2028-03-01', 'month', { from: '2028-01-15', to: '2028-03-10' })).toEqual({ from: '2028-03-01', to: '2028-03-10' });
    expect(bucketPeriod('2028-01-01', 'month', { from: '2028-01-15', to: '2028-03-10' })).toEqual({ from: '2028-01-15', to: '2028-01-31' });
  });
});

describe('drill.overdue', () => {
  it("adds an officer's assignee filter to the overdue queue", () => {
    const url = drill.overdue({ opdId: 'o1' }, { assigneeId: ['u1'] });
    expect(JSON.parse(decodeURIComponent(/filter=([^&]+)/.exec(url)?.[1] ?? ''))).toEqual({
      opdId: ['o1'],
      queue: 'overdue',
      assigneeId: ['u1'],
    });
  });
});
