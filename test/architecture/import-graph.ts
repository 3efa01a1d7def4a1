import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One import between files of `src/`, by their paths relative to `src/` (`workflow/index.ts`). */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** The engine, the store and the layers that plug into them; files directly in `src/` are the ground floor. */
export const ENGINE = 'fhir';
export const STORE = 'store';
export const LAYERS = ['conformance', 'terminology', 'workflow', 'subscriptions', 'security', 'monitoring', 'metrics'] as const;
export const FOLDERS: readonly string[] = [ENGINE, STORE, ...LAYERS];
/** The composition root: the only files that know every folder. */
export const ROOT_FILES: readonly string[] = ['app.ts', 'main.ts'];
/** The ground-floor files the engine and the store may use: they know nothing of Brug's URLs or layers. */
export const GENERIC_GROUND: readonly string[] = ['errors.ts', 'config.ts'];

/**
 * Arrows that never exist, whatever door they go through. Workflow, monitoring and subscriptions read the caller
 * from the engine, never from security.
 */
export const FORBIDDEN: readonly (readonly [string, string])[] = [
  ...LAYERS.map((f) => [ENGINE, f] as const),
  ...[ENGINE, ...LAYERS].map((f) => [STORE, f] as const),
  ['workflow', 'security'],
  ['monitoring', 'security'],
  ['subscriptions', 'security'],
  // Metrics knows no layer: src/app.ts hands it each layer's readings.
  ...LAYERS.filter((l) => l !== 'metrics').map((l) => ['metrics', l] as const),
];

/** Every non-test source file under `dir`, by its full path. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'|^\s*import\s*'([^']+)'/gm;

/** Every relative import of every non-test file under `root` (the `src` folder). */
export function importEdges(root: string): ImportEdge[] {
  return filesUnder(root).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2]!)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from: path.relative(root, file), to: path.relative(root, path.resolve(path.dirname(file), spec)) }));
  });
}

/** The folder a file belongs to, or undefined for the ground floor (`errors.ts`, `config.ts`, …). */
export function folderOf(file: string): string | undefined {
  const [first, ...rest] = file.split(path.sep);
  return rest.length > 0 ? first : undefined;
}

/** What is wrong with one import: it skips a folder's front door, or it is an arrow that never exists. */
export function violation(edge: ImportEdge): string | undefined {
  const from = folderOf(edge.from);
  const to = folderOf(edge.to);
  if (from === undefined) {
    if (ROOT_FILES.includes(edge.from) || to === undefined) return undefined;
    if (to !== ENGINE && to !== STORE) return `${edge.from} is ground floor and imports the layer ${to}`;
    return edge.to === `${to}/index.ts` ? undefined : `${edge.from} imports ${edge.to} past ${to}/index.ts`;
  }
  if (to === undefined) {
    const generic = from !== ENGINE && from !== STORE;
    return generic || GENERIC_GROUND.includes(edge.to) ? undefined : `${edge.from} imports ${edge.to}: ${from} knows nothing of Brug`;
  }
  if (to === from) return undefined;
  if (FORBIDDEN.some(([a, b]) => a === from && b === to)) return `${edge.from} imports ${edge.to}: ${from} never depends on ${to}`;
  if (edge.to !== `${to}/index.ts`) return `${edge.from} imports ${edge.to} past ${to}/index.ts`;
  return undefined;
}

/** Imports between folders, counted per arrow: `workflow → fhir/index.ts  12`. */
export function layerArrows(edges: readonly ImportEdge[]): Map<string, number> {
  const arrows = new Map<string, number>();
  for (const edge of edges) {
    const from = folderOf(edge.from) ?? edge.from;
    const to = folderOf(edge.to);
    if (to === undefined ? folderOf(edge.from) === undefined : to === folderOf(edge.from)) continue;
    const key = `${from} → ${to === undefined || edge.to === `${to}/index.ts` ? edge.to : edge.to + ' (internal)'}`;
    arrows.set(key, (arrows.get(key) ?? 0) + 1);
  }
  return new Map([...arrows].sort(([a], [b]) => a.localeCompare(b)));
}
