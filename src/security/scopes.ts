import type { ScopeAction, SmartScope } from '../fhir/index.ts';

export type { ScopeAction, SmartScope };

/**
 * SMART system scopes (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html): v1 `system/Task.read`
 * and v2 `system/Task.rs`. Only `system/` scopes mean anything to a backend service; others are never granted.
 */
export const SCOPE_ACTIONS: readonly ScopeAction[] = ['c', 'r', 'u', 'd', 's'];

const V1_ACTIONS: Readonly<Record<string, readonly ScopeAction[]>> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': SCOPE_ACTIONS,
};

const SCOPE = /^system\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)$/;

/** One scope, or undefined when it is not a system scope Brug grants (v2 query restrictions are not supported). */
export function parseScope(text: string): SmartScope | undefined {
  const m = SCOPE.exec(text);
  if (!m || m[2] === '') return undefined;
  const actions = V1_ACTIONS[m[2]!] ?? ([...m[2]!] as ScopeAction[]);
  return { resourceType: m[1]!, actions: new Set(actions) };
}

export function parseScopes(text: string): { scopes: SmartScope[]; ignored: string[] } {
  const scopes: SmartScope[] = [];
  const ignored: string[] = [];
  for (const part of text.split(/\s+/).filter((s) => s.length > 0)) {
    const scope = parseScope(part);
    if (scope) scopes.push(scope);
    else ignored.push(part);
  }
  return { scopes, ignored };
}

/** The v2 text of a scope: `system/Task.rs`. */
export function formatScope(scope: SmartScope): string {
  return `system/${scope.resourceType}.${SCOPE_ACTIONS.filter((a) => scope.actions.has(a)).join('')}`;
}

export function formatScopes(scopes: readonly SmartScope[]): string {
  return scopes.map(formatScope).join(' ');
}

/** Whether the scopes allow `action` on `resourceType`. */
export function permits(scopes: readonly SmartScope[], resourceType: string, action: ScopeAction): boolean {
  return scopes.some((s) => (s.resourceType === '*' || s.resourceType === resourceType) && s.actions.has(action));
}

/**
 * What a token may carry: each requested scope cut down to what the client is registered for. A client asking more
 * than it may gets less, never more (scope escalation); a scope cut to nothing is dropped.
 */
export function grantScopes(requested: readonly SmartScope[], allowed: readonly SmartScope[]): SmartScope[] {
  const granted: SmartScope[] = [];
  for (const want of requested) {
    if (want.resourceType === '*') {
      // A wildcard request is granted as the registered scopes it covers.
      for (const may of allowed) {
        const actions = SCOPE_ACTIONS.filter((a) => want.actions.has(a) && may.actions.has(a));
        if (actions.length > 0) granted.push({ resourceType: may.resourceType, actions: new Set(actions) });
      }
      continue;
    }
    const actions = SCOPE_ACTIONS.filter((a) => want.actions.has(a) && permits(allowed, want.resourceType, a));
    if (actions.length > 0) granted.push({ resourceType: want.resourceType, actions: new Set(actions) });
  }
  return granted;
}
