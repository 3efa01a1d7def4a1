import { TASK_TRANSITIONS, type Transition } from './task-transitions.ts';

function label(x: Transition): string {
  const needs = x.requires.length > 0 ? ` (${x.requires.join(', ')})` : '';
  return `${x.by}${needs}`;
}

/** The table as a Mermaid state diagram, for the README (a test keeps the README equal to this). */
export function mermaidStateDiagram(): string {
  const lines = ['stateDiagram-v2'];
  for (const x of TASK_TRANSITIONS) {
    // Mermaid state names take no hyphens.
    const from = x.from === null ? '[*]' : x.from.replace(/-/g, '_');
    lines.push(`    ${from} --> ${x.to.replace(/-/g, '_')}: ${label(x)}`);
  }
  return lines.join('\n');
}

/** The table as Markdown text for the CapabilityStatement's Task documentation. */
export function taskDocumentation(): string {
  const rows = TASK_TRANSITIONS.map((x) => {
    const needs = x.requires.length > 0 ? `; requires ${x.requires.join(', ')}` : '';
    return `- ${x.from ?? '(create)'} → ${x.to} by the ${x.by} side${needs}; businessStatus ${x.steps.join(' | ')}: ${x.meaning}`;
  });
  return [
    'Referral Task (brug-verwijzingtaak) state machine. Updates need If-Match (428 without it). The requester side is the organisation of Task.requester, the owner side that of Task.owner.',
    ...rows,
  ].join('\n');
}
