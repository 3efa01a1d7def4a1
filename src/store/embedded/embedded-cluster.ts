import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { StoreErrors } from '../errors.ts';
import { clusterFolder, clusterOwner, giveTo, letEnter, type ClusterOwner } from './cluster-owner.ts';
import { postgresBinaries, type PostgresBinaries } from './postgres-binaries.ts';
import { isAlive, stopOrphan } from './stop-orphan.ts';

const runFile = promisify(execFile);

export type ClusterLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface EmbeddedClusterOptions {
  /** The folder Brug keeps its data in; `memory://` makes a throw-away cluster in the temp folder. */
  readonly dataDir: string;
  readonly log?: ClusterLog;
  /** Upper bound on connections the cluster accepts (the pool plus workers, scripts and cancel requests). */
  readonly maxConnections?: number;
}

interface ClusterPlace {
  readonly binaries: PostgresBinaries;
  readonly owner: ClusterOwner;
  readonly root: string;
  readonly clusterDir: string;
  readonly temporary: boolean;
  readonly socketDir: string | undefined;
  readonly port: number;
  readonly password: string | undefined;
}

const DATABASE = 'brug';
const SUPERUSER = 'postgres';
const SOCKET_PORT = 5432;
// A Unix socket path must fit in sockaddr_un (108 bytes on Linux, 104 on macOS), with `/.s.PGSQL.5432` after it.
const MAX_SOCKET_DIR = 90;
const START_TIMEOUT_MS = 60_000;

/**
 * PostgreSQL that Brug runs itself in DATA_DIR: the zero-configuration store of `npm start`. It is the same server,
 * driver, pool and SQL as an external PostgreSQL; only its life is Brug's: created on first start, started with the
 * service, restarted when it dies, stopped with the service, and cleaned up after a Brug that was killed.
 * On Linux and macOS it listens only on a Unix socket in a folder only its owner can enter; on Windows, on a
 * loopback port with a password.
 */
export class EmbeddedCluster {
  private child?: ChildProcess;
  private stopping = false;
  /** Connected to a cluster another Brug process runs. */
  private attached = false;
  private restarts = 0;
  private readonly recentOutput: string[] = [];
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGQUIT');
  };

  private readonly binaries: PostgresBinaries;
  private readonly owner: ClusterOwner;
  private readonly root: string;
  private readonly clusterDir: string;
  private readonly temporary: boolean;
  private readonly socketDir: string | undefined;
  private readonly port: number;
  private readonly password: string | undefined;
  private readonly options: EmbeddedClusterOptions;

  private constructor(place: ClusterPlace, options: EmbeddedClusterOptions) {
    this.binaries = place.binaries;
    this.owner = place.owner;
    this.root = place.root;
    this.clusterDir = place.clusterDir;
    this.temporary = place.temporary;
    this.socketDir = place.socketDir;
    this.port = place.port;
    this.password = place.password;
    this.options = options;
  }

  static async start(options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
    const binaries = await postgresBinaries();
    const owner = await clusterOwner();
    const temporary = options.dataDir === 'memory://';
    const root = temporary ? await mkdtemp(path.join(os.tmpdir(), 'brug-embedded-')) : path.resolve(options.dataDir);
    await mkdir(root, { recursive: true });
    // The cluster's owner must be able to enter the folder (mkdtemp and cautious umasks make it owner-only).
    await letEnter(owner, root);
    const place = await clusterFolder(owner, root);
    const clusterDir = place.dir;
    if (!place.inDataDir) {
      await mkdir(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
      options.log?.('warn', `the system user postgres cannot reach ${root}: the embedded cluster lives in ${clusterDir}`);
    }
    const holder = await dataDirHolder(root);
    if (holder !== undefined) return EmbeddedCluster.attach(binaries, root, clusterDir, options);
    await writeFile(path.join(root, 'brug.pid'), `${process.pid}\n`);
    if (existsSync(path.join(root, 'PG_VERSION')) && place.inDataDir) {
      options.log?.('warn', `${root} holds a database of the former PGlite store; it is left as it is and not read`);
    }
    const windows = process.platform === 'win32';
    let password: string | undefined;
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      password = windows ? randomBytes(24).toString('base64url') : undefined;
      await initialise(binaries, owner, root, clusterDir, password, temporary);
    } else if (windows) {
      password = (await readFile(path.join(root, 'postgres-password'), 'utf8')).trim();
    }
    const socketDir = windows ? undefined : await socketFolder(root, owner, place.inDataDir);
    const port = windows ? await freePort() : SOCKET_PORT;
    await stopOrphan(root, clusterDir, options.log);
    const cluster = new EmbeddedCluster({ binaries, owner, root, clusterDir, temporary, socketDir, port, password }, options);
    await cluster.launch();
    await cluster.ensureDatabase();
    return cluster;
  }

  /**
   * Another Brug process runs this folder's cluster (the server, while a script such as `npm run client` runs): connect
   * to it as one more client, and leave its life to its owner.
   */
  private static async attach(binaries: PostgresBinaries, root: string, clusterDir: string, options: EmbeddedClusterOptions): Promise<EmbeddedCluster> {
    const started = Date.now();
    for (;;) {
      const lines = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
      // postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared memory key, status.
      if (lines[7]?.trim() === 'ready') {
        const port = Number(lines[3]);
        const socketDir = lines[4]?.trim() || undefined;
        const password = socketDir ? undefined : (await readFile(path.join(root, 'postgres-password'), 'utf8')).trim();
        const cluster = new EmbeddedCluster({ binaries, owner: {}, root, clusterDir, temporary: false, socketDir, port, password }, options);
        cluster.attached = true;
        return cluster;
      }
      if (Date.now() - started > START_TIMEOUT_MS) throw StoreErrors.embeddedUnavailable([`${root} is held by another Brug process whose database does not answer`]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** How the pool reaches the cluster. */
  connection(): pg.ClientConfig {
    return this.socketDir
      ? { host: this.socketDir, port: this.port, user: SUPERUSER, database: DATABASE }
      : { host: '127.0.0.1', port: this.port, user: SUPERUSER, password: this.password, database: DATABASE };
  }

  /** Stops the cluster (fast shutdown: open sessions are ended, committed work is kept). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.attached) return;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      const slow = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await exited;
      clearTimeout(slow);
    }
    process.off('exit', this.killOnExit);
    await rm(path.join(this.root, 'brug.pid'), { force: true });
    if (this.temporary) await rm(this.root, { recursive: true, force: true });
    if (this.temporary && !this.clusterDir.startsWith(this.root)) await rm(path.dirname(this.clusterDir), { recursive: true, force: true });
    if (this.socketDir && !this.socketDir.startsWith(this.root)) await rm(this.socketDir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const clusterDir = this.clusterDir;
    const settings = [
      `listen_addresses=${this.socketDir ? '' : '127.0.0.1'}`,
      `max_connections=${this.options.maxConnections ?? 100}`,
      // English messages: the service reads them (FATAL, WARNING) to decide what to log.
      'lc_messages=C',
      // Client errors (a conflict, a cancelled statement) are Brug's to report; the server's log keeps its own troubles.
      'log_min_messages=warning',
      'log_min_error_statement=panic',
      'logging_collector=off',
      ...(this.socketDir ? [`unix_socket_directories=${this.socketDir}`, 'unix_socket_permissions=0700'] : []),
      // A throw-away cluster (tests, `memory://`) has nothing to keep after a crash.
      ...(this.temporary ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
    ];
    const child = spawn(this.binaries.postgres, ['-D', clusterDir, '-p', String(this.port), ...settings.flatMap((s) => ['-c', s])], {
      ...this.owner,
      // Its own process group: Ctrl-C in a terminal reaches Brug, which drains its requests before it stops the database.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    process.on('exit', this.killOnExit);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => this.record(chunk));
    child.stdout?.resume();
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    await this.waitUntilReady(child);
    this.restarts = 0;
  }

  private record(chunk: string): void {
    for (const line of chunk.split('\n').filter((l) => l.trim() !== '')) {
      this.recentOutput.push(line);
      if (this.recentOutput.length > 20) this.recentOutput.shift();
      // While it starts, the readiness probe's own connection attempts are refused with FATAL: that is expected.
      if (/\b(FATAL|PANIC):/.test(line) && !/database system is (starting up|shutting down)/.test(line)) {
        this.options.log?.('error', `embedded PostgreSQL: ${line}`);
      }
      else if (/\bWARNING:/.test(line)) this.options.log?.('warn', `embedded PostgreSQL: ${line}`);
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    process.off('exit', this.killOnExit);
    const delay = Math.min(5000, 250 * 2 ** this.restarts++);
    this.options.log?.('error', 'embedded PostgreSQL stopped unexpectedly; restarting it', { code, signal, retryInMs: delay });
    setTimeout(() => {
      if (this.stopping) return;
      this.launch().catch((err: unknown) => {
        this.options.log?.('error', 'embedded PostgreSQL did not restart', { err: String(err) });
        if (!this.stopping) this.onExit(this.child!, null, null);
      });
    }, delay).unref();
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw StoreErrors.embeddedUnavailable([`PostgreSQL exited while starting: ${this.recentOutput.slice(-5).join(' | ')}`]);
      }
      const client = new pg.Client({ ...this.connection(), database: 'postgres', connectionTimeoutMillis: 1000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch {
        if (Date.now() - started > START_TIMEOUT_MS) {
          child.kill('SIGQUIT');
          throw StoreErrors.embeddedUnavailable([`PostgreSQL did not answer within ${START_TIMEOUT_MS / 1000} s`]);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = new pg.Client({ ...this.connection(), database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

/** The live Brug process (other than this one) that runs this folder's cluster, if any. */
async function dataDirHolder(root: string): Promise<number | undefined> {
  const holder = Number((await readFile(path.join(root, 'brug.pid'), 'utf8').catch(() => '')).trim());
  return holder && holder !== process.pid && isAlive(holder) ? holder : undefined;
}

async function initialise(
  binaries: PostgresBinaries,
  owner: ClusterOwner,
  root: string,
  clusterDir: string,
  password: string | undefined,
  temporary: boolean,
): Promise<void> {
  // A folder without PG_VERSION is a first start that did not finish: nothing in it is data yet.
  await rm(clusterDir, { recursive: true, force: true });
  await mkdir(clusterDir, { recursive: true });
  const args = ['-D', clusterDir, '-U', SUPERUSER, '--encoding=UTF8', '--locale=C', '--lc-messages=C', '--auth-local=trust'];
  if (password !== undefined) {
    const file = path.join(root, 'postgres-password');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    args.push('--auth-host=scram-sha-256', `--pwfile=${file}`);
  } else {
    args.push('--auth-host=reject');
  }
  if (temporary) args.push('--no-sync');
  await giveTo(owner, clusterDir);
  try {
    await runFile(binaries.initdb, args, owner);
  } catch (err) {
    const detail = String((err as { stderr?: unknown }).stderr ?? err).trim().split('\n').slice(-3).join(' | ');
    throw StoreErrors.embeddedUnavailable([`initdb failed: ${detail}`]);
  }
}

async function socketFolder(root: string, owner: ClusterOwner, reachable: boolean): Promise<string> {
  let dir = path.join(root, 'run');
  if (dir.length > MAX_SOCKET_DIR || !reachable) dir = await mkdtemp(path.join(os.tmpdir(), 'brug-pg-'));
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o700);
  await giveTo(owner, dir);
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
