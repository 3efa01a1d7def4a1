/**
 * Numbers in a search carry implicit precision: "100" means [99.5, 100.5) and "1e2" means [50, 150)
 * (https://hl7.org/fhir/R4/search.html#number). The arithmetic is done on scaled integers so that no
 * binary rounding creeps into the bounds.
 */
export interface DecimalRange {
  /** The value itself as a plain decimal string (no exponent). */
  value: string;
  low: string;
  high: string;
}

const NUMBER_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Exponents beyond this are refused: nobody means them, and they would make huge integers. */
const MAX_EXPONENT = 400;

/** `digits` × 10^-scale as a plain decimal string. */
function formatScaled(digits: bigint, scale: number): string {
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString();
  let text: string;
  if (scale <= 0) {
    text = abs === '0' ? '0' : abs + '0'.repeat(-scale);
  } else {
    const padded = abs.padStart(scale + 1, '0');
    const whole = padded.slice(0, padded.length - scale);
    const fraction = padded.slice(padded.length - scale).replace(/0+$/, '');
    text = fraction ? `${whole}.${fraction}` : whole;
  }
  return negative && text !== '0' ? `-${text}` : text;
}

/** The value and its implicit-precision bounds; undefined when `text` is not a decimal number. */
export function decimalRange(text: string): DecimalRange | undefined {
  const m = NUMBER_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = m;
  if (whole === '' && fraction === '') return undefined;
  const exp = Number(exponent);
  if (Math.abs(exp) > MAX_EXPONENT) return undefined;
  const mantissa = BigInt((whole + fraction) || '0') * (sign === '-' ? -1n : 1n);
  const scale = fraction.length - exp;
  // Half a unit of the last significant digit, at one more decimal place.
  const low = mantissa * 10n - 5n;
  const high = mantissa * 10n + 5n;
  return { value: formatScaled(mantissa, scale), low: formatScaled(low, scale + 1), high: formatScaled(high, scale + 1) };
}
