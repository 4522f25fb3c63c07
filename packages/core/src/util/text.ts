/** Text helpers every front end prints with: byte sizes, and secrets blotted out. */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A size as people read it: `512 B`, `1.5 MiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * Shorter than this, a "secret" is not blotted out: replacing every `ab` in a log
 * would show nothing and protect nothing.
 */
const MIN_SECRET_LENGTH = 3;

/** `text` with every occurrence of each secret replaced (by `***`, or `mask`). */
export function redactSecrets(text: string, secrets: Iterable<string>, mask = '***'): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join(mask);
  }
  return result;
}
