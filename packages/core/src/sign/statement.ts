import { OcikitError } from '../errors.js';
import { parseDigest } from '../oci/digest.js';
import type { Descriptor } from '../oci/manifest.js';
import { IN_TOTO_STATEMENT_V1 } from './constants.js';

/** An in-toto ResourceDescriptor as a statement's subject. */
export interface InTotoSubject {
  name?: string;
  digest: Record<string, string>;
  annotations?: Record<string, unknown>;
}

/** An in-toto Statement (v1; v0.1 statements read the same way). */
export interface InTotoStatement {
  _type: string;
  subject: InTotoSubject[];
  predicateType: string;
  predicate?: unknown;
}

export interface StatementOptions {
  /** The subject's `name` (cosign attest uses the repository, e.g. `ghcr.io/org/app`). */
  subjectName?: string;
  /** Subject annotations (cosign's `sign -a key=value` lands here). */
  annotations?: Record<string, string>;
}

/** The statement for a descriptor: one subject, `{algorithm: hex}` of its digest. */
export function buildStatement(subject: Descriptor, predicateType: string, predicate: unknown, options: StatementOptions = {}): InTotoStatement {
  const { algorithm, hex } = parseDigest(subject.digest);
  if (typeof predicateType !== 'string' || predicateType.trim() === '') {
    throw new OcikitError('INVALID_INPUT', 'an attestation needs a predicate type (a URI such as https://slsa.dev/provenance/v1)');
  }
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    throw new OcikitError('INVALID_INPUT', `the predicate of a ${predicateType} attestation must be a JSON object`);
  }
  if (options.subjectName === '') throw new OcikitError('INVALID_INPUT', 'an attestation subject name must not be empty');
  const digest = { [algorithm]: hex };
  const entry: InTotoSubject = options.subjectName === undefined ? { digest } : { name: options.subjectName, digest };
  if (options.annotations && Object.keys(options.annotations).length > 0) entry.annotations = { ...options.annotations };
  return { _type: IN_TOTO_STATEMENT_V1, subject: [entry], predicateType, predicate };
}

export function encodeStatement(statement: InTotoStatement): Buffer {
  let json: string;
  try {
    json = JSON.stringify(statement);
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `the ${statement.predicateType} predicate cannot be written as JSON: ${(error as Error).message}`);
  }
  return Buffer.from(json, 'utf8');
}

const KNOWN_STATEMENT_TYPES = new Set([IN_TOTO_STATEMENT_V1, 'https://in-toto.io/Statement/v0.1']);

/** Reads a DSSE payload as an in-toto statement; returns a reason instead of throwing. */
export function readStatement(payload: Uint8Array): InTotoStatement | string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return 'its payload is not UTF-8 JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'its payload is not a JSON object';
  const s = value as Record<string, unknown>;
  if (typeof s._type !== 'string' || !KNOWN_STATEMENT_TYPES.has(s._type)) {
    return `its payload is not an in-toto statement (_type ${JSON.stringify(s._type ?? null)})`;
  }
  if (typeof s.predicateType !== 'string' || s.predicateType === '') return 'its statement has no predicateType';
  if (!Array.isArray(s.subject) || s.subject.length === 0) return 'its statement has no subject';
  for (const [i, subject] of s.subject.entries()) {
    const d = (subject as Record<string, unknown> | null)?.digest;
    if (typeof d !== 'object' || d === null || Array.isArray(d) || Object.values(d).some((v) => typeof v !== 'string')) {
      return `its statement's subject[${i}] has no digest map`;
    }
  }
  return s as unknown as InTotoStatement;
}
