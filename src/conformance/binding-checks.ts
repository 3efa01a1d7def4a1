// https://hl7.org/fhir/R4/terminologies.html#strength — checking bound codes with the terminology layer
import type { IssueDetail } from '../errors.ts';
import type { CodingInput, TerminologyService } from '../terminology/index.ts';
import type { PendingBinding } from './findings.ts';

type CheckResult = Awaited<ReturnType<TerminologyService['validateCode']>>;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The codings a bound value carries: a code, a Coding, the codings of a CodeableConcept, a Quantity's unit code. */
export function codingsOf(value: unknown, type: string): CodingInput[] {
  if (typeof value === 'string') return [{ code: value }];
  if (!isObject(value)) return [];
  if (type === 'CodeableConcept') {
    return (Array.isArray(value.coding) ? value.coding : []).filter(isObject).map((c) => ({ system: text(c.system), code: text(c.code), display: text(c.display) }));
  }
  if (value.code === undefined) return [];
  return [{ system: text(value.system), code: text(value.code), display: text(value.display) }];
}

const describe = (c: CodingInput) => (c.system ? `${c.system}|${c.code ?? ''}` : `"${c.code ?? ''}"`);

function outcome(binding: PendingBinding, codings: CodingInput[], results: CheckResult[]): IssueDetail | undefined {
  const at = [binding.expression];
  const { strength, valueSet } = binding.rule;
  if (codings.length === 0) {
    // Text alone is allowed for extensible and preferred bindings, not for required ones.
    return strength === 'required' ? { severity: 'error', code: 'code-invalid', diagnostics: `No code provided, and a code is required from the value set ${valueSet}`, expression: at } : undefined;
  }
  if (results.some((r) => r.result && !r.undetermined)) return undefined;
  const undetermined = results.find((r) => r.undetermined);
  if (undetermined) return { severity: 'warning', code: 'not-found', diagnostics: `The code(s) ${codings.map(describe).join(', ')} could not be checked against ${valueSet}: ${undetermined.message ?? 'the value set cannot be expanded here'}`, expression: at };
  const why = results.find((r) => r.message)?.message;
  const message = `The code(s) ${codings.map(describe).join(', ')} are not in the value set ${valueSet} (${strength} binding)${why ? `: ${why}` : ''}`;
  if (strength === 'required') return { severity: 'error', code: 'code-invalid', diagnostics: message, expression: at };
  // Preferred bindings only encourage a value set (terminologies.html#preferred): an information, not a warning.
  return { severity: strength === 'extensible' ? 'warning' : 'information', code: 'code-invalid', diagnostics: message, expression: at };
}

const MAX_CACHED = 50_000;

/**
 * Checks bindings with the terminology layer, remembering answers for value sets that cannot change while the
 * server runs: those of the base specification and of Brug's package, which the terminology layer prefers over
 * anything stored through the API. A check costs 10–20 µs in the terminology layer and a resource has 10–20 bound
 * codes, so without this the bindings would cost more than all other rules together (bench/README.md, "Validation").
 */
export class BindingChecker {
  private readonly cache = new Map<string, CheckResult>();
  private readonly service: TerminologyService;
  private readonly stable: (valueSet: string) => boolean;

  constructor(service: TerminologyService, stable: (valueSet: string) => boolean) {
    this.service = service;
    this.stable = stable;
  }

  /** One issue (or none) per pending binding, in order; calls the terminology layer only for answers not remembered. */
  async check(pending: readonly PendingBinding[]): Promise<(IssueDetail | undefined)[]> {
    const codings = pending.map((b) => codingsOf(b.value, b.type).filter((c) => c.code !== undefined));
    const answers = pending.map((b, i) => codings[i]!.map((c) => this.cache.get(this.key(b.rule.valueSet, c)) ?? this.ask(b.rule.valueSet, c)));
    if (answers.some((list) => list.some((a) => a instanceof Promise))) {
      const settled = await Promise.all(answers.map((list) => Promise.all(list).then((r) => r, (err: unknown) => err as Error)));
      return pending.map((b, i) => (settled[i] instanceof Error ? failure(b, settled[i]) : outcome(b, codings[i]!, settled[i] as CheckResult[])));
    }
    return pending.map((b, i) => outcome(b, codings[i]!, answers[i] as CheckResult[]));
  }

  private key(valueSet: string, c: CodingInput): string {
    return `${valueSet}\u0000${c.system ?? ''}\u0000${c.code ?? ''}\u0000${c.display ?? ''}`;
  }

  private async ask(valueSet: string, c: CodingInput): Promise<CheckResult> {
    const result = await this.service.validateCode(valueSet, c);
    if (this.stable(valueSet)) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(this.key(valueSet, c), result);
    }
    return result;
  }
}

function failure(binding: PendingBinding, err: Error): IssueDetail {
  return { severity: 'warning', code: 'exception', diagnostics: `The binding to ${binding.rule.valueSet} could not be checked: ${err.message}`, expression: [binding.expression] };
}
