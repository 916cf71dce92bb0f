import * as fs from 'fs';
import * as path from 'path';

/**
 * Flushes a directory's entries (renames, new names) to disk. Without it a power loss
 * right after a rename may undo the rename. Some platforms cannot open a directory
 * (Windows); there the rename itself is all there is.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported here (e.g. Windows): nothing more can be done
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a small file durably: temp file, fsync, rename over `file`, fsync of the directory. */
export function writeDurably(file: string, content: string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/**
 * Gives `from` (a file, symlink or directory tree) a second name `to`: files are hard
 * links (the very same inode, so a state file written by Terraform in one tree is
 * written in the other), directories are created, symlinks copied. Falls back to a
 * copy where the file system refuses hard links.
 */
export function linkTree(from: string, to: string): void {
  const st = fs.lstatSync(from);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else if (st.isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from)) linkTree(path.join(from, name), path.join(to, name));
  } else {
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
}

/** True when two paths name the same file, or files of equal bytes. */
export function sameFile(a: string, b: string): boolean {
  const sa = fs.lstatSync(a);
  const sb = fs.lstatSync(b);
  if (sa.ino === sb.ino && sa.dev === sb.dev) return true;
  if (!sa.isFile() || !sb.isFile() || sa.size !== sb.size) return false;
  return fs.readFileSync(a).equals(fs.readFileSync(b));
}

/** `lstat` that returns undefined for a missing path. */
export function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
