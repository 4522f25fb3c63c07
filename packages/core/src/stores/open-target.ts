import { OciLayoutStore } from '../layout/oci-layout-store.js';
import { type Reference, parseReference, referenceSelector } from '../reference/reference.js';
import { type RemoteRepositoryOptions, RemoteRepository } from '../registry/remote-repository.js';
import type { Target } from '../target/target.js';

export interface OpenTargetOptions extends RemoteRepositoryOptions {
  /** Create the OCI layout directory if it does not exist (for writing verbs). */
  create?: boolean;
}

export interface OpenedTarget {
  target: Target;
  reference: Reference;
  /** The tag or digest the reference names (`latest` when it names neither). */
  selector: string;
}

/** A reference string to the store it names: a registry repository or an OCI layout directory. */
export async function openTarget(reference: string | Reference, options: OpenTargetOptions = {}): Promise<OpenedTarget> {
  const parsed = typeof reference === 'string' ? parseReference(reference) : reference;
  const target: Target =
    parsed.kind === 'oci-layout'
      ? await OciLayoutStore.open(parsed.path, { create: Boolean(options.create) })
      : new RemoteRepository(parsed, options);
  return { target, reference: parsed, selector: referenceSelector(parsed) };
}
