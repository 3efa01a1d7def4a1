import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chown, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClusterOwner {
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * PostgreSQL refuses to run as root. Run by root (containers, CI), the cluster belongs to the system user
 * `postgres`, created when missing; anyone else runs it as themselves.
 */
export async function clusterOwner(): Promise<ClusterOwner> {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return {};
  const ids = await userIds('postgres').catch(async () => {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return userIds('postgres');
  });
  return ids;
}

async function userIds(name: string): Promise<ClusterOwner> {
  const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Hands a directory tree to the cluster's owner (no-op when Brug runs as that user). */
export async function giveTo(owner: ClusterOwner, dir: string): Promise<void> {
  if (owner.uid === undefined || owner.gid === undefined) return;
  await chown(dir, owner.uid, owner.gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await giveTo(owner, full);
    else await chown(full, owner.uid, owner.gid);
  }
}

/** Makes the folder the cluster lives in its owner's, when it is not yet: root keeps every right to it regardless. */
export async function letEnter(owner: ClusterOwner, dir: string): Promise<void> {
  if (owner.uid === undefined || owner.gid === undefined) return;
  const info = await stat(dir);
  if (info.uid !== owner.uid) await chown(dir, owner.uid, owner.gid);
}

/** Whether the owner may pass through every folder above `dir` (a root-only /root would stop it). */
export async function canReach(owner: ClusterOwner, dir: string): Promise<boolean> {
  if (owner.uid === undefined) return true;
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    const info = await stat(parent);
    const passes = info.mode & 0o001 || (info.uid === owner.uid && info.mode & 0o100) || (info.gid === owner.gid && info.mode & 0o010);
    if (!passes) return false;
    if (parent === path.dirname(parent)) return true;
  }
}

/**
 * Where the cluster of a data folder lives: in it, or, when root runs Brug in a folder the `postgres` user cannot
 * reach (a project under /root), in a folder of its own under /var/lib/brug named after the data folder.
 */
export async function clusterFolder(owner: ClusterOwner, root: string): Promise<{ dir: string; inDataDir: boolean }> {
  if (await canReach(owner, root)) return { dir: path.join(root, 'postgres'), inDataDir: true };
  const name = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return { dir: path.join('/var/lib/brug', name, 'postgres'), inDataDir: false };
}
