// CoalescingStream: what reaches gunzip in recompression, in pieces of at least a given size.
import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { CoalescingStream } from '../../packages/core/src/util/coalescing-stream.js';

async function pieces(input: Buffer[], minBytes: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const piece of Readable.from(input).pipe(new CoalescingStream(minBytes))) out.push(piece as Buffer);
  return out;
}

describe('CoalescingStream', () => {
  it('joins small chunks into pieces of at least the size asked, the last one smaller, the bytes unchanged', async () => {
    const input = Array.from({ length: 50 }, (_, i) => randomBytes(1000 + i * 37));
    const out = await pieces(input, 8192);
    expect(Buffer.concat(out).equals(Buffer.concat(input))).toBe(true);
    expect(out.slice(0, -1).every((piece) => piece.length >= 8192)).toBe(true);
    expect(out.at(-1)!.length).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(input.length);
  });

  it('passes a chunk that is already big enough through as it is, without copying', async () => {
    const big = randomBytes(20_000);
    const out = await pieces([big], 8192);
    expect(out).toHaveLength(1);
    expect(out[0]!.buffer).toBe(big.buffer);
  });

  it('ends with nothing for empty input and refuses a size that is not a positive whole number', async () => {
    expect(await pieces([], 4)).toEqual([]);
    expect(() => new CoalescingStream(0)).toThrow(RangeError);
    expect(() => new CoalescingStream(1.5)).toThrow(RangeError);
  });
});
