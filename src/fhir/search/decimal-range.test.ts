import { decimalRange } from './decimal-range.ts';

describe('decimalRange', () => {
  it.each([
    ['100', '100', '99.5', '100.5'],
    ['100.00', '100', '99.995', '100.005'],
    ['5.4', '5.4', '5.35', '5.45'],
    ['0.1', '0.1', '0.05', '0.15'],
    ['-5.4', '-5.4', '-5.45', '-5.35'],
    ['1e2', '100', '50', '150'],
    ['1.5e3', '1500', '1450', '1550'],
    ['2.5E-2', '0.025', '0.0245', '0.0255'],
    ['+7', '7', '6.5', '7.5'],
    ['.5', '0.5', '0.45', '0.55'],
    ['0', '0', '-0.5', '0.5'],
  ])('%s → value %s in [%s, %s)', (text, value, low, high) => {
    expect(decimalRange(text)).toEqual({ value, low, high });
  });

  it.each(['', '.', 'abc', '1,5', '1e', '--1', '1e999'])('refuses %p', (text) => {
    expect(decimalRange(text)).toBeUndefined();
  });
});
