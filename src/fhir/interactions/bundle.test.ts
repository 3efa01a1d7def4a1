import { BrugError } from '../../errors.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { bundleToProcess } from './bundle.ts';

const expressionOf = (body: unknown): readonly string[] | undefined => {
  try {
    bundleToProcess(body, DEFAULT_LIMITS);
  } catch (err) {
    if (err instanceof BrugError) return err.expression;
  }
  return undefined;
};

describe('bundleToProcess', () => {
  it('accepts transaction and batch Bundles, with or without entries', () => {
    expect(bundleToProcess({ resourceType: 'Bundle', type: 'batch' }, DEFAULT_LIMITS)).toEqual({ type: 'batch', entries: [] });
    const entry = [{ request: { method: 'GET', url: 'Patient' } }];
    expect(bundleToProcess({ resourceType: 'Bundle', type: 'transaction', entry }, DEFAULT_LIMITS)).toEqual({ type: 'transaction', entries: entry });
  });

  it('refuses anything else, naming the element', () => {
    expect(expressionOf(undefined)).toEqual(['Bundle']);
    expect(expressionOf({ resourceType: 'Patient' })).toEqual(['Bundle']);
    expect(expressionOf({ resourceType: 'Bundle', type: 'collection' })).toEqual(['Bundle.type']);
    expect(expressionOf({ resourceType: 'Bundle' })).toEqual(['Bundle.type']);
    expect(expressionOf({ resourceType: 'Bundle', type: 'batch', entry: {} })).toEqual(['Bundle.entry']);
  });

  it('refuses more entries than MAX_BUNDLE_ENTRIES with 413 before looking at any, naming the limit', () => {
    const limits = { ...DEFAULT_LIMITS, maxBundleEntries: 3 };
    const entry = (n: number): unknown[] => Array.from({ length: n }, () => ({}));
    expect(bundleToProcess({ resourceType: 'Bundle', type: 'batch', entry: entry(3) }, limits).entries).toHaveLength(3);
    expect(() => bundleToProcess({ resourceType: 'Bundle', type: 'transaction', entry: entry(4) }, limits)).toThrow(
      expect.objectContaining({ category: 'too-large', expression: ['Bundle.entry'], message: expect.stringMatching(/4 entries.*at most 3 .*MAX_BUNDLE_ENTRIES=3/) }),
    );
  });
});
