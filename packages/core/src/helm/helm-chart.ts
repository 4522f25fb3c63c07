/**
 * Helm charts in the layout `helm push` writes and `helm pull oci://` reads
 * (helm/helm `pkg/registry/client.go` Push and Pull, `constants.go`):
 *
 * - repository `<namespace>/<chart name>`, tag = chart version with `+` as `_`
 *   (OCI tags have no `+`; helm turns `_` back when it lists tags);
 * - config `application/vnd.cncf.helm.config.v1+json`: `json.Marshal` of the
 *   chart metadata;
 * - layers: the `.tgz` as `application/vnd.cncf.helm.chart.content.v1.tar+gzip`
 *   and, when given, the provenance file as
 *   `application/vnd.cncf.helm.chart.provenance.v1.prov`, ordered by digest
 *   (as Helm's current source sorts them "for determinism"; helm reads them by
 *   media type, in any order);
 * - the manifest as Helm marshals `ocispec.Manifest`: `schemaVersion`,
 *   `config`, `layers`, `annotations`, and no `mediaType` field (it is pushed
 *   as `application/vnd.oci.image.manifest.v1+json`); annotations from
 *   `generateOCIAnnotations`.
 *
 * Everything is read and checked before the first request: a file that is not
 * a chart, a bad version, a name that cannot be a repository component are
 * refused with nothing pushed.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileBlobSource } from '../artifact/file-source.js';
import { OcikitError, optionRef } from '../errors.js';
import { writeFileAtomic, writeStreamAtomic } from '../fs/atomic-write.js';
import { digestOf } from '../oci/digest.js';
import { type Descriptor, isIndex, parseManifest } from '../oci/manifest.js';
import { MediaType } from '../oci/media-types.js';
import { type ProgressListener, storedOutcome } from '../progress/progress.js';
import { type RegistryReference, parseRegistryReference } from '../reference/reference.js';
import { readBounded } from '../util/read-bounded.js';
import { RemoteRepository, type RemoteRepositoryOptions } from '../registry/remote-repository.js';
import type { BlobSource, Target } from '../target/target.js';
import { readChartArchive } from './chart-archive.js';
import { type ChartMetadata, goJson, helmManifestAnnotations, isSemVer, loadChartYamlParser, parseChartMetadata } from './chart-metadata.js';

export const HelmMediaType = {
  Config: 'application/vnd.cncf.helm.config.v1+json',
  ChartContent: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  Provenance: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
  /** What charts pushed before Helm 3.7 carry; helm still pulls them. */
  LegacyChartContent: 'application/tar+gzip',
} as const;

/** Provenance files are a signed YAML digest of a chart: small. */
const MAX_PROVENANCE_BYTES = 1024 * 1024;
/** A chart's config is its Chart.yaml as JSON. */
const MAX_HELM_CONFIG_BYTES = 4 * 1024 * 1024;

export interface PreparedChart {
  metadata: ChartMetadata;
  /** Where it goes: `<namespace>/<name>:<version with + as _>`. */
  reference: RegistryReference & { tag: string };
  config: BlobSource;
  chart: BlobSource;
  provenance?: BlobSource;
  manifest: { descriptor: Descriptor; bytes: Uint8Array };
}

export interface PrepareChartOptions {
  /** The `.prov` file (`helm package --sign`). */
  provenance?: string;
  /**
   * `org.opencontainers.image.created`, in UTC. Without it, the chart file's
   * modification time, as helm's pusher takes it (so the same file gives helm's
   * digest); SOURCE_DATE_EPOCH sets it for the CLI and the actions.
   */
  sourceDateEpoch?: number;
}

/** `oci://host/namespace` (or without the scheme) to the registry and the namespace path. */
export function parseHelmRemote(remote: string): { registry: string; namespace: string } {
  const text = remote.replace(/^oci:\/\//, '').replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new OcikitError('INVALID_REFERENCE', `"${remote}" is not an OCI registry location`, { hint: 'write oci://<registry>/<namespace>, e.g. oci://ghcr.io/org/charts' });
  }
  const slash = text.indexOf('/');
  const registry = slash < 0 ? text : text.slice(0, slash);
  const namespace = slash < 0 ? '' : text.slice(slash + 1);
  if (registry === '') throw new OcikitError('INVALID_REFERENCE', `"${remote}" names no registry`, { hint: 'write oci://<registry>/<namespace>' });
  return { registry, namespace };
}

/**
 * The reference a chart goes to. Helm treats the first component of
 * `oci://` as the registry whatever it looks like; the repository and tag are
 * checked against the distribution grammar.
 */
export function helmChartReference(remote: string, name: string, version: string): RegistryReference & { tag: string } {
  const { registry, namespace } = parseHelmRemote(remote);
  if (/[:@]/.test(namespace)) {
    throw new OcikitError('INVALID_REFERENCE', `"${remote}" has a tag or digest; helm push takes the namespace only`, {
      hint: 'the tag is the chart version: write oci://<registry>/<namespace>',
    });
  }
  const repository = namespace ? `${namespace}/${name}` : name;
  const tag = version.replaceAll('+', '_');
  if (!isValidComponent(name)) {
    throw new OcikitError('INVALID_INPUT', `chart name "${name}" is not a valid repository name component, so it cannot be pushed to ${registry}/${repository}`, {
      hint: 'OCI repository components are lowercase letters and digits, separated by ".", "_", "__" or "-": rename the chart (e.g. my-chart)',
    });
  }
  let parsed: RegistryReference;
  try {
    // Checked under a neutral host, so that a registry name without a dot is not read as a Docker Hub path.
    parsed = parseRegistryReference(`localhost/${repository}:${tag}`);
  } catch (error) {
    throw new OcikitError('INVALID_INPUT', `chart ${name} ${version} cannot be pushed to ${registry}/${repository}:${tag}`, {
      detail: (error as Error).message,
      hint: 'check the namespace after oci://<registry>/: lowercase components separated by /',
    });
  }
  return { kind: 'registry', registry: parseHelmRegistry(registry), repository: parsed.repository, tag };
}

function isValidComponent(name: string): boolean {
  return /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/.test(name);
}

function parseHelmRegistry(registry: string): string {
  // The host part alone, checked as references check it.
  const parsed = parseRegistryReference(`${registry}/x`);
  return parsed.registry === 'docker.io' && !/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)$/i.test(registry) ? registry.toLowerCase() : parsed.registry;
}

/** Reads, validates and lays out a chart archive for `remote`; nothing is sent. */
export async function prepareHelmChart(chartPath: string, remote: string, options: PrepareChartOptions = {}): Promise<PreparedChart> {
  const files = await readChartArchive(chartPath);
  await loadChartYamlParser();
  const metadata = parseChartMetadata(files.chartYaml, files.requirementsYaml, chartPath);
  const reference = helmChartReference(remote, metadata.name, metadata.version);

  const configBytes = Buffer.from(goJson(metadata));
  const config = bytesSource(configBytes, HelmMediaType.Config);
  const chart = await fileBlobSource(chartPath, { mediaType: HelmMediaType.ChartContent });
  let provenance: BlobSource | undefined;
  if (options.provenance !== undefined) {
    const info = await stat(options.provenance).catch((error: NodeJS.ErrnoException) => {
      throw new OcikitError('INVALID_INPUT', `cannot read the provenance file ${options.provenance}: ${error.code ?? error.message}`);
    });
    if (!info.isFile() || info.size === 0 || info.size > MAX_PROVENANCE_BYTES) {
      throw new OcikitError('INVALID_INPUT', `${options.provenance} is not a provenance file (${info.isFile() ? `${info.size} bytes` : 'not a file'})`, {
        hint: '`helm package --sign` writes <chart>.tgz.prov next to the chart',
      });
    }
    provenance = await fileBlobSource(options.provenance, { mediaType: HelmMediaType.Provenance });
  }
  const created =
    options.sourceDateEpoch === undefined ? goRfc3339Local((await stat(chartPath)).mtime) : new Date(options.sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const layers = [chart, ...(provenance ? [provenance] : [])].map((s) => bare(s.descriptor)).sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  // ocispec.Manifest as Go marshals it: no mediaType (Helm leaves it empty), struct order.
  const bytes = new TextEncoder().encode(
    goJson({ schemaVersion: 2, config: bare(config.descriptor), layers, annotations: helmManifestAnnotations(metadata, created) }),
  );
  parseManifest(bytes, `the manifest for ${metadata.name}`, MediaType.ImageManifest);
  const descriptor: Descriptor = { mediaType: MediaType.ImageManifest, digest: digestOf(bytes), size: bytes.length };
  return { metadata, reference, config, chart, ...(provenance ? { provenance } : {}), manifest: { descriptor, bytes } };
}

export interface PushedChart {
  descriptor: Descriptor;
  reference: RegistryReference & { tag: string };
  metadata: ChartMetadata;
  config: Descriptor;
  chart: Descriptor;
  provenance?: Descriptor;
}

/** Pushes a prepared chart: the blobs, then the manifest under the version tag. */
export async function pushPreparedChart(target: Target, prepared: PreparedChart, options: { progress?: ProgressListener } = {}): Promise<PushedChart> {
  for (const source of [prepared.chart, ...(prepared.provenance ? [prepared.provenance] : []), prepared.config]) {
    await target.pushBlob(source, options.progress ? { progress: options.progress } : {});
  }
  const { descriptor, bytes } = prepared.manifest;
  options.progress?.start?.(descriptor, `chart ${prepared.metadata.name}:${prepared.reference.tag}`, target.storing);
  await target.pushManifest(descriptor, bytes, prepared.reference.tag);
  options.progress?.done?.(descriptor, storedOutcome(target.storing));
  return {
    descriptor,
    reference: prepared.reference,
    metadata: prepared.metadata,
    config: prepared.config.descriptor,
    chart: prepared.chart.descriptor,
    ...(prepared.provenance ? { provenance: prepared.provenance.descriptor } : {}),
  };
}

export interface HelmPushOptions extends PrepareChartOptions, Omit<RemoteRepositoryOptions, 'client'> {
  progress?: ProgressListener;
}

/** `ocikit helm push <chart.tgz> oci://<registry>/<namespace> [--prov f]`. */
export async function pushHelmChart(chartPath: string, remote: string, options: HelmPushOptions = {}): Promise<PushedChart> {
  const prepared = await prepareHelmChart(chartPath, remote, options);
  const target = new RemoteRepository(prepared.reference, options);
  try {
    return await pushPreparedChart(target, prepared, options.progress ? { progress: options.progress } : {});
  } finally {
    await target.close();
  }
}

export interface HelmPullOptions extends Omit<RemoteRepositoryOptions, 'client'> {
  /** The chart version; default the tag in the reference, else the highest release version. */
  version?: string;
  /** Where `<name>-<version>.tgz` goes (default `.`). */
  outputDir?: string;
  /** Also write `<name>-<version>.tgz.prov` (an error if the chart has none). */
  provenance?: boolean;
  progress?: ProgressListener;
}

export interface PulledChart {
  descriptor: Descriptor;
  reference: RegistryReference & { tag: string };
  name: string;
  version: string;
  /** Where the chart archive was written. */
  path: string;
  provenancePath?: string;
}

/** `ocikit helm pull oci://<registry>/<namespace>/<name> [--version v]`: the chart as `helm pull` writes it. */
export async function pullHelmChart(remote: string, options: HelmPullOptions = {}): Promise<PulledChart> {
  const { registry, namespace } = parseHelmRemote(remote);
  if (namespace === '') {
    throw new OcikitError('INVALID_REFERENCE', `"${remote}" names no chart`, { hint: 'write oci://<registry>/<namespace>/<chart name>' });
  }
  const at = parseRegistryReference(`localhost/${namespace}`);
  if (at.digest !== undefined) throw new OcikitError('INVALID_REFERENCE', `${remote}: pull a chart by its version, not by digest`, { hint: `use ${optionRef('version')}` });
  if (at.tag !== undefined && options.version !== undefined && at.tag !== options.version.replaceAll('+', '_')) {
    throw new OcikitError('INVALID_INPUT', `${remote} names version ${at.tag}, but ${optionRef('version')} says ${options.version}`);
  }
  if (options.version !== undefined && !isSemVer(options.version)) {
    throw new OcikitError('INVALID_INPUT', `${optionRef('version')} "${options.version}" is not a SemVer 2 version`, { hint: 'give the exact chart version, e.g. 1.2.3' });
  }
  const repository: RegistryReference = { kind: 'registry', registry: parseHelmRegistry(registry), repository: at.repository };
  const target = new RemoteRepository(repository, options);
  try {
    const tag = options.version?.replaceAll('+', '_') ?? at.tag ?? (await latestVersionTag(target));
    const fetched = await target.fetchManifest(tag);
    const manifest = parseManifest(fetched.bytes, `${target.name}:${tag}`, fetched.descriptor.mediaType);
    if (isIndex(manifest)) throw notAChart(target.name, tag, 'it is an index');
    const config = manifest.config;
    if (config.mediaType !== HelmMediaType.Config) throw notAChart(target.name, tag, `its config is ${config.mediaType}`);
    const chartLayer = manifest.layers.find((l) => l.mediaType === HelmMediaType.ChartContent || l.mediaType === HelmMediaType.LegacyChartContent);
    if (!chartLayer) throw notAChart(target.name, tag, `it has no ${HelmMediaType.ChartContent} layer`);
    const provLayer = manifest.layers.find((l) => l.mediaType === HelmMediaType.Provenance);
    if (options.provenance && !provLayer) {
      throw new OcikitError('NOT_FOUND', `${target.name}:${tag} has no provenance layer`, { hint: `pull without ${optionRef('prov')}, or push the chart with its .prov file` });
    }
    const meta = await readHelmConfig(target, config, `${target.name}:${tag}`);
    const fileName = `${meta.name}-${meta.version}.tgz`;
    const outputDir = options.outputDir ?? '.';
    const path = join(outputDir, fileName);
    options.progress?.start?.(chartLayer, fileName, 'download');
    await writeStreamAtomic(path, await target.fetchBlob(chartLayer));
    options.progress?.done?.(chartLayer, 'downloaded');
    let provenancePath: string | undefined;
    if (options.provenance && provLayer) {
      provenancePath = `${path}.prov`;
      const bytes = await readBounded(await target.fetchBlob(provLayer), MAX_PROVENANCE_BYTES, `provenance of ${target.name}:${tag}`);
      await writeFileAtomic(provenancePath, bytes);
    }
    return {
      descriptor: fetched.descriptor,
      reference: { ...repository, tag },
      name: meta.name,
      version: meta.version,
      path,
      ...(provenancePath ? { provenancePath } : {}),
    };
  } finally {
    await target.close();
  }
}

/** The highest SemVer tag that is not a pre-release (what `helm pull` takes without --version). */
async function latestVersionTag(target: Target): Promise<string> {
  const versions = (await target.tags())
    .map((tag) => ({ tag, version: tag.replaceAll('_', '+') }))
    .filter((t) => isSemVer(t.version) && !/^[^+]*-/.test(t.version));
  if (versions.length === 0) {
    throw new OcikitError('NOT_FOUND', `${target.name} has no chart version tags`, { hint: `push a chart first, or pass ${optionRef('version')}` });
  }
  versions.sort((a, b) => compareSemVer(b.version, a.version));
  return versions[0]!.tag;
}

/** SemVer precedence of two release versions (build metadata ignored). */
export function compareSemVer(a: string, b: string): number {
  const core = (v: string): number[] => v.split(/[-+]/)[0]!.split('.').map(Number);
  const [x, y] = [core(a), core(b)];
  for (let i = 0; i < 3; i++) if (x[i]! !== y[i]!) return x[i]! - y[i]!;
  return 0;
}

async function readHelmConfig(target: Target, config: Descriptor, what: string): Promise<{ name: string; version: string }> {
  if (config.size > MAX_HELM_CONFIG_BYTES) throw new OcikitError('SIZE_LIMIT', `the config of ${what} is over ${MAX_HELM_CONFIG_BYTES} bytes`);
  const bytes = await readBounded(await target.fetchBlob(config), MAX_HELM_CONFIG_BYTES, `config of ${what}`);
  let meta: { name?: unknown; version?: unknown };
  try {
    meta = JSON.parse(bytes.toString('utf8')) as typeof meta;
  } catch (error) {
    throw notAChart(target.name, what, `its config is not JSON (${(error as Error).message})`);
  }
  const name = meta.name;
  const version = meta.version;
  // They become a file name: a plain one only.
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || typeof version !== 'string' || !isSemVer(version)) {
    throw notAChart(target.name, what, 'its config names no valid chart name and version');
  }
  return { name, version };
}

function notAChart(name: string, tag: string, reason: string): OcikitError {
  return new OcikitError('INVALID_MANIFEST', `${name}:${tag} is not a Helm chart: ${reason}`, {
    hint: 'pull it with `ocikit pull`, or check the repository',
  });
}

/**
 * A time as Go's `t.Format(time.RFC3339)` writes a local time (helm's pusher
 * formats the chart file's mtime so): whole seconds in the local zone, `Z`
 * when the zone is UTC, else its offset as `+hh:mm`.
 */
function goRfc3339Local(time: Date): string {
  const offset = -Math.trunc(time.getTimezoneOffset());
  const two = (n: number): string => String(n).padStart(2, '0');
  const local = `${String(time.getFullYear()).padStart(4, '0')}-${two(time.getMonth() + 1)}-${two(time.getDate())}T${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}`;
  if (offset === 0) return `${local}Z`;
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

function bytesSource(bytes: Buffer, mediaType: string): BlobSource {
  return {
    descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length },
    open: (start = 0, end = bytes.length - 1) => Readable.from([bytes.subarray(start, end + 1)]),
  };
}

function bare(descriptor: Descriptor): Descriptor {
  return { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size };
}
