// The parts of referrers that need no registry: the tag schema, referrer
// descriptors, the streaming JSON checker, content kinds, and the renderings.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import '../harness/property-seed.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Descriptor,
  type DiscoverResult,
  type ImageIndex,
  type ImageManifest,
  JsonScanner,
  MediaType,
  REFERRERS_MODES,
  inspectContent,
  isOcikitError,
  parseLegacyReferrerTag,
  parseReferrersMode,
  referrerDescriptor,
  referrersGraphJson,
  referrersTag,
  renderReferrersMermaid,
  renderReferrersTree,
  sortNewestFirst,
} from '@ocikit/core';
import { cosignPayload, cyclonedx, dsseEnvelope, notationJws, sarif, sigstoreBundle, spdx, statement, writeJson } from '../harness/referrer-documents.js';
import { makeTempDir } from '../harness/temp.js';
import { referrersTagSubject } from '../../packages/core/src/oci/referrers-tag.js';

const A64 = 'a'.repeat(64);
const SUBJECT = `sha256:${'1'.repeat(64)}` as const;

describe('referrersTag (distribution-spec 1.1 "Referrers Tag Schema")', () => {
  it('maps the digests of the spec table to their tags', () => {
    expect(referrersTag(`sha256:${A64}`)).toBe(`sha256-${A64}`);
    // The encoded part is truncated to 64 characters: a sha512 tag keeps half its hex.
    expect(referrersTag(`sha512:${'a'.repeat(128)}`)).toBe(`sha512-${A64}`);
    expect(
      referrersTag(
        'test+algorithm+using+algorithm+separators+and+lots+of+characters+to+excercise+overall+truncation:alsoSome=InTheEncodedSectionToShowHyphenReplacementAndLotsAndLotsOfCharactersToExcerciseEncodedTruncation',
      ),
    ).toBe('test-algorithm-using-algorithm-s-alsoSome-InTheEncodedSectionToShowHyphenReplacementAndLotsAndLot');
  });

  it('reads cosign legacy tags back, and nothing else', () => {
    expect(parseLegacyReferrerTag(`sha256-${A64}.sig`)).toEqual({ tag: `sha256-${A64}.sig`, subjectDigest: `sha256:${A64}`, kind: 'signature' });
    expect(parseLegacyReferrerTag(`sha256-${A64}.att`)?.kind).toBe('attestation');
    expect(parseLegacyReferrerTag(`sha256-${A64}.sbom`)?.kind).toBe('sbom');
    expect(parseLegacyReferrerTag(`sha256-${A64}`)).toBeUndefined();
    expect(parseLegacyReferrerTag(`sha256-${'a'.repeat(63)}.sig`)).toBeUndefined();
    expect(parseLegacyReferrerTag('v1.sig')).toBeUndefined();
  });

  it('keeps a sha512 legacy tag whole, and holds each algorithm to its own length', () => {
    const A128 = 'a'.repeat(128);
    expect(parseLegacyReferrerTag(`sha512-${A128}.sig`)).toEqual({ tag: `sha512-${A128}.sig`, subjectDigest: `sha512:${A128}`, kind: 'signature' });
    expect(parseLegacyReferrerTag(`sha256-${A128}.sig`)).toBeUndefined();
    expect(parseLegacyReferrerTag(`sha512-${A64}.sig`)).toBeUndefined();
    expect(parseLegacyReferrerTag(`xsha256-${A64}.sig`)).toBeUndefined();
    expect(parseLegacyReferrerTag(`sha256-${A64}.sigs`)).toBeUndefined();
    expect(parseLegacyReferrerTag(`sha256-${'g'.repeat(64)}.sig`)).toBeUndefined();
    expect(parseLegacyReferrerTag(`sha512-${'g'.repeat(128)}.sig`)).toBeUndefined();
  });

  it('reads the subject back from a sha256 tag-schema tag only: not a cosign tag, not a truncated digest, not a tag that merely contains one', () => {
    expect(referrersTagSubject(`sha256-${A64}`)).toBe(`sha256:${A64}`);
    // What tidy must not take for a referrers index (it would read or delete it as one).
    expect(referrersTagSubject(`sha256-${A64}.sig`)).toBeUndefined();
    expect(referrersTagSubject(`v1-sha256-${A64}`)).toBeUndefined();
    expect(referrersTagSubject('sha256-a')).toBeUndefined();
    expect(referrersTagSubject(`sha256-${'A'.repeat(64)}`)).toBeUndefined();
    expect(referrersTagSubject(referrersTag(`sha512:${'a'.repeat(128)}`))).toBeUndefined();
  });

  it('makes a tag of whatever it is given, colon or not', () => {
    expect(referrersTag('abc')).toBe('abc-');
    expect(referrersTag(':abc')).toBe('-abc');
  });
});

describe('parseReferrersMode (--referrers-mode, the GitLab component input)', () => {
  it('takes each mode and refuses anything else as input', () => {
    for (const mode of ['auto', 'api', 'tag']) expect(parseReferrersMode(mode)).toBe(mode);
    expect(REFERRERS_MODES).toEqual(['auto', 'api', 'tag']);
    const refused = (() => {
      try {
        return parseReferrersMode('v1.1-referrers-tag');
      } catch (error) {
        return error;
      }
    })();
    expect(isOcikitError(refused, 'INVALID_INPUT')).toBe(true);
  });
});

describe('referrerDescriptor', () => {
  const descriptor = { mediaType: MediaType.ImageManifest, digest: `sha256:${A64}` as const, size: 321 };
  const config = { mediaType: 'application/vnd.example.config.v1+json', digest: `sha256:${'b'.repeat(64)}` as const, size: 2 };

  it('takes artifactType and every annotation from the manifest', () => {
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ImageManifest,
      artifactType: 'application/spdx+json',
      config,
      layers: [],
      annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z', team: 'core' },
    };
    expect(referrerDescriptor(descriptor, manifest)).toEqual({
      ...descriptor,
      artifactType: 'application/spdx+json',
      annotations: { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z', team: 'core' },
    });
  });

  it("falls back to the config's media type for an image manifest, and to none for an index", () => {
    const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ImageManifest, config, layers: [] };
    expect(referrerDescriptor(descriptor, manifest)).toEqual({ ...descriptor, artifactType: config.mediaType });
    const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.ImageIndex, manifests: [] };
    expect(referrerDescriptor({ ...descriptor, mediaType: MediaType.ImageIndex }, index)).toEqual({ ...descriptor, mediaType: MediaType.ImageIndex });
  });

  it('orders newest first by org.opencontainers.image.created, undated last', () => {
    const at = (digit: string, created?: string): Descriptor => ({
      mediaType: MediaType.ImageManifest,
      digest: `sha256:${digit.repeat(64)}`,
      size: 1,
      ...(created ? { annotations: { 'org.opencontainers.image.created': created } } : {}),
    });
    const sorted = sortNewestFirst([at('1'), at('2', '2026-01-01T00:00:00Z'), at('3', '2026-03-01T00:00:00Z'), at('4', 'yesterday')]);
    expect(sorted.map((d) => d.digest[7])).toEqual(['3', '2', '1', '4']);
  });
});

function scanText(text: string, chunkSizes: number[] = []): ReturnType<JsonScanner['end']> {
  const scanner = new JsonScanner({ captureLimit: 64 });
  const bytes = Buffer.from(text);
  let at = 0;
  for (const size of chunkSizes) {
    scanner.write(bytes.subarray(at, at + size));
    at += size;
  }
  scanner.write(bytes.subarray(at));
  return scanner.end();
}

describe('JsonScanner', () => {
  it('agrees with JSON.parse on validity, and on top-level members, however the input is cut', () => {
    fc.assert(
      fc.property(fc.json(), fc.array(fc.nat(12), { maxLength: 12 }), (text, cuts) => {
        const scan = scanText(text, cuts);
        expect(scan.valid).toBe(true);
        const value = JSON.parse(text) as unknown;
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          expect([...scan.members.keys()].sort()).toEqual(Object.keys(value).sort());
          for (const [key, member] of scan.members) {
            if (member.captured) expect(member.value).toEqual((value as Record<string, unknown>)[key]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['{"a": 1,}', 'trailing comma'],
    ['{"a": "unterminated}', 'unterminated string'],
    ['{"a": "\\x"}', 'bad escape'],
    ['{"a": "tab\there"}', 'control character'],
    ['{"a": 01}', 'leading zero'],
    ['{"a": 1} {"b": 2}', 'two documents'],
    ['{"a": tru}', 'bad literal'],
    ['{a: 1}', 'unquoted key'],
    ['', 'empty'],
    ['{"a": [1, 2}', 'mismatched brackets'],
  ])('refuses %s (%s)', (text) => {
    const scan = scanText(text);
    expect(scan.valid).toBe(false);
    expect(scan.error).toMatch(/at byte \d+/);
  });

  it('keeps the type of a member too large to capture, and bounds nesting', () => {
    const scan = scanText(JSON.stringify({ runs: Array.from({ length: 100 }, (_, i) => ({ i })), version: '2.1.0' }));
    expect(scan.members.get('runs')).toEqual({ type: 'array', captured: false });
    expect(scan.members.get('version')).toEqual({ type: 'string', value: '2.1.0', captured: true });
    expect(scanText('['.repeat(600) + ']'.repeat(600)).error).toMatch(/nested more than 512/);
  });
});

describe('inspectContent: what attach recognises and checks', () => {
  const dir = makeTempDir('ocikit-kinds-');
  const write = (name: string, document: unknown): Promise<string> => writeJson(dir, name, document);
  const text = async (name: string, content: string | Buffer): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, content);
    return path;
  };

  it('recognises each known kind from its content alone', async () => {
    const cases: Array<[unknown, string, string]> = [
      [spdx(), 'application/spdx+json', 'application/spdx+json'],
      [cyclonedx(), 'application/vnd.cyclonedx+json', 'application/vnd.cyclonedx+json'],
      [sarif(), 'application/sarif+json', 'application/sarif+json'],
      [statement(SUBJECT), 'application/vnd.in-toto+json', 'application/vnd.in-toto+json'],
      [dsseEnvelope(statement(SUBJECT)), 'application/vnd.dsse.envelope.v1+json', 'application/vnd.dsse.envelope.v1+json'],
      [sigstoreBundle(SUBJECT), 'application/vnd.dev.sigstore.bundle.v0.3+json', 'application/vnd.dev.sigstore.bundle.v0.3+json'],
      [cosignPayload(SUBJECT), 'application/vnd.dev.cosign.simplesigning.v1+json', 'application/vnd.dev.cosign.simplesigning.v1+json'],
      [notationJws(), 'application/jose+json', 'application/vnd.cncf.notary.signature'],
    ];
    for (const [index, [document, mediaType, artifactType]] of cases.entries()) {
      const kind = await inspectContent(await write(`doc-${index}.json`, document));
      expect({ mediaType: kind?.mediaType, artifactType: kind?.artifactType }).toEqual({ mediaType, artifactType });
    }
  });

  it('derives what cosign and notation look for: bundle annotations, the statement subject, the certificate thumbprints', async () => {
    const bundle = await inspectContent(await write('sig.sigstore.json', sigstoreBundle(SUBJECT)));
    expect(bundle?.annotations).toEqual({ 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' });
    expect(bundle?.about).toEqual([SUBJECT]);
    const jws = await inspectContent(await write('sig.jws', notationJws()));
    expect(JSON.parse(jws!.annotations!['io.cncf.notary.x509chain.thumbprint#S256']!)).toHaveLength(1);
    const cose = await inspectContent(await text('sig.cose', Buffer.from([0xd2, 0x84, 0x43, 0xa1, 0x01, 0x26])));
    expect(cose?.mediaType).toBe('application/cose');
  });

  it('refuses a file that claims a kind and is not one, saying what is missing', async () => {
    const refusals: Array<[Promise<string>, string | undefined, RegExp]> = [
      [write('no-runs.sarif', { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' }), undefined, /SARIF report .*no "runs" array/],
      [write('runs-by-type.json', { version: '2.1.0' }), 'application/sarif+json', /as its media type application\/sarif\+json says.*"runs"/],
      [write('old.sarif', { version: '1.0.0', runs: [] }), undefined, /only SARIF 2\.1\.0/],
      [text('broken.spdx.json', '{"spdxVersion": "SPDX-2.3",'), undefined, /not valid JSON/],
      [text('broken.json', '{"spdxVersion": "SPDX-2.3", "name": }'), undefined, /SPDX SBOM.*its content.*not valid JSON/],
      [write('bad-version.json', { spdxVersion: '2.3' }), undefined, /spdxVersion "2\.3"/],
      [write('cdx.json', { bomFormat: 'SPDX' }), undefined, /bomFormat/],
      [write('bundle.json', { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', dsseEnvelope: {} }), undefined, /verificationMaterial/],
      [write('dsse.json', { payloadType: 'application/vnd.in-toto+json', payload: 'e30=', signatures: [] }), undefined, /signatures/],
      [text('not-json.txt', 'hello'), 'application/spdx+json', /not a JSON object/],
      [text('empty.sarif', ''), undefined, /empty/],
      [text('not-cose.bin', 'hello'), 'application/cose', /COSE_Sign1/],
    ];
    for (const [pathPromise, mediaType, pattern] of refusals) {
      const path = await pathPromise;
      const error = await inspectContent(path, mediaType).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isOcikitError(error, 'INVALID_INPUT')).toBe(true);
      expect((error as Error).message).toMatch(pattern);
    }
  });

  it('leaves files that claim nothing, and types it has no rules for, alone', async () => {
    expect(await inspectContent(await text('notes.txt', 'just notes\n'))).toBeUndefined();
    expect(await inspectContent(await write('plain.json', { hello: 'world' }))).toBeUndefined();
    expect(await inspectContent(await text('odd.json', '{not json'))).toBeUndefined();
    expect(await inspectContent(join(dir, 'does-not-exist'), 'text/plain')).toBeUndefined();
    // A directory travels as a tar layer: no kind, unless it is said to be one.
    expect(await inspectContent(makeTempDir())).toBeUndefined();
    await expect(inspectContent(makeTempDir(), 'application/sarif+json')).rejects.toThrow(/not a regular file/);
    await expect(inspectContent(join(dir, 'does-not-exist'))).rejects.toThrow(/cannot read .*ENOENT/);
  });

  it('checks a large document without holding it (streaming)', async () => {
    const big = { ...spdx(), packages: Array.from({ length: 60_000 }, (_, i) => ({ SPDXID: `SPDXRef-${i}`, name: `pkg-${i}`, downloadLocation: 'NOASSERTION' })) };
    const path = await write('big.spdx.json', big);
    const kind = await inspectContent(path);
    expect(kind?.id).toBe('spdx');
  });
});

describe('renderings of a referrers graph', () => {
  const d = (digit: string, artifactType: string, created: string): Descriptor => ({
    mediaType: MediaType.ImageManifest,
    digest: `sha256:${digit.repeat(64)}`,
    size: 100,
    artifactType,
    annotations: { 'org.opencontainers.image.created': created },
  });
  const graph: DiscoverResult = {
    subject: { mediaType: MediaType.ImageManifest, digest: SUBJECT, size: 10 },
    via: 'tag',
    count: 4,
    referrers: [
      { descriptor: d('2', 'application/spdx+json', '2026-01-01T00:00:00Z'), referrers: [{ descriptor: d('3', 'application/vnd.dev.sigstore.bundle.v0.3+json', '2026-01-02T00:00:00Z'), referrers: [] }] },
      { descriptor: d('4', 'application/vnd.dev.sigstore.bundle.v0.3+json', '2026-01-01T00:00:00Z'), referrers: [] },
      { descriptor: d('5', 'application/vnd.dev.cosign.simplesigning.v1+json', '2026-01-01T00:00:00Z'), legacy: { tag: `sha256-${'1'.repeat(64)}.sig`, subjectDigest: SUBJECT as Descriptor['digest'], kind: 'signature' }, referrers: [] },
    ],
  };

  it('draws a tree as oras discover -o tree does', () => {
    expect(renderReferrersTree(graph, 'registry.test/app')).toBe(
      [
        `registry.test/app@${SUBJECT}`,
        '├── application/spdx+json',
        `│   └── sha256:${'2'.repeat(64)}`,
        '│       └── application/vnd.dev.sigstore.bundle.v0.3+json',
        `│           └── sha256:${'3'.repeat(64)}`,
        '├── application/vnd.dev.sigstore.bundle.v0.3+json',
        `│   └── sha256:${'4'.repeat(64)}`,
        '└── application/vnd.dev.cosign.simplesigning.v1+json',
        `    └── sha256:${'5'.repeat(64)}  [cosign tag sha256-${'1'.repeat(64)}.sig]`,
        '',
      ].join('\n'),
    );
  });

  it('writes a fenced Mermaid flowchart with escaped labels', () => {
    const mermaid = renderReferrersMermaid(graph, 'registry.test/"app"');
    expect(mermaid.startsWith('```mermaid\ngraph LR\n')).toBe(true);
    expect(mermaid.endsWith('```\n')).toBe(true);
    expect(mermaid).toContain('n0["registry.test/#34;app#34;<br/>sha256:111111111111"]');
    expect(mermaid).toContain('["SBOM (SPDX)<br/>application/spdx+json<br/>sha256:222222222222<br/>2026-01-01T00:00:00Z"]');
    expect(mermaid).toMatch(/n1 --> n2/);
    expect(mermaid).toMatch(/n0 -\.->\|\.sig tag\| n4/);
    // Every node line is one quoted label: no stray quote can end it early.
    for (const line of mermaid.split('\n').filter((l) => /^ {2}n\d+\[/.test(l))) expect(line).toMatch(/^ {2}n\d+\["[^"]*"\]$/);
  });

  it('gives every node its reference, descriptor and own referrers as JSON', () => {
    const json = referrersGraphJson(graph, 'registry.test/app');
    expect(json.reference).toBe(`registry.test/app@${SUBJECT}`);
    expect(json.via).toBe('tag');
    expect(json.referrers[0]?.referrers[0]?.reference).toBe(`registry.test/app@sha256:${'3'.repeat(64)}`);
    expect(json.referrers[2]?.legacyTag).toBe(`sha256-${'1'.repeat(64)}.sig`);
  });
});
