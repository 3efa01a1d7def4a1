/** Bench settings come from the environment, so a run is reproduced by repeating its variables. */
export function setting(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

export function whole(name: string, fallback: number): number {
  const value = Number(setting(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number`);
  return value;
}
