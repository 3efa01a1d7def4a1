import type { Extension, MeasureReport } from '@medplum/fhirtypes';
import type { ExpectedGroup } from './gala-expected.ts';

const DAR = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

function absent(extension: Extension[] | undefined): 'masked' | null | undefined {
  const code = extension?.find((e) => e.url === DAR)?.valueCode;
  return code === 'masked' ? 'masked' : code === undefined ? undefined : null;
}

/** A report's groups in the shape of GALA_EXPECTED: score, population counts and strata, 'masked' where masked. */
export function shownFigures(report: MeasureReport): Record<string, ExpectedGroup> {
  const out: Record<string, ExpectedGroup> = {};
  for (const group of report.group ?? []) {
    const code = group.code!.coding![0]!.code!;
    const score = group.measureScore?.value ?? absent(group.measureScore?.extension);
    const population = Object.fromEntries((group.population ?? []).map((p) => [p.code!.coding![0]!.code!, p.count ?? absent(p.extension)]));
    const stratifier = group.stratifier?.[0];
    out[code] = {
      score: score === undefined ? null : score,
      population,
      ...(stratifier ? { strata: Object.fromEntries((stratifier.stratum ?? []).map((s) => [s.value!.coding![0]!.code!, s.population?.[0]?.count ?? absent(s.population?.[0]?.extension) ?? null])) } : {}),
    } as ExpectedGroup;
  }
  return out;
}

/** Every number in the JSON under a key named `count` or `value`, with its path. */
export function numbersIn(node: unknown, path = ''): { path: string; key: string; value: number }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => numbersIn(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === 'number' ? [{ path: `${path}.${key}`, key, value }] : numbersIn(value, `${path}.${key}`),
  );
}
