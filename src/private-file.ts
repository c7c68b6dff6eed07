// One rule for a file whose content only this user may have written (the audit log, the sandbox's state file
// with its token key): a regular file, not a symlink, owned by this user, not writable by group or others. The
// last two hold for the compile cache's directory too (compile-cache.ts, loaded at every start: node built-ins only here).
import { constants, type Stats } from 'node:fs';

/**
 * Flags for opening such a file: never through a final symlink; never waiting (a FIFO without a peer fails at
 * once, ENXIO, instead of blocking a thread forever); a terminal never becomes ours. No effect on a regular file.
 */
export const SAFE_OPEN_FLAGS = constants.O_NOFOLLOW | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);

export interface FileProblem {
  /** Completes "the file X …": `is a symbolic link`, `is writable by group or others (mode 0666)`. */
  what: string;
  /** What the user can do about it. */
  fix: string;
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

const SYMLINK_PROBLEM: FileProblem = { what: 'is a symbolic link', fix: 'give the path of a regular file' };

/** The problem an open (or a look at the path) failing with this errno code shows, or undefined for any other failure. */
export function openErrorProblem(code: string | undefined): FileProblem | undefined {
  if (code === 'ELOOP' || code === 'EMLINK') return SYMLINK_PROBLEM;
  // ENXIO: a FIFO (or socket) put there between the look and the open (SAFE_OPEN_FLAGS never waits for a peer).
  if (code === 'ENXIO') return { what: 'is not a regular file (a FIFO or socket)', fix: 'give the path of a regular file' };
  return undefined;
}

/** The part of the rule that holds for a directory too: owned by this user (where there are uids), not writable by group or others. */
export function ownershipProblem(stats: Stats, uid: number | undefined = process.getuid?.()): FileProblem | undefined {
  // Windows has no uid: there the mode bits are all that is checked.
  if (uid !== undefined && stats.uid !== uid) {
    return { what: `belongs to another user (uid ${stats.uid})`, fix: "give a file of this user's" };
  }
  if ((stats.mode & 0o022) !== 0) {
    const octal = (stats.mode & 0o777).toString(8).padStart(4, '0');
    return { what: `is writable by group or others (mode ${octal})`, fix: 'run chmod 600 on it or choose another file' };
  }
  return undefined;
}

/** The problem with a file (lstat of the path, or fstat of an open handle), or undefined when it may be used. */
export function privateFileProblem(stats: Stats, uid: number | undefined = process.getuid?.()): FileProblem | undefined {
  if (stats.isSymbolicLink()) return SYMLINK_PROBLEM;
  if (!stats.isFile()) return { what: `is not a regular file (${kindOf(stats)})`, fix: 'give the path of a regular file' };
  return ownershipProblem(stats, uid);
}
