import { isAbsolute, normalize, posix, sep } from 'node:path';
import { OcikitError } from '../errors.js';
import { isValidMediaType } from '../oci/media-types.js';
import { hasControlCharacters, printable } from '../util/printable.js';

/** One `path[:mediaType]` argument of push, as oras users write it. */
export interface ArtifactFileInput {
  /** A file or directory path; `-` is standard input. */
  path: string;
  mediaType?: string;
  /** The layer's title, instead of the one its path gives (release titles each binary by its base name). */
  title?: string;
}

/**
 * Splits `path[:mediaType]`. The part after the last `:` is a media type only if
 * it looks like one (`type/subtype`), so paths with colons still work. A trailing
 * `:` says "no media type" (oras's `hi:txt:` for the file `hi:txt`).
 */
export function parseFileArgument(argument: string): ArtifactFileInput {
  const colon = argument.lastIndexOf(':');
  if (colon > 0 && colon === argument.length - 1) return { path: argument.slice(0, colon) };
  if (colon > 0) {
    const candidate = argument.slice(colon + 1);
    if (candidate.includes('/') && isValidMediaType(candidate)) return { path: argument.slice(0, colon), mediaType: candidate };
  }
  if (argument === '') throw new OcikitError('INVALID_INPUT', 'an empty file argument was given');
  return { path: argument };
}

/**
 * The title a file gets in the artifact (and the path it is pulled back to): the
 * path as given, in POSIX form, when it stays below the working directory, else
 * its base name (an absolute or `../` path must not become a pull target).
 */
export function titleForPath(path: string): string {
  const normalized = normalize(path).split(sep).join('/').replace(/\/+$/, '');
  if (isAbsolute(path) || normalized === '..' || normalized.startsWith('../') || normalized === '.' || normalized === '') {
    return posix.basename(normalized === '.' || normalized === '' ? process.cwd().split(sep).join('/') : normalized);
  }
  return normalized;
}

/**
 * Checks a layer title before anything is written under it. Titles come from the
 * registry, which may be hostile: they must name a path inside the output.
 */
export function checkTitle(title: string): void {
  const problem = titleProblem(title);
  if (problem) {
    throw new OcikitError('UNSAFE_PATH', `refusing layer title "${printable(title.slice(0, 200))}": ${problem}`, {
      hint: 'the artifact was pushed with a title that would write outside the output directory',
    });
  }
}

/**
 * Why a title cannot name a file inside an output directory, or undefined when it
 * can. A title is a file name that is also printed (logs, the pull action's
 * one-path-a-line `files` output): a control character in it could end a line.
 */
export function titleProblem(title: string): string | undefined {
  return title === ''
    ? 'it is empty'
    : title.includes('\0')
      ? 'it contains a NUL byte'
      : hasControlCharacters(title)
        ? 'it contains a control character (a line break, a tab, an escape)'
      : title.startsWith('/') || /^[A-Za-z]:/.test(title)
        ? 'it is an absolute path'
        : title.includes('\\')
          ? 'it contains a backslash'
          : title.split('/').some((part) => part === '..')
            ? 'it contains ".."'
            : title.split('/').every((part) => part === '.' || part === '')
              ? 'it names no file'
              : undefined;
}
