import type { Readable } from 'node:stream';
import { OcikitError } from '../errors.js';

/**
 * Reads a response body into memory, refusing to go past `limit` bytes: a
 * hostile or broken server cannot make ocikit buffer an endless body.
 */
export async function readBounded(body: Readable, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      body.destroy();
      throw new OcikitError('SIZE_LIMIT', `${what} is larger than the ${limit}-byte limit for it`, {
        hint: 'the server sent more than a valid answer can hold; check the registry URL',
      });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
