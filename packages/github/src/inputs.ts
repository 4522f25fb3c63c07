/**
 * Action inputs as the docker/* and actions/* actions read them: trimmed strings,
 * lists one per line (or comma-separated where a value cannot hold a comma),
 * booleans in YAML 1.2 spelling. The runner passes every input as
 * `INPUT_<NAME>` (upper-cased, hyphens kept) and fills in action.yml defaults.
 * Every problem is an OcikitError that names the input, so the step fails with a
 * message a person can act on.
 */
import { OcikitError } from '@ocikit/core';

export type Env = NodeJS.ProcessEnv;

/** The variable the runner sets for an input: `artifact-type` → `INPUT_ARTIFACT-TYPE`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** An input, trimmed; '' when absent. */
export function getString(name: string, env: Env = process.env): string {
  return (env[inputVariable(name)] ?? '').trim();
}

/** An input that must be given. */
export function getRequired(name: string, env: Env = process.env): string {
  const value = getString(name, env);
  if (value === '') {
    throw new OcikitError('INVALID_INPUT', `input "${name}" is required`, { hint: `add \`${name}:\` under \`with:\` in the step` });
  }
  return value;
}

export interface ListOptions {
  /** Also split each line at commas (for values that never contain one, such as tags). */
  comma?: boolean;
}

/**
 * A list input: one item per line (and per comma with `comma`), each trimmed,
 * empty ones dropped, as docker/build-push-action reads `tags:`.
 */
export function getList(name: string, options: ListOptions = {}, env: Env = process.env): string[] {
  const raw = env[inputVariable(name)] ?? '';
  const lines = raw.split(/\r?\n/);
  const items = options.comma ? lines.flatMap((line) => line.split(',')) : lines;
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** `true`/`false` (YAML 1.2 core schema spellings); absent or empty gives `fallback`. */
export function getBoolean(name: string, fallback: boolean, env: Env = process.env): boolean {
  const value = getString(name, env);
  if (value === '') return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new OcikitError('INVALID_INPUT', `input "${name}" is "${value}", not a boolean`, { hint: 'use true or false' });
}

/** One of a fixed set of words (`command: push`, `mode: add`); absent or empty gives `fallback`. */
export function getChoice<T extends string>(name: string, choices: readonly T[], fallback: T, env: Env = process.env): T {
  const value = getString(name, env);
  if (value === '') return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new OcikitError('INVALID_INPUT', `input "${name}" is "${value}", not one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** A positive whole number; absent or empty gives `fallback`. */
export function getPositiveInteger<T extends number | undefined>(name: string, fallback: T, env: Env = process.env): number | T {
  const value = getString(name, env);
  if (value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
    throw new OcikitError('INVALID_INPUT', `input "${name}" is "${value}", not a positive whole number`);
  }
  return n;
}
