// How tests look at an outcome: a stream's bytes, the OcikitError a promise rejects
// with, every text of an error (what a secret must appear in none of), and what an
// in-process CLI run wrote.
import { expect } from '@jest/globals';
import { type Readable, Writable } from 'node:stream';
import { OcikitError } from '../../packages/core/src/errors.js';

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The OcikitError `promise` rejects with (the test fails if it resolves or rejects with anything else). */
export async function failureOf(promise: Promise<unknown>): Promise<OcikitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OcikitError);
  return error as OcikitError;
}

/** Everything an error could show a person: message, detail, hint, as described, and its stack. */
export function fullText(error: OcikitError): string {
  return [error.message, error.detail, error.hint, error.describe(), String(error.stack)].join('\n');
}

/** A stdout or stderr for a CLI context run in this process, keeping what is written to it. */
export function capturedStream(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}
