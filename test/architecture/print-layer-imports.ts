// Prints the imports between src/'s folders, one arrow a line, and the ones that break the rules:
// `node test/architecture/print-layer-imports.ts [src-folder]`.
import path from 'node:path';
import { importEdges, layerArrows, violation } from './import-graph.ts';

const edges = importEdges(path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../../src')));
for (const [arrow, count] of layerArrows(edges)) process.stdout.write(`${String(count).padStart(4)}  ${arrow}\n`);
const wrong = edges.map(violation).filter((v) => v !== undefined);
process.stdout.write(`\n${wrong.length} imports break the rules${wrong.length > 0 ? ':\n  ' + wrong.join('\n  ') : ''}\n`);
