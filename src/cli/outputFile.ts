import { closeSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A file `twin run` writes (`--json`, `--trace`), written so that it never harms what was there:
 * a regular file is written to a temporary file beside it and renamed over it only when the run
 * has produced its report, so a failed run leaves the old file whole. A device or pipe
 * (`/dev/stdout`, `/dev/full`) cannot be replaced by a rename and is written directly.
 * A write that fails is remembered, not thrown, so the run goes on and the report still reaches
 * stdout; the caller reads `failure` at the end.
 */
export class OutputFile {
  private failed: string | undefined;

  private constructor(
    readonly option: string,
    readonly path: string,
    private readonly fd: number,
    private readonly temporaryPath: string | undefined,
    private readonly target: string = path,
  ) {}

  /** Opens the file (its temporary) to write, or says why it cannot be written. */
  static open(option: string, path: string): OutputFile | { error: string } {
    const existing = statOrUndefined(path);
    if (existing?.isDirectory() === true)
      return { error: `${option}: cannot write ${path}: it is a directory` };
    const direct = existing !== undefined && !existing.isFile();
    // A link to a file stays a link: the file it points to is the one replaced.
    const target = existing?.isFile() === true ? realPathOf(path) : path;
    const temporaryPath = direct
      ? undefined
      : join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    try {
      return new OutputFile(option, path, openSync(temporaryPath ?? target, 'w'), temporaryPath, target);
    } catch (error) {
      return { error: `${option}: cannot write ${path}: ${describeWriteError(error)}` };
    }
  }

  /** Why the first failed write failed, with the option and path; undefined when none did. */
  get failure(): string | undefined {
    return this.failed;
  }

  write(text: string): void {
    if (this.failed !== undefined) return;
    try {
      writeSync(this.fd, text);
    } catch (error) {
      this.failed = `${this.option}: cannot write ${this.path}: ${describeWriteError(error)}`;
    }
  }

  /** Closes the file and, when every write succeeded, puts it in place; else removes the temporary. */
  finish(): void {
    try {
      closeSync(this.fd);
    } catch (error) {
      this.failed ??= `${this.option}: cannot write ${this.path}: ${describeWriteError(error)}`;
    }
    if (this.temporaryPath === undefined) return;
    if (this.failed === undefined) {
      try {
        renameSync(this.temporaryPath, this.target);
        return;
      } catch (error) {
        this.failed = `${this.option}: cannot write ${this.path}: ${describeWriteError(error)}`;
      }
    }
    removeQuietly(this.temporaryPath);
  }

  /** The run did not produce a report: leave whatever was at the path untouched. */
  abandon(): void {
    this.failed ??= 'abandoned';
    this.finish();
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to clean up.
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a path through something that is not a directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'this user may not write there';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return `the system refused (${typeof code === 'string' ? code : String(error)})`;
  }
}

/**
 * The path a file at `path` really is, following links, even when the file does not exist yet
 * (then its directory's real path and its name): two outputs, or an output and the scenario, are
 * the same file exactly when these are equal.
 */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}
