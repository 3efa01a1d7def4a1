/** Collects bound values for one SQL statement; values never enter the SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];
  private aliases = 0;

  /** A fresh table alias for a nested sub-query. */
  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Escapes LIKE wildcards so user input matches literally (the default escape character is backslash). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
