import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle } from '@medplum/fhirtypes';

export const EXAMPLES_DIR = path.join(__dirname, '../../examples');

/** Which placeholder each `urn:uuid:` fullUrl fills (the same file the scenario reads). */
export const PLACEHOLDER_OF = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, 'placeholders.json'), 'utf8')) as Record<string, string>;

/** Every example bundle, as a path under examples/. */
export function exampleFiles(): string[] {
  const top = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json') && f !== 'placeholders.json');
  const invalid = readdirSync(path.join(EXAMPLES_DIR, 'invalid')).filter((f) => f.endsWith('.json')).map((f) => `invalid/${f}`);
  return [...top, ...invalid].sort();
}

/** An example with its `{{placeholders}}` filled; an unknown one fails the test. */
export function fill(file: string, values: Record<string, string>): Bundle {
  const text = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8').replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    if (values[name] === undefined) throw new Error(`examples/${file} needs {{${name}}}`);
    return values[name];
  });
  return JSON.parse(text) as Bundle;
}

/** The rows of the README table under `heading`, as objects keyed by column name (backticks removed). */
export function readmeTable(heading: string): Record<string, string>[] {
  const text = readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`examples/README.md has no section "${heading}"`);
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const cells = (line: string) => line.slice(1, -1).split('|').map((c) => c.trim().replace(/`/g, ''));
  const columns = cells(lines[0]!);
  return lines.slice(2).map((line) => Object.fromEntries(cells(line).map((c, i) => [columns[i], c])));
}

/** The files an "after" cell names: `1, 2a` → 1-verwijzing.json, 2a-aanvaarden.json. */
export function stepsBefore(after: string): string[] {
  const files = exampleFiles();
  return after.split(',').map((s) => s.trim()).filter(Boolean).map((key) => {
    const file = files.find((f) => f.startsWith(`${key}-`));
    if (!file) throw new Error(`no example for step ${key}`);
    return file;
  });
}
