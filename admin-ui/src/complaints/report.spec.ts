import type { ComplaintReportRow } from '@layanan/contracts';
import { summariseComplaints } from './report';

const row = (o: Partial<ComplaintReportRow>): ComplaintReportRow => ({
  month: '2026-11',
  opdId: 'o1',
  opdName: 'Dukcapil',
  serviceId: 's1',
  serviceName: 'KTP',
  received: 0,
  answered: 0,
  answeredOnTime: 0,
  open: 0,
  overdue: 0,
  meanResponseHours: null,
  medianResponseHours: null,
  ...o,
});

describe('summariseComplaints', () => {
  it('sums months per OPD and service and weights the mean by answered complaints', () => {
    const { total, groups } = summariseComplaints([
      // KTP: Nov 3 answered in 10 h mean, Dec 1 answered in 50 h → (30 + 50) / 4 = 20 h.
      row({ received: 4, answered: 3, answeredOnTime: 2, open: 1, overdue: 1, meanResponseHours: 10, medianResponseHours: 8 }),
      row({ month: '2026-12', received: 1, answered: 1, answeredOnTime: 1, meanResponseHours: 50, medianResponseHours: 50 }),
      // A complaint about the OPD in general (no service), not answered.
      row({ opdId: 'o2', opdName: 'Kemenag', serviceId: null, serviceName: null, received: 2, open: 2 }),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({ opdName: 'Dukcapil', received: 5, answered: 4, answeredOnTime: 3, onTimeRate: 0.75, open: 1 });
    expect(groups[0].meanResponseHours).toBe(20);
    // Two months' medians cannot be combined.
    expect(groups[0].medianResponseHours).toBeNull();
    expect(groups[1]).toMatchObject({ serviceName: null, received: 2, answered: 0, onTimeRate: null, meanResponseHours: null });
    expect(total).toMatchObject({ received: 7, answered: 4, answeredOnTime: 3, open: 3, overdue: 1, meanResponseHours: 20 });
  });

  it('keeps the median of a group made of one row', () => {
    const { groups } = summariseComplaints([
      row({ received: 1, answered: 1, answeredOnTime: 0, meanResponseHours: 7.5, medianResponseHours: 7.5 }),
    ]);
    expect(groups[0]).toMatchObject({ onTimeRate: 0, medianResponseHours: 7.5, meanResponseHours: 7.5 });
  });

  it('is empty without rows', () => {
    expect(summariseComplaints([]).total).toMatchObject({ received: 0, onTimeRate: null, meanResponseHours: null });
  });
});
