import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { OcikitError } from '../errors.js';

/** `algorithm:hex`, as the image spec defines it. */
export type Digest = `${string}:${string}`;

const ALGORITHMS = {
  sha256: { node: 'sha256', hexLength: 64 },
  sha512: { node: 'sha512', hexLength: 128 },
} as const;
export type DigestAlgorithm = keyof typeof ALGORITHMS;

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

export function parseDigest(value: string): ParsedDigest {
  const colon = value.indexOf(':');
  const algorithm = value.slice(0, colon);
  const hex = value.slice(colon + 1);
  // Own keys only: "constructor" or "__proto__" is no algorithm.
  const known = Object.hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm as DigestAlgorithm] : undefined;
  if (colon < 0 || !known) {
    throw new OcikitError('INVALID_REFERENCE', `"${value}" is not a digest: expected sha256:<64 hex> or sha512:<128 hex>`);
  }
  if (hex.length !== known.hexLength || !/^[a-f0-9]+$/.test(hex)) {
    throw new OcikitError(
      'INVALID_REFERENCE',
      `"${value}" is not a valid ${algorithm} digest: expected ${known.hexLength} lowercase hex characters`,
    );
  }
  return { algorithm: algorithm as DigestAlgorithm, hex };
}

export function isDigest(value: string): value is Digest {
  try {
    parseDigest(value);
    return true;
  } catch {
    return false;
  }
}

export function createDigester(algorithm: DigestAlgorithm = 'sha256'): Hash {
  return createHash(ALGORITHMS[algorithm].node);
}

export function digestOf(bytes: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): Digest {
  return `${algorithm}:${createDigester(algorithm).update(bytes).digest('hex')}`;
}

/** Throws unless `bytes` hash to `expected` (what every manifest read goes through). */
export function verifyBytes(bytes: Uint8Array, expected: string, what: string): void {
  const { algorithm } = parseDigest(expected);
  const actual = digestOf(bytes, algorithm);
  if (actual !== expected) {
    throw new OcikitError('DIGEST_MISMATCH', `${what}: content does not match its digest`, {
      detail: `expected ${expected}, got ${actual}`,
      hint: 'the registry or store returned other bytes than were asked for; retry, and report it if it persists',
    });
  }
}

/**
 * A pass-through stream that hashes and counts what flows through it. It errors at
 * the end (so a consumer never renames a temp file into place) when the bytes do
 * not match the expected digest and size.
 */
export class VerifyingStream extends Transform {
  private readonly hash: Hash;
  private count = 0;
  /**
   * Called with the running byte count as bytes pass: a reader that shows
   * progress needs no counting stream of its own after this one.
   */
  onBytes: ((count: number) => void) | undefined;

  constructor(
    private readonly expected: { digest: string; size: number },
    private readonly what: string,
  ) {
    super();
    this.hash = createDigester(parseDigest(expected.digest).algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.expected.size) {
      callback(
        new OcikitError('DIGEST_MISMATCH', `${this.what}: more bytes than its descriptor's size`, {
          detail: `expected ${this.expected.size} bytes, got at least ${this.count}`,
        }),
      );
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(this.count);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { algorithm } = parseDigest(this.expected.digest);
    const actual = `${algorithm}:${this.hash.digest('hex')}`;
    if (this.count !== this.expected.size) {
      callback(
        new OcikitError('DIGEST_MISMATCH', `${this.what}: size does not match its descriptor`, {
          detail: `expected ${this.expected.size} bytes, got ${this.count}`,
          hint: 'the transfer was cut short or the content changed; retry',
        }),
      );
    } else if (actual !== this.expected.digest) {
      callback(
        new OcikitError('DIGEST_MISMATCH', `${this.what}: content does not match its digest`, {
          detail: `expected ${this.expected.digest}, got ${actual}`,
          hint: 'the registry or store returned other bytes than were asked for; retry, and report it if it persists',
        }),
      );
    } else {
      callback();
    }
  }
}

/** Hashes and counts a stream it does not own the end of (for sources of unknown digest). */
export class DigestingStream extends Transform {
  private readonly hash: Hash;
  size = 0;
  digest: Digest | undefined;

  constructor(private readonly algorithm: DigestAlgorithm = 'sha256') {
    super();
    this.hash = createDigester(algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.digest = `${this.algorithm}:${this.hash.digest('hex')}`;
    callback();
  }
}
