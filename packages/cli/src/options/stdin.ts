import { OcikitError } from '@ocikit/core';

let consumed = false;

/** Standard input can be read once: by --password-stdin or by a `-` file, not both. */
export function claimStdin(purpose: string): NodeJS.ReadableStream {
  if (consumed) throw new OcikitError('INVALID_INPUT', `standard input is already used; it cannot also be ${purpose}`);
  consumed = true;
  return process.stdin;
}

export async function readStdinText(): Promise<string> {
  const stream = claimStdin('read as the password');
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
