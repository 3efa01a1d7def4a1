// Reads the parts of Brug's Measure and MeasureReport resources the page shows (see the monitoring contract).

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const TARGET = 'https://brug.example.org/fhir/StructureDefinition/brug-streefwaarde';
const GEMEENTE = 'https://brug.example.org/fhir/StructureDefinition/brug-gemeente';

/** Suppressed because the count is small: shown as "< threshold", never as a number. */
export function isMasked(element) {
  return (element?.extension ?? []).some((e) => e.url === DATA_ABSENT_REASON && e.valueCode === 'masked');
}

/** A CodeableConcept's code; MeasureReport's stratifier.code is a list of them (R4), Measure's a single one. */
export function codeOf(concept) {
  const one = Array.isArray(concept) ? concept[0] : concept;
  return one?.coding?.[0]?.code ?? one?.text;
}

/** A cell of the page: a number, a masked figure, or nothing to show (no referrals to compute it from). */
export function cellOf(element, value) {
  if (isMasked(element)) return { masked: true };
  return typeof value === 'number' ? { value } : { absent: true };
}

/** The Measure's groups in order, each with its label and its national target (a range) where one exists. */
export function readMeasure(measure) {
  return {
    id: measure.id,
    title: measure.title ?? measure.name ?? measure.id,
    groups: (measure.group ?? []).map((group) => {
      const range = (group.extension ?? []).find((e) => e.url === TARGET)?.valueRange;
      return {
        code: codeOf(group.code),
        display: group.code?.coding?.[0]?.display ?? group.code?.text ?? group.description,
        stratifier: codeOf(group.stratifier?.[0]?.code),
        target: range ? { low: range.low?.value, high: range.high?.value, unit: range.low?.unit ?? range.high?.unit } : undefined,
      };
    }),
  };
}

function readStratum(stratifierCode, stratum) {
  const coding = stratum.value?.coding?.[0];
  const population = stratum.population?.[0];
  const masked = isMasked(stratum) || isMasked(population) || isMasked(stratum.measureScore);
  const value = stratum.measureScore?.value ?? population?.count;
  return {
    stratifier: stratifierCode,
    code: coding?.code ?? stratum.value?.text,
    display: coding?.display ?? stratum.value?.text ?? coding?.code,
    cell: masked ? { masked: true } : cellOf(undefined, value),
  };
}

/** One MeasureReport as { gemeente, groups: Map(code -> { cell, unit, strata }) }. */
export function readMeasureReport(report) {
  const groups = new Map();
  for (const group of report.group ?? []) {
    const score = group.measureScore;
    groups.set(codeOf(group.code), {
      cell: cellOf(score, score?.value),
      unit: score?.unit,
      strata: (group.stratifier ?? []).flatMap((s) => (s.stratum ?? []).map((stratum) => readStratum(codeOf(s.code), stratum))),
      stratifiers: (group.stratifier ?? []).map((s) => codeOf(s.code)),
    });
  }
  const coding = (report.extension ?? []).find((e) => e.url === GEMEENTE)?.valueCoding;
  return {
    gemeente: { code: coding?.code, name: coding?.display ?? report.reporter?.display },
    groups,
  };
}
