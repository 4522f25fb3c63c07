// Platforms: parsing and printing, containerd's normalisation and matching
// rules, duplicate detection and index documents. Pure functions, no registry.
import { describe, expect, it } from '@jest/globals';
import { arch } from 'node:os';
import {
  type Descriptor,
  MediaType,
  type Platform,
  acceptedPlatforms,
  buildIndexDocument,
  checkDuplicatePlatforms,
  formatFileMode,
  hostPlatform,
  isAttestationEntry,
  isOcikitError,
  normalizePlatform,
  parseFileMode,
  parseIndexRemoval,
  parseIndexSourceArgument,
  parsePlatform,
  parseReference,
  parseReleaseArgument,
  platformString,
  samePlatform,
  selectPlatform,
} from '@ocikit/core';

const d = (n: number, platform?: Platform, extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: MediaType.ImageManifest,
  digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  size: 100 + n,
  ...(platform ? { platform } : {}),
  ...extra,
});

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isOcikitError(error) ? error.code : `not an OcikitError: ${String(error)}`;
  }
  return undefined;
}

describe('parsePlatform and platformString', () => {
  it.each([
    ['linux/amd64', { architecture: 'amd64', os: 'linux' }],
    ['linux/arm64/v8', { architecture: 'arm64', os: 'linux', variant: 'v8' }],
    ['linux/arm/v7', { architecture: 'arm', os: 'linux', variant: 'v7' }],
    ['darwin/arm64', { architecture: 'arm64', os: 'darwin' }],
    ['windows(10.0.17763.5458)/amd64', { architecture: 'amd64', os: 'windows', 'os.version': '10.0.17763.5458' }],
  ])('%s', (text, platform) => {
    expect(parsePlatform(text)).toEqual(platform);
    expect(platformString(parsePlatform(text))).toBe(text);
  });

  it.each(['', 'linux', 'linux/', '/amd64', 'linux/amd64/v8/x', 'linux/am d64', ' linux/amd64', 'linux/amd64 ', 'linux:amd64', 'windows(1 0)/amd64'])(
    'refuses %j',
    (text) => expect(code(() => parsePlatform(text))).toBe('INVALID_INPUT'),
  );
});

describe("containerd's normalisation", () => {
  it.each([
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm64/8', 'linux/arm64'],
    ['linux/arm64/v9.0', 'linux/arm64/v9'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/7', 'linux/arm/v7'],
    ['linux/arm/6', 'linux/arm/v6'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/armel', 'linux/arm/v6'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/i386', 'linux/386'],
    ['Linux/AMD64', 'linux/amd64'],
    ['macos/arm64', 'darwin/arm64'],
  ])('%s is %s', (given, normal) => {
    expect(platformString(normalizePlatform(parsePlatform(given)))).toBe(normal);
  });

  it('arm64 is arm64/v8, arm/v7 is not arm/v6, amd64 is not 386', () => {
    expect(samePlatform(parsePlatform('linux/arm64'), parsePlatform('linux/arm64/v8'))).toBe(true);
    expect(samePlatform(parsePlatform('linux/arm/v7'), parsePlatform('linux/arm/v6'))).toBe(false);
    expect(samePlatform(parsePlatform('linux/amd64'), parsePlatform('linux/386'))).toBe(false);
    expect(samePlatform(parsePlatform('linux/amd64'), parsePlatform('windows/amd64'))).toBe(false);
  });

  it('compatible platforms come in containerd order, closest first', () => {
    expect(acceptedPlatforms(parsePlatform('linux/arm/v7'), { compatible: true }).map(platformString)).toEqual(['linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']);
    expect(acceptedPlatforms(parsePlatform('linux/arm64'), { compatible: true }).map(platformString)).toEqual([
      'linux/arm64',
      'linux/arm/v8',
      'linux/arm/v7',
      'linux/arm/v6',
      'linux/arm/v5',
    ]);
    expect(acceptedPlatforms(parsePlatform('linux/amd64/v3'), { compatible: true }).map(platformString)).toEqual([
      'linux/amd64/v3',
      'linux/amd64/v2',
      'linux/amd64',
      'linux/386',
    ]);
    expect(acceptedPlatforms(parsePlatform('linux/arm/v7')).map(platformString)).toEqual(['linux/arm/v7']);
  });
});

describe('selectPlatform', () => {
  const attestation = d(9, { architecture: 'unknown', os: 'unknown' }, {
    annotations: { 'vnd.docker.reference.digest': d(2).digest, 'vnd.docker.reference.type': 'attestation-manifest' },
  });
  const manifests = [
    d(1, parsePlatform('linux/amd64')),
    d(2, parsePlatform('linux/arm64/v8')),
    d(3, parsePlatform('linux/arm/v6')),
    d(4, parsePlatform('linux/arm64')),
    attestation,
  ];
  const pick = (wanted: string, compatible = false) => selectPlatform(manifests, parsePlatform(wanted), { compatible })?.descriptor.digest;

  it('takes the first entry of the platform, arm64 and arm64/v8 alike', () => {
    expect(pick('linux/arm64')).toBe(d(2).digest);
    expect(pick('linux/arm64/v8')).toBe(d(2).digest);
    expect(pick('linux/amd64')).toBe(d(1).digest);
    expect(pick('linux/x86_64')).toBe(d(1).digest);
  });

  it('takes arm/v6 for arm/v7 only when compatible platforms are asked for, and never a newer variant', () => {
    expect(pick('linux/arm/v7')).toBeUndefined();
    expect(pick('linux/arm/v7', true)).toBe(d(3).digest);
    expect(selectPlatform(manifests, parsePlatform('linux/arm/v7'), { compatible: true })?.rank).toBe(1);
    expect(pick('linux/arm/v5', true)).toBeUndefined();
    expect(pick('linux/386', true)).toBeUndefined();
    expect(pick('windows/amd64', true)).toBeUndefined();
  });

  it('prefers the exact platform over an earlier compatible one', () => {
    const both = [d(5, parsePlatform('linux/arm/v6')), d(6, parsePlatform('linux/arm/v7'))];
    expect(selectPlatform(both, parsePlatform('linux/arm/v7'), { compatible: true })?.descriptor.digest).toBe(d(6).digest);
  });

  it('never picks an attestation, even for unknown/unknown', () => {
    expect(isAttestationEntry(attestation)).toBe(true);
    expect(pick('unknown/unknown', true)).toBeUndefined();
  });

  it("knows this machine's platform", () => {
    const host = hostPlatform();
    expect(host.os).toBe(process.platform === 'win32' ? 'windows' : process.platform);
    expect(host.architecture).toBe(({ x64: 'amd64', arm64: 'arm64', ia32: '386' } as Record<string, string>)[arch()] ?? host.architecture);
  });
});

describe('duplicate platforms', () => {
  it('refuses arm64 next to arm64/v8 unless allowed, and ignores attestations', () => {
    const entries = [d(1, parsePlatform('linux/arm64')), d(2, parsePlatform('linux/arm64/v8'))];
    expect(code(() => checkDuplicatePlatforms(entries, false, 'test'))).toBe('INVALID_INPUT');
    expect(code(() => checkDuplicatePlatforms(entries, true, 'test'))).toBeUndefined();
    const unknown = { architecture: 'unknown', os: 'unknown' };
    expect(code(() => checkDuplicatePlatforms([d(1, unknown, { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }), d(2, unknown, { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } })], false, 't'))).toBeUndefined();
  });
});

describe('buildIndexDocument', () => {
  it('writes an OCI index in the spec field order', () => {
    const { bytes, index, descriptor } = buildIndexDocument([d(1, parsePlatform('linux/amd64'))], { annotations: { a: 'b' }, artifactType: 'application/vnd.example+type' });
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","artifactType":"application/vnd.example+type","manifests":[')).toBe(true);
    expect(text.endsWith(',"annotations":{"a":"b"}}')).toBe(true);
    expect(index.manifests[0]!.platform).toEqual({ architecture: 'amd64', os: 'linux' });
    expect(descriptor).toEqual({ mediaType: MediaType.ImageIndex, digest: descriptor.digest, size: bytes.length, artifactType: 'application/vnd.example+type' });
  });

  it('makes a Docker manifest list of Docker manifests only, as buildx does', () => {
    const docker = [d(1, parsePlatform('linux/amd64'), { mediaType: MediaType.DockerManifest }), d(2, parsePlatform('linux/arm64'), { mediaType: MediaType.DockerManifest })];
    expect(buildIndexDocument(docker).index.mediaType).toBe(MediaType.DockerManifestList);
    expect(buildIndexDocument([...docker, d(3, parsePlatform('linux/s390x'))]).index.mediaType).toBe(MediaType.ImageIndex);
    expect(buildIndexDocument(docker, { annotations: { a: 'b' } }).index.mediaType).toBe(MediaType.ImageIndex);
  });
});

describe('arguments', () => {
  const destination = parseReference('registry.example.com/app:v1');

  it('parses index sources, with the shorthand for the index repository', () => {
    expect(parseIndexSourceArgument('registry.example.com/app-amd64:ci-1', destination)).toEqual({
      reference: parseReference('registry.example.com/app-amd64:ci-1'),
    });
    expect(parseIndexSourceArgument(':arm=linux/arm/v7', destination)).toEqual({
      reference: parseReference('registry.example.com/app:arm'),
      platform: { architecture: 'arm', os: 'linux', variant: 'v7' },
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseIndexSourceArgument(`@${digest}`, destination).reference).toEqual(parseReference(`registry.example.com/app@${digest}`));
    expect(code(() => parseIndexSourceArgument('registry.example.com/app:x=linux', destination))).toBe('INVALID_INPUT');
    expect(parseIndexRemoval('linux/arm64')).toEqual({ architecture: 'arm64', os: 'linux' });
    expect(parseIndexRemoval(digest)).toBe(digest);
  });

  it('parses release files, the platform after the last =', () => {
    expect(parseReleaseArgument('dist/a=b=linux/arm64')).toEqual({ path: 'dist/a=b', platform: { architecture: 'arm64', os: 'linux' } });
    expect(parseReleaseArgument('tool.exe:application/vnd.microsoft.portable-executable=windows/amd64')).toEqual({
      path: 'tool.exe',
      mediaType: 'application/vnd.microsoft.portable-executable',
      platform: { architecture: 'amd64', os: 'windows' },
    });
    expect(code(() => parseReleaseArgument('dist/tool'))).toBe('INVALID_INPUT');
    expect(code(() => parseReleaseArgument('-=linux/amd64'))).toBe('INVALID_INPUT');
  });

  it('records and grants file modes, never more than 0755', () => {
    expect(formatFileMode(0o100755)).toBe('0755');
    expect(formatFileMode(0o700)).toBe('0700');
    expect(parseFileMode('0755', 't')).toBe(0o755);
    expect(parseFileMode('0777', 't')).toBe(0o755);
    expect(parseFileMode('0700', 't')).toBe(0o700);
    expect(parseFileMode(undefined, 't')).toBeUndefined();
    expect(code(() => parseFileMode('4755', 't'))).toBe('INVALID_MANIFEST');
    expect(code(() => parseFileMode('rwx', 't'))).toBe('INVALID_MANIFEST');
  });
});
