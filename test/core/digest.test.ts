// Digests are what every pull and copy trusts: a digest that parses when it should not,
// or a stream that lets other bytes through, is an integrity bug no registry test would
// notice. These pin the rules down one by one (and kill the mutants of oci/digest.ts:
// docs/reliability.md).
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from '@jest/globals';
import { OcikitError } from '../../packages/core/src/errors.js';
import { DigestingStream, VerifyingStream, createDigester, digestOf, isDigest, parseDigest, verifyBytes } from '../../packages/core/src/oci/digest.js';

const HEX64 = 'a1'.repeat(32);
const HEX128 = '0f'.repeat(64);
const CONTENT = new TextEncoder().encode('hello, registry');
const SHA256_OF_CONTENT = `sha256:${createHash('sha256').update(CONTENT).digest('hex')}`;
const SHA512_OF_CONTENT = `sha512:${createHash('sha512').update(CONTENT).digest('hex')}`;

function thrown(action: () => unknown): OcikitError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(OcikitError);
    return error as OcikitError;
  }
  throw new Error('expected an OcikitError');
}

/** Streams `chunks` through `stream`; what came out, and the error it ended with. */
async function through(stream: VerifyingStream | DigestingStream, chunks: string[]): Promise<{ out: string; error?: OcikitError }> {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out += chunk.toString('utf8');
      callback();
    },
  });
  try {
    await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), stream, sink);
    return { out };
  } catch (error) {
    expect(error).toBeInstanceOf(OcikitError);
    return { out, error: error as OcikitError };
  }
}

describe('parseDigest', () => {
  it('reads sha256 and sha512 digests into algorithm and hex', () => {
    expect(parseDigest(`sha256:${HEX64}`)).toStrictEqual({ algorithm: 'sha256', hex: HEX64 });
    expect(parseDigest(`sha512:${HEX128}`)).toStrictEqual({ algorithm: 'sha512', hex: HEX128 });
  });

  it.each([
    ['no colon', HEX64, 'is not a digest'],
    ['no colon after an algorithm name', 'sha2560', 'is not a digest'],
    ['an empty algorithm', `:${HEX64}`, 'is not a digest'],
    ['an unknown algorithm', `md5:${HEX64}`, 'is not a digest'],
    ['an algorithm in capitals', `SHA256:${HEX64}`, 'is not a digest'],
    ['a name every object has, as the algorithm', `constructor:${HEX64}`, 'is not a digest'],
    ['the prototype, as the algorithm', `__proto__:${HEX64}`, 'is not a digest'],
    ['an empty hex part', 'sha256:', 'is not a valid sha256 digest'],
    ['one hex digit short', `sha256:${HEX64.slice(1)}`, 'is not a valid sha256 digest'],
    ['one hex digit over', `sha256:${HEX64}0`, 'is not a valid sha256 digest'],
    ['a sha256 length under sha512', `sha512:${HEX64}`, 'is not a valid sha512 digest'],
    ['uppercase hex', `sha256:${HEX64.toUpperCase()}`, 'is not a valid sha256 digest'],
    ['a non-hex first character', `sha256:g${HEX64.slice(1)}`, 'is not a valid sha256 digest'],
    ['a non-hex last character', `sha256:${HEX64.slice(1)}g`, 'is not a valid sha256 digest'],
    ['a second digest appended', `sha256:${HEX64.slice(0, 32)}:${HEX64.slice(0, 31)}`, 'is not a valid sha256 digest'],
  ])('refuses %s', (_what, value, message) => {
    const error = thrown(() => parseDigest(value));
    expect(error.code).toBe('INVALID_REFERENCE');
    expect(error.message).toContain(message);
  });

  it('isDigest says the same without throwing', () => {
    expect(isDigest(`sha256:${HEX64}`)).toBe(true);
    expect(isDigest(`sha512:${HEX128}`)).toBe(true);
    expect(isDigest(`sha256:${HEX64.toUpperCase()}`)).toBe(false);
    expect(isDigest('latest')).toBe(false);
  });
});

describe('digestOf and createDigester', () => {
  it('hash with sha256 unless told otherwise', () => {
    expect(digestOf(CONTENT)).toBe(SHA256_OF_CONTENT);
    expect(digestOf(CONTENT, 'sha512')).toBe(SHA512_OF_CONTENT);
    expect(`sha256:${createDigester().update(CONTENT).digest('hex')}`).toBe(SHA256_OF_CONTENT);
    expect(`sha512:${createDigester('sha512').update(CONTENT).digest('hex')}`).toBe(SHA512_OF_CONTENT);
  });
});

describe('verifyBytes', () => {
  it('accepts bytes that hash to the digest, under its own algorithm', () => {
    expect(() => verifyBytes(CONTENT, SHA256_OF_CONTENT, 'the manifest')).not.toThrow();
    expect(() => verifyBytes(CONTENT, SHA512_OF_CONTENT, 'the manifest')).not.toThrow();
  });

  it('refuses other bytes as DIGEST_MISMATCH, naming both digests', () => {
    const other = new TextEncoder().encode('hello, registrY');
    const error = thrown(() => verifyBytes(other, SHA256_OF_CONTENT, 'the manifest'));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.message).toBe('the manifest: content does not match its digest');
    expect(error.detail).toBe(`expected ${SHA256_OF_CONTENT}, got ${digestOf(other)}`);
    expect(thrown(() => verifyBytes(other, SHA512_OF_CONTENT, 'the manifest')).code).toBe('DIGEST_MISMATCH');
  });

  it('refuses a digest that is not one before hashing anything', () => {
    expect(thrown(() => verifyBytes(CONTENT, 'sha256:abc', 'the manifest')).code).toBe('INVALID_REFERENCE');
  });
});

describe('VerifyingStream', () => {
  const expected = { digest: SHA256_OF_CONTENT, size: CONTENT.length };

  it('passes the expected bytes through unchanged and counts them as they go', async () => {
    const stream = new VerifyingStream(expected, 'blob');
    const counts: number[] = [];
    stream.onBytes = (count) => counts.push(count);
    const result = await through(stream, ['hello, ', 'registry']);
    expect(result).toStrictEqual({ out: 'hello, registry' });
    expect(counts).toStrictEqual([7, 15]);
  });

  it('checks a sha512 digest with sha512', async () => {
    expect(await through(new VerifyingStream({ digest: SHA512_OF_CONTENT, size: CONTENT.length }, 'blob'), ['hello, registry'])).toStrictEqual({
      out: 'hello, registry',
    });
  });

  it('errors at the first byte past the size, without passing it on', async () => {
    const { out, error } = await through(new VerifyingStream(expected, 'blob'), ['hello, registry', '!', 'more']);
    expect(out).toBe('hello, registry');
    expect(error?.code).toBe('DIGEST_MISMATCH');
    expect(error?.message).toBe("blob: more bytes than its descriptor's size");
  });

  it('errors at the end when fewer bytes came than the size', async () => {
    const { error } = await through(new VerifyingStream(expected, 'blob'), ['hello, regis']);
    expect(error?.code).toBe('DIGEST_MISMATCH');
    expect(error?.message).toBe('blob: size does not match its descriptor');
    expect(error?.detail).toBe(`expected ${CONTENT.length} bytes, got 12`);
  });

  it('errors at the end when the bytes are as many but others', async () => {
    const { out, error } = await through(new VerifyingStream(expected, 'blob'), ['hello, registrY']);
    expect(out).toBe('hello, registrY');
    expect(error?.code).toBe('DIGEST_MISMATCH');
    expect(error?.message).toBe('blob: content does not match its digest');
  });

  it('refuses an expected digest that is not one', () => {
    expect(thrown(() => new VerifyingStream({ digest: 'sha1:abc', size: 1 }, 'blob')).code).toBe('INVALID_REFERENCE');
  });
});

describe('DigestingStream', () => {
  it('passes bytes through and ends knowing their size and sha256 digest', async () => {
    const stream = new DigestingStream();
    expect(stream.digest).toBeUndefined();
    expect(await through(stream, ['hello, ', 'registry'])).toStrictEqual({ out: 'hello, registry' });
    expect(stream.size).toBe(CONTENT.length);
    expect(stream.digest).toBe(SHA256_OF_CONTENT);
  });

  it('uses sha512 when asked', async () => {
    const stream = new DigestingStream('sha512');
    await through(stream, ['hello, registry']);
    expect(stream.digest).toBe(SHA512_OF_CONTENT);
  });
});
