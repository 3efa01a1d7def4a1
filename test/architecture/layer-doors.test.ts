import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FORBIDDEN, filesUnder, importEdges, layerArrows, violation, type ImportEdge } from './import-graph.ts';

const root = path.resolve(__dirname, '../../src');

describe('architecture: layers meet only at their front doors', () => {
  it('has no import in src/ past a folder\'s index.ts, and none of the arrows that never exist', () => {
    expect(importEdges(root).map(violation).filter((v) => v !== undefined)).toEqual([]);
  });

  it('lists the imports between folders (the map a reviewer compares)', () => {
    const arrows = [...layerArrows(importEdges(root)).keys()];
    expect(arrows.filter((a) => a.endsWith('(internal)'))).toEqual(['app.ts → ../package.json (internal)', 'app.ts → security/hardening/index.ts (internal)']);
  });
});

describe('architecture: the store\'s tables are the store\'s', () => {
  // Known exceptions, to move behind the store's views: the audit log's one-time move of AuditEvents out of the
  // store's tables, and its filter on references to an AuditEvent's entities (both came with the audit log rework).
  const PENDING = ['security/audit/log/audit-filter.ts', 'security/audit/log/audit-log-schema.ts'];

  it('lets other layers read the search index and history only through the secondary-use views', () => {
    const readers = filesUnder(root)
      .map((file) => path.relative(root, file))
      .filter((file) => !file.startsWith('store/') && !PENDING.includes(file))
      .filter((file) => /\b(FROM|JOIN)\s+(sp_[a-z]+|resource_history|resources)\b/i.test(readFileSync(path.join(root, file), 'utf8')));
    expect(readers).toEqual([]);
  });
});

describe('architecture: the rules refuse every arrow they name', () => {
  const edge = (from: string, to: string): ImportEdge => ({ from, to });

  it.each(FORBIDDEN.map(([a, b]) => [a, b]))('%s never imports %s, not even through its index.ts', (from, to) => {
    expect(violation(edge(`${from}/some-file.ts`, `${to}/index.ts`))).toMatch(/never depends on/);
  });

  it.each([
    ['subscriptions/status-operations.ts', 'terminology/operation-input.ts'],
    ['subscriptions/topics.ts', 'conformance/required-profiles.ts'],
    ['subscriptions/internal-caller.ts', 'security/scopes.ts'],
    ['monitoring/a.ts', 'fhir/hooks/points.ts'],
    ['conformance/a.ts', 'store/pg-repository.ts'],
    ['config.ts', 'fhir/limits.ts'],
  ])('%s may not import %s past the front door', (from, to) => {
    expect(violation(edge(from, to))).toBeDefined();
  });

  it('keeps the engine and the store apart from Brug\'s URLs and layers, also from the ground floor', () => {
    expect(violation(edge('fhir/a.ts', 'canonical-urls.ts'))).toMatch(/knows nothing of Brug/);
    expect(violation(edge('store/a.ts', 'canonical-urls.ts'))).toMatch(/knows nothing of Brug/);
    expect(violation(edge('errors.ts', 'workflow/index.ts'))).toMatch(/ground floor/);
  });

  it('lets a layer use another one\'s index.ts, the ground floor and its own files', () => {
    for (const [from, to] of [
      ['workflow/a.ts', 'fhir/index.ts'],
      ['monitoring/a.ts', 'terminology/index.ts'],
      ['security/a.ts', 'store/index.ts'],
      ['workflow/a.ts', 'canonical-urls.ts'],
      ['fhir/a.ts', 'errors.ts'],
      ['security/audit/a.ts', 'security/policy/b.ts'],
      ['app.ts', 'security/hardening/index.ts'],
    ] as const) {
      expect(violation(edge(from, to))).toBeUndefined();
    }
  });

  it('finds type-only and side-effect imports as well as plain ones', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brug-imports-'));
    try {
      mkdirSync(path.join(dir, 'workflow'));
      writeFileSync(path.join(dir, 'workflow', 'index.ts'), "import type {} from '../security/index.ts';\nimport '../security/principal.ts';\nexport { x } from './x.ts';\n");
      writeFileSync(path.join(dir, 'workflow', 'x.ts'), "import {\n  a,\n  b,\n} from '../security/scopes.ts';\n");
      const found = importEdges(dir).map((e) => violation(e));
      expect(found.filter((v) => v !== undefined)).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
