import type { StructureDefinition } from '@medplum/fhirtypes';
import { attachBaseChecks, modelResolver } from './base-checks.ts';
import type { ChecksContext } from './element-checks.ts';
import { compileStructure, primitivePattern, type ComplexModel, type ElementRule } from './element-model.ts';
import { Findings } from './findings.ts';
import { InvariantCompiler, type InvariantScope } from './invariants.ts';
import { checkPrimitive, isPrimitiveType } from './primitive-rules.ts';

type Json = unknown;

interface Walk {
  findings: Findings;
  depth: number;
  scope: InvariantScope;
}

const MAX_DEPTH = 64;

function issue(walk: Walk, code: string, diagnostics: string, expression: string): void {
  walk.findings.add('error', code, diagnostics, expression);
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a resource against the base R4 definitions in one walk. The JSON format: known elements only, arrays where
 * the base definition repeats, required elements present, one choice per [x], primitive values of the right JSON
 * type and pattern, no empty objects, arrays or strings. The content rules: every invariant of the base definitions
 * (per element and per type), reference target types, and the bindings (collected, checked afterwards). Contained
 * and nested resources too. The models are compiled once from the snapshots (see bench/README.md, "Validation",
 * for why this is a hand-compiled walker and not a JSON Schema run by ajv).
 */
export class StructureValidator {
  private readonly models = new Map<string, ComplexModel>();
  private readonly patterns = new Map<string, RegExp | undefined>();
  private readonly resourceTypes: ReadonlySet<string>;
  /** Shared with the profile compiler, so an invariant that profiles repeat is compiled once. */
  readonly invariantCompiler: InvariantCompiler;

  /** `contentRules: false` leaves out invariants, targets and bindings (the JSON structure alone, for measurements). */
  constructor(baseStructures: ReadonlyMap<string, StructureDefinition>, options: { contentRules?: boolean } = {}) {
    const resources = new Set<string>();
    for (const [type, sd] of baseStructures) {
      if (sd.kind === 'primitive-type') this.patterns.set(type, primitivePattern(sd));
      else for (const [path, model] of compileStructure(sd)) this.models.set(path, model);
      if (sd.kind === 'resource' && !sd.abstract) resources.add(type);
    }
    this.resourceTypes = resources;
    this.invariantCompiler = new InvariantCompiler(modelResolver(this.models));
    const checks: ChecksContext = { invariants: this.invariantCompiler, targetType: (url) => baseTargetType(url, resources) };
    if (options.contentRules !== false) attachBaseChecks(this.models, baseStructures.values(), checks);
  }

  validate(resource: Json): Findings {
    const walk: Walk = { findings: new Findings(), depth: 0, scope: { resource, rootResource: resource } };
    this.resource(resource, walk, '', false);
    return walk.findings;
  }

  private resource(value: Json, walk: Walk, at: string, contained: boolean): void {
    if (!isObject(value)) return issue(walk, 'structure', 'A resource must be a JSON object', at || 'Resource');
    const type = value.resourceType;
    if (typeof type !== 'string' || !this.resourceTypes.has(type)) {
      return issue(walk, 'structure', `Unknown resource type ${JSON.stringify(type)}`, at ? `${at}.resourceType` : 'resourceType');
    }
    const outer = walk.scope;
    // %rootResource is the container of a contained resource, and the resource itself otherwise (fhirpath.html#variables).
    walk.scope = { resource: value, rootResource: contained ? outer.rootResource : value };
    this.complex(value, this.models.get(type)!, walk, at ? `${at}` : type, true);
    walk.scope = outer;
  }

  private complex(value: Record<string, Json>, model: ComplexModel, walk: Walk, at: string, isResource = false): void {
    if (++walk.depth > MAX_DEPTH) return issue(walk, 'too-costly', 'The resource is nested too deeply', at);
    const keys = Object.keys(value);
    // A resource with only its resourceType is valid (every element of Patient is optional); an empty element is not.
    if (keys.length === 0) issue(walk, 'structure', 'Empty objects are not allowed in FHIR JSON', at);
    else if (!isResource && keys.length === 1 && keys[0] === 'id') issue(walk, 'structure', 'ele-1: All FHIR elements must have a @value or children (an id alone is not enough)', at);
    const chosen = new Map<string, string>();
    for (const key of keys) {
      if (isResource && key === 'resourceType') continue;
      const companion = key.startsWith('_');
      const name = companion ? key.slice(1) : key;
      const rule = model.rules.get(name);
      const path = `${at}.${name}`;
      if (!rule || (companion && !isPrimitiveType(rule.type))) {
        issue(walk, 'structure', `Unknown element "${key}"`, path);
        continue;
      }
      if (rule.choiceGroup && !companion) {
        const other = chosen.get(rule.choiceGroup);
        if (other) issue(walk, 'structure', `Only one of ${other} and ${name} may be present (${rule.choiceGroup})`, path);
        chosen.set(rule.choiceGroup, name);
      }
      this.property(value[key], rule, walk, path, companion);
      if (companion && rule.checks?.binding?.strength === 'required') this.codeWithoutValue(value[name], value[key], rule, walk, path);
    }
    for (const req of model.required) {
      const present = req.alternatives.some((n) => value[n] !== undefined || value[`_${n}`] !== undefined);
      if (!present) issue(walk, 'required', `Missing required element "${req.name}"`, `${at}.${req.name}`);
    }
    if (model.invariants && model.invariants.length > 0) walk.findings.invariants(value, model.invariants, at, walk.scope);
    walk.depth--;
  }

  private property(value: Json, rule: ElementRule, walk: Walk, at: string, companion: boolean): void {
    if (value === null) return issue(walk, 'structure', 'null is only allowed inside arrays of primitives', at);
    if (Array.isArray(value) !== rule.isArray) {
      return issue(walk, 'structure', rule.isArray ? `"${rule.name}" repeats: it must be an array` : `"${rule.name}" does not repeat: it must not be an array`, at);
    }
    const items = Array.isArray(value) ? value : [value];
    if (items.length === 0) return issue(walk, 'structure', 'Empty arrays are not allowed in FHIR JSON', at);
    if (items.length > rule.max) issue(walk, 'structure', `"${rule.name}" allows at most ${rule.max}, found ${items.length}`, at);
    items.forEach((item, i) => {
      const itemAt = rule.isArray ? `${at}[${i}]` : at;
      if (item === null) {
        if (!rule.isArray || !isPrimitiveType(rule.type)) issue(walk, 'structure', 'null is only allowed inside arrays of primitives', itemAt);
        return;
      }
      if (companion) return this.companion(item, walk, itemAt);
      this.item(item, rule, walk, itemAt);
    });
  }

  private item(item: Json, rule: ElementRule, walk: Walk, at: string): void {
    if (isPrimitiveType(rule.type)) {
      const problem = checkPrimitive(rule.type, item, this.patterns.get(rule.type));
      if (problem) return issue(walk, 'value', problem, at);
    } else if (rule.type === 'Resource' || rule.type === 'DomainResource') {
      return this.resource(item, walk, at, rule.name === 'contained');
    } else {
      if (!isObject(item)) return issue(walk, 'structure', `"${rule.name}" must be a JSON object (${rule.type})`, at);
      const model = this.models.get(rule.childrenPath ?? rule.type);
      if (model) this.complex(item, model, walk, at);
      if (rule.type === 'Extension') walk.findings.extensions.push({ value: item, expression: at, scope: walk.scope, modifier: rule.name === 'modifierExtension' });
    }
    if (rule.checks && !walk.findings.full) walk.findings.checks(item, rule.type, rule.checks, at, walk.scope);
  }

  /** A bound code that has only extensions (`_status`): a required binding needs the code itself (as the HL7 validator says). */
  private codeWithoutValue(values: Json, companions: Json, rule: ElementRule, walk: Walk, at: string): void {
    const list = Array.isArray(companions) ? companions : [companions];
    list.forEach((c, i) => {
      const v = Array.isArray(values) ? values[i] : values;
      if (c != null && v == null && !carriesValue(c)) issue(walk, 'code-invalid', `No code provided, and a code is required from the value set ${rule.checks!.binding!.valueSet}`, Array.isArray(companions) ? `${at}[${i}]` : at);
    });
  }

  /** `_birthDate: { id, extension }`: the id and extensions of a primitive value. */
  private companion(item: Json, walk: Walk, at: string): void {
    if (!isObject(item)) return issue(walk, 'structure', 'A primitive\'s "_" companion must be an object with id and/or extension', at);
    this.complex(item, this.models.get('Element') ?? { rules: new Map(), required: [] }, walk, at);
  }
}

const CORE = 'http://hl7.org/fhir/StructureDefinition/';

/** A cross-version extension (versions.html#extensions) carries the value of a code that this version cannot hold. */
function carriesValue(companion: unknown): boolean {
  const extensions = isObject(companion) && Array.isArray(companion.extension) ? companion.extension : [];
  return extensions.some((e) => isObject(e) && typeof e.url === 'string' && /^http:\/\/hl7\.org\/fhir\/\d\.\d\/StructureDefinition\/extension-/.test(e.url));
}

/** `http://hl7.org/fhir/StructureDefinition/Patient` names the type Patient; other profiles are not known here. */
function baseTargetType(url: string, resourceTypes: ReadonlySet<string>): string | undefined {
  const type = url.startsWith(CORE) ? url.slice(CORE.length).replace(/\|.*$/, '') : undefined;
  return type && resourceTypes.has(type) ? type : undefined;
}
