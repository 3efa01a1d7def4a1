// https://hl7.org/fhir/R4/valueset-operation-validate-code.html and codesystem-operation-validate-code.html
import type { CodeSystem, ValueSet } from '@medplum/fhirtypes';
import { isBrugError } from '../errors.ts';
import type { ExpandedConcept } from './concept-set.ts';
import { TerminologyErrors } from './errors.ts';
import { expandValueSet, type Expansion, type OpenPart } from './expand-value-set.ts';
import type { CodeCheck, CodingInput } from './terminology-service.ts';
import type { Resolver } from './terminology-sources.ts';

export type Verdict = CodeCheck & { readonly undetermined?: boolean };

/** Errors that say the server cannot judge a value set, not that the code is wrong. */
const CANNOT_JUDGE = new Set([TerminologyErrors.expansionTooLarge.code, TerminologyErrors.unsupportedFilter.code, TerminologyErrors.valueSetCycle.code, TerminologyErrors.invalidFilter.code]);

function normalised(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function described(coding: CodingInput): string {
  return coding.system ? `"${coding.code}" (${coding.system})` : `"${coding.code}"`;
}

/** A wrong display is a remark, not a refusal: displays are for humans and may be translated (Dutch vs English). */
export function checkDisplay(given: string | undefined, concept: { code: string; display?: string; designation?: readonly { value?: string }[] }, system: string): Verdict {
  const display = concept.display;
  const base: Verdict = { result: true, ...(display !== undefined ? { display } : {}) };
  if (given === undefined || display === undefined) return base;
  const allowed = [display, ...(concept.designation ?? []).map((d) => d.value ?? '')].map(normalised);
  if (allowed.includes(normalised(given))) return base;
  return { ...base, message: `The display "${given}" is not a display of code "${concept.code}" in ${system}; expected "${display}"` };
}

export function undetermined(message: string): Verdict {
  return { result: true, undetermined: true, message };
}

function reasons(parts: readonly OpenPart[]): string {
  return [...new Set(parts.map((p) => p.reason))].join('; ');
}

function covers(parts: readonly OpenPart[], system: string | undefined): OpenPart[] {
  return parts.filter((p) => p.system === undefined || system === undefined || p.system === system);
}

async function expansionOrReason(valueSet: ValueSet, resolver: Resolver, cacheable: boolean): Promise<Expansion | string> {
  try {
    return await expandValueSet(valueSet, resolver, { cacheable });
  } catch (err) {
    if (isBrugError(err) && CANNOT_JUDGE.has(err.code)) return err.message;
    throw err;
  }
}

/** Whether a coding is in a value set; `undetermined` when the server cannot know (codes it does not hold). */
export async function checkInValueSet(valueSet: ValueSet, coding: CodingInput, resolver: Resolver, cacheable: boolean): Promise<Verdict> {
  if (!coding.code) return { result: false, message: 'No code was given' };
  const name = valueSet.url ?? `ValueSet/${valueSet.id}`;
  const expansion = await expansionOrReason(valueSet, resolver, cacheable);
  if (typeof expansion === 'string') return undetermined(`The code ${described(coding)} could not be checked against ${name}: ${expansion}`);
  const match: ExpandedConcept | undefined = coding.system ? expansion.concepts.get(coding.system, coding.code) : expansion.concepts.withCode(coding.code)[0];
  if (match) {
    const doubt = covers(expansion.openExcludes, match.system);
    if (doubt.length > 0) return undetermined(`The code ${described(coding)} could not be checked against ${name}: ${reasons(doubt)}`);
    return checkDisplay(coding.display, match, match.system);
  }
  const open = covers(expansion.openIncludes, coding.system);
  if (open.length > 0) return undetermined(`The code ${described(coding)} could not be checked against ${name}: ${reasons(open)}`);
  return { result: false, message: `The code ${described(coding)} is not in the value set ${name}` };
}

/** Whether a code is defined in a code system the server holds. */
export function checkInCodeSystem(codeSystem: CodeSystem, coding: CodingInput, resolver: Resolver): Verdict {
  const url = codeSystem.url ?? `CodeSystem/${codeSystem.id}`;
  if (!coding.code) return { result: false, message: 'No code was given' };
  if (coding.system !== undefined && codeSystem.url !== undefined && coding.system !== codeSystem.url) {
    return { result: false, message: `The system ${coding.system} is not the code system ${url}` };
  }
  const concept = resolver.sources.index(codeSystem).get(coding.code);
  if (concept) return checkDisplay(coding.display, concept, url);
  if (codeSystem.content !== 'complete') return undetermined(`Code system ${url} is only partly held (content: ${codeSystem.content}); the code "${coding.code}" could not be checked`);
  return { result: false, message: `The code "${coding.code}" is not defined in code system ${url}` };
}

/** A CodeableConcept is valid when one of its codings is; the messages of the others are kept when none is. */
export async function checkCodings(codings: readonly CodingInput[], check: (c: CodingInput) => Promise<Verdict>): Promise<Verdict> {
  if (codings.length === 0) return { result: false, message: 'The CodeableConcept has no coding' };
  const verdicts = await Promise.all(codings.map(check));
  const valid = verdicts.find((v) => v.result && !v.undetermined);
  if (valid) return valid;
  const open = verdicts.find((v) => v.undetermined);
  if (open) return open;
  return { result: false, message: verdicts.map((v) => v.message).filter(Boolean).join('; ') };
}
