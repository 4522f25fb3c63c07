/**
 * Every failure ocikit reports is an OcikitError: a sentence for the person reading
 * the CI log (what failed), the registry's own answer when there was one, and a hint
 * (what to try). Front ends print `message`, then `detail`, then `hint`.
 */
export type ErrorCode =
  | 'INVALID_REFERENCE'
  | 'INVALID_INPUT'
  | 'INVALID_MANIFEST'
  /** A blob is not what its media type says, or not what ocikit will write (a cut gzip, a malformed or unsafe tar). */
  | 'INVALID_CONTENT'
  | 'DIGEST_MISMATCH'
  | 'SIZE_LIMIT'
  | 'NOT_FOUND'
  /** What would be written exists and is not to be replaced: the user asked so (`--no-overwrite`), or the registry keeps the tag immutable. */
  | 'ALREADY_EXISTS'
  | 'UNAUTHORIZED'
  | 'DENIED'
  /** A signature or attestation did not verify, or none was there to verify: not a registry's refusal. */
  | 'UNVERIFIED'
  | 'REGISTRY_ERROR'
  | 'NETWORK'
  | 'UNSAFE_PATH'
  | 'UNSUPPORTED'
  /** The operation was interrupted (SIGINT, an aborted signal): nothing tagged, temp files removed, each upload session cancelled where the registry accepts it. */
  | 'CANCELLED';

export interface OcikitErrorOptions {
  /**
   * The registry's answer (with `status`, the HTTP status it answered with), or
   * other evidence of what went wrong (without), already free of secrets.
   */
  detail?: string;
  /** What the person at the log can try next. */
  hint?: string;
  cause?: unknown;
  status?: number;
}

export class OcikitError extends Error {
  override readonly name = 'OcikitError';
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, options: OcikitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
    this.hint = options.hint;
    this.status = options.status;
  }

  /**
   * Message, detail and hint as the lines a log shows. The detail is "what the
   * registry said" only when a registry answered (an HTTP status); a local failure's
   * evidence (a digest mismatch, a refused connection) is just detail.
   */
  describe(words: FrontEndWords = CLI_WORDS): string {
    const lines = [inFrontEndWords(this.message, words)];
    if (this.detail) lines.push(`  ${this.status === undefined ? 'detail' : 'registry said'}: ${this.detail}`);
    if (this.hint) lines.push(`  hint: ${inFrontEndWords(this.hint, words)}`);
    return lines.join('\n');
  }
}

/**
 * How a front end names the options core's messages speak of: the CLI says
 * `--max-unpack-bytes`, an action or a component its input. Core writes
 * `optionRef('max-unpack-bytes')` (the CLI's long name, without dashes); each front
 * end renders it (`describe`, `inFrontEndWords`) in its own words.
 */
export interface FrontEndWords {
  option(name: string): string;
}

/** The CLI's words: the flag itself, `--name` (`--no-overwrite` as written). */
export const CLI_WORDS: FrontEndWords = { option: (name) => `--${name}` };

const OPTION_REF = /\{\{option:([a-z0-9-]+)\}\}/g;

/** An option named in a message or hint, for each front end to say in its own words. */
export function optionRef(name: string): string {
  return `{{option:${name}}}`;
}

/** Text with every optionRef in the front end's words. */
export function inFrontEndWords(text: string, words: FrontEndWords = CLI_WORDS): string {
  return text.replace(OPTION_REF, (_, name: string) => words.option(name));
}

export function isOcikitError(error: unknown, code?: ErrorCode): error is OcikitError {
  return error instanceof OcikitError && (code === undefined || error.code === code);
}
