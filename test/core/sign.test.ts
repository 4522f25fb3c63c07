// Signing and verification primitives (issue 9), over descriptors and bytes.
//
// Keyless signing cannot reach the public-good Fulcio, Rekor and TSA from here.
// The keyless tests sign against the Sigstore project's own mock of those services
// (@sigstore/mock), served over loopback HTTP by test/harness/sigstore-mock.ts, and
// verify against a trusted root built from that mock's CA, CT log, Rekor and TSA
// keys. The code under test is the same that talks to fulcio.sigstore.dev.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate, createHash, generateKeyPairSync, type KeyObject, sign as cryptoSign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { OcikitError } from '../../packages/core/src/errors.js';
import type { Descriptor } from '../../packages/core/src/oci/manifest.js';
import {
  COSIGN_SIGN_PREDICATE_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  SignatureVerificationError,
  SigningKey,
  attestStatement,
  bundleLayerTitle,
  bundleReferrerAnnotations,
  keySigner,
  keylessSignerFromEnvironment,
  loadSigningKey,
  signImageDigest,
  verifyAttestation,
  verifyImageSignature,
  type VerificationCheck,
  type VerificationResult,
} from '../../packages/core/src/sign/index.js';
import { MAX_BUNDLE_BYTES, checkVerificationPolicy, shown, verifyMessageSignature } from '../../packages/core/src/sign/verify.js';
import { type SigstoreMock, startSigstoreMock, unsignedIdentityToken } from '../harness/sigstore-mock.js';
import { makeTempDir } from '../harness/temp.js';

const HEX_A = 'a1'.repeat(32);
const HEX_B = 'b2'.repeat(32);
const IMAGE: Descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${HEX_A}`, size: 1234 };
const OTHER_IMAGE: Descriptor = { ...IMAGE, digest: `sha256:${HEX_B}` };

const IDENTITY = 'https://github.com/ocikit/demo/.github/workflows/release.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const TOKEN = unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY });

const pkcs8 = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const hintOf = (key: KeyObject): string => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64');

const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed25519 = generateKeyPairSync('ed25519');
const otherP256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const json = (bytes: Uint8Array): any => JSON.parse(text(bytes));
const payloadOf = (bundle: Uint8Array): string => Buffer.from(json(bundle).dsseEnvelope.payload, 'base64').toString('utf8');

/** The in-toto statement cosign 3 signs for an image, byte for byte as ocikit encodes it. */
const cosignStatement = (hex: string): string =>
  `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${hex}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`;

async function refusal(promise: Promise<unknown>): Promise<SignatureVerificationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureVerificationError);
    return error as SignatureVerificationError;
  }
  throw new Error('expected the verification to be refused');
}

async function failure(promise: Promise<unknown>): Promise<OcikitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OcikitError);
    return error as OcikitError;
  }
  throw new Error('expected an OcikitError');
}

/** The bundle with its DSSE payload replaced, the signature kept. */
function withPayload(bundle: Uint8Array, payload: string): Uint8Array {
  const b = json(bundle);
  b.dsseEnvelope.payload = Buffer.from(payload).toString('base64');
  return new TextEncoder().encode(JSON.stringify(b));
}

function expectCheck(error: SignatureVerificationError, check: VerificationCheck): void {
  expect({ check: error.check, code: error.code }).toEqual({ check, code: 'UNVERIFIED' });
  expect(error.message.startsWith(`signature verification failed (${check}): `)).toBe(true);
}

describe('loadSigningKey', () => {
  const dir = makeTempDir('ocikit-sign-');

  it('reads an unencrypted PKCS#8 P-256 key from a file; the hint is base64(sha256(SPKI DER))', async () => {
    const path = join(dir, 'p256.pem');
    await writeFile(path, pkcs8(p256.privateKey));
    const key = await loadSigningKey({ path });
    expect({ algorithm: key.algorithm, hint: key.hint, publicKeyPem: key.publicKeyPem }).toEqual({
      algorithm: 'ecdsa-p256-sha256',
      hint: hintOf(p256.publicKey),
      publicKeyPem: spki(p256.publicKey),
    });
  });

  it('reads a SEC1 "EC PRIVATE KEY" after an "EC PARAMETERS" block (openssl ecparam -genkey output)', async () => {
    const sec1 = p256.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const key = await loadSigningKey({ pem: `-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n${sec1}` });
    expect(key.hint).toBe(hintOf(p256.publicKey));
  });

  it('reads an Ed25519 key from PEM text with CRLF line ends (an environment variable\'s content)', async () => {
    const key = await loadSigningKey({ pem: pkcs8(ed25519.privateKey).replace(/\n/g, '\r\n'), origin: '$SIGNING_KEY' });
    expect({ algorithm: key.algorithm, hint: key.hint }).toEqual({ algorithm: 'ed25519', hint: hintOf(ed25519.publicKey) });
  });

  it('never shows the private key: JSON, inspect and String give the algorithm and hint only', async () => {
    const pem = pkcs8(p256.privateKey);
    const key = await loadSigningKey({ pem });
    const shown = [JSON.stringify(key), inspect(key, { showHidden: true, depth: 5 }), String(key), JSON.stringify(Object.entries(key))];
    expect(shown[0]).toBe(JSON.stringify({ algorithm: 'ecdsa-p256-sha256', hint: hintOf(p256.publicKey) }));
    expect(shown[2]).toBe(`SigningKey(ecdsa-p256-sha256, hint ${hintOf(p256.publicKey)})`);
    const secret = p256.privateKey.export({ format: 'jwk' }).d as string;
    const body = pem.split('\n').slice(1, -2);
    for (const s of shown) {
      expect(s).not.toContain(secret);
      for (const line of body) expect(s).not.toContain(line);
    }
  });

  const refusals: Array<[string, () => string, string, RegExp]> = [
    [
      'an encrypted PKCS#8 key',
      () => p256.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
      'INVALID_INPUT',
      /^the signing key in \$K is encrypted \(PKCS#8 with a passphrase\); ocikit reads unencrypted keys$/,
    ],
    [
      'a legacy passphrase-encrypted SEC1 key',
      () => p256.privateKey.export({ type: 'sec1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString(),
      'INVALID_INPUT',
      /^the signing key in \$K is encrypted \(a legacy PEM passphrase\)/,
    ],
    [
      'a cosign-encrypted key',
      () => '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n',
      'UNSUPPORTED',
      /^the signing key in \$K is a password-encrypted cosign key; ocikit reads unencrypted PKCS#8 or SEC1 PEM keys$/,
    ],
    ['an RSA key', () => pkcs8(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey), 'UNSUPPORTED', /^the signing key in \$K is an rsa key; /],
    [
      'a P-384 key',
      () => pkcs8(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey),
      'UNSUPPORTED',
      /^the signing key in \$K is an ECDSA key on curve secp384r1; ocikit signs with ECDSA P-256 or Ed25519 keys$/,
    ],
    ['a public key', () => spki(p256.publicKey), 'INVALID_INPUT', /^the signing key in \$K holds a public key, not a private key$/],
    ['text that is not PEM', () => 'c2VjcmV0LWtleS1tYXRlcmlhbA==', 'INVALID_INPUT', /^the signing key in \$K is not PEM: no "-----BEGIN ...-----" block$/],
    [
      'a truncated key',
      () => pkcs8(p256.privateKey).replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END'),
      'INVALID_INPUT',
      /^the signing key in \$K could not be read as a PKCS#8 private key$/,
    ],
  ];
  for (const [name, pem, code, message] of refusals) {
    it(`refuses ${name}, naming it and never repeating its text`, async () => {
      const content = pem();
      const error = await failure(loadSigningKey({ pem: content, origin: '$K' }));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      const described = error.describe();
      for (const line of content.split('\n').filter((l) => l.length > 12 && !l.startsWith('-----') && !l.includes(':'))) {
        expect(described).not.toContain(line);
      }
    });
  }

  it('names a missing file and refuses a source that is both or neither', async () => {
    expect((await failure(loadSigningKey({ path: join(dir, 'nope.pem') }))).message).toBe(`the signing key file ${join(dir, 'nope.pem')} does not exist`);
    expect((await failure(loadSigningKey({ path: dir }))).message).toBe(`the signing key file ${dir} is a directory, not a PEM file`);
    const both = { path: 'x', pem: 'y' } as unknown as { path: string };
    expect((await failure(loadSigningKey(both))).message).toBe('a signing key comes from a file path or from PEM text, not both and not neither');
  });
});

/** What lets a signature with no transparency-log entry through (cosign's --insecure-ignore-tlog). */
const NO_TLOG = { insecureIgnoreTlog: true } as const;

describe('key signatures (no transparency log)', () => {
  let key: SigningKey;
  let edKey: SigningKey;
  let other: SigningKey;
  let bundle: Uint8Array;

  beforeAll(async () => {
    key = SigningKey.fromKeyObject(p256.privateKey);
    edKey = SigningKey.fromKeyObject(ed25519.privateKey);
    other = SigningKey.fromKeyObject(otherP256.privateKey);
    bundle = await signImageDigest(IMAGE, keySigner(key, { rekorURL: false }));
  });

  it("has cosign's shape: bundle v0.3, DSSE in-toto, the cosign sign/v1 statement, the key's hint and no certificate", () => {
    const b = json(bundle);
    expect(b.mediaType).toBe(SIGSTORE_BUNDLE_MEDIA_TYPE);
    // Empty lists are left out, as protobuf JSON does (cosign's protojson too).
    expect(b.verificationMaterial).toEqual({ publicKey: { hint: hintOf(p256.publicKey) }, timestampVerificationData: {} });
    expect(b.dsseEnvelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    // No keyid in the envelope, as cosign writes it: sigstore-go (cosign verify) skips a
    // DSSE signature whose keyid is not its own SSH-style fingerprint of the key.
    expect(b.dsseEnvelope.signatures).toEqual([{ sig: expect.any(String) }]);
    expect(payloadOf(bundle)).toBe(cosignStatement(HEX_A));
  });

  it('verifies with the public key', async () => {
    const result = await verifyImageSignature(bundle, IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG });
    expect(result).toEqual({
      subject: IMAGE.digest,
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
      statement: JSON.parse(cosignStatement(HEX_A)),
      signer: { kind: 'key', hint: hintOf(p256.publicKey) },
      transparencyLogEntries: 0,
      signedTimestamps: 0,
      transparencyLogIgnored: true,
    });
  });

  it('signs and verifies with Ed25519', async () => {
    const edBundle = await signImageDigest(IMAGE, keySigner(edKey, { rekorURL: false }));
    expect(json(edBundle).verificationMaterial.publicKey.hint).toBe(hintOf(ed25519.publicKey));
    const result = await verifyImageSignature(edBundle, IMAGE, { publicKey: spki(ed25519.publicKey), ...NO_TLOG });
    expect(result.signer).toEqual({ kind: 'key', hint: hintOf(ed25519.publicKey) });
  });

  it('carries annotations as claims of the subject', async () => {
    const annotated = await signImageDigest(IMAGE, keySigner(key, { rekorURL: false }), { annotations: { commit: 'abc123' } });
    expect(payloadOf(annotated)).toBe(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"${HEX_A}"},"annotations":{"commit":"abc123"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
    expect((await verifyImageSignature(annotated, IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG })).statement.subject[0]?.annotations).toEqual({ commit: 'abc123' });
  });

  it('refuses a signature over another digest (subject)', async () => {
    const error = await refusal(verifyImageSignature(bundle, OTHER_IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG }));
    expectCheck(error, 'subject');
    expect(error.message).toBe(`signature verification failed (subject): the statement is about sha256:${HEX_A}, not sha256:${HEX_B}`);
  });

  it('refuses a modified bundle: the statement swapped for one about another digest (signature)', async () => {
    const forged = withPayload(bundle, cosignStatement(HEX_B));
    const error = await refusal(verifyImageSignature(forged, OTHER_IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG }));
    expectCheck(error, 'signature');
    expect(error.message).toBe(
      'signature verification failed (signature): the signature does not match the signed content: the bundle was changed after signing, or signed by another key',
    );
  });

  it('refuses a signature by another key, naming both keys (key)', async () => {
    const byOther = await signImageDigest(IMAGE, keySigner(other, { rekorURL: false }));
    const error = await refusal(verifyImageSignature(byOther, IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG }));
    expectCheck(error, 'key');
    expect(error.message).toBe(
      `signature verification failed (key): the bundle was signed by another key (hint ${hintOf(otherP256.publicKey)}), not by the given public key (hint ${hintOf(p256.publicKey)})`,
    );
  });

  it('refuses a key bundle under a keyless policy (key)', async () => {
    const mock = await startSigstoreMock();
    try {
      const error = await refusal(
        verifyImageSignature(bundle, IMAGE, { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot }),
      );
      expectCheck(error, 'key');
      expect(error.message).toBe(`signature verification failed (key): the bundle was signed with a key (hint ${hintOf(p256.publicKey)}), not keyless`);
    } finally {
      await mock.close();
    }
  });

  it('refuses an attestation where an image signature is expected (predicate-type), and accepts it as an attestation', async () => {
    const att = await attestStatement(IMAGE, 'https://example.com/test-result/v1', { passed: true }, keySigner(key, { rekorURL: false }));
    const error = await refusal(verifyImageSignature(att, IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG }));
    expectCheck(error, 'predicate-type');
    expect(error.message).toBe(
      'signature verification failed (predicate-type): the statement\'s predicate type is https://example.com/test-result/v1, not https://sigstore.dev/cosign/sign/v1',
    );
    const result = await verifyAttestation(att, IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG, predicateType: 'https://example.com/test-result/v1' });
    expect(result.statement.predicate).toEqual({ passed: true });
    // What a bundle says reaches a message escaped, never as a line of its own.
    const hostile = await attestStatement(IMAGE, 'x\n::error::forged', {}, keySigner(key, { rekorURL: false }));
    expect((await refusal(verifyImageSignature(hostile, IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG }))).message).toBe(
      'signature verification failed (predicate-type): the statement\'s predicate type is "x\\n::error::forged", not https://sigstore.dev/cosign/sign/v1',
    );
  });

  it('refuses what is not a bundle (bundle), and a policy with neither key nor identity (INVALID_INPUT)', async () => {
    expectCheck(await refusal(verifyImageSignature(new TextEncoder().encode('{"mediaType":"x"}'), IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG })), 'bundle');
    expectCheck(await refusal(verifyImageSignature(new Uint8Array([0xff, 0xfe]), IMAGE, { publicKey: key.publicKeyPem, ...NO_TLOG })), 'bundle');
    const error = await failure(verifyImageSignature(bundle, IMAGE, {}));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'INVALID_INPUT',
      message: 'verification needs a public key, or a certificate identity and its OIDC issuer with a trusted root',
    });
    expect((await failure(verifyImageSignature(bundle, IMAGE, { publicKey: pkcs8(p256.privateKey), ...NO_TLOG }))).message).toBe(
      'the policy\'s public key is not a PEM "PUBLIC KEY" (found "PRIVATE KEY")',
    );
  });

  it('refuses a bad predicate before signing anything', async () => {
    const error = await failure(attestStatement(IMAGE, 'https://example.com/x', [1, 2], keySigner(key, { rekorURL: false })));
    expect(error.message).toBe('the predicate of a https://example.com/x attestation must be a JSON object');
  });
});

describe('the referrer metadata cosign writes next to a bundle', () => {
  it('annotations and layer title', () => {
    expect(bundleReferrerAnnotations(COSIGN_SIGN_PREDICATE_TYPE, new Date('2025-01-02T03:04:05.678Z'))).toEqual({
      'org.opencontainers.image.created': '2025-01-02T03:04:05Z',
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
    });
    expect(bundleLayerTitle(`sha256:${HEX_A}`)).toBe(`sha256-${HEX_A}.sigstore.json`);
  });
});

describe('keyless signatures against the Sigstore mock (Fulcio, Rekor, TSA on loopback)', () => {
  let mock: SigstoreMock;
  let bundle: Uint8Array;
  const policy = () => ({ certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot });

  beforeAll(async () => {
    mock = await startSigstoreMock({ oidcToken: TOKEN });
    const signer = keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: mock.url, rekorURL: mock.url, tsaURL: mock.url, retries: 0 });
    bundle = await signImageDigest(IMAGE, signer);
  });
  afterAll(async () => {
    await mock.close();
  });

  it('carries a Fulcio certificate for the identity, a Rekor dsse entry and an RFC 3161 timestamp', () => {
    const b = json(bundle);
    expect(b.mediaType).toBe(SIGSTORE_BUNDLE_MEDIA_TYPE);
    expect(Object.keys(b.verificationMaterial).sort()).toEqual(['certificate', 'timestampVerificationData', 'tlogEntries']);
    const cert = new X509Certificate(Buffer.from(b.verificationMaterial.certificate.rawBytes, 'base64'));
    expect(cert.subjectAltName).toBe(`URI:${IDENTITY}`);
    expect(cert.issuer).toBe('CN=sigstore\nO=sigstore.mock');
    expect(b.verificationMaterial.tlogEntries).toHaveLength(1);
    expect(b.verificationMaterial.tlogEntries[0].kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' });
    expect(b.verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    expect(payloadOf(bundle)).toBe(cosignStatement(HEX_A));
    expect([mock.requests.get('/api/v2/signingCert'), mock.requests.get('/api/v1/log/entries'), mock.requests.get('/api/v1/timestamp')]).toEqual([1, 1, 1]);
  });

  it('verifies with certificate identity, OIDC issuer and the trusted root', async () => {
    const result = await verifyImageSignature(bundle, IMAGE, policy());
    expect(result).toEqual({
      subject: IMAGE.digest,
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
      statement: JSON.parse(cosignStatement(HEX_A)),
      signer: { kind: 'certificate', identity: IDENTITY, issuer: ISSUER },
      transparencyLogEntries: 1,
      signedTimestamps: 1,
      transparencyLogIgnored: false,
    });
  });

  it('refuses another identity (identity) and another issuer (issuer)', async () => {
    const wrongIdentity = await refusal(verifyImageSignature(bundle, IMAGE, { ...policy(), certificateIdentity: 'https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main' }));
    expectCheck(wrongIdentity, 'identity');
    expect(wrongIdentity.message).toBe(
      `signature verification failed (identity): the certificate is for "${IDENTITY}", not "https://github.com/evil/fork/.github/workflows/release.yml@refs/heads/main"`,
    );
    const wrongIssuer = await refusal(verifyImageSignature(bundle, IMAGE, { ...policy(), certificateOidcIssuer: 'https://gitlab.com' }));
    expectCheck(wrongIssuer, 'issuer');
    expect(wrongIssuer.message).toBe(`signature verification failed (issuer): the certificate's OIDC issuer is "${ISSUER}", not "https://gitlab.com"`);
  });

  it('refuses a signature over another digest (subject)', async () => {
    const error = await refusal(verifyImageSignature(bundle, OTHER_IMAGE, policy()));
    expectCheck(error, 'subject');
  });

  it('refuses a modified bundle: its Rekor entry no longer matches (transparency-log)', async () => {
    const error = await refusal(verifyImageSignature(withPayload(bundle, cosignStatement(HEX_B)), OTHER_IMAGE, policy()));
    expectCheck(error, 'transparency-log');
    expect(error.message).toBe(
      'signature verification failed (transparency-log): the transparency log entry is not about this signature: the bundle was changed after it was logged',
    );
  });

  it('refuses a CA, a Rekor or a TSA the trusted root does not name (certificate, transparency-log, timestamp)', async () => {
    const stranger = await startSigstoreMock();
    try {
      const rootWith = (part: 'certificateAuthorities' | 'tlogs' | 'timestampAuthorities') => ({ ...mock.trustedRoot, [part]: stranger.trustedRoot[part] });
      const ca = await refusal(verifyImageSignature(bundle, IMAGE, { ...policy(), trustedRoot: rootWith('certificateAuthorities') }));
      expectCheck(ca, 'certificate');
      expect(ca.message).toBe(
        'signature verification failed (certificate): the signing certificate is not trusted: it does not chain to a trusted certificate authority, or lacks a valid SCT',
      );
      const rekor = await refusal(verifyImageSignature(bundle, IMAGE, { ...policy(), trustedRoot: rootWith('tlogs') }));
      expectCheck(rekor, 'transparency-log');
      expect(rekor.message).toBe('signature verification failed (transparency-log): the transparency log entry cannot be verified against the trusted root');
      const tsa = await refusal(verifyImageSignature(bundle, IMAGE, { ...policy(), trustedRoot: rootWith('timestampAuthorities') }));
      expectCheck(tsa, 'timestamp');
    } finally {
      await stranger.close();
    }
  });

  it('refuses a keyless bundle under a key policy (key), and a keyless policy without a trusted root', async () => {
    const error = await refusal(verifyImageSignature(bundle, IMAGE, { publicKey: spki(p256.publicKey) }));
    expectCheck(error, 'key');
    expect(error.message).toBe('signature verification failed (key): the bundle was signed keyless (it carries a certificate), not with a key');
    const noRoot = await failure(verifyImageSignature(bundle, IMAGE, { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER }));
    expect(noRoot.code).toBe('INVALID_INPUT');
  });

  it('attests an in-toto v1 statement keyless and verifies it the same way', async () => {
    const signer = keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: mock.url, rekorURL: mock.url, retries: 0 });
    const predicate = { buildType: 'https://ocikit.dev/ci/v1', materials: [{ uri: 'git+https://github.com/ocikit/demo' }] };
    const att = await attestStatement(IMAGE, 'https://slsa.dev/provenance/v1', predicate, signer, { subjectName: 'ghcr.io/ocikit/demo' });
    expect(json(att).dsseEnvelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(payloadOf(att)).toBe(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"ghcr.io/ocikit/demo","digest":{"sha256":"${HEX_A}"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":${JSON.stringify(predicate)}}`,
    );
    const result = await verifyAttestation(att, IMAGE, { ...policy(), predicateType: 'https://slsa.dev/provenance/v1' });
    expect({ predicateType: result.predicateType, predicate: result.statement.predicate, signer: result.signer, tlog: result.transparencyLogEntries }).toEqual({
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate,
      signer: { kind: 'certificate', identity: IDENTITY, issuer: ISSUER },
      tlog: 1,
    });
    expectCheck(await refusal(verifyAttestation(att, OTHER_IMAGE, policy())), 'subject');
    expectCheck(await refusal(verifyAttestation(att, IMAGE, { ...policy(), predicateType: 'https://spdx.dev/Document' })), 'predicate-type');
  });
});

describe('key signatures logged in (mock) Rekor', () => {
  let mock: SigstoreMock;
  beforeAll(async () => {
    mock = await startSigstoreMock();
  });
  afterAll(async () => {
    await mock.close();
  });

  it('carries a Rekor entry (and a timestamp when asked) that verify against the trusted root; without an entry a trusted root refuses it', async () => {
    const key = SigningKey.fromKeyObject(ed25519.privateKey);
    const logged = await signImageDigest(IMAGE, keySigner(key, { rekorURL: mock.url, retries: 0 }));
    expect(json(logged).verificationMaterial.tlogEntries).toHaveLength(1);
    const result = await verifyImageSignature(logged, IMAGE, { publicKey: key.publicKeyPem, trustedRoot: mock.trustedRoot });
    expect({ signer: result.signer, tlog: result.transparencyLogEntries }).toEqual({ signer: { kind: 'key', hint: hintOf(ed25519.publicKey) }, tlog: 1 });

    const stamped = await signImageDigest(IMAGE, keySigner(key, { rekorURL: mock.url, tsaURL: mock.url, retries: 0 }));
    expect(json(stamped).verificationMaterial.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
    const both = await verifyImageSignature(stamped, IMAGE, { publicKey: key.publicKeyPem, trustedRoot: mock.trustedRoot });
    expect({ tlog: both.transparencyLogEntries, tsa: both.signedTimestamps }).toEqual({ tlog: 1, tsa: 1 });

    const unlogged = await signImageDigest(IMAGE, keySigner(key, { rekorURL: false }));
    const error = await refusal(verifyImageSignature(unlogged, IMAGE, { publicKey: key.publicKeyPem, trustedRoot: mock.trustedRoot }));
    expectCheck(error, 'transparency-log');
    expect(error.message).toBe(
      'signature verification failed (transparency-log): the bundle has no transparency log (Rekor) entry and no timestamp from a timestamp authority of the trusted root: ' +
        're-sign with the transparency log, or pass insecureIgnoreTlog: true if you accept signatures with no log entry',
    );
  });
});

describe('what vouches for a signature: a Rekor entry or a TSA timestamp verified against the trusted root, else only the opt-in', () => {
  let mock: SigstoreMock;
  let key: SigningKey;
  const keyPolicy = () => ({ publicKey: key.publicKeyPem });
  const evidence = (r: VerificationResult) => ({ tlog: r.transparencyLogEntries, tsa: r.signedTimestamps, ignored: r.transparencyLogIgnored });
  const PREFIX = 'signature verification failed (transparency-log): ';
  const CLI_NAMES = {
    publicKey: '--key',
    certificateIdentity: '--certificate-identity',
    certificateOidcIssuer: '--certificate-oidc-issuer',
    trustedRoot: '--trusted-root',
    insecureIgnoreTlog: '--insecure-ignore-tlog',
  };

  beforeAll(async () => {
    mock = await startSigstoreMock();
    key = SigningKey.fromKeyObject(p256.privateKey);
  });
  afterAll(async () => {
    await mock.close();
  });

  it('a signature made without the log is refused unless the policy opts in, with a trusted root or without; the advice names the front end\'s options', async () => {
    const unlogged = await signImageDigest(IMAGE, keySigner(key, { rekorURL: false }));
    const bare = await refusal(verifyImageSignature(unlogged, IMAGE, keyPolicy()));
    expectCheck(bare, 'transparency-log');
    expect(bare.message).toBe(
      `${PREFIX}the bundle has no transparency log (Rekor) entry: re-sign with the transparency log (and verify with a trusted root), or pass insecureIgnoreTlog: true if you accept signatures with no log entry`,
    );
    expect((await refusal(verifyImageSignature(unlogged, IMAGE, keyPolicy(), CLI_NAMES))).message).toBe(
      `${PREFIX}the bundle has no transparency log (Rekor) entry: re-sign with the transparency log (and verify with --trusted-root), or pass --insecure-ignore-tlog if you accept signatures with no log entry`,
    );
    expect((await refusal(verifyAttestation(unlogged, IMAGE, { ...keyPolicy(), trustedRoot: mock.trustedRoot }, CLI_NAMES))).message).toBe(
      `${PREFIX}the bundle has no transparency log (Rekor) entry and no timestamp from a timestamp authority of the trusted root: re-sign with the transparency log, or pass --insecure-ignore-tlog if you accept signatures with no log entry`,
    );
    for (const root of [{}, { trustedRoot: mock.trustedRoot }]) {
      const accepted = await verifyImageSignature(unlogged, IMAGE, { ...keyPolicy(), ...root, insecureIgnoreTlog: true });
      expect(evidence(accepted)).toEqual({ tlog: 0, tsa: 0, ignored: true });
    }
    // The signer is checked first: another key's signature is refused as that, opt-in or not.
    expectCheck(await refusal(verifyImageSignature(unlogged, IMAGE, { publicKey: spki(otherP256.publicKey) })), 'key');
  });

  it('a logged signature needs a trusted root to check its entry; without one only the opt-in passes it, said unchecked', async () => {
    const logged = await signImageDigest(IMAGE, keySigner(key, { rekorURL: mock.url, retries: 0 }));
    const unchecked = await refusal(verifyImageSignature(logged, IMAGE, keyPolicy(), CLI_NAMES));
    expectCheck(unchecked, 'transparency-log');
    expect(unchecked.message).toBe(
      `${PREFIX}the bundle's transparency log (Rekor) entry cannot be checked without a trusted root: ` +
        'give --trusted-root (the trusted_root.json of the Sigstore instance that logged it), or pass --insecure-ignore-tlog if you accept signatures whose log entry is not checked',
    );
    expect(evidence(await verifyImageSignature(logged, IMAGE, { ...keyPolicy(), trustedRoot: mock.trustedRoot }))).toEqual({ tlog: 1, tsa: 0, ignored: false });
    expect(evidence(await verifyImageSignature(logged, IMAGE, { ...keyPolicy(), insecureIgnoreTlog: true }))).toEqual({ tlog: 0, tsa: 0, ignored: true });
    // The opt-in accepts a missing entry, not a bad one: an entry of a log the trusted root does not name is refused.
    const stranger = await startSigstoreMock();
    try {
      const otherLog = { ...mock.trustedRoot, tlogs: stranger.trustedRoot.tlogs };
      const bad = await refusal(verifyImageSignature(logged, IMAGE, { ...keyPolicy(), trustedRoot: otherLog, insecureIgnoreTlog: true }));
      expect(bad.message).toBe(`${PREFIX}the transparency log entry cannot be verified against the trusted root`);
    } finally {
      await stranger.close();
    }
  });

  it('an RFC 3161 timestamp of a timestamp authority the trusted root names vouches instead of the log, for a key and keyless', async () => {
    const stamped = await signImageDigest(IMAGE, keySigner(key, { rekorURL: false, tsaURL: mock.url, retries: 0 }));
    expect(json(stamped).verificationMaterial.tlogEntries ?? []).toEqual([]);
    expect(evidence(await verifyImageSignature(stamped, IMAGE, { ...keyPolicy(), trustedRoot: mock.trustedRoot }))).toEqual({ tlog: 0, tsa: 1, ignored: false });
    expect((await refusal(verifyImageSignature(stamped, IMAGE, keyPolicy(), CLI_NAMES))).message).toBe(
      `${PREFIX}the bundle has no transparency log (Rekor) entry, and its timestamp cannot be checked without a trusted root: ` +
        'give --trusted-root (naming the timestamp authority that signed it), or pass --insecure-ignore-tlog if you accept signatures with no log entry',
    );
    // A trusted root without that authority does not vouch: the timestamp is refused, opt-in or not.
    const noTsa = { ...mock.trustedRoot, timestampAuthorities: [] };
    for (const optIn of [{}, NO_TLOG]) expectCheck(await refusal(verifyImageSignature(stamped, IMAGE, { ...keyPolicy(), trustedRoot: noTsa, ...optIn })), 'timestamp');

    const keyless = await signImageDigest(IMAGE, keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: mock.url, rekorURL: false, tsaURL: mock.url, retries: 0 }));
    const result = await verifyImageSignature(keyless, IMAGE, { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot });
    expect(evidence(result)).toEqual({ tlog: 0, tsa: 1, ignored: false });
  });

  it('keyless, the opt-in is no time of signing: with neither entry nor timestamp the certificate cannot be checked (timestamp)', async () => {
    const logged = await signImageDigest(IMAGE, keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: mock.url, rekorURL: mock.url, retries: 0 }));
    const b = json(logged);
    b.verificationMaterial.tlogEntries = [];
    const stripped = new TextEncoder().encode(JSON.stringify(b));
    const policy = { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot };
    for (const optIn of [{}, NO_TLOG]) expectCheck(await refusal(verifyImageSignature(stripped, IMAGE, { ...policy, ...optIn })), 'timestamp');
  });
});

describe('keylessSignerFromEnvironment', () => {
  const NAMES = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'SIGSTORE_ID_TOKEN', 'BUILDKITE', 'GITHUB_ACTIONS'] as const;
  async function withEnv<T>(values: Partial<Record<(typeof NAMES)[number], string>>, run: () => Promise<T>): Promise<T> {
    const saved = NAMES.map((n) => [n, process.env[n]] as const);
    for (const n of NAMES) delete process.env[n];
    Object.assign(process.env, values);
    try {
      return await run();
    } finally {
      for (const [n, v] of saved) {
        if (v === undefined) delete process.env[n];
        else process.env[n] = v;
      }
    }
  }

  it('gets the token the GitHub Actions way (ACTIONS_ID_TOKEN_REQUEST_*, audience sigstore)', async () => {
    const mock = await startSigstoreMock({ oidcToken: TOKEN });
    try {
      const bundle = await withEnv(
        { ACTIONS_ID_TOKEN_REQUEST_URL: `${mock.url}/oidc/token`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: mock.oidc.requestToken },
        () => signImageDigest(IMAGE, keylessSignerFromEnvironment({ fulcioURL: mock.url, rekorURL: mock.url, retries: 0 })),
      );
      expect(mock.oidc.audiences).toEqual(['sigstore']);
      const result = await verifyImageSignature(bundle, IMAGE, { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot });
      expect(result.signer).toEqual({ kind: 'certificate', identity: IDENTITY, issuer: ISSUER });
    } finally {
      await mock.close();
    }
  });

  it('says what to do when the job offers no token, and keeps the public-good URLs as defaults', async () => {
    const error = await withEnv({ GITHUB_ACTIONS: 'true' }, async () => failure((async () => keylessSignerFromEnvironment())()));
    expect({ code: error.code, message: error.message, hint: error.hint }).toEqual({
      code: 'UNAUTHORIZED',
      message: 'keyless signing needs an OIDC identity token, and this job offers none',
      hint: 'give the job `permissions: id-token: write` (GitHub only offers the token then)',
    });
    const signer = await withEnv({ SIGSTORE_ID_TOKEN: TOKEN }, async () => keylessSignerFromEnvironment());
    expect({ fulcio: signer.fulcioURL, rekor: signer.rekorURL, tsa: signer.tsaURL }).toEqual({
      fulcio: 'https://fulcio.sigstore.dev',
      rekor: 'https://rekor.sigstore.dev',
      tsa: undefined,
    });
    expect(keySigner(SigningKey.fromKeyObject(p256.privateKey)).rekorURL).toBe('https://rekor.sigstore.dev');
  });

  it('refuses a token with an unverified email without repeating the token', async () => {
    const badToken = unsignedIdentityToken({ iss: ISSUER, sub: IDENTITY, email: 'dev@example.com' });
    const error = await failure(signImageDigest(IMAGE, keylessSignerFromEnvironment({ identityToken: badToken, fulcioURL: 'http://127.0.0.1:9', retries: 0 })));
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'UNAUTHORIZED',
      message: 'the OIDC identity token is not a JWT with a subject (`sub`, or `email` with `email_verified: true`)',
    });
    expect(error.describe()).not.toContain(badToken.split('.')[1]);
  });

  it('names Fulcio when it cannot be reached', async () => {
    const error = await failure(signImageDigest(IMAGE, keylessSignerFromEnvironment({ identityToken: TOKEN, fulcioURL: 'http://127.0.0.1:9', retries: 0 })));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'NETWORK', message: 'Fulcio at http://127.0.0.1:9 did not issue a signing certificate' });
    expect(error.describe()).not.toContain(TOKEN.split('.')[1]);
  });
});

// Each check of verify.ts on its own: what the tests above do not need to tell apart
// (mutation testing found them: docs/reliability.md).
describe('verification: each check on its own', () => {
  let key: SigningKey;
  let bundle: Uint8Array;
  let mock: SigstoreMock;
  const policy = () => ({ publicKey: key.publicKeyPem, ...NO_TLOG });
  const edited = (change: (b: any) => void): Uint8Array => {
    const b = json(bundle);
    change(b);
    return new TextEncoder().encode(JSON.stringify(b));
  };

  beforeAll(async () => {
    key = SigningKey.fromKeyObject(p256.privateKey);
    bundle = await signImageDigest(IMAGE, keySigner(key, { rekorURL: false }));
    mock = await startSigstoreMock();
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('refuses an envelope of another payload type before checking its signature', async () => {
    const error = await refusal(verifyImageSignature(edited((b) => (b.dsseEnvelope.payloadType = 'text/plain')), IMAGE, policy()));
    expectCheck(error, 'bundle');
    expect(error.message).toBe(`signature verification failed (bundle): the envelope's payloadType is "text/plain", not "${IN_TOTO_PAYLOAD_TYPE}"`);
  });

  it('refuses a bare message signature (a cosign .sig layer) that no log entry vouches for, unless the policy opts out', async () => {
    const payload = Buffer.from(JSON.stringify({ critical: { image: { 'docker-manifest-digest': IMAGE.digest } } }));
    const signature = cryptoSign('sha256', payload, p256.privateKey);
    const error = await refusal(verifyMessageSignature(payload, signature, { publicKey: spki(p256.publicKey) }));
    expectCheck(error, 'transparency-log');
    const verified = await verifyMessageSignature(payload, signature, { publicKey: spki(p256.publicKey), ...NO_TLOG });
    expect(verified.transparencyLogIgnored).toBe(true);
  });

  it('refuses an envelope with two signatures: a Sigstore bundle carries exactly one', async () => {
    const error = await refusal(verifyImageSignature(edited((b) => b.dsseEnvelope.signatures.push(b.dsseEnvelope.signatures[0])), IMAGE, policy()));
    expectCheck(error, 'bundle');
    // sigstore-js's bundle reader refuses it, before ocikit looks at the envelope.
    expect(error.message).toBe('signature verification failed (bundle): it is not a valid Sigstore bundle: invalid bundle (content.dsseEnvelope.signatures)');
  });

  it('keeps values from a bundle short and quoted in messages', () => {
    expect(shown('x'.repeat(200))).toBe('x'.repeat(200));
    expect(shown('x'.repeat(201))).toBe(JSON.stringify(`${'x'.repeat(200)}…`));
    expect(shown('abc', 2)).toBe(JSON.stringify('ab…'));
    expect(shown('ab', 2)).toBe('ab');
    expect(shown('a\nb')).toBe('"a\\nb"');
  });

  it('takes a key or an identity, not both, and names the fields as the front end calls them', () => {
    for (const both of [{ certificateIdentity: IDENTITY }, { certificateOidcIssuer: ISSUER }]) {
      let error: unknown;
      try {
        checkVerificationPolicy({ publicKey: key.publicKeyPem, ...both }, { publicKey: '--key', certificateIdentity: '--certificate-identity', certificateOidcIssuer: '--certificate-oidc-issuer', trustedRoot: '--trusted-root', insecureIgnoreTlog: '--insecure-ignore-tlog' });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(OcikitError);
      expect((error as OcikitError).message).toBe('verification takes --key or --certificate-identity and --certificate-oidc-issuer, not both');
    }
    expect(() => checkVerificationPolicy({ publicKey: key.publicKeyPem })).not.toThrow();
    expect(() => checkVerificationPolicy({})).toThrow('verification needs a public key, or a certificate identity and its OIDC issuer with a trusted root');
  });

  it('refuses a trusted root that cannot verify a keyless signature, or is not one at all', () => {
    const keyless = (trustedRoot: unknown) => () => checkVerificationPolicy({ certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot });
    const root = mock.trustedRoot as Record<string, unknown>;
    expect(keyless(root)).not.toThrow();
    expect(keyless(JSON.stringify(root))).not.toThrow();
    expect(keyless(new TextEncoder().encode(JSON.stringify(root)))).not.toThrow();
    const cannot = 'the trusted root names no certificate authority or no transparency log; it cannot verify a keyless signature';
    expect(keyless({ ...root, certificateAuthorities: [] })).toThrow(cannot);
    expect(keyless({ ...root, tlogs: [] })).toThrow(cannot);
    expect(keyless('{not json')).toThrow('the trusted root is not JSON');
    expect(keyless(new TextEncoder().encode('{not json'))).toThrow('the trusted root is not JSON');
    for (const notObject of ['[]', 'null', '5', [root], null]) expect(keyless(notObject)).toThrow('the trusted root is not a JSON object (trusted_root.json)');
  });

  it('refuses a bundle over 4 MiB before parsing it, and takes one of exactly 4 MiB to the parser', async () => {
    const over = new Uint8Array(MAX_BUNDLE_BYTES + 1).fill(0x20);
    const error = await refusal(verifyImageSignature(over, IMAGE, policy()));
    expect(error.message).toBe(`signature verification failed (bundle): it is ${MAX_BUNDLE_BYTES + 1} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit for a bundle`);
    const exact = new Uint8Array(MAX_BUNDLE_BYTES).fill(0x20);
    exact.set(new TextEncoder().encode('{}'));
    expect((await refusal(verifyImageSignature(exact, IMAGE, policy()))).message).toMatch(/^signature verification failed \(bundle\): it is not a valid Sigstore bundle: /);
  });

  it('refuses bytes that are not UTF-8, even inside a JSON string', async () => {
    const bytes = Buffer.concat([Buffer.from('{"mediaType":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect((await refusal(verifyImageSignature(bytes, IMAGE, policy()))).message).toBe('signature verification failed (bundle): it is not UTF-8 JSON');
    expect((await refusal(verifyImageSignature(new TextEncoder().encode('{"a":'), IMAGE, policy()))).message).toBe('signature verification failed (bundle): it is not UTF-8 JSON');
  });

  it('says which fields of a bundle are wrong', async () => {
    const error = await refusal(verifyImageSignature(new TextEncoder().encode('{"mediaType":"x"}'), IMAGE, policy()));
    expect(error.message).toMatch(/^signature verification failed \(bundle\): it is not a valid Sigstore bundle: .+ \([a-zA-Z.]+(, [a-zA-Z.]+)*\)$/);
  });

  it('calls a key bundle without a hint "none" when a keyless policy refuses it', async () => {
    const noHint = edited((b) => (b.verificationMaterial.publicKey.hint = ''));
    const error = await refusal(verifyImageSignature(noHint, IMAGE, { certificateIdentity: IDENTITY, certificateOidcIssuer: ISSUER, trustedRoot: mock.trustedRoot }));
    expect(error.message).toBe('signature verification failed (key): the bundle was signed with a key (hint none), not keyless');
  });
});
