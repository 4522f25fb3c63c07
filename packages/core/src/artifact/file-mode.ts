/**
 * A file layer is the file's bytes and nothing else: no mode. So that a
 * released binary comes back executable, push records the permission bits of
 * an executable file in a layer annotation and pull applies them. The layer
 * stays the file itself (its digest is the file's sha256, what checksum lists
 * publish; `curl` and `oras pull` get the file as it is); a tar would carry the
 * mode but hide the file behind another digest.
 */
import { OcikitError } from '../errors.js';

/** Octal permission bits of a file layer, e.g. `0755`: set by push for executables, applied by pull. */
export const FILE_MODE_ANNOTATION = 'io.ocikit.file.mode';

/**
 * What pull may grant, whatever the annotation says: permission bits only
 * (never setuid, setgid or sticky), and no write for group or others (a
 * umask of 022), so a hostile artifact cannot leave world-writable files.
 */
const GRANTABLE = 0o755;

export function formatFileMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** The mode to give a pulled file, from its annotation; undefined when there is none. */
export function parseFileMode(value: string | undefined, title: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^0?[0-7]{3}$/.test(value)) {
    throw new OcikitError('INVALID_MANIFEST', `layer "${title.slice(0, 200)}" has a malformed ${FILE_MODE_ANNOTATION} annotation "${value.slice(0, 20)}"`, {
      hint: 'expected octal permission bits such as 0755',
    });
  }
  return Number.parseInt(value, 8) & GRANTABLE;
}
