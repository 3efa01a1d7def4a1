// https://hl7.org/fhir/R4/operations.html#executing: GET takes primitive parameters from the query, POST a Parameters body
import type { CodeableConcept, Coding, ParametersParameter, Resource } from '@medplum/fhirtypes';
import type { FhirRequest } from '../fhir/index.ts';
import { TerminologyErrors } from './errors.ts';

interface Entry {
  readonly name: string;
  /** Where the value sits, for OperationOutcome.issue.expression. */
  readonly expression: string;
  /** A query value, or the Parameters entry it came from. */
  readonly raw: string | ParametersParameter;
}

const STRINGS = ['valueString', 'valueUri', 'valueCode', 'valueCanonical', 'valueUrl', 'valueId', 'valueOid', 'valueUuid', 'valueMarkdown', 'valueDateTime', 'valueDate'] as const;
const INTEGERS = ['valueInteger', 'valueUnsignedInt', 'valuePositiveInt'] as const;

function entriesOf(request: FhirRequest, operation: string): Entry[] {
  const fromQuery = request.query.map(([name, value]) => ({ name, expression: name, raw: value }));
  if (request.method !== 'POST' || request.body === undefined) return fromQuery;
  const body = request.body as { resourceType?: unknown; parameter?: unknown };
  if (body === null || typeof body !== 'object' || body.resourceType !== 'Parameters') throw TerminologyErrors.notParameters([operation], { expression: ['resourceType'] });
  const list = Array.isArray(body.parameter) ? (body.parameter as ParametersParameter[]) : [];
  const fromBody = list.map((p, i) => {
    if (typeof p?.name !== 'string') throw TerminologyErrors.invalidParameter([`#${i}`, 'a parameter needs a name'], { expression: [`Parameters.parameter[${i}]`] });
    return { name: p.name, expression: `Parameters.parameter[${i}]`, raw: p };
  });
  return [...fromBody, ...fromQuery];
}

/** The inputs of one operation call, read the same way whether they came as query parameters or as Parameters. */
export class OperationInput {
  private readonly entries: Entry[];
  private readonly inBody: boolean;

  constructor(request: FhirRequest, operation: string) {
    this.entries = entriesOf(request, operation);
    this.inBody = request.method === 'POST' && request.body !== undefined;
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  /** A FHIRPath-ish location of a parameter: where it is, or where it would have been. */
  where(name: string): string {
    const found = this.entries.find((e) => e.name === name);
    if (found) return found.expression;
    return this.inBody ? `Parameters.parameter.where(name = '${name}')` : name;
  }

  /** Checks that exactly one of these parameters is given (the spec's "one (and only one) of"), and says which. */
  exactlyOne(names: readonly string[]): string {
    const given = names.filter((n) => this.has(n));
    if (given.length === 1) return given[0]!;
    if (given.length === 0) throw TerminologyErrors.missingParameter([`One of ${names.join(', ')} is required`], { expression: [this.where(names[0]!)] });
    throw TerminologyErrors.conflictingParameters([`Give only one of ${given.join(', ')}`], { expression: [this.where(given[1]!)] });
  }

  fail(name: string, problem: string): never {
    throw TerminologyErrors.invalidParameter([name, problem], { expression: [this.where(name)] });
  }

  string(name: string): string | undefined {
    const entry = this.single(name);
    return entry ? this.text(entry) : undefined;
  }

  strings(name: string): string[] {
    return this.entries.filter((e) => e.name === name).map((e) => this.text(e));
  }

  integer(name: string, min = 0): number | undefined {
    const entry = this.single(name);
    if (!entry) return undefined;
    const raw = entry.raw;
    const value = typeof raw === 'string' ? (/^-?\d+$/.test(raw) ? Number(raw) : NaN) : INTEGERS.map((k) => raw[k]).find((v) => typeof v === 'number');
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) this.fail(name, 'expected a whole number');
    if (value < min) this.fail(name, `must be ${min} or more`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const entry = this.single(name);
    if (!entry) return undefined;
    const value = typeof entry.raw === 'string' ? ({ true: true, false: false } as Record<string, boolean>)[entry.raw] : entry.raw.valueBoolean;
    if (typeof value !== 'boolean') this.fail(name, 'expected true or false');
    return value;
  }

  /** A Coding; on the query line as `system|code`, a shorthand many clients use. */
  coding(name: string): Coding | undefined {
    const entry = this.single(name);
    if (!entry) return undefined;
    if (typeof entry.raw === 'string') {
      const bar = entry.raw.indexOf('|');
      return bar < 0 ? { code: entry.raw } : { system: entry.raw.slice(0, bar) || undefined, code: entry.raw.slice(bar + 1) };
    }
    const coding = entry.raw.valueCoding;
    if (!coding || typeof coding !== 'object') this.fail(name, 'expected a valueCoding');
    return coding;
  }

  codeableConcept(name: string): CodeableConcept | undefined {
    const entry = this.single(name);
    if (!entry) return undefined;
    if (typeof entry.raw === 'string') this.fail(name, 'a CodeableConcept can only be sent in a POST Parameters body');
    const concept = entry.raw.valueCodeableConcept;
    if (!concept || typeof concept !== 'object') this.fail(name, 'expected a valueCodeableConcept');
    return concept;
  }

  resource<T extends Resource>(name: string, type: T['resourceType']): T | undefined {
    const entry = this.single(name);
    if (!entry) return undefined;
    if (typeof entry.raw === 'string') this.fail(name, `a ${type} can only be sent in a POST Parameters body`);
    if (entry.raw.resource?.resourceType !== type) this.fail(name, `expected a ${type} in parameter.resource`);
    return entry.raw.resource as T;
  }

  private text(entry: Entry): string {
    if (typeof entry.raw === 'string') return entry.raw;
    const raw = entry.raw;
    const key = STRINGS.find((k) => typeof raw[k] === 'string');
    if (!key) this.fail(entry.name, 'expected a primitive value such as valueString, valueUri or valueCode');
    return raw[key] as string;
  }

  private single(name: string): Entry | undefined {
    const found = this.entries.filter((e) => e.name === name);
    if (found.length > 1) throw TerminologyErrors.invalidParameter([name, 'may be given only once'], { expression: [found[1]!.expression] });
    return found[0];
  }
}
