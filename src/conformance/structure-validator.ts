import type { StructureDefinition } from '@medplum/fhirtypes';
import type { IssueDetail } from '../errors.ts';
import { compileStructure, primitivePattern, type ComplexModel, type ElementRule } from './element-model.ts';
import { checkPrimitive, isPrimitiveType } from './primitive-rules.ts';

type Json = unknown;

interface Walk {
  issues: IssueDetail[];
  depth: number;
}

const MAX_ISSUES = 50;
const MAX_DEPTH = 64;

function issue(walk: Walk, code: string, diagnostics: string, expression: string): void {
  if (walk.issues.length < MAX_ISSUES) walk.issues.push({ severity: 'error', code, diagnostics, expression: [expression] });
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a resource against the base R4 definitions, as the JSON format defines them: known elements only,
 * arrays where the base definition repeats, required elements present, one choice per [x], primitive values of
 * the right JSON type and pattern, no empty objects, arrays or strings. Contained and nested resources too.
 */
export class StructureValidator {
  private readonly models = new Map<string, ComplexModel>();
  private readonly patterns = new Map<string, RegExp | undefined>();
  private readonly resourceTypes: ReadonlySet<string>;

  constructor(baseStructures: ReadonlyMap<string, StructureDefinition>) {
    const resources = new Set<string>();
    for (const [type, sd] of baseStructures) {
      if (sd.kind === 'primitive-type') this.patterns.set(type, primitivePattern(sd));
      else for (const [path, model] of compileStructure(sd)) this.models.set(path, model);
      if (sd.kind === 'resource' && !sd.abstract) resources.add(type);
    }
    this.resourceTypes = resources;
  }

  validate(resource: Json): IssueDetail[] {
    const walk: Walk = { issues: [], depth: 0 };
    this.resource(resource, walk, '');
    return walk.issues;
  }

  private resource(value: Json, walk: Walk, at: string): void {
    if (!isObject(value)) return issue(walk, 'structure', 'A resource must be a JSON object', at || 'Resource');
    const type = value.resourceType;
    if (typeof type !== 'string' || !this.resourceTypes.has(type)) {
      return issue(walk, 'structure', `Unknown resource type ${JSON.stringify(type)}`, at ? `${at}.resourceType` : 'resourceType');
    }
    this.complex(value, this.models.get(type)!, walk, at ? `${at}` : type, true);
  }

  private complex(value: Record<string, Json>, model: ComplexModel, walk: Walk, at: string, isResource = false): void {
    if (++walk.depth > MAX_DEPTH) return issue(walk, 'too-costly', 'The resource is nested too deeply', at);
    const keys = Object.keys(value);
    if (keys.length === 0 || (isResource && keys.length === 1)) issue(walk, 'structure', 'Empty objects are not allowed in FHIR JSON', at);
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
    }
    for (const req of model.required) {
      const present = req.alternatives.some((n) => value[n] !== undefined || value[`_${n}`] !== undefined);
      if (!present) issue(walk, 'required', `Missing required element "${req.name}"`, `${at}.${req.name}`);
    }
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
      if (problem) issue(walk, 'value', problem, at);
      return;
    }
    if (rule.type === 'Resource' || rule.type === 'DomainResource') return this.resource(item, walk, at);
    if (!isObject(item)) return issue(walk, 'structure', `"${rule.name}" must be a JSON object (${rule.type})`, at);
    const model = this.models.get(rule.childrenPath ?? rule.type);
    if (!model) return;
    this.complex(item, model, walk, at);
  }

  /** `_birthDate: { id, extension }`: the id and extensions of a primitive value. */
  private companion(item: Json, walk: Walk, at: string): void {
    if (!isObject(item)) return issue(walk, 'structure', 'A primitive\'s "_" companion must be an object with id and/or extension', at);
    this.complex(item, this.models.get('Element') ?? { rules: new Map(), required: [] }, walk, at);
  }
}
