import type { OperationDefinition } from '@medplum/fhirtypes';
import type { Engine } from '../engine.ts';
import type { InteractionContext } from '../hooks/points.ts';
import type { FhirRequest, FhirResponse } from '../request.ts';

export type OperationLevel = 'system' | 'type' | 'instance';

export interface OperationInvocation {
  readonly engine: Engine;
  readonly request: FhirRequest;
  readonly context: InteractionContext;
  readonly level: OperationLevel;
  readonly resourceType?: string;
  readonly id?: string;
  /**
   * Runs `request` as this same caller, with every hook and rule, inside a database transaction that is then rolled
   * back: what the server would answer, with nothing written (`Bundle/$validate` of a transaction). Refused with
   * `rehearsalNested` when the operation itself runs inside a transaction Bundle, which one rollback cannot undo alone.
   */
  readonly rehearse: (request: FhirRequest) => Promise<FhirResponse>;
}

export interface OperationSpec {
  /** Without the `$`: "validate", "expand". */
  readonly name: string;
  readonly levels: readonly OperationLevel[];
  /** Types it applies to at type and instance level; undefined for every served type. */
  readonly resourceTypes?: readonly string[];
  /**
   * At type level it also takes the R4 types the server does not store (`Bundle/$validate`, before a client sends
   * one): the operation must then touch no stored resource of the type, since there are none.
   */
  readonly everyType?: boolean;
  /** GET is allowed only for operations without side effects. */
  readonly methods: readonly ('GET' | 'POST')[];
  /** Canonical URL of its OperationDefinition, listed in the CapabilityStatement. */
  readonly definition: string;
  readonly documentation?: string;
  readonly operationDefinition?: OperationDefinition;
  readonly handler: (call: OperationInvocation) => Promise<FhirResponse>;
}

/** Operations that layers add ($validate, $expand, …); the CapabilityStatement is generated from this list. */
export class OperationRegistry {
  private readonly specs = new Map<string, OperationSpec[]>();
  private closed = false;

  register(spec: OperationSpec): void {
    if (this.closed) throw new Error(`Operation $${spec.name} registered after start`);
    const list = this.specs.get(spec.name) ?? [];
    list.push(spec);
    this.specs.set(spec.name, list);
  }

  find(name: string, level: OperationLevel, resourceType?: string): OperationSpec | undefined {
    return this.specs
      .get(name)
      ?.find((s) => s.levels.includes(level) && (level === 'system' || !s.resourceTypes || (resourceType !== undefined && s.resourceTypes.includes(resourceType))));
  }

  all(): OperationSpec[] {
    return [...this.specs.values()].flat();
  }

  close(): void {
    this.closed = true;
  }
}
