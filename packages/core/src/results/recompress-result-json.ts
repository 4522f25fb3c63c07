/** What `recompress` reports (`ocikit recompress --json`, the recompress action's `json` output). */
import type { RecompressReferenceResult } from '../compress/recompress-reference.js';
import type { RecompressMode, RecompressResult } from '../compress/recompress.js';
import type { Descriptor } from '../oci/manifest.js';
import { platformString } from '../platform/platform.js';
import { pinnedReference } from '../reference/reference.js';

/** A manifest or index that got a new digest; its old signatures and SBOMs do not carry over. */
export interface RewrittenJson {
  from: string;
  to: string;
  mediaType: string;
  platform?: string;
  /** The referrers the old digest had (when they were asked for). */
  referrers?: Descriptor[];
  /** With `--referrers`: those now also pointing at `to` (old referrer digest → new). */
  carried?: Array<{ from: string; to: string; artifactType?: string }>;
}

export interface RecompressedLayerJson {
  from: string;
  to: string;
  /** zstd bytes. */
  size: number;
  gzipSize: number;
  diffId: string;
}

export interface RecompressResultJson extends Descriptor {
  /** The result at the destination, pinned. */
  reference: string;
  mode: RecompressMode;
  changed: boolean;
  rewritten: RewrittenJson[];
  layers: RecompressedLayerJson[];
  keptLayers: number;
  bytes: RecompressResult['bytes'];
}

export function recompressResultJson(result: RecompressReferenceResult): RecompressResultJson {
  return {
    reference: pinnedReference(result.destination, result.tag, result.descriptor.digest),
    ...result.descriptor,
    mode: result.mode,
    changed: result.changed,
    rewritten: result.rewritten.map((r) => ({
      from: r.from.digest,
      to: r.to.digest,
      mediaType: r.to.mediaType,
      ...(r.platform ? { platform: platformString(r.platform) } : {}),
      ...(r.referrers ? { referrers: r.referrers } : {}),
      ...(r.carried
        ? { carried: r.carried.map((c) => ({ from: c.from.digest, to: c.to.digest, ...(c.to.artifactType ? { artifactType: c.to.artifactType } : {}) })) }
        : {}),
    })),
    layers: result.layers.map((l) => ({ from: l.from.digest, to: l.to.digest, size: l.to.size, gzipSize: l.from.size, diffId: l.diffId })),
    keptLayers: result.keptLayers,
    bytes: result.bytes,
  };
}
