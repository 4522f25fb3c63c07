/**
 * `sign` and `attest` over several references and, with `recursive`, over every
 * manifest an index lists (cosign's `sign --recursive`), in one call:
 *
 * - Everything to sign is read first (each index and each manifest it lists,
 *   verified against its digest), so a missing or corrupt child stops the call
 *   before anything is signed, logged or pushed.
 * - One signing per distinct statement: the same image pushed to several
 *   registries (the same digest) is signed once, and that one bundle (one Rekor
 *   entry) is attached in each. An attestation names its repository (cosign's
 *   subject name), so the same digest in two repositories gets one statement each.
 * - References naming different digests are each signed, as cosign signs each
 *   image it is given; nothing requires them to be one image.
 * - One signer for all of them (signing-session.ts): one key, or one Fulcio
 *   certificate while it is valid.
 *
 * The per-subject signing and attaching is sign-reference.ts's, shared with
 * `signReference` and `attestReference`.
 */
import { OcikitError, isOcikitError, optionRef } from '../errors.js';
import { type Descriptor, type Platform, isIndex, parseManifest } from '../oci/manifest.js';
import { subjectDescriptor } from '../oci/referrer-descriptor.js';
import type { Target } from '../target/target.js';
import {
  type AttestManifestOptions,
  type BundleReferrer,
  type BundleReferrerOptions,
  type Claim,
  type SignManifestOptions,
  type SignedBundle,
  attachBundle,
  attestationClaim,
  bundleFor,
  signatureClaim,
} from './sign-reference.js';
import { SigningSession } from './signing-session.js';

/** One reference the user named, opened. */
export interface SigningSubject {
  target: Target;
  /** The tag or digest it names. */
  selector: string;
}

export interface SignReferencesOptions {
  /** Also every manifest an index lists, and theirs for nested indexes (cosign's `sign --recursive`). */
  recursive?: boolean;
}

/** A signature or attestation attached for one manifest of one of the subjects. */
export interface SignedManifest {
  /** Which of the given subjects (its position) the manifest belongs to. */
  from: number;
  /** The index that lists the manifest (by digest), when it is not the one the subject names. */
  listedBy?: string;
  /** The platform the index gives the manifest. */
  platform?: Platform;
  result: BundleReferrer;
}

/** A manifest to sign, found in one subject's store. */
interface Planned {
  from: number;
  subject: Descriptor;
  listedBy?: string;
  platform?: Platform;
}

/**
 * `ocikit sign <reference>...` (`--recursive`): signs each manifest as
 * `signReference` does; returns one result per manifest and store, in the order
 * of the subjects, an index before the manifests it lists.
 */
export async function signReferences(
  subjects: readonly SigningSubject[],
  options: SignManifestOptions & SignReferencesOptions,
): Promise<SignedManifest[]> {
  const claim = signatureClaim(options);
  return signAll(subjects, options, () => claim, (subject) => subject.digest);
}

/** What `attestReferences` takes: the statement's subject name is each subject's (cosign attest: its repository). */
export interface AttestingSubject extends SigningSubject {
  subjectName?: string;
}

/**
 * `ocikit attest <reference>...` (`--recursive`): one attestation per manifest, each
 * statement about its own digest (actions/attest can attest one subject a call).
 */
export async function attestReferences(
  subjects: readonly AttestingSubject[],
  options: Omit<AttestManifestOptions, 'subjectName'> & SignReferencesOptions,
): Promise<SignedManifest[]> {
  const claims = subjects.map((subject) => attestationClaim({ ...options, ...(subject.subjectName === undefined ? {} : { subjectName: subject.subjectName }) }));
  return signAll(subjects, options, (from) => claims[from]!, (subject, from) => `${subject.digest} ${subjects[from]!.subjectName ?? ''}`);
}

async function signAll(
  subjects: readonly SigningSubject[],
  options: BundleReferrerOptions & SignReferencesOptions,
  claimOf: (from: number) => Claim,
  statementKey: (subject: Descriptor, from: number) => string,
): Promise<SignedManifest[]> {
  if (subjects.length === 0) throw new OcikitError('INVALID_INPUT', 'nothing to sign: no reference was given');
  const planned = await plan(subjects, Boolean(options.recursive));
  const session = new SigningSession(options.signer);
  const bundles = new Map<string, SignedBundle>();
  const done: SignedManifest[] = [];
  for (const item of planned) {
    const target = subjects[item.from]!.target;
    try {
      const key = statementKey(item.subject, item.from);
      let signed = bundles.get(key);
      if (!signed) {
        signed = await bundleFor(item.subject, claimOf(item.from), session);
        bundles.set(key, signed);
      }
      const result = await attachBundle(target, item.subject, signed, options);
      const { from, listedBy, platform } = item;
      done.push({ from, ...(listedBy ? { listedBy } : {}), ...(platform ? { platform } : {}), result });
    } catch (error) {
      throw partlyDone(error, `${target.name}@${item.subject.digest}`, done.length, planned.length, Boolean(options.recursive));
    }
  }
  return done;
}

/**
 * Reads every subject (and, recursively, what its indexes list) before anything is
 * signed. A manifest is signed once per store, however often it is named or listed.
 */
async function plan(subjects: readonly SigningSubject[], recursive: boolean): Promise<Planned[]> {
  const planned: Planned[] = [];
  const seen = new Set<string>();
  const visit = async (from: number, reference: Descriptor | string, listedBy?: string): Promise<void> => {
    const { target } = subjects[from]!;
    const fetched = await target.fetchManifest(reference);
    const subject = subjectDescriptor(fetched.descriptor);
    const key = `${target.name}\n${subject.digest}`;
    if (seen.has(key)) return;
    seen.add(key);
    const platform = typeof reference === 'string' ? undefined : reference.platform;
    planned.push({ from, subject, ...(listedBy ? { listedBy } : {}), ...(platform ? { platform } : {}) });
    if (!recursive) return;
    const manifest = parseManifest(fetched.bytes, `${target.name}@${subject.digest}`, subject.mediaType);
    if (!isIndex(manifest)) return;
    for (const child of manifest.manifests) await visit(from, child, subject.digest);
  };
  for (const [from, subject] of subjects.entries()) await visit(from, subject.selector);
  return planned;
}

/**
 * A failure after some signatures were attached says so: they stay (a signature
 * is only ever added), and signing again adds a second one to those manifests,
 * which verifiers accept.
 */
function partlyDone(error: unknown, what: string, attached: number, total: number, recursive: boolean): unknown {
  if (attached === 0 || !isOcikitError(error)) return error;
  return new OcikitError(error.code, `signing ${what} failed after ${attached} of ${total} signatures were attached: ${error.message}`, {
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.status ? { status: error.status } : {}),
    hint: `${error.hint ? `${error.hint}; ` : ''}the ${attached} attached stay; run it again to sign the rest (a manifest then has two signatures, which verify alike)${recursive ? `, or name the rest by digest without ${optionRef('recursive')}` : ''}`,
    cause: error,
  });
}
