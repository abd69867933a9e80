import { SKM_ELEMENTS, computeIkm, emptyTotals, ikmGrade, minimumSample, surveyScoreProblems, type ElementTotals } from './satisfaction';

/** Totals from respondents' score rows (U1..U9 in order; null = not answered). */
function totalsOf(rows: (number | null)[][]): ElementTotals {
  const t = emptyTotals();
  for (const row of rows)
    row.forEach((v, i) => {
      if (v === null) return;
      const e = t[SKM_ELEMENTS[i]];
      e.sum += v;
      e.answered += 1;
    });
  return t;
}

describe('IKM (PermenPAN-RB 14/2017)', () => {
  // Worked example, four respondents:
  //        U1 U2 U3 U4 U5 U6 U7 U8 U9
  //  R1     4  4  3  4  4  3  4  3  4
  //  R2     3  4  3  4  3  3  4  3  3
  //  R3     4  3  3  4  4  4  4  2  3
  //  R4     3  3  2  4  3  3  4  3  4
  // NRR = 14/4, 14/4, 11/4, 16/4, 14/4, 13/4, 16/4, 11/4, 14/4
  //     = 3.5, 3.5, 2.75, 4, 3.5, 3.25, 4, 2.75, 3.5 (sum 30.75)
  // IKM = 30.75 × (1/9) × 25 = 85.4166… → 85.42, grade B (Baik).
  // With the printed weight 0.11: 30.75 × 0.11 × 25 = 84.56, almost a point lower.
  const example = [
    [4, 4, 3, 4, 4, 3, 4, 3, 4],
    [3, 4, 3, 4, 3, 3, 4, 3, 3],
    [4, 3, 3, 4, 4, 4, 4, 2, 3],
    [3, 3, 2, 4, 3, 3, 4, 3, 4],
  ];

  it('averages each element and weights the nine NRRs by exactly 1/9', () => {
    const r = computeIkm(totalsOf(example), 4);
    expect(r.nrr).toEqual({
      requirements: 3.5,
      procedure: 3.5,
      time: 2.75,
      cost: 4,
      product: 3.5,
      competence: 3.25,
      behaviour: 4,
      complaints: 2.75,
      facilities: 3.5,
    });
    expect(r.ikm).toBe(85.42);
    expect(r.grade).toBe('B');
    expect(r.respondents).toBe(4);
    expect(Math.round(30.75 * 0.11 * 25 * 100) / 100).toBe(84.56);
  });

  it('averages an element over the respondents who answered it only', () => {
    // R4 left U4 (cost) blank: NRR(cost) = 12/3 = 4, not 12/4 = 3.
    const rows = example.map((r) => [...r] as (number | null)[]);
    rows[3][3] = null;
    const r = computeIkm(totalsOf(rows), 4);
    expect(r.nrr.cost).toBe(4);
    expect(r.ikm).toBe(85.42);
  });

  it('gives no index when an element has no answer at all, and none without respondents', () => {
    const rows = example.map((r) => [...r.slice(0, 8), null]);
    expect(computeIkm(totalsOf(rows), 4)).toMatchObject({ ikm: null, grade: null });
    expect(computeIkm(emptyTotals(), 0)).toMatchObject({ ikm: null, grade: null, respondents: 0 });
  });

  it('scores all 4s as 100 (A) and all 1s as 25 (D)', () => {
    expect(computeIkm(totalsOf([Array(9).fill(4)]), 1)).toMatchObject({ ikm: 100, grade: 'A' });
    expect(computeIkm(totalsOf([Array(9).fill(1)]), 1)).toMatchObject({ ikm: 25, grade: 'D' });
  });

  it('grades on the 2-decimal index with the regulation cut-offs', () => {
    expect([88.31, 88.3, 76.61, 76.6, 65, 64.99].map(ikmGrade)).toEqual(['A', 'B', 'B', 'C', 'C', 'D']);
  });

  it('asks for the Krejcie-Morgan sample: 1,000 → 278, 100,000 → 383, never more than the population', () => {
    expect(minimumSample(1000)).toBe(278);
    expect(minimumSample(100_000)).toBe(383);
    expect(minimumSample(10)).toBe(10);
    expect(minimumSample(0)).toBe(0);
  });
});

describe('survey scores', () => {
  const all = Object.fromEntries(SKM_ELEMENTS.map((e) => [e, 3]));

  it('accepts the nine elements on 1..4', () => {
    expect(surveyScoreProblems(all)).toEqual([]);
  });

  it('names a missing element, a score outside 1..4 and an unknown key', () => {
    const { time: _time, ...rest } = all;
    expect(surveyScoreProblems({ ...rest, cost: 5, product: 0.5, mood: 2 })).toEqual([
      { field: 'scores.time', message: 'is missing' },
      { field: 'scores.cost', message: 'must be an integer from 1 to 4' },
      { field: 'scores.product', message: 'must be an integer from 1 to 4' },
      { field: 'scores.mood', message: 'is not an SKM element' },
    ]);
  });
});
