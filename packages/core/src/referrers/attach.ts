import { OcikitError, optionRef } from '../errors.js';
import type { ArtifactFileInput } from '../artifact/artifact-inputs.js';
import { type PushArtifactOptions, type PushArtifactResult, pushArtifact } from '../artifact/push-artifact.js';
import type { Descriptor } from '../oci/manifest.js';
import { MediaType, isValidMediaType } from '../oci/media-types.js';
import { type BundleReferrer, signManifest } from '../sign/sign-reference.js';
import type { ImageSigner } from '../sign/signers.js';
import type { ReferrerListing, Target } from '../target/target.js';
import { type ContentKind, inspectContent } from '../documents/content-kinds.js';
import { subjectDescriptor } from '../oci/referrer-descriptor.js';

export interface AttachOptions extends Omit<PushArtifactOptions, 'files' | 'tags' | 'subject' | 'stdin' | 'stdinName' | 'config'> {
  /** The files, each `path[:mediaType]`; a known kind gets its media type from its content when none is given. */
  files: ArtifactFileInput[];
  /**
   * Also sign what is attached (`attach --sign`): the new referrer gets a
   * signature referrer of its own, so each link of a chain (image → SBOM → the
   * SBOM's signature) is one call. The signer is built before anything is
   * pushed, so a key that cannot be used fails first.
   */
  sign?: ImageSigner;
}

export interface AttachedFile {
  path: string;
  /** The layer's media type. */
  mediaType: string;
  /** The kind recognised (and checked); undefined for a file of a type ocikit has no rules for. */
  kind?: ContentKind;
}

export interface AttachResult extends PushArtifactResult {
  /** The manifest the artifact refers to. */
  subject: Descriptor;
  files: AttachedFile[];
  /** How the referrer got listed (registries): by the registry's API, or in the sha256-<hex> tag index. */
  referrers?: ReferrerListing;
  /** With `sign`: the signature of the attached artifact. */
  signature?: BundleReferrer;
}

/**
 * `ocikit attach`: pushes files as an artifact whose `subject` is the manifest
 * `subjectRef` names (by tag or digest), in the subject's repository or
 * layout. Every file of a known kind (SBOMs, SARIF, in-toto, DSSE, Sigstore,
 * cosign and Notation signatures) is checked to be what it claims before
 * anything is sent; its kind gives the media type, and the artifact type when
 * none is given. The store then lists the artifact as a referrer: a registry
 * through its API or the `sha256-<hex>` tag schema, a layout in index.json.
 */
export async function attachArtifact(target: Target, subjectRef: string, options: AttachOptions): Promise<AttachResult> {
  if (options.files.length === 0) {
    throw new OcikitError('INVALID_INPUT', 'nothing to attach', { hint: 'name one or more files: an SBOM, a signature, a scan report…' });
  }
  const files: AttachedFile[] = [];
  for (const file of options.files) {
    if (file.path === '-') {
      throw new OcikitError('INVALID_INPUT', 'attach reads files, not standard input', { hint: 'write it to a file first (its content is checked before it is pushed)' });
    }
    if (file.mediaType !== undefined && !isValidMediaType(file.mediaType)) {
      throw new OcikitError('INVALID_INPUT', `"${file.mediaType}" is not a valid media type for ${file.path}`);
    }
    const kind = await inspectContent(file.path, file.mediaType);
    files.push({ path: file.path, mediaType: file.mediaType ?? kind?.mediaType ?? MediaType.DefaultFile, ...(kind ? { kind } : {}) });
  }
  const artifactType = options.artifactType ?? impliedArtifactType(files);
  const subject = subjectDescriptor(await target.resolve(subjectRef));
  for (const file of files) {
    const about = file.kind?.about;
    if (about?.length && !about.includes(subject.digest)) {
      options.progress?.warning?.(`${file.path} (${file.kind!.name}) is about ${about.join(', ')}, not the subject ${subject.digest}`);
    }
  }
  const kindAnnotations = Object.assign({}, ...files.map((f) => f.kind?.annotations ?? {})) as Record<string, string>;
  const { sign: signer, ...pushOptions } = options;
  const result = await pushArtifact(target, {
    ...pushOptions,
    files: files.map((f) => ({ path: f.path, mediaType: f.mediaType })),
    tags: [],
    artifactType,
    annotations: { ...kindAnnotations, ...options.annotations },
    subject,
  });
  const referrers = target.referrerListing(result.descriptor.digest);
  const signature = signer ? await signAttached(target, result.descriptor, signer, options) : undefined;
  return { ...result, subject, files, ...(referrers ? { referrers } : {}), ...(signature ? { signature } : {}) };
}

/** Signs the artifact just attached; a failure says it is attached unsigned and how to sign it. */
async function signAttached(target: Target, attached: Descriptor, signer: ImageSigner, options: AttachOptions): Promise<BundleReferrer> {
  try {
    return await signManifest(target, attached, {
      signer,
      ...(options.sourceDateEpoch === undefined ? {} : { sourceDateEpoch: options.sourceDateEpoch }),
      ...(options.progress ? { progress: options.progress } : {}),
    });
  } catch (error) {
    if (!(error instanceof OcikitError)) throw error;
    throw new OcikitError(error.code, `${target.name}@${attached.digest} was attached, but signing it failed: ${error.message}`, {
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.status ? { status: error.status } : {}),
      hint: `${error.hint ? `${error.hint}; then ` : ''}sign it with \`ocikit sign ${target.name}@${attached.digest}\``,
      cause: error,
    });
  }
}

/** The artifact type the files' kinds agree on; an error when they do not or there is none. */
function impliedArtifactType(files: AttachedFile[]): string {
  const types = new Set(files.map((f) => f.kind?.artifactType));
  const [only] = types;
  if (types.size === 1 && only !== undefined) return only;
  const unknown = files.filter((f) => !f.kind).map((f) => f.path);
  throw new OcikitError('INVALID_INPUT', 'attach needs an artifact type, and the files do not imply one', {
    hint: unknown.length
      ? `name it with ${optionRef('artifact-type')} (ocikit does not recognise ${unknown.join(', ')})`
      : `name it with ${optionRef('artifact-type')} (the files are of different kinds: ${[...types].join(', ')})`,
  });
}
