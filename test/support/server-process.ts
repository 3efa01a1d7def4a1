/**
 * The real service as a separate process (`node src/main.ts`), for tests and benchmarks that must see what a
 * deployment sees: start it, kill it without warning (SIGKILL), start it again on the same database and port.
 * Shared by jest (CommonJS) and the benchmarks (ES modules): it finds the project from the working directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

/** A port nobody listens on right now, on the loopback interface. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerProcessOptions {
  /** Environment on top of this process's own; PORT and HOST are set from `port`. */
  readonly env: Record<string, string>;
  readonly port: number;
  /** The project folder; the working directory when left out. */
  readonly cwd?: string;
  /** How long a start may take before it counts as failed. */
  readonly startTimeoutMs?: number;
  /** Lines of the server's output kept for a failure message. */
  readonly keepLines?: number;
}

/** One service instance at a time on a fixed port: started, killed and restarted by the caller. */
export class ServerProcess {
  readonly port: number;
  /** The FHIR base: `http://127.0.0.1:<port>/fhir`. */
  readonly base: string;
  /** How often the process was started, and killed with SIGKILL. */
  starts = 0;
  kills = 0;
  private child?: ChildProcess;
  private readonly options: ServerProcessOptions;
  private readonly output: string[] = [];

  constructor(options: ServerProcessOptions) {
    this.options = options;
    this.port = options.port;
    this.base = `http://127.0.0.1:${options.port}/fhir`;
  }

  /** The last lines the server wrote (stdout and stderr), for a failure message. */
  recentOutput(): string {
    return this.output.join('');
  }

  /** The running process's id (for CPU accounting), if any. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves once /readyz answers 200. */
  async start(): Promise<void> {
    if (this.running) throw new Error('the server is already running');
    const env = { ...process.env, ...this.options.env, PORT: String(this.port), HOST: '127.0.0.1' };
    const child = spawn(process.execPath, ['src/main.ts'], { cwd: this.options.cwd ?? process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString('utf8'));
      while (this.output.length > (this.options.keepLines ?? 200)) this.output.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the server exited during start (${child.exitCode ?? child.signalCode}):\n${this.recentOutput()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}/readyz`);
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server did not become ready:\n${this.recentOutput()}`);
  }

  /** kill -9: no shutdown hook runs, open transactions and deliveries die with the process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }

  /** A clean stop (SIGTERM), or SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
