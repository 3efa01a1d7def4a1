import type { RawGroup } from './figure-queries.ts';
import { measureReport } from './measure-report.ts';
import { findMeasure } from './measures.ts';
import { loadMonitoringTerminology, type MonitoringTerminology } from './monitoring-terminology.ts';
import { smallCountMasks } from './small-count-suppression.ts';
import { packageTerminology } from '../terminology/index.ts';

let terminology: MonitoringTerminology;
beforeAll(async () => {
  terminology = await loadMonitoringTerminology(packageTerminology('profiles/package'));
});
const period = { start: '2026-01-01', end: '2026-03-31', days: 90, year: 2026 };
const MASKED = [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }];

function report(measure: string, groups: RawGroup[]) {
  const definition = findMeasure(measure)!;
  return measureReport(definition, groups, { gemeente: 'GM0344', organizationId: 'g' }, period, terminology, smallCountMasks(definition, [groups], 0, 5));
}

describe('small-count suppression in a MeasureReport', () => {
  test('counts 1 to 4 and their scores are masked; 0 and 5 are shown', () => {
    const group = (n: number): RawGroup => ({ code: 'aantal', counts: [{ code: 'initial-population', count: n }], score: n, restsOn: [n] });
    for (const n of [1, 4]) {
      const g = report('aangesloten-organisaties', [group(n)]).group![0]!;
      expect(g.population![0]).toEqual({ extension: MASKED, code: g.population![0]!.code });
      expect(g.measureScore).toEqual({ extension: MASKED, unit: 'aantal' });
    }
    for (const n of [0, 5]) expect(report('aangesloten-organisaties', [group(n)]).group![0]!.measureScore).toEqual({ value: n, unit: 'aantal' });
  });

  test('a share whose complement is small is masked with its numerator', () => {
    const share: RawGroup = { code: 'aandeel-geaccepteerd', counts: [{ code: 'numerator', count: 6, complement: 1 }, { code: 'denominator', count: 7 }], score: 85.7, restsOn: [6, 7, 1] };
    const g = report('afloop', [share]).group![0]!;
    expect(g.measureScore!.value).toBeUndefined();
    expect(g.population!.map((p) => p.count)).toEqual([undefined, 7]);
  });

  test('one masked referrer-role stratum masks the next smallest too; life domains do not', () => {
    const strata = [{ code: '62247001', count: 5 }, { code: '159002008', count: 3 }, { code: '158997000', count: 9 }];
    const grouped = (): RawGroup[] => [{ code: 'aantal', counts: [{ code: 'initial-population', count: 17 }], score: 17, restsOn: [17], strata }];
    const roles = report('verwijzingen-per-verwijzer-rol', grouped()).group![0]!.stratifier![0]!.stratum!;
    expect(roles.map((s) => s.population![0]!.count)).toEqual([undefined, undefined, 9]);
    expect(roles[0]!.extension).toEqual(MASKED);
    expect(roles[0]!.value!.coding![0]).toEqual({ system: 'http://snomed.info/sct', code: '62247001', display: 'Family medicine specialist' });
    const domains = report('verwijzingen-per-levensgebied', grouped()).group![0]!.stratifier![0]!.stratum!;
    expect(domains.map((s) => s.population![0]!.count)).toEqual([5, undefined, 9]);
  });

  test('a score that cannot be computed is unknown, not masked', () => {
    const g = report('capaciteit-brugfunctie', [{ code: 'fte-per-10000-inwoners', counts: [], score: null, restsOn: [] }]).group![0]!;
    expect(g.measureScore).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }], unit: 'fte per 10.000 inwoners' });
    expect(g.extension![0]!.valueRange).toEqual({ low: { value: 0.2, unit: 'fte per 10.000 inwoners' }, high: { value: 0.5, unit: 'fte per 10.000 inwoners' } });
  });
});
