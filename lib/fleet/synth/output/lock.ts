import * as fs from 'fs';
import * as os from 'os';
import { step } from './probe';
import { ErrorCode } from '../../../core/error-codes';
import { FleetValidationError } from '../../../core/errors';

/** Environment variable: how many seconds a synth waits for another synth's lock on the same output. */
export const LOCK_TIMEOUT_ENV = 'CDK_FLEET_LOCK_TIMEOUT';
const DEFAULT_TIMEOUT_SECONDS = 60;

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/**
 * An exclusive lock on one output directory: a file created with O_EXCL next to it
 * (`.<name>.lock`, holding the owner's pid and host). A second synth waits up to
 * `$CDK_FLEET_LOCK_TIMEOUT` seconds (default 60) for it, then fails naming the owner.
 * A lock whose process is gone (a killed synth) is taken over.
 */
export class OutputLock {
  /** Takes the lock or throws a FleetValidationError saying who holds it. */
  public static acquire(lockFile: string, outdir: string): OutputLock {
    const timeout = timeoutSeconds();
    const deadline = Date.now() + timeout * 1000;
    for (let attempt = 0; ; attempt++) {
      const owner = tryCreate(lockFile, outdir);
      if (owner === undefined) {
        step('locked', lockFile);
        return new OutputLock(lockFile);
      }
      if (!alive(owner, lockFile)) {
        breakStale(lockFile, owner);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new FleetValidationError(
          `synth: another synth (pid ${owner.pid} on ${owner.host}, since ${owner.since}) is writing '${outdir}'; ` +
          `waited ${timeout} s for its lock. Let it finish and synthesize again, raise $${LOCK_TIMEOUT_ENV}, ` +
          `or delete '${lockFile}' if no synth is running`, '', ErrorCode.OUTPUT);
      }
      sleep(Math.min(50 * (attempt + 1), 250));
    }
  }

  private released = false;

  private constructor(private readonly file: string) {}

  /** Releases the lock (idempotent). */
  public release(): void {
    if (this.released) return;
    this.released = true;
    fs.rmSync(this.file, { force: true });
    step('unlocked', this.file);
  }
}

/** Creates the lock file; returns undefined on success, else the current owner. */
function tryCreate(lockFile: string, outdir: string): LockOwner | undefined {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  try {
    const fd = fs.openSync(lockFile, 'wx');
    try {
      fs.writeSync(fd, JSON.stringify(me));
    } finally {
      fs.closeSync(fd);
    }
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      throw new FleetValidationError(`synth: cannot create the lock file '${lockFile}' for output '${outdir}' (${code ?? (e as Error).message}); ` +
        'the parent directory of the output must be writable', '', ErrorCode.OUTPUT);
    }
    return readOwner(lockFile);
  }
}

/** The lock's owner; `unreadable` when its writer died between create and write (or is writing it this instant). */
function readOwner(lockFile: string): LockOwner {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host, since: String(parsed.since) };
  } catch {
    // judged below
  }
  return { pid: 0, host: os.hostname(), since: 'unreadable' };
}

/**
 * A lock's owner is alive unless it is a process of this host that no longer exists, or
 * this very process (synth is synchronous, so our own lock is a leftover). An unreadable
 * lock counts as alive for 5 s, then as stale.
 */
function alive(owner: LockOwner, lockFile: string): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.since === 'unreadable') {
    try {
      return Date.now() - fs.statSync(lockFile).mtimeMs < 5000;
    } catch {
      return false;
    }
  }
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !zombie(owner.pid);
}

/** A process that has exited but not been reaped yet (Linux: state `Z` in /proc/<pid>/stat) holds nothing. */
function zombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/**
 * Removes a stale lock without removing a fresh one another process took in between:
 * the lock is renamed aside (only one process can), and put back if it is not the one judged stale.
 */
function breakStale(lockFile: string, stale: LockOwner): void {
  const aside = `${lockFile}.stale-${process.pid}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return; // someone else broke it first
  }
  const now = readOwner(aside);
  if (now.pid !== stale.pid || now.host !== stale.host || now.since !== stale.since) {
    try {
      fs.linkSync(aside, lockFile);
    } catch {
      // a newer lock exists: the one we moved was superseded anyway
    }
  }
  fs.rmSync(aside, { force: true });
}

function timeoutSeconds(): number {
  const raw = process.env[LOCK_TIMEOUT_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_TIMEOUT_SECONDS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new FleetValidationError(`synth: $${LOCK_TIMEOUT_ENV} '${raw}' is not a number of seconds (e.g. 60, or 0 to fail at once)`, '', ErrorCode.OUTPUT);
  }
  return n;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
