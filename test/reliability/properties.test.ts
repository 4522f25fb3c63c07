// Property-based tests (fast-check) of what ocikit parses from the outside world:
// references, WWW-Authenticate headers, manifests and indexes, tar archives. For
// any input: a result or an OcikitError, never a crash; for generated valid input:
// exactly what was meant; for the unpacker: nothing ever lands outside its directory.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import '../harness/property-seed.js';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { extractTarSafely } from '../../packages/core/src/artifact/safe-extract.js';
import { OcikitError } from '../../packages/core/src/errors.js';
import { type Descriptor, type ImageIndex, type ImageManifest, type Manifest, encodeManifest, parseManifest } from '../../packages/core/src/oci/manifest.js';
import { MediaType } from '../../packages/core/src/oci/media-types.js';
import { formatReference, parseReference } from '../../packages/core/src/reference/reference.js';
import { parseWwwAuthenticate } from '../../packages/core/src/registry/www-authenticate.js';
import { type TarEntry, rawTar } from '../harness/hostile-tar.js';
import { makeTempDir } from '../harness/temp.js';

const RUNS = { numRuns: 300 };

/** Calls `fn`; returns its result, or the OcikitError it threw. Anything else thrown fails the property. */
function resultOrOcikitError<T>(fn: () => T): T | OcikitError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof OcikitError) return error;
    throw error;
  }
}

// --- References ------------------------------------------------------------------

const component = fc.stringMatching(/^[a-z0-9]{1,6}(?:(?:\.|_|__|-{1,2})[a-z0-9]{1,6}){0,2}$/);
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
const host = fc.oneof(
  fc.tuple(fc.array(label, { minLength: 2, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(
    ([labels, port]) => `${labels.join('.')}${port ? `:${port}` : ''}`,
  ),
  fc.integer({ min: 1, max: 65535 }).map((port) => `localhost:${port}`),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 65535 })).map(([last, port]) => `127.0.0.${last}:${port}`),
);
const tag = fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,40}$/);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);

describe('the reference parser', () => {
  test('any string parses or is an INVALID_REFERENCE, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '/', ':', '@', '.', '-', '_', 'A', '0', 'sha256:', 'oci-layout:', ' ') })), (input) => {
        const result = resultOrOcikitError(() => parseReference(input));
        if (result instanceof OcikitError) expect(result.code).toBe('INVALID_REFERENCE');
      }),
      { numRuns: 1000 },
    );
  });

  test('a generated valid reference parses to its parts, and printing it parses back to the same', () => {
    fc.assert(
      fc.property(host, fc.array(component, { minLength: 1, maxLength: 3 }), fc.option(tag, { nil: undefined }), fc.option(digest, { nil: undefined }), (registry, path, t, d) => {
        const repository = path.join('/');
        const input = `${registry}/${repository}${t === undefined ? '' : `:${t}`}${d === undefined ? '' : `@${d}`}`;
        fc.pre(`${registry}/${repository}`.length <= 255);
        const parsed = parseReference(input);
        expect(parsed).toEqual({ kind: 'registry', registry, repository, ...(t === undefined ? {} : { tag: t }), ...(d === undefined ? {} : { digest: d }) });
        expect(formatReference(parsed)).toBe(input);
        expect(parseReference(formatReference(parsed))).toEqual(parsed);
      }),
      RUNS,
    );
  });

  test('Docker Hub short names normalise, and the normal form is a fixed point', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 2 }), fc.option(tag, { nil: undefined }), (path, t) => {
        const input = `${path.join('/')}${t === undefined ? '' : `:${t}`}`;
        fc.pre(!path[0]!.includes('.') && path[0] !== 'localhost');
        const parsed = parseReference(input);
        expect(parsed).toMatchObject({ kind: 'registry', registry: 'docker.io', repository: path.length === 1 ? `library/${path[0]}` : path.join('/') });
        expect(parseReference(formatReference(parsed))).toEqual(parsed);
      }),
      RUNS,
    );
  });

  test('uppercase in a repository, or a bad tag or digest, is refused with the reason', () => {
    fc.assert(
      fc.property(host, component, fc.constantFrom('Upper', 'a:b:c@', ':', '@sha256:xyz', ':-bad', `:${'x'.repeat(129)}`), (registry, name, bad) => {
        const result = resultOrOcikitError(() => parseReference(`${registry}/${name}${bad}`));
        expect(result).toBeInstanceOf(OcikitError);
        expect((result as OcikitError).message).toMatch(/^invalid reference "/);
      }),
      RUNS,
    );
  });
});

// --- WWW-Authenticate --------------------------------------------------------------

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const scheme = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
const paramKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
// Printable ASCII, quotes and backslashes included: the quoting must carry them.
const paramValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const challenge: fc.Arbitrary<Challenge> = fc.record({
  scheme,
  params: fc.uniqueArray(fc.tuple(paramKey, paramValue), { selector: ([key]) => key, maxLength: 4 }).map((pairs) => Object.fromEntries(pairs)),
});

function serialize(challenges: Challenge[]): string {
  return challenges
    .map(({ scheme: s, params }) => {
      const rendered = Object.entries(params).map(([key, value]) => `${key}="${value.replace(/["\\]/g, (c) => `\\${c}`)}"`);
      return rendered.length ? `${s} ${rendered.join(', ')}` : s;
    })
    .join(', ');
}

describe('the WWW-Authenticate parser', () => {
  test('any header value parses without throwing, into lowercased schemes and keys', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('Bearer', 'Basic', ' ', ',', '=', '"', '\\', 'realm', 'a', '\t') })), (value) => {
        const parsed = parseWwwAuthenticate(value);
        for (const c of parsed) {
          expect(c.scheme).toBe(c.scheme.toLowerCase());
          for (const key of Object.keys(c.params)) expect(key).toBe(key.toLowerCase());
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('generated challenges, quoted with any printable value, parse back exactly (several in one header)', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 3 }), (challenges) => {
        // A parameterless challenge followed by another cannot be told from token68 plus params: keep the grammar's shape.
        fc.pre(challenges.slice(0, -1).every((c) => Object.keys(c.params).length > 0));
        const header = serialize(challenges);
        expect(parseWwwAuthenticate(header)).toEqual(challenges.map((c) => ({ scheme: c.scheme.toLowerCase(), params: c.params })));
        // The same challenges as separate header lines parse the same.
        expect(parseWwwAuthenticate(challenges.map((c) => serialize([c])))).toEqual(parseWwwAuthenticate(header));
      }),
      RUNS,
    );
  });

  test('unquoted values without commas or spaces parse as registries send them', () => {
    fc.assert(
      fc.property(fc.dictionary(paramKey, fc.stringMatching(/^[A-Za-z0-9:/._-]{1,30}$/), { minKeys: 1, maxKeys: 4 }), (params) => {
        const header = `Bearer ${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(',')}`;
        expect(parseWwwAuthenticate(header)).toEqual([{ scheme: 'bearer', params }]);
      }),
      RUNS,
    );
  });
});

// --- Manifests and indexes ---------------------------------------------------------

const mediaType = fc.constantFrom(MediaType.OctetStream, MediaType.Layer, MediaType.LayerGzip, 'application/vnd.example.thing+json', 'text/plain');
const annotations = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.]{0,20}$/), fc.string({ maxLength: 20 }), { maxKeys: 3 });
const descriptor: fc.Arbitrary<Descriptor> = fc
  .record(
    { mediaType, digest, size: fc.nat({ max: 2 ** 40 }), annotations, artifactType: mediaType },
    { requiredKeys: ['mediaType', 'digest', 'size'] },
  )
  .map((d) => d as Descriptor);
const imageManifest: fc.Arbitrary<ImageManifest> = fc
  .record(
    {
      schemaVersion: fc.constant(2 as const),
      mediaType: fc.constant(MediaType.ImageManifest),
      artifactType: mediaType,
      config: descriptor,
      layers: fc.array(descriptor, { maxLength: 5 }),
      subject: descriptor,
      annotations,
    },
    { requiredKeys: ['schemaVersion', 'mediaType', 'config', 'layers'] },
  )
  .map((m) => m as ImageManifest);
const imageIndex: fc.Arbitrary<ImageIndex> = fc
  .record(
    {
      schemaVersion: fc.constant(2 as const),
      mediaType: fc.constant(MediaType.ImageIndex),
      manifests: fc.array(
        descriptor.map((d) => ({ ...d, mediaType: MediaType.ImageManifest })),
        { maxLength: 5 },
      ),
      annotations,
    },
    { requiredKeys: ['schemaVersion', 'mediaType', 'manifests'] },
  )
  .map((m) => m as ImageIndex);

/** Ways to break a valid document: each must be refused as INVALID_MANIFEST. */
const breakages: Array<[string, (m: Record<string, unknown>) => boolean]> = [
  ['schemaVersion 1', (m) => ((m.schemaVersion = 1), true)],
  ['an unknown mediaType', (m) => ((m.mediaType = 'application/vnd.nope'), true)],
  ['a number annotation', (m) => ((m.annotations = { a: 1 }), true)],
  ['a config without digest', (m) => ('config' in m ? (delete (m.config as Record<string, unknown>).digest, true) : false)],
  ['a layer with a negative size', (m) => (Array.isArray(m.layers) && m.layers.length > 0 ? (((m.layers as Record<string, unknown>[])[0]!.size = -1), true) : false)],
  ['a layer with a fractional size', (m) => (Array.isArray(m.layers) && m.layers.length > 0 ? (((m.layers as Record<string, unknown>[])[0]!.size = 1.5), true) : false)],
  ['a child with a malformed digest', (m) => (Array.isArray(m.manifests) && m.manifests.length > 0 ? (((m.manifests as Record<string, unknown>[])[0]!.digest = 'sha256:XYZ'), true) : false)],
  ['an index with layers', (m) => (Array.isArray(m.manifests) ? ((m.layers = []), true) : false)],
  ['a manifest with manifests', (m) => (Array.isArray(m.layers) ? ((m.manifests = []), true) : false)],
  ['a malformed artifactType', (m) => ((m.artifactType = 'not a type'), true)],
  ['a subject that is not a descriptor', (m) => ((m.subject = 'sha256:abc'), true)],
];

describe('manifest and index validation', () => {
  test('any bytes parse or are INVALID_MANIFEST / SIZE_LIMIT, never a crash', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v) ?? 'null'))), (bytes) => {
        const result = resultOrOcikitError(() => parseManifest(bytes, 'generated'));
        if (result instanceof OcikitError) expect(['INVALID_MANIFEST', 'SIZE_LIMIT']).toContain(result.code);
      }),
      { numRuns: 1000 },
    );
  });

  test('a generated valid manifest or index parses to itself, and to itself again once encoded', () => {
    fc.assert(
      fc.property(fc.oneof(imageManifest, imageIndex) as fc.Arbitrary<Manifest>, (manifest) => {
        const bytes = encodeManifest(manifest);
        const parsed = parseManifest(bytes, 'generated', manifest.mediaType);
        expect(parsed).toEqual(manifest);
        expect(Buffer.from(encodeManifest(parsed)).equals(Buffer.from(bytes))).toBe(true);
      }),
      RUNS,
    );
  });

  test('every way of breaking a valid document is refused as INVALID_MANIFEST', () => {
    fc.assert(
      fc.property(fc.oneof(imageManifest, imageIndex) as fc.Arbitrary<Manifest>, fc.constantFrom(...breakages), (manifest, [, breakIt]) => {
        const copy = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
        fc.pre(breakIt(copy));
        const result = resultOrOcikitError(() => parseManifest(new TextEncoder().encode(JSON.stringify(copy)), 'broken'));
        expect(result).toBeInstanceOf(OcikitError);
        expect((result as OcikitError).code).toBe('INVALID_MANIFEST');
      }),
      RUNS,
    );
  });

  test('a document served as another manifest type is refused (type confusion)', () => {
    fc.assert(
      fc.property(imageManifest, (manifest) => {
        const result = resultOrOcikitError(() => parseManifest(encodeManifest(manifest), 'confused', MediaType.ImageIndex));
        expect((result as OcikitError).code).toBe('INVALID_MANIFEST');
      }),
      { numRuns: 50 },
    );
  });
});

// --- The tar unpacker --------------------------------------------------------------

// Mostly plain names, so that many archives are fine and the success path is checked too.
const segment = fc.oneof({ arbitrary: fc.constantFrom('a', 'b', 'c'), weight: 8 }, { arbitrary: fc.constantFrom('..', '.', ''), weight: 1 });
const archivePath = fc.oneof(
  { arbitrary: fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')), weight: 12 },
  { arbitrary: fc.constantFrom('/abs', '/etc/passwd', 'a/../../x', 'C:/win', 'a\\b'), weight: 1 },
);
const entry: fc.Arbitrary<TarEntry> = fc.oneof(
  { arbitrary: fc.record({ path: archivePath, type: fc.constant('0' as const), body: fc.string({ maxLength: 20 }) }), weight: 4 },
  { arbitrary: fc.record({ path: archivePath, type: fc.constant('5' as const) }), weight: 2 },
  { arbitrary: fc.record({ path: archivePath, type: fc.constant('2' as const), linkpath: archivePath }), weight: 2 },
  { arbitrary: fc.record({ path: archivePath, type: fc.constant('1' as const), linkpath: archivePath }), weight: 1 },
  { arbitrary: fc.record({ path: archivePath, type: fc.constantFrom('3' as const, '4' as const, '6' as const) }), weight: 1 },
);

/** Whether `target` is `root` or inside it. */
function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !resolve(rel).startsWith('..'));
}

/** Every path below `dir` with what it is; symlinks must resolve inside `root` (lexically, as a later reader would follow them). */
async function checkTree(root: string, dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      const target = resolve(dirname(path), await readlink(path));
      expect({ link: relative(root, path), inside: inside(root, target) }).toEqual({ link: relative(root, path), inside: true });
    } else if (info.isDirectory()) {
      await checkTree(root, path);
    } else {
      expect(info.isFile()).toBe(true);
      expect(info.mode & 0o7000).toBe(0); // no setuid, setgid or sticky bit
    }
  }
}

describe('the tar unpacker', () => {
  test('any archive of hostile entries extracts inside the output directory or is refused leaving it untouched', async () => {
    const base = makeTempDir('ocikit-prop-tar-');
    let run = 0;
    let extracted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 6 }), fc.boolean(), async (entries, preexisting) => {
        const sandbox = await mkdtemp(join(base, `run-${++run}-`));
        try {
          const out = join(sandbox, 'deep', 'out');
          if (preexisting) await mkdir(out, { recursive: true });
          const result = await extractTarSafely(Readable.from([rawTar(entries)]), out).then(
            (r) => r,
            (e: unknown) => e,
          );
          // Nothing, ever, next to the output directory.
          expect((await readdir(sandbox)).sort()).toEqual(['deep']);
          expect((await readdir(join(sandbox, 'deep'))).filter((n) => n !== 'out')).toEqual([]);
          if (result instanceof Error) {
            expect(result).toBeInstanceOf(OcikitError);
            expect(['UNSAFE_PATH', 'INVALID_CONTENT', 'INVALID_INPUT', 'SIZE_LIMIT']).toContain((result as OcikitError).code);
            if (existsSync(out)) expect(await readdir(out)).toEqual([]);
            return;
          }
          extracted++;
          await checkTree(out, out);
          // What was written is what the archive said, for the last regular file of each path.
          for (const e of entries) {
            if (e.type !== '0' || typeof e.body !== 'string') continue;
            const path = join(out, e.path);
            if (entries.filter((x) => x.path === e.path).length === 1 && existsSync(path) && (await lstat(path)).isFile()) {
              expect(await readFile(path, 'utf8')).toBe(e.body);
            }
          }
        } finally {
          await rm(sandbox, { recursive: true, force: true });
        }
      }),
      { numRuns: 250 },
    );
    // The generator is weighted so that both outcomes are exercised, not only refusals.
    expect(extracted).toBeGreaterThan(25);
  }, 120_000);

  test('any bytes at all are extracted or refused with an OcikitError, and leave nothing behind when refused', async () => {
    const base = makeTempDir('ocikit-prop-bytes-');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 3000 }),
          // A valid archive with some bytes flipped: closer to what a broken download gives.
          fc.tuple(fc.array(entry, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 })).map(([entries, flips]) => {
            const tar = rawTar(entries);
            for (const [at, value] of flips) tar[at % tar.length] = value;
            return new Uint8Array(tar);
          }),
        ),
        async (bytes) => {
          const out = await mkdtemp(join(base, 'out-'));
          try {
            const result = await extractTarSafely(Readable.from([Buffer.from(bytes)]), out).then(
              () => undefined,
              (e: unknown) => e,
            );
            if (result !== undefined) {
              expect(result).toBeInstanceOf(OcikitError);
              expect(await readdir(out)).toEqual([]);
            } else {
              await checkTree(out, out);
            }
          } finally {
            await rm(out, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 250 },
    );
  }, 120_000);
});
