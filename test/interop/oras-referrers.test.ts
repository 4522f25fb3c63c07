// Referrers between oras and ocikit, both directions: what `oras attach` hangs on a
// subject (and on a referrer of it) `ocikit discover` lists, and what `ocikit
// attach` hangs there `oras discover` lists, as a tree, as JSON and filtered by
// artifact type. On distribution (the sha256-<hex> tag schema), ggcr and olareg
// (the referrers API), and in OCI layouts. (Both attaching at once: oras-attach-race.test.ts.)
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type GraphNode,
  REGISTRY_KINDS,
  type RegistryKind,
  digestIn,
  expectShape,
  ocikitAt,
  orasAt,
  reduceGraph,
  typeListedBy,
  useRegistryOf,
} from '../harness/oras-interop.js';
import { sarif, sigstoreBundle, spdx, writeJson } from '../harness/referrer-documents.js';
import { makeTempDir } from '../harness/temp.js';

const SPDX = 'application/spdx+json';
const SARIF = 'application/sarif+json';
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** Where a test's artifacts live, named the way each tool takes it: a registry repository or a layout. */
interface Place {
  kind: RegistryKind | 'layout';
  /** `ocikit` reference for `:tag` or `@digest`. */
  ocikit(at: string): string;
  /** `oras` arguments (flags and reference) for `:tag` or `@digest`. */
  oras(at: string): string[];
  /** The subject line `ocikit discover` and `oras discover` start their tree with. */
  root: { ocikit(digest: string): string; oras(digest: string): string };
}

function registryPlace(kind: RegistryKind, host: string, repository: string): Place {
  return {
    kind,
    ocikit: (at) => `${host}/${repository}${at}`,
    oras: (at) => ['--plain-http', `${host}/${repository}${at}`],
    root: { ocikit: (digest) => `${host}/${repository}@${digest}`, oras: (digest) => `${host}/${repository}@${digest}` },
  };
}

function layoutPlace(dir: string): Place {
  return {
    kind: 'layout',
    ocikit: (at) => `oci-layout:${dir}${at}`,
    oras: (at) => ['--oci-layout', `${dir}${at}`],
    root: { ocikit: (digest) => `oci-layout:${dir}@${digest}`, oras: (digest) => `${dir}@${digest}` },
  };
}

/** The digests of a subject and the graph hung on it: an SBOM with a signature of its own, and a SARIF report. */
interface Graph {
  subject: string;
  sbom: string;
  sbomSignature: string;
  report: string;
}

async function inputs(): Promise<string> {
  const work = makeTempDir('ocikit-oras-referrers-');
  await writeFile(join(work, 'app.bin'), 'the app\n');
  await writeJson(work, 'sbom.spdx.json', spdx('app'));
  await writeJson(work, 'scan.sarif', sarif());
  return work;
}

/** `oras attach` makes the graph: the SBOM (with an annotation), its signature (a referrer of a referrer), the report. */
async function attachWithOras(work: string, place: Place): Promise<Graph> {
  const orasRun = orasAt(work);
  const digestOf = async (args: string[]): Promise<string> => (JSON.parse((await orasRun([...args, '--format', 'json'])).stdout) as { digest: string }).digest;
  const subject = await digestOf(['push', ...place.oras(':v1'), 'app.bin']);
  const sbom = await digestOf(['attach', ...place.oras(':v1'), '--artifact-type', SPDX, 'sbom.spdx.json', '-a', 'org.example.team=core']);
  await writeJson(work, 'sbom.sigstore.json', sigstoreBundle(sbom));
  const sbomSignature = await digestOf(['attach', ...place.oras(`@${sbom}`), '--artifact-type', BUNDLE, 'sbom.sigstore.json']);
  const report = await digestOf(['attach', ...place.oras(':v1'), '--artifact-type', SARIF, 'scan.sarif']);
  return { subject, sbom, sbomSignature, report };
}

/** `ocikit attach` makes the same graph; each file's kind is recognised from its content. */
async function attachWithOcikit(work: string, place: Place): Promise<Graph> {
  const run = ocikitAt(work);
  const subject = digestIn(await run(['push', place.ocikit(':v1'), 'app.bin']));
  const sbom = digestIn(await run(['attach', place.ocikit(':v1'), 'sbom.spdx.json', '-a', 'org.example.team=core']));
  await writeJson(work, 'sbom.sigstore.json', sigstoreBundle(sbom));
  const sbomSignature = digestIn(await run(['attach', place.ocikit(`@${sbom}`), 'sbom.sigstore.json']));
  const report = digestIn(await run(['attach', place.ocikit(':v1'), 'scan.sarif']));
  return { subject, sbom, sbomSignature, report };
}

/** The graph's shape with the types a reader is given (ggcr's API lists the config type; see typeListedBy). */
function shapeOf(graph: Graph, type: (artifactType: string) => string = (t) => t): Array<{ digest: string; artifactType: string; referrers?: unknown[] }> {
  return [
    { digest: graph.sbom, artifactType: type(SPDX), referrers: [{ digest: graph.sbomSignature, artifactType: type(BUNDLE) }] },
    { digest: graph.report, artifactType: type(SARIF) },
  ];
}

/** ocikit's tree: siblings by artifact type, drawn as `oras discover` draws it (without oras's annotation branches). */
function ocikitTree(place: Place, graph: Graph): string {
  return [
    place.root.ocikit(graph.subject),
    `├── ${SARIF}`,
    `│   └── ${graph.report}`,
    `└── ${SPDX}`,
    `    └── ${graph.sbom}`,
    `        └── ${BUNDLE}`,
    `            └── ${graph.sbomSignature}`,
    '',
  ].join('\n');
}

/** The column at which a digest appears in a tree: its depth, as drawn. */
function columnOf(tree: string, digest: string): number {
  const line = tree.split('\n').find((l) => l.includes(digest));
  if (!line) throw new Error(`${digest} is not in the tree:\n${tree}`);
  return line.indexOf(digest);
}

/** The rows for one place: oras attaches and ocikit discovers; ocikit attaches and oras discovers. */
function referrerRows(place: () => Place): void {
  let work: string;
  beforeAll(async () => {
    work = await inputs();
  });

  it('ocikit discovers what oras attached: tree, JSON, a referrer of a referrer, --artifact-type; and pulls the SBOM', async () => {
    const here = place();
    const graph = await attachWithOras(work, here);
    const run = ocikitAt(work);
    const orasRun = orasAt(work);

    const listed = JSON.parse(await run(['discover', here.ocikit(':v1'), '-o', 'json'])) as GraphNode & { via?: string };
    expect(listed.digest).toBe(graph.subject);
    const reduced = reduceGraph(listed.referrers);
    expectShape(reduced, shapeOf(graph));
    expect(reduced.find((n) => n.digest === graph.sbom)!.annotations).toMatchObject({ 'org.example.team': 'core' });
    expect(listed.via).toBe(here.kind === 'layout' ? 'layout' : here.kind === 'distribution' ? 'tag' : 'api');
    expect(await run(['discover', here.ocikit(':v1')])).toBe(ocikitTree(here, graph));

    // oras's own view of what it attached is ocikit's, but for the types ggcr's API hands oras.
    const byOras = JSON.parse((await orasRun(['discover', ...here.oras(':v1'), '--format', 'json'])).stdout) as GraphNode;
    expectShape(reduceGraph(byOras.referrers), shapeOf(graph, (t) => typeListedBy(here.kind, t)));
    const withoutTypes = (nodes: ReturnType<typeof reduceGraph>): unknown => nodes.map((n) => ({ ...n, artifactType: undefined, referrers: withoutTypes(n.referrers) }));
    expect(withoutTypes(reduceGraph(byOras.referrers))).toEqual(withoutTypes(reduced));

    // Filtered at every level, as oras filters: the SBOM alone, without its signature.
    const sboms = JSON.parse(await run(['discover', here.ocikit(':v1'), '-o', 'json', '--artifact-type', SPDX])) as GraphNode;
    expectShape(reduceGraph(sboms.referrers), [{ digest: graph.sbom, artifactType: SPDX }]);

    const out = makeTempDir();
    const pulled = await run(['pull', here.ocikit(':v1'), '--artifact-type', SPDX, '-o', out]);
    expect(digestIn(pulled)).toBe(graph.sbom);
    expect(await readFile(join(out, 'sbom.spdx.json'), 'utf8')).toBe(await readFile(join(work, 'sbom.spdx.json'), 'utf8'));
  });

  it('oras discovers what ocikit attached: tree, JSON, a referrer of a referrer, --artifact-type', async () => {
    const here = place();
    const graph = await attachWithOcikit(work, here);
    const run = ocikitAt(work);
    const orasRun = orasAt(work);
    const listedType = (t: string): string => typeListedBy(here.kind, t);

    const byOras = JSON.parse((await orasRun(['discover', ...here.oras(':v1'), '--format', 'json'])).stdout) as GraphNode;
    expect(byOras.digest).toBe(graph.subject);
    const reduced = reduceGraph(byOras.referrers);
    expectShape(reduced, shapeOf(graph, listedType));
    // Every annotation ocikit put on the manifest is in the list oras reads.
    const sbom = reduced.find((n) => n.digest === graph.sbom)!;
    expect(Object.keys(sbom.annotations).sort()).toEqual(['org.example.team', 'org.opencontainers.image.created']);
    // ocikit's own view agrees, with the real types.
    const byOcikit = JSON.parse(await run(['discover', here.ocikit(':v1'), '-o', 'json'])) as GraphNode;
    expectShape(reduceGraph(byOcikit.referrers), shapeOf(graph));

    const tree = (await orasRun(['discover', ...here.oras(':v1'), '--format', 'tree'])).stdout;
    expect(tree.split('\n')[0]).toBe(here.root.oras(graph.subject));
    expect(columnOf(tree, graph.sbom)).toBe(columnOf(tree, graph.report));
    expect(columnOf(tree, graph.sbomSignature)).toBeGreaterThan(columnOf(tree, graph.sbom));
    expect(tree).toContain(`${listedType(SPDX)}\n`);
    // oras's behaviour: its tree (the default format) shows each referrer's annotations as a branch of its own.
    expect(tree).toMatch(/\[annotations\][^[]*org\.example\.team: core/);

    const filtered = JSON.parse((await orasRun(['discover', ...here.oras(':v1'), '--format', 'json', '--artifact-type', SPDX])).stdout) as GraphNode;
    if (here.kind === 'ggcr') {
      // ggcr lists every artifact under the empty config's type and ignores the
      // filter; oras filters what it is given and finds nothing.
      expect(filtered.referrers ?? []).toEqual([]);
      // The tag index ocikit also keeps there (ggcr sends no OCI-Subject) has the real types.
      const viaTag = JSON.parse((await orasRun(['discover', ...here.oras(':v1'), '--format', 'json', '--distribution-spec', 'v1.1-referrers-tag'])).stdout) as GraphNode;
      expectShape(reduceGraph(viaTag.referrers), shapeOf(graph));
    } else {
      expectShape(reduceGraph(filtered.referrers), [{ digest: graph.sbom, artifactType: SPDX }]);
    }
  });
}

describe.each(REGISTRY_KINDS)('oras and ocikit referrers on %s', (kind) => {
  const registry = useRegistryOf(kind);
  let count = 0;
  // A repository of its own for each test, so each subject's referrers are only its own.
  referrerRows(() => registryPlace(kind, registry.host, `oras-referrers/graph${++count}`));
});

describe('oras and ocikit referrers in OCI layouts', () => {
  referrerRows(() => layoutPlace(join(makeTempDir(), 'layout')));
});
