import { FetchedBlobSource } from '../target/fetched-blob-source.js';
import { OcikitError, optionRef } from '../errors.js';
import type { Digest } from '../oci/digest.js';
import {
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  type Manifest,
  type Platform,
  describeManifest,
  encodeManifest,
  isIndex,
  parseManifest,
} from '../oci/manifest.js';
import { MediaType, isManifestMediaType } from '../oci/media-types.js';
import { type ProgressListener, storedOutcome } from '../progress/progress.js';
import { readBounded } from '../util/read-bounded.js';
import type { Target } from '../target/target.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { ATTESTATION_REFERENCE_DIGEST, isAttestationEntry, samePlatform } from '../platform/match.js';
import { platformString } from '../platform/platform.js';
import { carryReferrer } from './carry-referrers.js';
import { IMAGE_CONFIG_TYPES, ZSTD_INSTANCE_ANNOTATION, isZstdInstance, layerKind, ociDescriptor, zstdLayerDescriptor } from './layer-types.js';
import type { Limiter } from '../util/limiter.js';
import { defaultZstdLimiter } from './zstd-frames.js';
import { type RecompressedLayer, gunzipSlots, recompressLayer } from './recompress-layer.js';
import { isExternalLayer } from '../oci/foreign-layers.js';
import { copyManifestGraph } from '../graph/copy-manifest-graph.js';

/**
 * `replace`: the zstd manifests take the place of the gzip ones.
 * `add`: the gzip manifests stay first in the index and the zstd ones are
 * appended, marked with `io.github.containers.compression.zstd` (see docs/cli/recompress.md).
 */
export type RecompressMode = 'replace' | 'add';

export interface RecompressOptions {
  mode?: RecompressMode;
  /** zstd level, 1 to 22 (default 3). */
  level?: number;
  /** Only images of these platforms are recompressed (compared as containerd does: `arm64` is `arm64/v8`); the other entries of an index stay as they are. */
  platforms?: readonly Platform[];
  /** Blobs copied at once (default 3); layers are recompressed at most one per core at once. */
  concurrency?: number;
  /** Spool each zstd blob to a temp file here and upload it in one request (registries that refuse chunked uploads). */
  tempDir?: string;
  /** Uncompressed bytes per zstd frame (default 4 MiB). */
  frameSize?: number;
  /** Shared bound on frames compressed at once (default: one per core, process-wide). */
  limiter?: Limiter;
  progress?: ProgressListener;
  signal?: AbortSignal;
  /**
   * The referrers (signatures, SBOMs) of a source manifest. Referrers do not
   * carry over to a new digest; when this is given, each rewritten manifest
   * reports the ones its old digest had, so a pipeline can sign again.
   */
  referrersOf?: (subject: Descriptor) => Promise<Descriptor[]>;
  /**
   * Also carry the referrers `referrersOf` lists that still hold for the new
   * manifest (SBOMs, scan reports: see carryReferrer) onto it; signatures and
   * attestations are left for the pipeline to make again.
   */
  carryReferrers?: boolean;
}

/** A referrer of an old digest, pointed at the new one. */
export interface CarriedReferrer {
  from: Descriptor;
  to: Descriptor;
}

/** A source manifest or index and the zstd one that now stands for it at the destination. */
export interface RewrittenManifest {
  from: Descriptor;
  to: Descriptor;
  platform?: Platform;
  /** What `referrersOf` listed for `from` (absent without the hook). */
  referrers?: Descriptor[];
  /** With `carryReferrers`: those of `referrers` now also pointing at `to`. */
  carried?: CarriedReferrer[];
}

export interface RecompressedLayerReport {
  from: Descriptor;
  to: Descriptor;
  diffId: Digest;
}

export interface RecompressResult {
  /** The root manifest or index as the destination now holds it. */
  descriptor: Descriptor;
  tag?: string;
  mode: RecompressMode;
  /** False when there was no tar+gzip layer to recompress (the root was carried as it is). */
  changed: boolean;
  /** Every manifest and index with a new digest, children before parents, the root last. */
  rewritten: RewrittenManifest[];
  /** Each distinct tar+gzip layer and its tar+zstd successor. */
  layers: RecompressedLayerReport[];
  /** Layers of the recompressed images left as they were (zstd, uncompressed, foreign, other). */
  keptLayers: number;
  bytes: { gzip: number; zstd: number; uncompressed: number };
}

/** Configs are small; a larger one is refused before it is buffered. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Deeper than any real index nesting; what is deeper is refused, not walked. */
const MAX_DEPTH = 8;

interface ImageConfigInfo {
  diffIds: string[];
  platform?: Platform;
}

type PlanNode =
  | { kind: 'carried'; descriptor: Descriptor }
  /** A BuildKit attestation manifest that names its image in `subject` too (BuildKit >= 0.32, OCI artifact storage). */
  | { kind: 'attestation'; descriptor: Descriptor; manifest: ImageManifest }
  | { kind: 'image'; descriptor: Descriptor; manifest: ImageManifest; config: ImageConfigInfo; platform?: Platform }
  | { kind: 'index'; descriptor: Descriptor; manifest: ImageIndex; children: PlanNode[] };

interface Built {
  descriptor: Descriptor;
  /** Bytes to push when the node has a new digest. */
  bytes?: Uint8Array;
  changed: boolean;
}

/**
 * Recompresses the image or index `sourceRef` of `source` into `destination`:
 * every tar+gzip layer of the selected images becomes tar+zstd, streamed
 * (recompress-layer.ts), several layers at once. The uncompressed tar of each
 * layer is checked against its config's `rootfs.diff_ids`; only when every
 * layer of every image is right does anything become visible at the
 * destination: the zstd blobs are committed, the configs (the same blobs) and
 * what is carried as it is copied, then the manifests pushed, children before
 * parents, the root last (under `destinationTag`, else by digest).
 *
 * Docker schema 2 manifests and lists that get zstd layers become OCI ones
 * (Docker's format has no zstd type); annotations, platforms, subjects and
 * artifact types are kept. BuildKit attestation manifests are carried as they
 * are and re-pointed at the image they describe; those that name it in
 * `subject` too (BuildKit >= 0.32) are stored again with `subject` set to the
 * zstd image, so the index and the referrers list agree on what they describe.
 */
export async function recompress(
  source: Target,
  sourceRef: string,
  destination: Target,
  destinationTag: string | undefined,
  options: RecompressOptions = {},
): Promise<RecompressResult> {
  const run = new Recompression(source, destination, options);
  return run.run(sourceRef, destinationTag);
}

class Recompression {
  private readonly mode: RecompressMode;
  private readonly concurrency: number;
  private readonly staged: RecompressedLayer[] = [];
  private readonly copies = new Map<string, Promise<void>>();
  private readonly rewritten: RewrittenManifest[] = [];
  private readonly built = new Map<PlanNode, Built>();
  private readonly toPush: Array<{ descriptor: Descriptor; bytes: Uint8Array }> = [];
  private readonly blobsToCopy = new Map<string, Descriptor>();
  private readonly treesToCopy = new Map<string, Descriptor>();
  private layerByDigest = new Map<string, RecompressedLayer>();
  private keptLayers = 0;

  constructor(
    private readonly source: Target,
    private readonly destination: Target,
    private readonly options: RecompressOptions,
  ) {
    this.mode = options.mode ?? 'replace';
    this.concurrency = Math.max(1, options.concurrency ?? 3);
  }

  async run(sourceRef: string, destinationTag: string | undefined): Promise<RecompressResult> {
    const root = await this.source.fetchManifest(sourceRef);
    const rootManifest = parseManifest(root.bytes, `${this.source.name}:${sourceRef}`, root.descriptor.mediaType);
    const rootDescriptor = describeManifest(rootManifest, root.bytes);
    const plan = await this.planRoot(rootDescriptor, rootManifest);
    try {
      await this.stageLayers(plan);
      let top = this.build(plan);
      if (this.mode === 'add' && plan.kind === 'image' && top.changed) top = this.addIndexForImage(plan, top);
      const { referrersOf } = this.options;
      if (referrersOf) {
        // One lookup per rewritten manifest (two requests where the tag schema stands in for the API): side by side.
        await mapConcurrent(this.rewritten, this.concurrency, async (entry) => {
          entry.referrers = await referrersOf(entry.from);
        });
      }
      await this.publish(top, rootDescriptor, root.bytes, destinationTag);
      if (this.options.carryReferrers) await mapConcurrent(this.rewritten, this.concurrency, (entry) => this.carryReferrers(entry));
      return this.result(top, destinationTag);
    } catch (error) {
      await Promise.all(this.staged.map((layer) => layer.staged.abort().catch(() => undefined)));
      throw error;
    }
  }

  // --- planning: read manifests and configs, decide what is recompressed ---

  private async planRoot(descriptor: Descriptor, manifest: Manifest): Promise<PlanNode> {
    if (isIndex(manifest)) return this.planIndex(descriptor, manifest, 0);
    const plan = await this.planImage(descriptor, manifest, undefined);
    const selectors = this.options.platforms ?? [];
    if (plan.kind === 'image' && !this.selected(plan.config.platform)) {
      throw new OcikitError('INVALID_INPUT', `${this.source.name} is a single image for ${describePlatform(plan.config.platform)}, not for ${optionRef('platform')} ${selectors.map(platformString).join(', ')}`, {
        hint: `leave out ${optionRef('platform')} for a single image, or name its platform`,
      });
    }
    return plan;
  }

  private async planIndex(descriptor: Descriptor, manifest: ImageIndex, depth: number): Promise<PlanNode> {
    if (depth >= MAX_DEPTH) {
      throw new OcikitError('INVALID_MANIFEST', `${this.source.name}: indexes nested more than ${MAX_DEPTH} deep at ${descriptor.digest}`);
    }
    const children = await mapConcurrent(manifest.manifests, this.concurrency, (entry) => this.planEntry(entry, depth + 1));
    return { kind: 'index', descriptor, manifest, children };
  }

  private async planEntry(entry: Descriptor, depth: number): Promise<PlanNode> {
    const carried: PlanNode = { kind: 'carried', descriptor: entry };
    if (isAttestationEntry(entry)) return this.planAttestation(entry);
    if (!isManifestMediaType(entry.mediaType)) return carried;
    if (this.mode === 'add' && isZstdInstance(entry)) return carried;
    if (entry.platform && !this.selected(entry.platform)) return carried;
    const fetched = await this.source.fetchManifest(entry);
    const manifest = parseManifest(fetched.bytes, `manifest ${entry.digest} in ${this.source.name}`, entry.mediaType);
    if (isIndex(manifest)) return this.planIndex(entry, manifest, depth);
    const plan = await this.planImage(entry, manifest, entry.platform);
    if (plan.kind === 'image' && !entry.platform && !this.selected(plan.config.platform)) return carried;
    return plan;
  }

  /** An attestation entry: carried, unless its manifest names its image in `subject` (then it may follow the image). */
  private async planAttestation(entry: Descriptor): Promise<PlanNode> {
    const carried: PlanNode = { kind: 'carried', descriptor: entry };
    if (entry.mediaType !== MediaType.ImageManifest) return carried;
    const fetched = await this.source.fetchManifest(entry);
    const manifest = parseManifest(fetched.bytes, `attestation manifest ${entry.digest} in ${this.source.name}`, entry.mediaType);
    return !isIndex(manifest) && manifest.subject ? { kind: 'attestation', descriptor: entry, manifest } : carried;
  }

  /** Whether `--platform` (if given) names this platform. */
  private selected(platform: Platform | undefined): boolean {
    const selectors = this.options.platforms ?? [];
    return selectors.length === 0 || (platform !== undefined && selectors.some((selector) => samePlatform(platform, selector)));
  }

  private async planImage(descriptor: Descriptor, manifest: ImageManifest, entryPlatform: Platform | undefined): Promise<PlanNode> {
    const carried: PlanNode = { kind: 'carried', descriptor };
    if (!IMAGE_CONFIG_TYPES.includes(manifest.config.mediaType)) return carried; // an artifact, not an image
    if (!manifest.layers.some((layer) => layerKind(layer) === 'gzip')) return carried;
    const config = await this.readConfig(manifest.config, descriptor);
    if (config.diffIds.length !== manifest.layers.length) {
      throw new OcikitError('INVALID_MANIFEST', `image ${descriptor.digest} in ${this.source.name} has ${manifest.layers.length} layers but its config lists ${config.diffIds.length} diff_ids`, {
        hint: 'the config does not describe these layers; rebuild the image',
      });
    }
    const platform = entryPlatform ?? config.platform;
    return { kind: 'image', descriptor, manifest, config, ...(platform ? { platform } : {}) };
  }

  private async readConfig(config: Descriptor, image: Descriptor): Promise<ImageConfigInfo> {
    const what = `config ${config.digest} of image ${image.digest} in ${this.source.name}`;
    if (config.size > MAX_CONFIG_BYTES) throw new OcikitError('SIZE_LIMIT', `${what} is ${config.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
    const stream = await this.source.fetchBlob(config, this.options.signal ? { signal: this.options.signal } : {});
    const bytes = await readBounded(stream, MAX_CONFIG_BYTES, what); // the stream verifies the digest before it ends
    let parsed: { rootfs?: { diff_ids?: unknown }; os?: unknown; architecture?: unknown; variant?: unknown; 'os.version'?: unknown; 'os.features'?: unknown };
    try {
      parsed = JSON.parse(bytes.toString('utf8')) as typeof parsed;
    } catch (error) {
      throw new OcikitError('INVALID_MANIFEST', `${what} is not JSON`, { detail: (error as Error).message });
    }
    const diffIds = parsed?.rootfs?.diff_ids;
    if (!Array.isArray(diffIds) || diffIds.some((id) => typeof id !== 'string')) {
      throw new OcikitError('INVALID_MANIFEST', `${what} has no rootfs.diff_ids`, {
        hint: 'an image config lists the digest of each uncompressed layer; this one does not, so its layers cannot be checked',
      });
    }
    const info: ImageConfigInfo = { diffIds: diffIds as string[] };
    if (typeof parsed.os === 'string' && typeof parsed.architecture === 'string') {
      info.platform = { architecture: parsed.architecture, os: parsed.os };
      if (typeof parsed.variant === 'string' && parsed.variant) info.platform.variant = parsed.variant;
      if (typeof parsed['os.version'] === 'string' && parsed['os.version']) info.platform['os.version'] = parsed['os.version'];
      if (Array.isArray(parsed['os.features']) && parsed['os.features'].length > 0) info.platform['os.features'] = parsed['os.features'] as string[];
    }
    return info;
  }

  // --- staging: every distinct tar+gzip layer to a staged tar+zstd blob ---

  private images(node: PlanNode, into: Array<Extract<PlanNode, { kind: 'image' }>> = []): Array<Extract<PlanNode, { kind: 'image' }>> {
    if (node.kind === 'image') into.push(node);
    if (node.kind === 'index') node.children.forEach((child) => this.images(child, into));
    return into;
  }

  /**
   * Every distinct tar+gzip layer to a staged tar+zstd blob, a few at once. Each
   * layer's tar is checked against the diff_id of every image that lists it as
   * soon as it is through: a corrupt or lying layer stops the rest.
   */
  private async stageLayers(plan: PlanNode): Promise<void> {
    const layers = new Map<string, Descriptor>();
    const uses = new Map<string, Array<{ image: Descriptor; index: number; diffId: string | undefined }>>();
    for (const image of this.images(plan)) {
      image.manifest.layers.forEach((layer, index) => {
        if (layerKind(layer) !== 'gzip') return;
        if (!layers.has(layer.digest)) layers.set(layer.digest, layer);
        uses.set(layer.digest, [...(uses.get(layer.digest) ?? []), { image: image.descriptor, index, diffId: image.config.diffIds[index] }]);
      });
    }
    const { level, frameSize, tempDir, progress, signal } = this.options;
    const limiter = this.options.limiter ?? defaultZstdLimiter();
    const gunzipLimiter = gunzipSlots(limiter.size);
    // A layer in flight holds its frames and upload chunks: no more of them than cores, and only
    // gunzipLimiter's worth of them decompressing (the others finish their last frames and uploads).
    await mapConcurrent([...layers.values()], Math.min(this.concurrency, limiter.size), async (layer) => {
      const recompressed = await recompressLayer(this.source, this.destination, layer, {
        ...(level !== undefined ? { level } : {}),
        ...(frameSize !== undefined ? { frameSize } : {}),
        limiter,
        gunzipLimiter,
        ...(tempDir !== undefined ? { tempDir } : {}),
        ...(progress ? { progress } : {}),
        ...(signal ? { signal } : {}),
      });
      this.staged.push(recompressed);
      this.layerByDigest.set(layer.digest, recompressed);
      for (const use of uses.get(layer.digest) ?? []) {
        if (recompressed.diffId === use.diffId) continue;
        throw new OcikitError('DIGEST_MISMATCH', `layer ${use.index + 1} (${layer.digest}) of image ${use.image.digest} in ${this.source.name} does not match its config`, {
          detail: `its uncompressed tar is ${recompressed.diffId}, the config's rootfs.diff_ids[${use.index}] says ${use.diffId}`,
          hint: 'the layer is corrupt or the config does not describe it; nothing was pushed. Rebuild the image, or push it again from a good copy',
        });
      }
    });
    // In the order the layers first appear (staging finishes in any order).
    this.layerByDigest = new Map([...layers.keys()].map((digest) => [digest, this.layerByDigest.get(digest)!]));
  }

  // --- building: new manifests, bottom-up ---

  private build(node: PlanNode): Built {
    const known = this.built.get(node);
    if (known) return known;
    const built = node.kind === 'image' ? this.buildImage(node) : node.kind === 'index' ? this.buildIndex(node) : { descriptor: node.descriptor, changed: false };
    this.built.set(node, built);
    return built;
  }

  private buildImage(node: Extract<PlanNode, { kind: 'image' }>): Built {
    const { manifest } = node;
    const layers = manifest.layers.map((layer) => {
      const recompressed = this.layerByDigest.get(layer.digest);
      if (recompressed && layerKind(layer) === 'gzip') return zstdLayerDescriptor(layer, recompressed.staged.descriptor);
      this.keptLayers++;
      // Kept as it is; copied unless it lives outside registries (a non-distributable layer without urls is held like any blob).
      if (!isExternalLayer(layer)) this.blobsToCopy.set(layer.digest, layer);
      return ociDescriptor(layer);
    });
    this.blobsToCopy.set(manifest.config.digest, manifest.config);
    // Spread first: fields we do not know (and the order of those we do) stay as they were.
    const rewritten: ImageManifest = { ...manifest, mediaType: MediaType.ImageManifest, config: ociDescriptor(manifest.config), layers };
    return this.emit(node.descriptor, rewritten, node.platform);
  }

  private buildIndex(node: Extract<PlanNode, { kind: 'index' }>): Built {
    const entries = node.manifest.manifests;
    const children = node.children.map((child) => this.build(child));
    const moved = new Map<string, Descriptor>(); // old image digest -> the zstd one that stands for it
    // Attestations that name their image in `subject`, stored again for the image that moved (once each).
    const reattested = new Map<number, Descriptor | undefined>();
    const attestationFor = (i: number): Descriptor | undefined => {
      const child = node.children[i]!;
      if (child.kind !== 'attestation') return undefined;
      if (!reattested.has(i)) reattested.set(i, this.reattest(child, moved));
      return reattested.get(i);
    };
    let manifests: Descriptor[];
    if (this.mode === 'replace') {
      manifests = entries.map((entry, i) => {
        const child = children[i]!;
        if (!child.changed) return entry;
        const kind = node.children[i]!.kind;
        if (kind === 'image') moved.set(entry.digest, child.descriptor);
        return replacedEntry(entry, child.descriptor, kind === 'image');
      });
      manifests = manifests.map((entry, i) => repointed(entry, moved, () => attestationFor(i)) ?? entry);
    } else {
      manifests = entries.map((entry, i) => {
        // A nested index is rewritten in place (it holds its own gzip and zstd entries now).
        const child = children[i]!;
        return child.changed && node.children[i]!.kind === 'index' ? replacedEntry(entry, child.descriptor, false) : entry;
      });
      const variants: Descriptor[] = [];
      entries.forEach((entry, i) => {
        const child = children[i]!;
        if (!child.changed || node.children[i]!.kind !== 'image') return;
        moved.set(entry.digest, child.descriptor);
        variants.push(replacedEntry(entry, child.descriptor, true));
      });
      const attestations = entries.map((entry, i) => repointed(entry, moved, () => attestationFor(i))).filter((entry): entry is Descriptor => entry !== undefined);
      manifests = [...manifests, ...variants, ...attestations];
      // In add mode the gzip images stay: at another destination they travel as they are.
      entries.forEach((entry, i) => {
        if (node.children[i]!.kind === 'image') this.treesToCopy.set(entry.digest, entry);
      });
    }
    manifests = distinct(manifests);
    node.children.forEach((child) => {
      if (child.kind !== 'carried' && child.kind !== 'attestation') return;
      // An attestation stored again for its zstd image leaves the index in replace mode; otherwise it stays, as it is.
      if (child.kind === 'attestation' && manifests.every((entry) => entry.digest !== child.descriptor.digest)) return;
      this.treesToCopy.set(child.descriptor.digest, child.descriptor);
    });
    const changed = children.some((child) => child.changed) || manifests.length !== entries.length;
    if (!changed) return { descriptor: node.descriptor, changed: false };
    const rewritten: ImageIndex = { ...node.manifest, mediaType: MediaType.ImageIndex, manifests };
    return this.emit(node.descriptor, rewritten, node.descriptor.platform);
  }

  /**
   * An attestation whose `subject` is an image that moved, stored again with
   * `subject` set to the zstd image (config, layers and annotations as they
   * were; the in-toto statements inside still name the image by its old
   * digest, as the legacy attestations re-pointed by annotation do); undefined
   * when its image did not move.
   */
  private reattest(node: Extract<PlanNode, { kind: 'attestation' }>, moved: Map<string, Descriptor>): Descriptor | undefined {
    const { manifest } = node;
    const to = manifest.subject && moved.get(manifest.subject.digest);
    if (!to) return undefined;
    for (const blob of [manifest.config, ...manifest.layers]) this.blobsToCopy.set(blob.digest, blob);
    const rewritten: ImageManifest = { ...manifest, subject: { mediaType: to.mediaType, digest: to.digest, size: to.size } };
    return this.emit(node.descriptor, rewritten, undefined).descriptor;
  }

  /** A single image in add mode: an index of the gzip image first and the zstd one after it. */
  private addIndexForImage(node: Extract<PlanNode, { kind: 'image' }>, zstd: Built): Built {
    const platform = node.config.platform;
    const gzip: Descriptor = { mediaType: node.descriptor.mediaType, digest: node.descriptor.digest, size: node.descriptor.size, ...(platform ? { platform } : {}) };
    const variant = replacedEntry({ ...gzip, mediaType: zstd.descriptor.mediaType }, zstd.descriptor, true);
    this.treesToCopy.set(gzip.digest, gzip);
    const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [gzip, variant] };
    return this.emit(node.descriptor, index, undefined);
  }

  private emit(from: Descriptor, manifest: Manifest, platform: Platform | undefined): Built {
    const bytes = encodeManifest(manifest);
    const descriptor = describeManifest(manifest, bytes);
    this.toPush.push({ descriptor, bytes });
    const fromDescriptor: Descriptor = { mediaType: from.mediaType, digest: from.digest, size: from.size };
    this.rewritten.push({ from: fromDescriptor, to: descriptor, ...(platform ? { platform } : {}) });
    return { descriptor, bytes, changed: true };
  }

  // --- publishing: only after every layer checked out ---

  private async publish(top: Built, rootDescriptor: Descriptor, rootBytes: Uint8Array, tag: string | undefined): Promise<void> {
    const { signal } = this.options;
    if (!top.changed) this.treesToCopy.set(rootDescriptor.digest, rootDescriptor);
    if (this.source !== this.destination) {
      const blobs = [...this.blobsToCopy.values()];
      await mapConcurrent(blobs, this.concurrency, (blob) => this.copyBlob(blob));
      await mapConcurrent([...this.treesToCopy.values()], this.concurrency, (tree) => this.copyTree(tree));
    }
    await mapConcurrent(this.staged, this.concurrency, async (layer) => {
      const outcome = await layer.staged.commit();
      // What was stored is the zstd blob: its digest and size, not the gzip layer's that started the transfer.
      this.options.progress?.done?.(layer.source, outcome === 'skipped' ? outcome : storedOutcome(this.destination.storing), layer.staged.descriptor);
    });
    signal?.throwIfAborted();
    // Children before parents: a registry refuses an index whose children it does not hold.
    for (const [i, node] of this.toPush.entries()) {
      const last = i === this.toPush.length - 1;
      await this.destination.pushManifest(node.descriptor, node.bytes, last ? tag : undefined);
    }
    if (!top.changed && tag !== undefined) {
      await this.destination.pushManifest(rootDescriptor, rootBytes, tag);
    }
  }

  /** The referrers of `entry.from` that still hold for `entry.to`, pushed onto it (after it is published: a registry may refuse a referrer of a manifest it does not hold). */
  private async carryReferrers(entry: RewrittenManifest): Promise<void> {
    entry.carried = [];
    for (const referrer of entry.referrers ?? []) {
      if (!isManifestMediaType(referrer.mediaType)) continue;
      const fetched = await this.source.fetchManifest(referrer);
      const repointed = carryReferrer(referrer, fetched.bytes, entry.to);
      if (!repointed) continue;
      if (this.source !== this.destination) await mapConcurrent(repointed.blobs, this.concurrency, (blob) => this.copyBlob(blob));
      await this.destination.pushManifest(repointed.descriptor, repointed.bytes);
      entry.carried.push({ from: referrer, to: repointed.descriptor });
    }
  }

  private copyBlob(descriptor: Descriptor): Promise<void> {
    let copy = this.copies.get(descriptor.digest);
    if (!copy) {
      copy = (async () => {
        const source = new FetchedBlobSource(this.source, descriptor, this.options.signal);
        try {
          await this.destination.pushBlob(source, {
            mountFrom: this.source,
            ...(this.options.progress ? { progress: this.options.progress } : {}),
            ...(this.options.signal ? { signal: this.options.signal } : {}),
          });
        } finally {
          source.close();
        }
      })();
      this.copies.set(descriptor.digest, copy);
    }
    return copy;
  }

  /**
   * A manifest kept as it is, with everything it points to, through the one
   * graph copy (its bounds on depth and size, progress, mounts); an entry that
   * is no manifest is a blob.
   */
  private async copyTree(descriptor: Descriptor): Promise<void> {
    if (!isManifestMediaType(descriptor.mediaType)) return isExternalLayer(descriptor) ? undefined : this.copyBlob(descriptor);
    await copyManifestGraph(this.source, descriptor.digest, this.destination, undefined, {
      concurrency: this.concurrency,
      ...(this.options.progress ? { progress: this.options.progress } : {}),
      ...(this.options.signal ? { signal: this.options.signal } : {}),
    });
  }

  private result(top: Built, tag: string | undefined): RecompressResult {
    const layers = [...this.layerByDigest.values()].map((layer) => ({ from: layer.source, to: layer.staged.descriptor, diffId: layer.diffId }));
    return {
      descriptor: top.descriptor,
      ...(tag !== undefined ? { tag } : {}),
      mode: this.mode,
      changed: top.changed,
      rewritten: this.rewritten,
      layers,
      keptLayers: this.keptLayers,
      bytes: {
        gzip: this.staged.reduce((sum, layer) => sum + layer.source.size, 0),
        zstd: this.staged.reduce((sum, layer) => sum + layer.staged.descriptor.size, 0),
        uncompressed: this.staged.reduce((sum, layer) => sum + layer.uncompressedSize, 0),
      },
    };
  }
}

/** An index entry pointed at its new manifest; an image entry is marked as zstd for containers/image. */
function replacedEntry(entry: Descriptor, to: Descriptor, image: boolean): Descriptor {
  const replaced: Descriptor = { ...entry, mediaType: to.mediaType, digest: to.digest, size: to.size };
  if (image) replaced.annotations = { ...entry.annotations, [ZSTD_INSTANCE_ANNOTATION]: 'true' };
  return replaced;
}

/**
 * An attestation entry pointed at the image that replaced the one it
 * describes (and at the attestation manifest `store` stores again for it,
 * when there is one); undefined when it describes none of them.
 */
function repointed(entry: Descriptor, moved: Map<string, Descriptor>, store: () => Descriptor | undefined): Descriptor | undefined {
  const to = moved.get(entry.annotations?.[ATTESTATION_REFERENCE_DIGEST] ?? '');
  if (to === undefined || !isAttestationEntry(entry)) return undefined;
  const stored = store();
  const manifest = stored ? { mediaType: stored.mediaType, digest: stored.digest, size: stored.size } : {};
  return { ...entry, ...manifest, annotations: { ...entry.annotations, [ATTESTATION_REFERENCE_DIGEST]: to.digest } };
}

/** The entries without exact repeats (an index that held a zstd variant already, recompressed again). */
function distinct(entries: Descriptor[]): Descriptor[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = JSON.stringify(entry);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describePlatform(platform: Platform | undefined): string {
  return platform ? platformString(platform) : 'no platform';
}
