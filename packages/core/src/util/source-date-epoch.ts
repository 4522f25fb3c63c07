/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): seconds since the epoch that fix
 * the time every verb writes (`org.opencontainers.image.created`, tar mtimes), so
 * the same inputs give the same digest. Every front end reads it here, so a value
 * means the same in the CLI, an action and a GitLab job.
 */
import { OcikitError } from '../errors.js';

export function sourceDateEpoch(env: Readonly<Record<string, string | undefined>> = process.env): number | undefined {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  // Whole seconds that a Date can hold (±8.64e12 s); anything else would make an invalid timestamp.
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seconds) || seconds > 8_640_000_000_000) {
    throw new OcikitError('INVALID_INPUT', `SOURCE_DATE_EPOCH="${value.slice(0, 40)}" is not a number of seconds`, {
      hint: 'set it to e.g. $(git log -1 --format=%ct)',
    });
  }
  return seconds;
}
