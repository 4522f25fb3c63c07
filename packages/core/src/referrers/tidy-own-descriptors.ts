import { isOcikitError } from '../errors.js';
import { type Descriptor, parseManifest } from '../oci/manifest.js';
import type { RemoteRepository } from '../registry/remote-repository.js';
import { referrerDescriptor, subjectDescriptor } from '../oci/referrer-descriptor.js';
import { sameDescriptor } from '../registry/remote-referrers.js';
import type { DescribedEntry } from './tidy-result.js';

/**
 * A referrer as its own manifest describes it: the descriptor a referrers list
 * should hold for it, and the subject it names. `gone`: the repository no longer
 * has it; `unreadable`: no manifest tidy can read (its entry is left as it is).
 */
export type OwnDescriptor = { descriptor: Descriptor; subject?: string } | 'gone' | 'unreadable';

/** Each referrer's manifest read once per tidy, however many indexes list it. */
export type OwnDescriptors = Map<string, Promise<OwnDescriptor>>;

export function ownDescriptor(target: RemoteRepository, own: OwnDescriptors, digest: string): Promise<OwnDescriptor> {
  let found = own.get(digest);
  if (!found) {
    found = readOwn(target, digest);
    own.set(digest, found);
  }
  return found;
}

/** fetchManifest bounds the read (4 MiB) and checks the bytes against the digest. */
async function readOwn(target: RemoteRepository, digest: string): Promise<OwnDescriptor> {
  try {
    const fetched = await target.fetchManifest(digest);
    const manifest = parseManifest(fetched.bytes, `${target.name}@${digest}`, fetched.descriptor.mediaType);
    const descriptor = referrerDescriptor(subjectDescriptor(fetched.descriptor), manifest);
    return { descriptor, ...(manifest.subject ? { subject: manifest.subject.digest } : {}) };
  } catch (error) {
    if (isOcikitError(error, 'NOT_FOUND')) return 'gone';
    if (isOcikitError(error, 'INVALID_MANIFEST') || isOcikitError(error, 'DIGEST_MISMATCH') || isOcikitError(error, 'SIZE_LIMIT')) return 'unreadable';
    throw error;
  }
}

/**
 * The entry as the referrers list should hold it: the referrer's media type,
 * size, artifactType and annotations (exactly the manifest's, as the
 * distribution-spec has the API list them), and any other field the entry's
 * writer gave (a platform) kept.
 */
export function wantedEntry(entry: Descriptor, own: Descriptor): Descriptor {
  const { artifactType: _artifactType, annotations: _annotations, ...rest } = entry;
  return {
    ...rest,
    mediaType: own.mediaType,
    digest: own.digest,
    size: own.size,
    ...(own.artifactType !== undefined ? { artifactType: own.artifactType } : {}),
    ...(own.annotations !== undefined ? { annotations: own.annotations } : {}),
  };
}

/** What an entry lacks or has wrong against the referrer's own descriptor, with the entry it should be; undefined when it is right. */
export function describedChange(entry: Descriptor, own: Descriptor): { change: DescribedEntry; wanted: Descriptor } | undefined {
  const wanted = wantedEntry(entry, own);
  if (sameDescriptor(entry, wanted)) return undefined;
  const keys = new Set([...Object.keys(entry.annotations ?? {}), ...Object.keys(wanted.annotations ?? {})]);
  const annotations = [...keys].filter((key) => entry.annotations?.[key] !== wanted.annotations?.[key]).sort();
  const other = (['mediaType', 'size'] as const).filter((field) => entry[field] !== wanted[field]);
  const change: DescribedEntry = {
    digest: entry.digest,
    ...(wanted.artifactType !== entry.artifactType && wanted.artifactType !== undefined ? { artifactType: wanted.artifactType } : {}),
    annotations,
    ...(other.length > 0 ? { other } : {}),
  };
  return { change, wanted };
}
