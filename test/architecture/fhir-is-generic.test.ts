import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const LAYERS = ['conformance', 'terminology', 'workflow', 'subscriptions', 'security', 'monitoring'];
const root = path.resolve(__dirname, '../../src');

describe('architecture: the FHIR engine and the store know nothing of referrals', () => {
  const engineFiles = filesUnder(path.join(root, 'fhir'));
  const storeFiles = filesUnder(path.join(root, 'store'));

  it.each(engineFiles.map((f) => [path.relative(root, f), f]))('%s imports no layer and no Brug canonical', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const layer of LAYERS) expect(text).not.toMatch(new RegExp(`from '(\\.\\./)+${layer}/`));
    expect(text).not.toMatch(/brug\.[a-z]+\/fhir|sociaal|verwijz|brugfunctionaris/i);
  });

  it.each(storeFiles.map((f) => [path.relative(root, f), f]))('%s imports neither the engine nor a layer', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const layer of [...LAYERS, 'fhir']) expect(text).not.toMatch(new RegExp(`from '(\\.\\./)+${layer}/`));
  });

  it('reads process.env only in config.ts', () => {
    const offenders = filesUnder(root).filter((f) => !f.endsWith('config.ts') && !f.endsWith('.test.ts') && readFileSync(f, 'utf8').includes('process.env'));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('has no utils/helpers/common/misc files and no console calls', () => {
    const all = filesUnder(root);
    expect(all.filter((f) => /\/(utils|helpers|common|misc)\.ts$/.test(f))).toEqual([]);
    expect(all.filter((f) => !f.endsWith('.test.ts') && /\bconsole\.(log|error|warn|info)\(/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
