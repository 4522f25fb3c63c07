import { describe, expect, it } from '@jest/globals';
import { OcikitError, inFrontEndWords } from '../../packages/core/src/errors.js';
import {
  checkTag,
  extraTag,
  formatReference,
  isLoopbackRegistry,
  parseReference,
  parseRegistryReference,
  pinnedReference,
  pushTags,
  referenceSelector,
  registryEndpointHost,
  withSelector,
  type Reference,
} from '../../packages/core/src/reference/reference.js';

const SHA256 = `sha256:${'a1'.repeat(32)}`;
const SHA512 = `sha512:${'0f'.repeat(64)}`;
const TAG128 = `v${'x'.repeat(127)}`;

/** The error parseReference throws for `input` (fails the test if it returns). */
function errorOf(input: string): OcikitError {
  try {
    parseReference(input);
  } catch (error) {
    expect(error).toBeInstanceOf(OcikitError);
    return error as OcikitError;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseReference: valid references', () => {
  // [input, parsed, canonical form]
  const cases: Array<[string, Reference, string]> = [
    // Docker Hub normalisation
    ['ubuntu', { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu' }, 'docker.io/library/ubuntu'],
    ['ubuntu:22.04', { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' }, 'docker.io/library/ubuntu:22.04'],
    ['library/ubuntu', { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu' }, 'docker.io/library/ubuntu'],
    ['org/app:v1', { kind: 'registry', registry: 'docker.io', repository: 'org/app', tag: 'v1' }, 'docker.io/org/app:v1'],
    ['docker.io/ubuntu', { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu' }, 'docker.io/library/ubuntu'],
    ['index.docker.io/org/app', { kind: 'registry', registry: 'docker.io', repository: 'org/app' }, 'docker.io/org/app'],
    ['registry-1.docker.io/ubuntu', { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu' }, 'docker.io/library/ubuntu'],
    ['docker.io/library/ubuntu:22.04', { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu', tag: '22.04' }, 'docker.io/library/ubuntu:22.04'],
    // Explicit registries
    ['ghcr.io/org/team/app:1.2.3', { kind: 'registry', registry: 'ghcr.io', repository: 'org/team/app', tag: '1.2.3' }, 'ghcr.io/org/team/app:1.2.3'],
    ['localhost/app', { kind: 'registry', registry: 'localhost', repository: 'app' }, 'localhost/app'],
    ['localhost:5000/app:latest', { kind: 'registry', registry: 'localhost:5000', repository: 'app', tag: 'latest' }, 'localhost:5000/app:latest'],
    ['127.0.0.1:5000/a/b', { kind: 'registry', registry: '127.0.0.1:5000', repository: 'a/b' }, '127.0.0.1:5000/a/b'],
    ['[::1]:5000/app:v1', { kind: 'registry', registry: '[::1]:5000', repository: 'app', tag: 'v1' }, '[::1]:5000/app:v1'],
    ['[::1]/app', { kind: 'registry', registry: '[::1]', repository: 'app' }, '[::1]/app'],
    ['[FE80::1]:443/app', { kind: 'registry', registry: '[fe80::1]:443', repository: 'app' }, '[fe80::1]:443/app'],
    ['Registry.Example.COM:65535/app', { kind: 'registry', registry: 'registry.example.com:65535', repository: 'app' }, 'registry.example.com:65535/app'],
    ['my-registry.local/a.b_c__d---e/f0:_X.y-z', { kind: 'registry', registry: 'my-registry.local', repository: 'a.b_c__d---e/f0', tag: '_X.y-z' }, 'my-registry.local/a.b_c__d---e/f0:_X.y-z'],
    // Digests, with and without a tag
    [`host.io/repo@${SHA256}`, { kind: 'registry', registry: 'host.io', repository: 'repo', digest: SHA256 }, `host.io/repo@${SHA256}`],
    [`host.io/repo:tag@${SHA256}`, { kind: 'registry', registry: 'host.io', repository: 'repo', tag: 'tag', digest: SHA256 }, `host.io/repo:tag@${SHA256}`],
    [`localhost:5000/repo@${SHA512}`, { kind: 'registry', registry: 'localhost:5000', repository: 'repo', digest: SHA512 }, `localhost:5000/repo@${SHA512}`],
    [`ubuntu@${SHA256}`, { kind: 'registry', registry: 'docker.io', repository: 'library/ubuntu', digest: SHA256 }, `docker.io/library/ubuntu@${SHA256}`],
    // Limits, exactly at the edge
    [`app:${TAG128}`, { kind: 'registry', registry: 'docker.io', repository: 'library/app', tag: TAG128 }, `docker.io/library/app:${TAG128}`],
    [`ghcr.io/${'a'.repeat(247)}`, { kind: 'registry', registry: 'ghcr.io', repository: 'a'.repeat(247) }, `ghcr.io/${'a'.repeat(247)}`],
    // 18 + 237 = 255 once `docker.io/library/` is added
    ['b'.repeat(237), { kind: 'registry', registry: 'docker.io', repository: `library/${'b'.repeat(237)}` }, `docker.io/library/${'b'.repeat(237)}`],
    // OCI layouts
    ['oci-layout:./a/b:v1', { kind: 'oci-layout', path: './a/b', tag: 'v1' }, 'oci-layout:./a/b:v1'],
    ['oci-layout:/tmp/x', { kind: 'oci-layout', path: '/tmp/x' }, 'oci-layout:/tmp/x'],
    ['oci-layout:dir', { kind: 'oci-layout', path: 'dir' }, 'oci-layout:dir'],
    [`oci-layout:/tmp/x@${SHA256}`, { kind: 'oci-layout', path: '/tmp/x', digest: SHA256 }, `oci-layout:/tmp/x@${SHA256}`],
    [`oci-layout:./out:v1@${SHA512}`, { kind: 'oci-layout', path: './out', tag: 'v1', digest: SHA512 }, `oci-layout:./out:v1@${SHA512}`],
    ['oci-layout:/srv/a:b/c:v2', { kind: 'oci-layout', path: '/srv/a:b/c', tag: 'v2' }, 'oci-layout:/srv/a:b/c:v2'],
    ['oci-layout:/srv/a:b/c', { kind: 'oci-layout', path: '/srv/a:b/c' }, 'oci-layout:/srv/a:b/c'],
    ['oci-layout:./node_modules/@org/pkg', { kind: 'oci-layout', path: './node_modules/@org/pkg' }, 'oci-layout:./node_modules/@org/pkg'],
    // Without `\` as a separator, the drive letter's `:` would start a tag.
    ['oci-layout:C:\\out', { kind: 'oci-layout', path: 'C:\\out' }, 'oci-layout:C:\\out'],
    ['oci-layout:C:\\out\\img:v1', { kind: 'oci-layout', path: 'C:\\out\\img', tag: 'v1' }, 'oci-layout:C:\\out\\img:v1'],
    ['oci-layout:./a:b/.', { kind: 'oci-layout', path: './a:b/.' }, 'oci-layout:./a:b/.'],
    ['oci-layout:./my dir:v1', { kind: 'oci-layout', path: './my dir', tag: 'v1' }, 'oci-layout:./my dir:v1'],
  ];

  it.each(cases)('%s', (input, expected, canonical) => {
    const parsed = parseReference(input);
    expect(parsed).toStrictEqual(expected);
    expect(formatReference(parsed)).toBe(canonical);
    expect(parseReference(canonical)).toStrictEqual(expected);
  });
});

describe('parseReference: invalid references', () => {
  // [input, fragment of the message]
  const cases: Array<[string, string]> = [
    ['', 'invalid reference "": the reference is empty'],
    ['   ', 'the reference is empty'],
    [' ubuntu', 'invalid reference " ubuntu": has leading or trailing whitespace'],
    ['ubuntu\n', 'invalid reference "ubuntu\\n": has leading or trailing whitespace'],
    ['ubu ntu', 'invalid reference "ubu ntu": contains whitespace'],
    ['ubuntu:', 'invalid reference "ubuntu:": tag is empty after ":"'],
    ['ubuntu@', 'invalid reference "ubuntu@": digest is empty after "@"'],
    [
      'Foo/bar:v1',
      'invalid reference "Foo/bar:v1": repository "Foo/bar" must be lowercase (components match [a-z0-9]+ separated by ., _, __ or -)',
    ],
    ['ghcr.io/Org/app', 'repository "Org/app" must be lowercase'],
    ['..', 'repository ".." has an invalid component ".."'],
    // A registry with no repository: docker would read Docker Hub's library/<host>; nobody means that.
    ['localhost:5000', 'it names a registry ("localhost:5000") and no repository'],
    ['example.com', 'it names a registry ("example.com") and no repository'],
    ['127.0.0.1:5000', 'it names a registry ("127.0.0.1:5000") and no repository'],
    ['a/../b', 'repository "a/../b" has an invalid component ".."'],
    ['a..b', 'invalid component "a..b"'],
    ['a___b', 'invalid component "a___b"'],
    ['-a', 'invalid component "-a"'],
    ['a-', 'invalid component "a-"'],
    ['a.', 'invalid component "a."'],
    ['a+b', 'invalid component "a+b"'],
    ['a//b', 'repository "a//b" has an empty path component'],
    ['a/', 'repository "a/" has an empty path component'],
    ['/a', 'repository "/a" has an empty path component'],
    ['ubuntu:.v1', 'tag ".v1" is not valid'],
    ['ubuntu:-v1', 'tag "-v1" is not valid'],
    ['ubuntu:v1+x', 'tag "v1+x" is not valid'],
    [`ubuntu:${TAG128}x`, 'is longer than 128 characters'],
    [`ghcr.io/${'a'.repeat(248)}`, 'is 256 characters, longer than 255'],
    // Length counts the normalised name: 18 + 238 = 256.
    ['b'.repeat(238), 'is 256 characters, longer than 255'],
    ['x@sha256:abc', 'invalid reference "x@sha256:abc": digest "sha256:abc" is not a valid sha256 digest: expected 64 lowercase hex characters'],
    ['x@md5:abc', 'digest "md5:abc" is not a digest'],
    [`x@${SHA256.toUpperCase()}`, 'is not a digest'],
    [`x@sha256:${'A1'.repeat(32)}`, 'is not a valid sha256 digest'],
    [`x@${SHA256}@${SHA256}`, 'is not a valid sha256 digest'],
    ['localhost:5000/', 'repository is missing after registry "localhost:5000"'],
    ['docker.io/', 'repository is missing after registry "docker.io"'],
    ['localhost:99999/app', 'registry "localhost:99999" has an invalid port "99999" (expected 1-65535)'],
    ['localhost:0/app', 'has an invalid port "0"'],
    ['localhost:/app', 'has an invalid port ""'],
    ['localhost:http/app', 'has an invalid port "http"'],
    // A port is its digits and nothing else, though Number() would read these as one.
    ['localhost:+5000/app', 'has an invalid port "+5000"'],
    ['localhost:0x10/app', 'has an invalid port "0x10"'],
    ['localhost:1e3/app', 'has an invalid port "1e3"'],
    ['localhost:5000.0/app', 'has an invalid port "5000.0"'],
    ['[::1]:99999/app', 'registry "[::1]:99999" has an invalid port "99999"'],
    ['[::1]:/app', 'registry "[::1]:" has an invalid port ""'],
    [':v1', 'invalid reference ":v1": repository is empty'],
    ['exa_mple.com/app', 'registry "exa_mple.com" is not a valid host[:port]'],
    ['-bad.com/app', 'registry "-bad.com" is not a valid host[:port]'],
    ['::1/app', 'registry "::1" is not a valid host[:port]'],
    ['[::1/app', 'registry "[::1" is not a valid [IPv6]:port'],
    ['[zz::1]:5000/app', 'registry "[zz::1]:5000" is not a valid [IPv6]:port'],
    ['[fe80::1%eth0]/app', 'is not a valid [IPv6]:port'],
    ['[::1]x/app', 'is not a valid [IPv6]:port'],
    ['oci-layout:', 'invalid reference "oci-layout:": the layout path is empty'],
    ['oci-layout::v1', 'the layout path is empty'],
    ['oci-layout:./a:', 'tag is empty after ":"'],
    ['oci-layout:./a:.v1', 'tag ".v1" is not valid'],
    ['oci-layout:./a@sha256:abc', 'digest "sha256:abc" is not a valid sha256 digest'],
    ['oci-layout:./a@', 'digest is empty after "@"'],
  ];

  it.each(cases)('%j', (input, fragment) => {
    const error = errorOf(input);
    expect(error.code).toBe('INVALID_REFERENCE');
    expect(error.message).toContain(fragment);
  });

  it('gives hints where the fix is not obvious from the message', () => {
    expect(errorOf('Foo/bar').hint).toBe('repository names must be lowercase');
    expect(errorOf('::1/app').hint).toBe('write IPv6 addresses in brackets, e.g. [::1]:5000');
    // Only an address with more than one colon is taken for IPv6.
    expect(errorOf('exa_mple.com/app').hint).toBeUndefined();
    expect(errorOf('exa_mple.com:5000/app').hint).toBeUndefined();
    expect(errorOf('x@sha256:abc').hint).toBe('a digest is sha256:<64 lowercase hex> or sha512:<128 lowercase hex>');
    expect(errorOf('ubuntu ').hint).toBe('trim the value (a stray newline from a file or variable?)');
  });

  it('shortens a very long input in the message', () => {
    const message = errorOf(`ghcr.io/${'a'.repeat(300)}`).message;
    expect(message.startsWith(`invalid reference "ghcr.io/${'a'.repeat(72)}…": name "`)).toBe(true);
    expect(message.length).toBeLessThan(250);
    // Up to 100 characters are repeated whole.
    const hundred = `ghcr.io/${'a'.repeat(89)}:-v`;
    expect(hundred).toHaveLength(100);
    expect(errorOf(hundred).message).toBe(`invalid reference "${hundred}": tag "-v" is not valid (it starts with a letter, digit or _ and contains only letters, digits, _, . and -)`);
  });
});

describe('parseRegistryReference', () => {
  it('accepts registry references', () => {
    expect(parseRegistryReference('ghcr.io/org/app:v1')).toStrictEqual({
      kind: 'registry',
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: 'v1',
    });
  });

  it('refuses OCI layouts', () => {
    expect(() => parseRegistryReference('oci-layout:./out:v1')).toThrow(
      'invalid reference "oci-layout:./out:v1": expected a registry reference, not an OCI layout',
    );
  });
});

describe('registryEndpointHost', () => {
  it.each([
    ['docker.io', 'registry-1.docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['localhost:5000', 'localhost:5000'],
    ['[::1]:5000', '[::1]:5000'],
  ])('%s -> %s', (registry, host) => {
    expect(registryEndpointHost(registry)).toBe(host);
  });
});

describe('isLoopbackRegistry', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['LocalHost:5000', true],
    ['127.0.0.1', true],
    ['127.0.0.1:5000', true],
    ['127.255.10.2:8080', true],
    ['[::1]', true],
    ['[::1]:5000', true],
    ['[0:0:0:0:0:0:0:1]:80', true],
    ['128.0.0.1:5000', false],
    ['10.0.0.1:5000', false],
    ['127.0.0.1.nip.io:5000', false],
    ['foo.localhost:5000', false],
    ['localhost.example.com', false],
    ['[::2]:5000', false],
    ['docker.io', false],
  ])('%s -> %s', (registry, loopback) => {
    expect(isLoopbackRegistry(registry)).toBe(loopback);
  });
});

describe('referenceSelector', () => {
  it.each([
    ['ubuntu', 'latest'],
    ['ubuntu:22.04', '22.04'],
    [`ubuntu@${SHA256}`, SHA256],
    [`ubuntu:22.04@${SHA256}`, SHA256],
    ['oci-layout:./out', 'latest'],
    ['oci-layout:./out:v1', 'v1'],
    [`oci-layout:./out:v1@${SHA512}`, SHA512],
  ])('%s -> %s', (input, selector) => {
    expect(referenceSelector(parseReference(input))).toBe(selector);
  });
});

describe('pushTags', () => {
  it.each([
    ['ubuntu', [], ['latest']],
    ['ubuntu:22.04', ['stable'], ['22.04', 'stable']],
    [`ubuntu@${SHA256}`, [], []],
    [`ubuntu:22.04@${SHA256}`, ['x'], ['22.04', 'x']],
    ['oci-layout:./out', ['a', 'b'], ['latest', 'a', 'b']],
  ])('%s with %j -> %j', (input, extra, tags) => {
    expect(pushTags(parseReference(input), extra)).toEqual(tags);
  });

  it('adds nothing when no extra tags are given', () => {
    expect(pushTags(parseReference('ubuntu:22.04'))).toEqual(['22.04']);
  });
});

describe('checkTag', () => {
  it('accepts the tags a reference may carry', () => {
    for (const tag of ['v1', '_x', '1.2.3-rc_1', 'v'.repeat(128)]) expect(() => checkTag(tag)).not.toThrow();
  });

  it.each([
    ['', 'tag is empty'],
    ['.v1', 'tag ".v1" is not valid'],
    ['-v1', 'tag "-v1" is not valid'],
    ['v1/x', 'tag "v1/x" is not valid'],
    ['v'.repeat(129), 'is longer than 128 characters'],
  ])('refuses %j', (tag, message) => {
    let error: unknown;
    try {
      checkTag(tag);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OcikitError);
    expect((error as OcikitError).code).toBe('INVALID_REFERENCE');
    expect((error as OcikitError).message).toContain(message);
  });
});

describe('pinnedReference', () => {
  it('is the tag people read and the digest that pins it', () => {
    expect(pinnedReference(parseReference('ghcr.io/org/app:v1'), 'v2', SHA256)).toBe(`ghcr.io/org/app:v2@${SHA256}`);
    expect(pinnedReference(parseReference('ghcr.io/org/app:v1'), undefined, SHA256)).toBe(`ghcr.io/org/app@${SHA256}`);
    expect(pinnedReference(parseReference('oci-layout:./out'), 'v1', SHA512)).toBe(`oci-layout:./out:v1@${SHA512}`);
  });
});

describe('withSelector', () => {
  it('replaces tag and digest with exactly the given ones', () => {
    const ref = parseReference('ghcr.io/org/app:v1');
    expect(withSelector(ref, { digest: SHA256 })).toStrictEqual({
      kind: 'registry',
      registry: 'ghcr.io',
      repository: 'org/app',
      digest: SHA256,
    });
    expect(withSelector(ref, { tag: 'v2', digest: SHA256 })).toStrictEqual({
      kind: 'registry',
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: 'v2',
      digest: SHA256,
    });
    expect(withSelector(ref, {})).toStrictEqual({ kind: 'registry', registry: 'ghcr.io', repository: 'org/app' });
    expect(ref).toStrictEqual({ kind: 'registry', registry: 'ghcr.io', repository: 'org/app', tag: 'v1' });
  });

  it('keeps layout references layouts', () => {
    const ref = parseReference(`oci-layout:/tmp/x@${SHA256}`);
    expect(formatReference(withSelector(ref, { tag: 'v3' }))).toBe('oci-layout:/tmp/x:v3');
  });

  it('validates the selector like the parser does', () => {
    const ref = parseReference('ghcr.io/org/app');
    expect(() => withSelector(ref, { tag: '-bad' })).toThrow('invalid selector for "ghcr.io/org/app": tag "-bad" is not valid');
    expect(() => withSelector(ref, { digest: 'sha256:abc' })).toThrow(
      'invalid selector for "ghcr.io/org/app": digest "sha256:abc" is not a valid sha256 digest',
    );
  });
});

describe('what people paste in place of a reference', () => {
  it('takes oci:// in front of a registry reference, in any case', () => {
    for (const input of ['oci://ghcr.io/org/app:v1', 'OCI://ghcr.io/org/app:v1']) {
      expect(parseReference(input)).toStrictEqual({ kind: 'registry', registry: 'ghcr.io', repository: 'org/app', tag: 'v1' });
    }
  });

  it('refuses http:// and https://, saying what to write instead', () => {
    const http = errorOf('http://127.0.0.1:5000/app:v1');
    expect(http.message).toBe('invalid reference "http://127.0.0.1:5000/app:v1": a reference has no http:// in front');
    expect(inFrontEndWords(http.hint!)).toBe('write "127.0.0.1:5000/app:v1" and add --plain-http (loopback registries use HTTP by themselves)');
    const https = errorOf('HTTPS://ghcr.io/org/app');
    expect(https.message).toBe('invalid reference "HTTPS://ghcr.io/org/app": a reference has no https:// in front');
    expect(https.hint).toBe('write "ghcr.io/org/app"');
  });

  it('reads a scheme only at the front: a URL further in is a bad repository, not a scheme', () => {
    const error = errorOf('ghcr.io/org/https://app');
    expect(error.message).not.toContain('in front');
    expect(error.message).toContain('has an invalid component "https:"');
    expect(errorOf('ghcr.io/org/oci://app').message).toContain('has an invalid component "oci:"');
  });

  it('refuses a registry without a repository, showing it without its digest', () => {
    const bare = errorOf(`ghcr.io@${SHA256}`);
    expect(bare.message).toBe(`invalid reference "ghcr.io@${SHA256}": it names a registry ("ghcr.io") and no repository`);
    expect(bare.hint).toBe('write registry/repository[:tag], e.g. "ghcr.io/app:v1"');
    expect(errorOf('localhost').hint).toBe('write registry/repository[:tag], e.g. "localhost/app:v1"');
  });

  it('refuses several tags in one reference, saying how to give the others', () => {
    const error = errorOf('ghcr.io/org/app:v1,v2,latest');
    expect(error.message).toBe('invalid reference "ghcr.io/org/app:v1,v2,latest": "v1,v2,latest" is several tags; a reference names one');
    expect(error.hint).toBe('give the first in the reference and the others with -t (the tags input): -t v2 -t latest');
  });
});

describe('extraTag', () => {
  const ref = parseReference('ghcr.io/org/app:v1');

  it('takes a bare tag, checked', () => {
    expect(extraTag(ref, 'v2')).toBe('v2');
    expect(() => extraTag(ref, '-v2')).toThrow('tag "-v2" is not valid');
  });

  it('takes the tag of a whole reference to the same repository', () => {
    expect(extraTag(ref, 'ghcr.io/org/app:v3')).toBe('v3');
    expect(extraTag(parseReference('ubuntu'), 'docker.io/library/ubuntu:24.04')).toBe('24.04');
  });

  it.each([
    ['ghcr.io/org/other:v3', 'names another repository (ghcr.io/org/other)'],
    [`ghcr.io/org/app@${SHA256}`, 'names no tag'],
    [`ghcr.io/org/app:v3@${SHA256}`, 'names no tag'],
    ['ghcr.io/org/app', 'names no tag'],
    ['ghcr.io/Org/app:v3', 'is neither a tag nor a reference'],
  ])('refuses %j: it %s', (given, why) => {
    let error: unknown;
    try {
      extraTag(ref, given);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OcikitError);
    expect((error as OcikitError).code).toBe('INVALID_INPUT');
    expect((error as OcikitError).message).toBe(`the extra tag ${JSON.stringify(given)} ${why}`);
    expect((error as OcikitError).hint).toBe('give bare tags (v1.2.3, latest): they go to ghcr.io/org/app');
  });

  it('pushTags gives each tag once', () => {
    expect(pushTags(ref, ['v1', 'v2', 'ghcr.io/org/app:v2'])).toEqual(['v1', 'v2']);
  });
});
