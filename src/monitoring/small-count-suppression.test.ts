import type { RawGroup } from './figure-queries.ts';
import { findMeasure } from './measures.ts';
import { smallCountMasks, yearOfQuarters } from './small-count-suppression.ts';

const count = (n: number): RawGroup[] => [{ code: 'aantal', counts: [{ code: 'initial-population', count: n }], score: n, restsOn: [n] }];
const yearOf = (quarters: number[]): RawGroup[][] => [...quarters, quarters.reduce((a, b) => a + b, 0)].map(count);
const maskedPeriods = (measure: string, grid: RawGroup[][]): number[] => grid.flatMap((_g, at) => (smallCountMasks(findMeasure(measure)!, grid, at, 5)[0]!.score ? [at] : []));

describe('small-count suppression across the quarters of a year', () => {
  test('a lone masked quarter takes the smallest other quarter with it, so year minus the others gives nothing away', () => {
    // Q3 = 3 would be 21 - 7 - 5 - 6.
    expect(maskedPeriods('verwijzingen-per-verwijzer-rol', yearOf([7, 5, 3, 6]))).toEqual([1, 2]);
  });

  test('masked quarters that add up to less than the threshold, or to their number, take another one with them', () => {
    expect(maskedPeriods('verwijzingen-per-verwijzer-rol', yearOf([1, 1, 9, 8]))).toEqual([0, 1, 3]);
    expect(maskedPeriods('verwijzingen-per-verwijzer-rol', yearOf([3, 4, 9, 8]))).toEqual([0, 1]);
  });

  test('a masked year hides nothing more; zero quarters are shown and never chosen', () => {
    expect(maskedPeriods('verwijzingen-per-verwijzer-rol', yearOf([0, 2, 0, 1]))).toEqual([1, 3, 4]);
    expect(maskedPeriods('verwijzingen-per-verwijzer-rol', yearOf([0, 2, 0, 6]))).toEqual([1, 3]);
  });

  test('distinct organisations do not add up over the quarters and keep their own masks', () => {
    const grid = [1, 6, 6, 6, 6].map((n): RawGroup[] => [{ code: 'aantal', counts: [{ code: 'initial-population', count: n, additive: false }], score: n, restsOn: [n] }]);
    expect(maskedPeriods('aangesloten-organisaties', grid)).toEqual([0]);
  });

  test('a stratum masked in one quarter is protected along its row, and the strata of a quarter along their column', () => {
    const strata = (a: number, b: number): RawGroup[] => [{ code: 'aantal', counts: [{ code: 'initial-population', count: a + b }], score: a + b, restsOn: [a + b], strata: [{ code: 'huisarts', count: a }, { code: 'poh', count: b }] }];
    const grid = [strata(2, 8), strata(6, 6), strata(7, 5), strata(9, 9), strata(24, 28)];
    const hidden = grid.map((_g, at) => [...smallCountMasks(findMeasure('verwijzingen-per-verwijzer-rol')!, grid, at, 5)[0]!.strata].sort());
    // Q1's huisarts 2: poh 8 with it in Q1 (the column), and huisarts 6 in Q2 (the row); then poh's row needs a second too.
    expect(hidden).toEqual([['huisarts', 'poh'], ['huisarts', 'poh'], [], [], []]);
  });

  test("a share's numerator and complement hide together, along both their rows", () => {
    const share = (k: number, n: number): RawGroup[] => [{ code: 'aandeel-afgewezen', counts: [{ code: 'numerator', count: k, complement: n - k }, { code: 'denominator', count: n }], score: (100 * k) / n, restsOn: [k, n, n - k] }];
    const grid = [share(0, 10), share(2, 10), share(6, 10), share(8, 10), share(16, 40)];
    expect(grid.map((_g, at) => smallCountMasks(findMeasure('afloop')!, grid, at, 5)[0]!.score)).toEqual([false, true, true, true, false]);
  });

  test('a share of 100 % in small quarters keeps its year: complements masked at 0 give nothing away', () => {
    const share = (k: number, n: number): RawGroup[] => [{ code: 'aandeel-geaccepteerd', counts: [{ code: 'numerator', count: k, complement: n - k }, { code: 'denominator', count: n }], score: (100 * k) / n, restsOn: [k, n, n - k] }];
    const grid = [share(2, 2), share(3, 3), share(2, 2), share(3, 3), share(10, 10)];
    expect(grid.map((_g, at) => smallCountMasks(findMeasure('afloop')!, grid, at, 5)[0]!.score)).toEqual([true, true, true, true, false]);
  });

  test("a quarter's masks are the same with the year summed from its quarters as with the year's own figures", () => {
    const strata = (a: number, b: number): RawGroup[] => [{ code: 'aantal', counts: [{ code: 'initial-population', count: a + b }], score: a + b, restsOn: [a + b], strata: [{ code: 'huisarts', count: a }, ...(b ? [{ code: 'poh', count: b }] : [])] }];
    const quarters = [strata(2, 8), strata(6, 6), strata(7, 0), strata(9, 9)];
    expect(yearOfQuarters(quarters)).toEqual([{ code: 'aantal', counts: [{ code: 'initial-population', count: 47 }], restsOn: [], strata: [{ code: 'huisarts', count: 24 }, { code: 'poh', count: 23 }] }]);
    const measure = findMeasure('verwijzingen-per-verwijzer-rol')!;
    for (const at of [0, 1, 2, 3]) expect(smallCountMasks(measure, [...quarters, yearOfQuarters(quarters)], at, 5)).toEqual(smallCountMasks(measure, [...quarters, strata(24, 23)], at, 5));
  });
});
