import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';
import { elementChecks, type ChecksContext } from './element-checks.ts';
import type { ComplexModel, ElementRule } from './element-model.ts';
import type { FastPathResolver, FastStep } from './fast-fhirpath.ts';
import type { Invariant } from './invariants.ts';
import { TYPE_RULES } from './native-invariants.ts';
import { isPrimitiveType } from './primitive-rules.ts';

function childContext(rule: ElementRule): string | undefined {
  if (rule.type === 'Resource' || rule.type === 'DomainResource') return undefined;
  return rule.childrenPath ?? rule.type;
}

/** Resolves element paths in the compiled base models, for the fast invariant compiler. */
export function modelResolver(models: ReadonlyMap<string, ComplexModel>): FastPathResolver {
  const contextOf = (path: string): string | undefined => {
    if (models.has(path)) return path;
    const parts = path.split('.');
    let context: string | undefined = parts[0];
    for (const part of parts.slice(1)) {
      const rule = context === undefined ? undefined : models.get(context)?.rules.get(part.replace(/\[x\]$/, ''));
      if (!rule) return undefined;
      context = childContext(rule);
    }
    return context;
  };
  return {
    step(context: string | undefined, name: string): FastStep | undefined {
      // Below a Resource-typed element the type is not known: plain keys only.
      if (context === undefined) return { keys: [name], primitive: undefined, next: undefined };
      const model = models.get(contextOf(context) ?? '');
      if (!model) return undefined;
      const rule = model.rules.get(name);
      // A choice variant by its JSON name (`contentAttachment`) is how ofType() reads one type of a choice.
      if (rule) return { keys: [name], primitive: isPrimitiveType(rule.type), next: childContext(rule), type: rule.type };
      const variants = [...model.rules.values()].filter((r) => r.choiceGroup === `${name}[x]`);
      if (variants.length === 0) return undefined;
      const primitives = variants.filter((r) => isPrimitiveType(r.type)).length;
      const primitive = primitives === variants.length ? true : primitives === 0 ? false : undefined;
      return { keys: variants.map((r) => r.name), primitive, next: undefined };
    },
  };
}

/**
 * Adds the content rules of the base definitions to the compiled structure models: each element's invariants,
 * binding and reference targets, and each type's own invariants (dom-2 on every resource, per-1 on every Period).
 */
export function attachBaseChecks(models: ReadonlyMap<string, ComplexModel>, structures: Iterable<StructureDefinition>, ctx: ChecksContext): void {
  const byPath = new Map<string, ElementDefinition>();
  for (const sd of structures) {
    if (sd.kind === 'primitive-type') continue;
    for (const el of sd.snapshot?.element ?? []) if (el.path) byPath.set(el.path, el);
    const root = sd.snapshot?.element?.[0];
    const model = models.get(sd.type!);
    if (root && model && !model.invariants) {
      const rules: Invariant[] = (TYPE_RULES[sd.type!] ?? []).map((r) => ({ ...r, severity: 'error', expression: '(native)', engine: 'native', reference: r.holds }));
      model.invariants = [...(root.constraint ?? []).flatMap((c) => ctx.invariants.compile(c, sd.type!) ?? []), ...rules];
    }
  }
  const seen = new Set<ComplexModel>();
  for (const model of models.values()) {
    if (seen.has(model)) continue;
    seen.add(model);
    for (const rule of model.rules.values()) {
      const el = byPath.get(rule.path);
      if (el) rule.checks = elementChecks(el, rule.type, rule.path, ctx);
    }
  }
}
