// https://hl7.org/fhir/R4/operations.html#executing: GET takes primitive parameters from the query, POST a Parameters body
import type { CodeableConcept, Coding, ParametersParameter, Resource } from '@medplum/fhirtypes';
import { FhirErrors } from '../errors.ts';
import type { FhirRequest } from '../request.ts';

interface Entry {
  readonly name: string;
  /** Where the value sits, for OperationOutcome.issue.expression. */
  readonly expression: string;
  /** A query value, or the Parameters entry it came from. */
  readonly raw: string | ParametersParameter;
}

/** What an operation says of its parameters; the reader does the rest. */
export interface OperationParameters {
  /**
   * The only parameters it reads: any other is refused, so a client never believes an ignored parameter was applied.
   * Query parameters that start with `_` (`_format`, `_pretty`) are the engine's and always pass.
   */
  readonly known?: readonly string[];
  /** The body is not a Parameters resource but the resource of this parameter (`$validate` takes a bare resource). */
  readonly bodyIs?: string;
}

const STRINGS = ['valueString', 'valueUri', 'valueCode', 'valueCanonical', 'valueUrl', 'valueId', 'valueOid', 'valueUuid', 'valueMarkdown', 'valueDateTime', 'valueDate'] as const;
const INTEGERS = ['valueInteger', 'valueUnsignedInt', 'valuePositiveInt'] as const;

function bodyEntries(request: FhirRequest, operation: string, bodyIs: string | undefined): Entry[] {
  if (request.method !== 'POST' || request.body === undefined) return [];
  const body = request.body as { resourceType?: unknown; parameter?: unknown };
  if (bodyIs !== undefined) return [{ name: bodyIs, expression: String(body.resourceType), raw: { name: bodyIs, resource: request.body as Resource } }];
  if (body === null || typeof body !== 'object' || body.resourceType !== 'Parameters') throw FhirErrors.operationNotParameters([operation], { expression: ['resourceType'] });
  const list = Array.isArray(body.parameter) ? (body.parameter as ParametersParameter[]) : [];
  return list.map((p, i) => {
    if (typeof p?.name !== 'string') throw FhirErrors.operationParameter([`#${i}`, 'a parameter needs a name'], { expression: [`Parameters.parameter[${i}]`] });
    return { name: p.name, expression: `Parameters.parameter[${i}]`, raw: p };
  });
}

/**
 * The inputs of one operation call, read the same way whether they came as query parameters or as Parameters, with
 * the engine's error codes. An operation keeps only its list of parameters and what each one means.
 */
export class OperationInput {
  private readonly entries: Entry[];
  private readonly inBody: boolean;

  constructor(request: FhirRequest, operation: string, parameters: OperationParameters = {}) {
    const fromQuery = request.query.map(([name, value]) => ({ name, expression: name, raw: value }));
    this.entries = [...bodyEntries(request, operation, parameters.bodyIs), ...fromQuery];
    this.inBody = request.method === 'POST' && request.body !== undefined;
    const known = parameters.known;
    if (!known) return;
    const unknown = this.entries.find((e) => !known.includes(e.name) && !(typeof e.raw === 'string' && e.name.startsWith('_')));
    if (unknown) throw FhirErrors.operationUnsupportedParameter([unknown.name, `$${operation} reads ${known.join(', ')}`], { expression: [unknown.expression] });
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
    if (given.length === 0) this.missing(`One of ${names.join(', ')} is required`, names[0]!);
    this.conflict(`Give only one of ${given.join(', ')}`, given[1]!);
  }

  /** Refuses the value of a parameter. */
  fail(name: string, problem: string): never {
    throw FhirErrors.operationParameter([name, problem], { expression: [this.where(name)] });
  }

  /** Refuses the call for a parameter it lacks, at the place that parameter would have been. */
  missing(message: string, name: string): never {
    throw FhirErrors.operationMissingParameter([message], { expression: [this.where(name)] });
  }

  /** Refuses parameters that exclude each other, at the one that should not have been given. */
  conflict(message: string, name: string): never {
    throw FhirErrors.operationConflictingParameters([message], { expression: [this.where(name)] });
  }

  /** Refuses a parameter the spec defines but this server does not offer. */
  unsupported(name: string, hint: string): void {
    if (this.has(name)) throw FhirErrors.operationUnsupportedParameter([name, hint], { expression: [this.where(name)] });
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

  /** A resource in `parameter.resource`: of the given type, or of any type when none is given. */
  resource<T extends Resource>(name: string, type?: T['resourceType']): T | undefined {
    const entry = this.single(name);
    if (!entry) return undefined;
    const what = type ?? 'resource';
    if (typeof entry.raw === 'string') this.fail(name, `a ${what} can only be sent in a POST Parameters body`);
    const resource = entry.raw.resource as { resourceType?: unknown } | undefined;
    const fits = type === undefined ? resource !== null && typeof resource === 'object' && !Array.isArray(resource) : resource?.resourceType === type;
    if (!fits) this.fail(name, `expected a ${what} in parameter.resource`);
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
    if (found.length > 1) throw FhirErrors.operationParameter([name, 'may be given only once'], { expression: [found[1]!.expression] });
    return found[0];
  }
}
