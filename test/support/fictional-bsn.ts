/**
 * A 9-digit number that passes the elfproef, from 8 leading digits, or undefined when no ninth digit makes one (the
 * server refuses any BSN that fails it). Test BSNs start with 9999 so they name no real resident.
 */
export function bsnFrom(leading: string): string | undefined {
  const sum = [...leading].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
  const check = sum % 11;
  return check < 10 ? `${leading}${check}` : undefined;
}

let bsnSerial = 0;
const bsnPrefix = Math.floor(Math.random() * 90) + 10;
/** A fresh fictional 9-digit number that passes the elfproef, a new one on every call of a process. */
export function nextBsn(): string {
  for (;;) {
    const bsn = bsnFrom(`${bsnPrefix}${String(bsnSerial++ % 1_000_000).padStart(6, '0')}`);
    if (bsn) return bsn;
  }
}
