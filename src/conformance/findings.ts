import type { IssueDetail } from '../errors.ts';
import type { BindingRule, ElementChecks } from './element-checks.ts';
import type { Invariant, InvariantScope } from './invariants.ts';
import { targetProblem } from './reference-targets.ts';

/** A value whose binding is checked after the walk, because the terminology service answers asynchronously. */
export interface PendingBinding {
  readonly rule: BindingRule;
  /** The code, Coding, CodeableConcept or Quantity as found in the resource. */
  readonly value: unknown;
  readonly type: string;
  readonly expression: string;
  /** The profile that set the binding; undefined for the base definitions. */
  readonly profile?: string;
}

/** An extension found while walking, checked against its definition afterwards when the server knows it. */
export interface ExtensionUse {
  readonly value: Record<string, unknown>;
  readonly expression: string;
  readonly scope: InvariantScope;
  readonly modifier: boolean;
}

const MAX_ISSUES = 100;

/** What a walk has found: issues now, and bindings and extensions that are checked after it. */
export class Findings {
  readonly issues: IssueDetail[] = [];
  readonly bindings: PendingBinding[] = [];
  readonly extensions: ExtensionUse[] = [];
  /** The profile whose rules are being checked; undefined for the base definitions. */
  profile: string | undefined;

  /** Adds an issue; under a profile (or extension definition) the message says which one, by its last URL segment. */
  add(severity: IssueDetail['severity'], code: string, diagnostics: string, expression: string): void {
    if (this.issues.length >= MAX_ISSUES) return;
    const source = this.profile ? ` (${this.profile.slice(this.profile.lastIndexOf('/') + 1)})` : '';
    this.issues.push({ severity, code, diagnostics: `${diagnostics}${source}`, expression: [expression] });
  }

  get full(): boolean {
    return this.issues.length >= MAX_ISSUES;
  }

  invariants(node: unknown, invariants: readonly Invariant[], at: string, scope: InvariantScope, type?: string): void {
    for (const inv of invariants) {
      let holds: boolean;
      try {
        holds = inv.holds(node, scope, type);
      } catch (err) {
        // An invariant we cannot evaluate must not refuse a write: say so, as a warning.
        this.add('warning', 'processing', `Invariant ${inv.key} could not be evaluated: ${(err as Error).message}`, at);
        continue;
      }
      if (!holds) this.add(inv.severity, 'invariant', `Constraint failed: ${inv.key}: ${inv.human} (${inv.expression})`, at);
    }
  }

  /** Invariants, reference targets, and (deferred) the binding of one value. */
  checks(node: unknown, type: string, checks: ElementChecks, at: string, scope: InvariantScope): void {
    if (checks.invariants.length > 0) this.invariants(node, checks.invariants, at, scope, type);
    if (checks.targets) {
      const problem = targetProblem(node, checks.targets, scope);
      if (problem) this.add('error', 'structure', problem, at);
    }
    if (checks.binding) this.bindings.push({ rule: checks.binding, value: node, type, expression: at, ...(this.profile ? { profile: this.profile } : {}) });
  }
}
