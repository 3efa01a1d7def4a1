import { exceedsJsonDepth, jsonShapeProblem } from './json-depth.ts';

const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);

describe('exceedsJsonDepth', () => {
  it('counts objects and arrays alike', () => {
    expect(exceedsJsonDepth(nested(3), 3)).toBe(false);
    expect(exceedsJsonDepth(nested(4), 3)).toBe(true);
    expect(exceedsJsonDepth('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":{"b":[{"c":{}}]}}', 4)).toBe(true);
  });

  it('measures depth, not the number of brackets', () => {
    expect(exceedsJsonDepth(`[${Array.from({ length: 1000 }, () => '[1]').join(',')}]`, 2)).toBe(false);
  });

  it('ignores brackets inside strings, also after escaped quotes and backslashes', () => {
    expect(exceedsJsonDepth(`{"a":"${'['.repeat(50)}"}`, 1)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\"${'{'.repeat(50)}"}`, 1)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\\\","b":${nested(2)}}`, 2)).toBe(true);
  });

  it('judges truncated text by what it has seen', () => {
    expect(exceedsJsonDepth('['.repeat(200), 100)).toBe(true);
    expect(exceedsJsonDepth('{"a": [1, 2', 100)).toBe(false);
  });

  it('answers for a body nested a million deep', () => {
    expect(exceedsJsonDepth(nested(1_000_000), 100)).toBe(true);
  });
});

describe('jsonShapeProblem', () => {
  const list = (n: number): string => `{"a":[${Array.from({ length: n }, (_, i) => i).join(',')}],"b":"${','.repeat(50)}"}`;

  it('counts the items of each array, not the commas of objects or strings', () => {
    expect(jsonShapeProblem(list(10), 5, 10)).toBeUndefined();
    expect(jsonShapeProblem(list(11), 5, 10)).toBe('too-long');
    expect(jsonShapeProblem(`{${Array.from({ length: 50 }, (_, i) => `"k${i}":1`).join(',')}}`, 5, 10)).toBeUndefined();
    expect(jsonShapeProblem(`[[${'1,'.repeat(9)}1],[${'1,'.repeat(9)}1]]`, 5, 10)).toBeUndefined();
  });

  it('reports depth first when a body is both too deep and too long', () => {
    expect(jsonShapeProblem(nested(7), 5, 10)).toBe('too-deep');
  });
});
