// The referrers graph with oras 1.3.6 as the peer, both directions, on every kind of
// store: distribution (no referrers API: the sha256-<hex> tag schema), ggcr and
// olareg (the API), and OCI layouts (oras --oci-layout, --from/--to-oci-layout).
//   - `ocikit copy --referrers` <-> `oras cp -r` of an image index: each carries the
//     referrers of the index and of every platform manifest, and theirs, and the
//     other tool reads the copy (`discover` of a platform manifest's digest);
//   - a referrer copied by digest brings its subject chain: ocikit and oras leave the
//     same manifests (and, on distribution, the same sha256-<hex> tags) behind;
//   - layouts oras writes (some referrers listed without artifactType) and layouts
//     ocikit writes (oras resolves only listed digests);
//   - BuildKit >= 0.32 attestations (OCI artifacts with a subject) copied either way.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageIndex } from '@ocikit/core';
import { ocikit } from '../harness/ocikit-cli.js';
import { oras } from '../harness/peer-tools.js';
import { sigstoreBundle, spdx } from '../harness/referrer-documents.js';
import { BUILDKIT_ATTESTATION_TYPE, AMD64, ARM64, type Shape, buildKitImage, pushBuildKitImage, shapeOfJson } from '../harness/referrers-graph.js';
import { useApiRegistry, useRegistry } from '../harness/registry.js';
import { makeTempDir } from '../harness/temp.js';

const distribution = useRegistry();
const ggcr = useApiRegistry('ggcr');
const olareg = useApiRegistry('olareg');

type RegistryKind = 'distribution' | 'ggcr' | 'olareg';
const REGISTRIES: RegistryKind[] = ['distribution', 'ggcr', 'olareg'];
const hostOf = (kind: RegistryKind): string => ({ distribution, ggcr, olareg })[kind].host;

const work = makeTempDir('ocikit-oras-graph-');
let serial = 0;
const fresh = (kind: RegistryKind, name = 'copy'): string => `${hostOf(kind)}/graph/${name}-${serial++}`;

/** `ocikit <args>`, expecting success; stdout. */
async function ok(args: string[]): Promise<string> {
  const result = await ocikit(args, { cwd: work });
  if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
  return result.stdout;
}

async function orasOut(args: string[]): Promise<string> {
  return (await oras(args, { cwd: work })).stdout;
}

/** `oras resolve` of a registry reference or (with `layout`) a layout's `dir:tag`. */
async function resolve(reference: string, layout = false): Promise<string> {
  return (await orasOut(['resolve', ...(layout ? ['--oci-layout'] : ['--plain-http']), reference])).trim();
}

/** The referrers graph as oras sees it. */
async function orasShape(reference: string, layout = false): Promise<Shape> {
  const json = JSON.parse(await orasOut(['discover', ...(layout ? ['--oci-layout'] : ['--plain-http']), '--format', 'json', reference])) as { referrers?: Array<{ digest: string }> };
  return shapeOfJson(json.referrers);
}

/** The referrers graph as `ocikit discover -o json` prints it. */
async function ocikitShape(reference: string): Promise<Shape> {
  return shapeOfJson((JSON.parse(await ok(['discover', reference, '-o', 'json'])) as { referrers: Array<{ digest: string }> }).referrers);
}

/** Whether the registry holds the manifest (a plain HEAD, no client in between). */
async function holds(repository: string, digest: string): Promise<boolean> {
  const [host, ...path] = repository.split('/');
  const response = await fetch(`http://${host}/v2/${path.join('/')}/manifests/${digest}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' },
  });
  return response.status === 200;
}

async function tagsOf(repository: string): Promise<string[]> {
  const [host, ...path] = repository.split('/');
  const response = await fetch(`http://${host}/v2/${path.join('/')}/tags/list`);
  return (((await response.json()) as { tags?: string[] }).tags ?? []).sort();
}

/** A two-platform index made by oras alone, with referrers on both platform manifests and the index. */
interface OrasGraph {
  repository: string;
  index: string;
  amd64: string;
  arm64: string;
  amd64Signature: string;
  arm64Signature: string;
  sbom: string;
  sbomSignature: string;
  indexSignature: string;
}

function shapes(g: OrasGraph): Record<'index' | 'amd64' | 'arm64', Shape> {
  return {
    index: { [g.indexSignature]: {} },
    amd64: { [g.amd64Signature]: {} },
    arm64: { [g.arm64Signature]: {}, [g.sbom]: { [g.sbomSignature]: {} } },
  };
}

async function orasGraph(repository: string, target: string[] = ['--plain-http'], layout = false): Promise<OrasGraph> {
  const at = (reference: string): string => `${repository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
  const name = `g${serial++}`;
  await writeFile(join(work, `${name}-amd64.txt`), `${name} amd64\n`);
  await writeFile(join(work, `${name}-arm64.txt`), `${name} arm64\n`);
  await orasOut(['push', ...target, '--artifact-platform', 'linux/amd64', at('amd64'), `${name}-amd64.txt`]);
  await orasOut(['push', ...target, '--artifact-platform', 'linux/arm64', at('arm64'), `${name}-arm64.txt`]);
  await orasOut(['manifest', 'index', 'create', ...target, at('v1'), 'amd64', 'arm64']);
  const index = await resolve(at('v1'), layout);
  const amd64 = await resolve(at('amd64'), layout);
  const arm64 = await resolve(at('arm64'), layout);
  const attach = async (subject: string, file: string, document: unknown, artifactType: string): Promise<string> => {
    await writeFile(join(work, `${name}-${file}`), JSON.stringify(document));
    const out = await orasOut(['attach', ...target, '--artifact-type', artifactType, at(subject), `${name}-${file}`]);
    return /Digest: (sha256:[0-9a-f]{64})/.exec(out)![1]!;
  };
  const sigType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
  const amd64Signature = await attach(amd64, 'amd64.sigstore.json', sigstoreBundle(amd64), sigType);
  const arm64Signature = await attach(arm64, 'arm64.sigstore.json', sigstoreBundle(arm64), sigType);
  const sbom = await attach(arm64, 'sbom.spdx.json', spdx(name), 'application/spdx+json');
  const sbomSignature = await attach(sbom, 'sbom.sigstore.json', sigstoreBundle(sbom), sigType);
  const indexSignature = await attach(index, 'index.sigstore.json', sigstoreBundle(index), sigType);
  return { repository, index, amd64, arm64, amd64Signature, arm64Signature, sbom, sbomSignature, indexSignature };
}

describe.each(REGISTRIES)('on %s', (kind) => {
  let graph: OrasGraph;

  beforeAll(async () => {
    graph = await orasGraph(fresh(kind, 'source'));
    // oras itself sees what it made.
    expect(await orasShape(`${graph.repository}@${graph.arm64}`)).toEqual(shapes(graph).arm64);
  }, 60_000);

  it("ocikit copy --referrers of the index: oras discover lists each platform manifest's referrers, and theirs, at the destination", async () => {
    const destination = fresh(kind);
    await ok(['copy', '--referrers', `${graph.repository}:v1`, `${destination}:v1`]);
    const expected = shapes(graph);
    expect(await orasShape(`${destination}:v1`)).toEqual(expected.index);
    expect(await orasShape(`${destination}@${graph.amd64}`)).toEqual(expected.amd64);
    expect(await orasShape(`${destination}@${graph.arm64}`)).toEqual(expected.arm64);
    // And ocikit discover of a platform manifest's digest shows the same.
    expect(await ocikitShape(`${destination}@${graph.arm64}`)).toEqual(expected.arm64);
  });

  it('oras cp -r of the index carries the platform manifests\' referrers too; ocikit discover reads its copy', async () => {
    const destination = fresh(kind);
    // olareg 0.2.2 updates a subject's listing by an unlocked read-modify-write, so of
    // two referrers of arm64 stored at once it can keep one; oras does not store the
    // lost one again (ocikit does: test/core/copy-referrers-graph), so oras copies
    // one manifest at a time there.
    const oneAtATime = kind === 'olareg' ? ['--concurrency', '1'] : [];
    await orasOut(['cp', '-r', ...oneAtATime, '--from-plain-http', '--to-plain-http', `${graph.repository}:v1`, `${destination}:v1`]);
    const expected = shapes(graph);
    expect(await ocikitShape(`${destination}:v1`)).toEqual(expected.index);
    expect(await ocikitShape(`${destination}@${graph.amd64}`)).toEqual(expected.amd64);
    expect(await ocikitShape(`${destination}@${graph.arm64}`)).toEqual(expected.arm64);
  });

  it('a referrer copied by digest: ocikit copy and oras cp both bring its subject and its subject\'s subject, and the same tags', async () => {
    const byOras = fresh(kind, 'oras');
    const byOcikit = fresh(kind, 'ocikit');
    await orasOut(['cp', '--from-plain-http', '--to-plain-http', `${graph.repository}@${graph.sbomSignature}`, byOras]);
    await ok(['copy', `${graph.repository}@${graph.sbomSignature}`, byOcikit]);
    const what = async (repository: string): Promise<Record<string, boolean>> =>
      Object.fromEntries(await Promise.all(Object.entries(graph).filter(([role]) => role !== 'repository').map(async ([role, digest]) => [role, await holds(repository, digest)] as const)));
    const expected = { index: false, amd64: false, arm64: true, amd64Signature: false, arm64Signature: false, sbom: true, sbomSignature: true, indexSignature: false };
    expect(await what(byOras)).toEqual(expected);
    expect(await what(byOcikit)).toEqual(expected);
    expect(await tagsOf(byOcikit)).toEqual(await tagsOf(byOras));
    const chain = { [graph.sbom]: { [graph.sbomSignature]: {} } };
    expect(await orasShape(`${byOcikit}@${graph.arm64}`)).toEqual(chain);
    expect(await ocikitShape(`${byOras}@${graph.arm64}`)).toEqual(chain);
  });

  it('copy --referrers of a referrer and oras cp -r of it: its referrers and its subject chain, not its siblings', async () => {
    const byOras = fresh(kind, 'oras');
    const byOcikit = fresh(kind, 'ocikit');
    await orasOut(['cp', '-r', '--from-plain-http', '--to-plain-http', `${graph.repository}@${graph.sbom}`, byOras]);
    await ok(['copy', '--referrers', `${graph.repository}@${graph.sbom}`, byOcikit]);
    const chain = { [graph.sbom]: { [graph.sbomSignature]: {} } };
    for (const repository of [byOras, byOcikit]) {
      expect(await orasShape(`${repository}@${graph.arm64}`)).toEqual(chain);
      expect(await holds(repository, graph.arm64Signature)).toBe(false);
      expect(await holds(repository, graph.index)).toBe(false);
    }
    expect(await tagsOf(byOcikit)).toEqual(await tagsOf(byOras));
  });
});

describe('an index of indexes', () => {
  it("ocikit copy --referrers carries the grandchildren's referrers too; oras cp -r only its children's", async () => {
    const graph = await orasGraph(fresh('distribution', 'nested'));
    await orasOut(['manifest', 'index', 'create', '--plain-http', `${graph.repository}:nested`, 'v1']);
    const byOcikit = fresh('distribution', 'ocikit');
    const byOras = fresh('distribution', 'oras');
    await ok(['copy', '--referrers', `${graph.repository}:nested`, `${byOcikit}:nested`]);
    await orasOut(['cp', '-r', '--from-plain-http', '--to-plain-http', `${graph.repository}:nested`, `${byOras}:nested`]);
    const expected = shapes(graph);
    for (const repository of [byOcikit, byOras]) expect(await orasShape(`${repository}@${graph.index}`)).toEqual(expected.index);
    expect(await orasShape(`${byOcikit}@${graph.arm64}`)).toEqual(expected.arm64);
    expect(await orasShape(`${byOcikit}@${graph.amd64}`)).toEqual(expected.amd64);
    // oras 1.3.6 asks for the referrers of the root's own entries only (cmd/oras/root/cp.go, prepareCopyOption).
    expect(await orasShape(`${byOras}@${graph.arm64}`)).toEqual({});
  });
});

describe('OCI layouts', () => {
  let graph: OrasGraph;

  beforeAll(async () => {
    graph = await orasGraph(fresh('distribution', 'layout-source'));
  }, 60_000);

  it('oras cp -r --to-oci-layout lists some referrers without artifactType; ocikit reads them from the manifests and copies them on', async () => {
    const dir = join(makeTempDir(), 'by-oras');
    await orasOut(['cp', '-r', '--from-plain-http', `${graph.repository}:v1`, '--to-oci-layout', `${dir}:v1`]);
    // What oras writes: every manifest listed, the SBOM (reached as the subject of its signature) bare.
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as ImageIndex;
    expect(index.manifests.find((d) => d.digest === graph.sbom)).toEqual({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: graph.sbom, size: expect.any(Number) });

    const expected = shapes(graph);
    expect(await ocikitShape(`oci-layout:${dir}:v1`)).toEqual(expected.index);
    expect(await ocikitShape(`oci-layout:${dir}@${graph.amd64}`)).toEqual(expected.amd64);
    const arm64 = JSON.parse(await ok(['discover', `oci-layout:${dir}@${graph.arm64}`, '-o', 'json'])) as { referrers: Array<{ digest: string; artifactType?: string }> };
    expect(arm64.referrers.find((r) => r.digest === graph.sbom)?.artifactType).toBe('application/spdx+json');

    const destination = fresh('olareg');
    await ok(['copy', '--referrers', `oci-layout:${dir}:v1`, `${destination}:v1`]);
    expect(await orasShape(`${destination}@${graph.arm64}`)).toEqual(expected.arm64);
    expect(await orasShape(`${destination}@${graph.amd64}`)).toEqual(expected.amd64);
  });

  it('ocikit copy --referrers to a layout: oras discovers a platform manifest there by digest, and oras cp -r --from-oci-layout carries it all', async () => {
    const dir = join(makeTempDir(), 'by-ocikit');
    await ok(['copy', '--referrers', `${graph.repository}:v1`, `oci-layout:${dir}:v1`]);
    const expected = shapes(graph);
    expect(await orasShape(`${dir}:v1`, true)).toEqual(expected.index);
    expect(await orasShape(`${dir}@${graph.arm64}`, true)).toEqual(expected.arm64);
    expect(await orasShape(`${dir}@${graph.amd64}`, true)).toEqual(expected.amd64);

    const destination = fresh('distribution');
    await orasOut(['cp', '-r', '--from-oci-layout', `${dir}:v1`, '--to-plain-http', `${destination}:v1`]);
    expect(await ocikitShape(`${destination}@${graph.arm64}`)).toEqual(expected.arm64);
    expect(await ocikitShape(`${destination}@${graph.amd64}`)).toEqual(expected.amd64);
  });

  it('oras attach --oci-layout: ocikit discovers the chain and copies it to a registry', async () => {
    const dir = join(makeTempDir(), 'attached');
    const layoutGraph = await orasGraph(dir, ['--oci-layout'], true);
    const expected = shapes(layoutGraph);
    expect(await ocikitShape(`oci-layout:${dir}@${layoutGraph.arm64}`)).toEqual(expected.arm64);
    const destination = fresh('ggcr');
    await ok(['copy', '--referrers', `oci-layout:${dir}:v1`, `${destination}:v1`]);
    expect(await orasShape(`${destination}@${layoutGraph.arm64}`)).toEqual(expected.arm64);
    expect(await orasShape(`${destination}:v1`)).toEqual(expected.index);
  });
});

describe('BuildKit >= 0.32 attestations', () => {
  it.each(REGISTRIES)('pushed to %s: copied by ocikit, oras discover lists each under its image; copied by oras, ocikit discover does', async (kind) => {
    const built = await buildKitImage([AMD64, ARM64], `oras-${kind}`);
    const source = fresh(kind, 'buildkit');
    const [host, ...path] = source.split('/');
    await pushBuildKitImage(`http://${host}`, path.join('/'), built, 'v1');
    if (kind === 'distribution') {
      // As BuildKit pushed it, nothing lists the attestations on a registry without the API: neither tool sees them there.
      const image = `${source}@${built.images[0]!.manifest.descriptor.digest}`;
      expect(await orasShape(image)).toEqual({});
      expect(await ocikitShape(image)).toEqual({});
    }
    const byOcikit = fresh(kind, 'ocikit');
    const byOras = fresh(kind, 'oras');
    await ok(['copy', '--referrers', `${source}:v1`, `${byOcikit}:v1`]);
    await orasOut(['cp', '-r', '--from-plain-http', '--to-plain-http', `${source}:v1`, `${byOras}:v1`]);
    // ggcr lists a referrer's config media type as its artifactType (the empty type here); oras shows its answer as it is.
    const orasSees = kind === 'ggcr' ? 'application/vnd.oci.empty.v1+json' : BUILDKIT_ATTESTATION_TYPE;
    for (const [i, image] of built.images.entries()) {
      const attestation = built.attestations[i]!.manifest.descriptor.digest;
      const listed = JSON.parse(await orasOut(['discover', '--plain-http', '--format', 'json', `${byOcikit}@${image.manifest.descriptor.digest}`])) as { referrers: Array<{ digest: string; artifactType: string }> };
      expect(listed.referrers.map((r) => [r.digest, r.artifactType])).toEqual([[attestation, orasSees]]);
      const seen = JSON.parse(await ok(['discover', `${byOras}@${image.manifest.descriptor.digest}`, '-o', 'json'])) as { referrers: Array<{ digest: string; artifactType: string; referrers: unknown[] }> };
      expect(seen.referrers.map((r) => [r.digest, r.artifactType, r.referrers])).toEqual([[attestation, BUILDKIT_ATTESTATION_TYPE, []]]);
    }
  });

  it.each(['distribution', 'olareg'] as const)('ocikit recompress on %s: oras discover of each zstd image lists its attestation, pointed at it', async (kind) => {
    const built = await buildKitImage([AMD64, ARM64], `oras-zstd-${kind}`);
    const repository = fresh(kind, 'buildkit-zstd');
    const [host, ...path] = repository.split('/');
    await pushBuildKitImage(`http://${host}`, path.join('/'), built, 'v1');
    await ok(['recompress', `${repository}:v1`, `${repository}:v1-zstd`]);
    const index = JSON.parse(await orasOut(['manifest', 'fetch', '--plain-http', `${repository}:v1-zstd`])) as ImageIndex;
    for (let i = 0; i < 2; i++) {
      const zstd = index.manifests[i]!;
      const attestation = index.manifests[2 + i]!;
      expect(zstd.digest).not.toBe(built.images[i]!.manifest.descriptor.digest);
      expect(attestation.annotations?.['vnd.docker.reference.digest']).toBe(zstd.digest);
      const listed = JSON.parse(await orasOut(['discover', '--plain-http', '--format', 'json', `${repository}@${zstd.digest}`])) as { referrers: Array<{ digest: string; artifactType: string }> };
      expect(listed.referrers.map((r) => [r.digest, r.artifactType])).toEqual([[attestation.digest, BUILDKIT_ATTESTATION_TYPE]]);
      const manifest = JSON.parse(await orasOut(['manifest', 'fetch', '--plain-http', `${repository}@${attestation.digest}`])) as { subject: { digest: string } };
      expect(manifest.subject.digest).toBe(zstd.digest);
    }
  });
});
