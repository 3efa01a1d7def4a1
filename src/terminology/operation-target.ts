import type { CodeSystem, ConceptMap, ValueSet } from '@medplum/fhirtypes';
import type { OperationInvocation, OperationInput } from '../fhir/index.ts';
import type { CanonicalType } from './canonical.ts';
import { TerminologyErrors } from './errors.ts';
import type { Resolver } from './terminology-sources.ts';

interface TypeOf {
  CodeSystem: CodeSystem;
  ValueSet: ValueSet;
  ConceptMap: ConceptMap;
}

/** The input parameter names that name the resource an operation works on. */
export interface TargetParameters {
  /** Canonical URL: `url` for most operations, `system` for $lookup and $subsumes. */
  readonly url: string;
  /** The resource itself in a POST body (`valueSet`, `codeSystem`, `conceptMap`), when the operation allows it. */
  readonly inline?: string;
  /** A version that completes the canonical URL (`valueSetVersion`, `version`, `conceptMapVersion`). */
  readonly version?: string;
}

export interface Target<T> {
  readonly resource: T;
  /** Package and base resources never change, so what is derived from them may be cached. */
  readonly cacheable: boolean;
}

const NOT_FOUND = { CodeSystem: TerminologyErrors.codeSystemNotFound, ValueSet: TerminologyErrors.valueSetNotFound, ConceptMap: TerminologyErrors.conceptMapNotFound };

/**
 * The resource an operation works on: `[type]/[id]` at instance level, else by canonical URL or sent inline.
 * Undefined only when `optional` and nothing names one ($translate may then search every concept map).
 */
export async function resolveTarget<T extends CanonicalType>(
  type: T,
  call: OperationInvocation,
  input: OperationInput,
  resolver: Resolver,
  names: TargetParameters,
  optional = false,
): Promise<Target<TypeOf[T]> | undefined> {
  if (call.level === 'instance') {
    const found = await resolver.byId(type, call.id!);
    if (!found) throw TerminologyErrors.resourceNotFound([type, call.id!]);
    return { resource: found.resource, cacheable: found.origin !== 'stored' };
  }
  const url = input.string(names.url);
  const inline = names.inline ? input.resource<TypeOf[T]>(names.inline, type) : undefined;
  if (url !== undefined && inline) {
    input.conflict(`Give either ${names.url} or ${names.inline}, not both`, names.inline!);
  }
  if (inline) return { resource: inline, cacheable: false };
  if (url === undefined) {
    if (optional) return undefined;
    const either = names.inline ? ` (or ${names.inline} in a POST Parameters body)` : '';
    input.missing(`Parameter "${names.url}"${either} is required at type level`, names.url);
  }
  const version = names.version ? input.string(names.version) : undefined;
  const canonical = version !== undefined && !url.includes('|') ? `${url}|${version}` : url;
  const found = await resolver.find(type, canonical);
  if (!found) throw NOT_FOUND[type]([canonical], { expression: [input.where(names.url)] });
  return { resource: found.resource, cacheable: found.origin !== 'stored' };
}
