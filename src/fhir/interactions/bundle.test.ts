import { BrugError } from '../../errors.ts';
import { bundleToProcess } from './bundle.ts';

const expressionOf = (body: unknown): readonly string[] | undefined => {
  try {
    bundleToProcess(body);
  } catch (err) {
    if (err instanceof BrugError) return err.expression;
  }
  return undefined;
};

describe('bundleToProcess', () => {
  it('accepts transaction and batch Bundles, with or without entries', () => {
    expect(bundleToProcess({ resourceType: 'Bundle', type: 'batch' })).toEqual({ type: 'batch', entries: [] });
    const entry = [{ request: { method: 'GET', url: 'Patient' } }];
    expect(bundleToProcess({ resourceType: 'Bundle', type: 'transaction', entry })).toEqual({ type: 'transaction', entries: entry });
  });

  it('refuses anything else, naming the element', () => {
    expect(expressionOf(undefined)).toEqual(['Bundle']);
    expect(expressionOf({ resourceType: 'Patient' })).toEqual(['Bundle']);
    expect(expressionOf({ resourceType: 'Bundle', type: 'collection' })).toEqual(['Bundle.type']);
    expect(expressionOf({ resourceType: 'Bundle' })).toEqual(['Bundle.type']);
    expect(expressionOf({ resourceType: 'Bundle', type: 'batch', entry: {} })).toEqual(['Bundle.entry']);
  });
});
