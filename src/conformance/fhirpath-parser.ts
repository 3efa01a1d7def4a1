/**
 * A parser for the part of FHIRPath (https://hl7.org/fhirpath/N1/) that FHIR invariants use: literals, paths,
 * function calls, and the operators with their precedence. Anything else (date literals, quantities, `is`/`as`,
 * indexers) throws `Unsupported`, and the invariant is left to fhirpath.js.
 */
export type FpNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean; readonly type: 'string' | 'integer' | 'decimal' | 'boolean' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'this' }
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'member'; readonly target?: FpNode; readonly name: string }
  | { readonly kind: 'call'; readonly target?: FpNode; readonly name: string; readonly args: readonly FpNode[] }
  | { readonly kind: 'binary'; readonly op: string; readonly left: FpNode; readonly right: FpNode };

export class Unsupported extends Error {}

const TOKEN = /\s*(?:(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|'((?:[^'\\]|\\.)*)'|`([^`]+)`|(\d+(?:\.\d+)?)|(%[A-Za-z_][A-Za-z0-9_]*|\$this|[A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|!~|[().,|=<>+\-&*/~{}[\]@]))/y;

interface Token {
  readonly kind: 'string' | 'ident' | 'number' | 'op';
  readonly text: string;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', "'": "'", '"': '"', '`': '`', '\\': '\\', '/': '/' };

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(expression);
    if (!m) throw new Unsupported(`cannot read "${expression.slice(TOKEN.lastIndex, TOKEN.lastIndex + 10)}"`);
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined) {
      if (/\\u/.test(m[2])) throw new Unsupported('unicode escape');
      tokens.push({ kind: 'string', text: m[2].replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) });
    } else if (m[3] !== undefined) tokens.push({ kind: 'ident', text: m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'number', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'ident', text: m[5] });
    else tokens.push({ kind: 'op', text: m[6]! });
  }
  return tokens;
}

/** Binding power of each infix operator (fhirpath.html#operator-precedence): higher binds tighter. */
const INFIX: Record<string, number> = {
  implies: 1, or: 2, xor: 2, and: 3, in: 4, contains: 4, '=': 5, '!=': 5, '~': 5, '!~': 5,
  '<': 6, '>': 6, '<=': 6, '>=': 6, '|': 7, '+': 9, '-': 9, '&': 9, '*': 10, '/': 10, div: 10, mod: 10,
};

const UNSUPPORTED_INFIX = new Set(['is', 'as', '~', '!~', '/']);

export class Parser {
  private pos = 0;
  private readonly tokens: readonly Token[];

  constructor(expression: string) {
    this.tokens = tokenize(expression);
  }

  parse(): FpNode {
    const node = this.expression(0);
    if (this.pos !== this.tokens.length) throw new Unsupported(`unexpected "${this.tokens[this.pos]?.text}"`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private expect(text: string): void {
    if (this.tokens[this.pos]?.text !== text) throw new Unsupported(`expected "${text}"`);
    this.pos++;
  }

  private expression(minPower: number): FpNode {
    let left = this.postfix(this.term());
    for (;;) {
      const token = this.peek();
      const op = token && (token.kind === 'op' || token.kind === 'ident') ? token.text : undefined;
      if (op === 'is' || op === 'as') throw new Unsupported(op);
      const power = op !== undefined ? INFIX[op] : undefined;
      if (power === undefined || power <= minPower) return left;
      if (UNSUPPORTED_INFIX.has(op!)) throw new Unsupported(op);
      this.pos++;
      left = { kind: 'binary', op: op!, left, right: this.expression(power) };
    }
  }

  private term(): FpNode {
    const token = this.tokens[this.pos++];
    if (!token) throw new Unsupported('unexpected end');
    if (token.kind === 'string') return { kind: 'literal', value: token.text, type: 'string' };
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.text), type: token.text.includes('.') ? 'decimal' : 'integer' };
    if (token.text === '(') {
      const inner = this.expression(0);
      this.expect(')');
      return inner;
    }
    if (token.text === '{') {
      this.expect('}');
      return { kind: 'empty' };
    }
    if (token.kind !== 'ident') throw new Unsupported(`unexpected "${token.text}"`);
    if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true', type: 'boolean' };
    if (token.text === '$this') return { kind: 'this' };
    if (token.text.startsWith('%')) return { kind: 'var', name: token.text.slice(1) };
    return this.invocation(undefined, token.text);
  }

  private invocation(target: FpNode | undefined, name: string): FpNode {
    if (this.peek()?.text !== '(') return { kind: 'member', ...(target ? { target } : {}), name };
    this.pos++;
    const args: FpNode[] = [];
    while (this.peek()?.text !== ')') {
      args.push(this.expression(0));
      if (this.peek()?.text === ',') this.pos++;
      else if (this.peek()?.text !== ')') throw new Unsupported('expected , or )');
    }
    this.pos++;
    return { kind: 'call', ...(target ? { target } : {}), name, args };
  }

  private postfix(node: FpNode): FpNode {
    let current = node;
    while (this.peek()?.text === '.') {
      this.pos++;
      const name = this.tokens[this.pos++];
      if (!name || name.kind !== 'ident') throw new Unsupported('expected a name after "."');
      current = this.invocation(current, name.text);
    }
    if (this.peek()?.text === '[') throw new Unsupported('indexer');
    return current;
  }
}
