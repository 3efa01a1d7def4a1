import { BrugError } from '../errors.ts';
import { reportingPeriod } from './reporting-period.ts';

const at = (name: string) => name;

describe('reportingPeriod', () => {
  test('whole days, inclusive, with the year of the start', () => {
    expect(reportingPeriod('2026-01-01', '2026-03-31', at)).toEqual({ start: '2026-01-01', end: '2026-03-31', days: 90, year: 2026 });
    expect(reportingPeriod('2026', '2026', at)).toEqual({ start: '2026-01-01', end: '2026-12-31', days: 365, year: 2026 });
    expect(reportingPeriod('2028-02', '2028-02', at)).toEqual({ start: '2028-02-01', end: '2028-02-29', days: 29, year: 2028 });
  });

  test.each([
    ['2026-02-29', '2026-03-01', 'periodStart'],
    ['2026-13', '2026-12', 'periodStart'],
    ['2026-01-01', '26-03-31', 'periodEnd'],
    ['2026-04-01', '2026-03-31', 'periodEnd'],
    [undefined, '2026-03-31', 'periodStart'],
  ])('%s to %s is refused at %s', (start, end, where) => {
    let error: unknown;
    try {
      reportingPeriod(start, end, at);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BrugError);
    expect((error as BrugError).expression).toEqual([where]);
    expect((error as BrugError).category).toBe('invalid');
  });
});
