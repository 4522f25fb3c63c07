// verifyReference on cosign's legacy tags (`sha256-<hex>.sig` and `.att`, what
// `cosign sign|attest --new-bundle-format=false` writes), built here layer by layer
// in an OCI layout as cosign builds them (pkg/oci/static: the simple-signing
// payload, its signature in `dev.cosignproject.cosign/signature`, one layer per
// signature; an `.att` layer is a DSSE envelope). test/interop/cosign.test.ts has
// the real cosign write them; this file covers what cosign would not write.
import { describe, expect, it } from '@jest/globals';
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OciLayoutStore, verifyReference } from '@ocikit/core';
import type { Descriptor } from '../../packages/core/src/oci/manifest.js';
import { makeTempDir } from '../harness/temp.js';

const EMPTY_CONFIG = { mediaType: 'application/vnd.oci.image.config.v1+json', bytes: Buffer.from('{}') };
const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
const DSSE = 'application/vnd.dsse.envelope.v1+json';
const SLSA = 'https://slsa.dev/provenance/v1';

const signer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const hintOf = (key: KeyObject): string => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('base64');

function descriptorOf(bytes: Buffer, mediaType: string, annotations?: Record<string, string>): Descriptor {
  return { mediaType, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, size: bytes.length, ...(annotations ? { annotations } : {}) } as Descriptor;
}

async function putBlob(store: OciLayoutStore, bytes: Buffer, mediaType: string, annotations?: Record<string, string>): Promise<Descriptor> {
  const descriptor = descriptorOf(bytes, mediaType, annotations);
  await store.pushBlob({ descriptor, open: () => Readable.from([bytes]) });
  return descriptor;
}

async function putManifest(store: OciLayoutStore, layers: Array<{ bytes: Buffer; mediaType: string; annotations?: Record<string, string> }>, tag: string): Promise<Descriptor> {
  const config = await putBlob(store, EMPTY_CONFIG.bytes, EMPTY_CONFIG.mediaType);
  const descriptors = [];
  for (const layer of layers) descriptors.push(await putBlob(store, layer.bytes, layer.mediaType, layer.annotations));
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config, layers: descriptors }));
  const descriptor = descriptorOf(bytes, 'application/vnd.oci.image.manifest.v1+json');
  await store.pushManifest(descriptor, bytes, tag);
  return descriptor;
}

/** A `.sig` layer as cosign writes one: the payload, its ECDSA signature over SHA-256 in the annotation. */
function sigLayer(digest: string, key: KeyObject, options: { type?: string; optional?: Record<string, string> | null; annotations?: Record<string, string> } = {}) {
  const payload = Buffer.from(
    JSON.stringify({
      critical: { identity: { 'docker-reference': 'registry.example/app' }, image: { 'docker-manifest-digest': digest }, type: options.type ?? 'cosign container image signature' },
      optional: options.optional ?? null,
    }),
  );
  return {
    bytes: payload,
    mediaType: SIMPLE_SIGNING,
    annotations: { 'dev.cosignproject.cosign/signature': sign('sha256', payload, key).toString('base64'), ...options.annotations },
  };
}

/** An `.att` layer: a DSSE envelope of an in-toto v0.1 statement, as cosign attest wrote them. */
function attLayer(digest: string, key: KeyObject) {
  const statement = Buffer.from(
    JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: [{ name: 'registry.example/app', digest: { sha256: digest.slice(7) } }], predicateType: SLSA, predicate: {} }),
  );
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${statement.length} `), statement]);
  const envelope = { payload: statement.toString('base64'), payloadType: type, signatures: [{ keyid: '', sig: sign('sha256', pae, key).toString('base64') }] };
  return { bytes: Buffer.from(JSON.stringify(envelope)), mediaType: DSSE, annotations: { 'dev.cosignproject.cosign/signature': '', predicateType: SLSA } };
}

async function layoutWithSubject(): Promise<{ store: OciLayoutStore; subject: Descriptor; tag: (suffix: string) => string }> {
  const store = await OciLayoutStore.open(join(makeTempDir(), 'layout'), { create: true });
  const subject = await putManifest(store, [{ bytes: Buffer.from(`app ${Math.random()}`), mediaType: 'application/octet-stream' }], 'v1');
  return { store, subject, tag: (suffix) => `sha256-${subject.digest.slice(7)}.${suffix}` };
}

/** ocikit reads no Rekor entry of the legacy format: what it verifies it verifies with the opt-in (cosign's --insecure-ignore-tlog). */
const OPTED_IN = { publicKey: spki(signer.publicKey), insecureIgnoreTlog: true };

describe("verifyReference on cosign's legacy tags", () => {
  it('verifies each layer of a .sig tag on its own: the signer\'s, with its claims; another key\'s is refused (signature)', async () => {
    const { store, subject, tag } = await layoutWithSubject();
    const mine = sigLayer(subject.digest, signer.privateKey, { optional: { build: '7' } });
    const theirs = sigLayer(subject.digest, stranger.privateKey);
    const manifest = await putManifest(store, [mine, theirs], tag('sig'));

    const result = await verifyReference(store, 'v1', { policy: OPTED_IN });
    expect(result.verified).toBe(true);
    expect(result.referrers.map((r) => ({ digest: r.descriptor.digest, legacy: r.legacy?.tag, layer: r.legacy?.layer.digest, outcome: r.outcome }))).toEqual([
      { digest: manifest.digest, legacy: tag('sig'), layer: descriptorOf(mine.bytes, SIMPLE_SIGNING).digest, outcome: 'verified' },
      { digest: manifest.digest, legacy: tag('sig'), layer: descriptorOf(theirs.bytes, SIMPLE_SIGNING).digest, outcome: 'refused' },
    ]);
    const [verified, refused] = result.referrers;
    expect(verified!.outcome === 'verified' && verified!.result).toMatchObject({
      signer: { kind: 'key', hint: hintOf(signer.publicKey) },
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      statement: { subject: [{ annotations: { build: '7' } }] },
      transparencyLogEntries: 0,
    });
    expect(refused!.outcome === 'refused' && refused!.check).toBe('signature');
    await store.close();
  });

  it('refuses, naming the check, what cosign would not have written', async () => {
    const { store, subject, tag } = await layoutWithSubject();
    const unsigned = sigLayer(subject.digest, signer.privateKey, { annotations: { 'dev.cosignproject.cosign/signature': '' } });
    const notImage = sigLayer(subject.digest, signer.privateKey, { type: 'something else' });
    const other = sigLayer(`sha256:${'c'.repeat(64)}`, signer.privateKey);
    const keyless = sigLayer(subject.digest, signer.privateKey, { annotations: { 'dev.sigstore.cosign/certificate': '-----BEGIN CERTIFICATE-----\n...' } });
    const wrongType = { ...sigLayer(subject.digest, signer.privateKey), mediaType: 'application/json' };
    await putManifest(store, [unsigned, notImage, other, keyless, wrongType], tag('sig'));

    const result = await verifyReference(store, 'v1', { policy: OPTED_IN });
    expect(result.verified).toBe(false);
    expect(result.referrers.map((r) => (r.outcome === 'refused' ? [r.check, r.message] : [r.outcome]))).toEqual([
      ['bundle', `signature verification failed (bundle): the ${tag('sig')} layer ${descriptorOf(unsigned.bytes, SIMPLE_SIGNING).digest} has no base64 signature in its dev.cosignproject.cosign/signature annotation`],
      ['statement', 'signature verification failed (statement): the signature is valid but its payload is not a cosign image signature (critical.type "something else")'],
      ['subject', `signature verification failed (subject): the payload is about sha256:${'c'.repeat(64)}, not ${subject.digest}`],
      ['key', 'signature verification failed (key): the signature was made keyless (it carries a certificate), not with a key'],
      ['bundle', `signature verification failed (bundle): the ${tag('sig')} layer ${descriptorOf(wrongType.bytes, 'application/json').digest} is application/json, not ${SIMPLE_SIGNING}`],
    ]);
    await store.close();
  });

  it('without the opt-in refuses each, logged or not (transparency-log), in the front end\'s words; with it a trusted root changes nothing', async () => {
    const { store, subject, tag } = await layoutWithSubject();
    // cosign's Rekor bundle annotation: ocikit does not read it, whatever it holds.
    const logged = sigLayer(subject.digest, signer.privateKey, { annotations: { 'dev.sigstore.cosign/bundle': '{"SignedEntryTimestamp":"","Payload":{}}' } });
    const unlogged = sigLayer(subject.digest, signer.privateKey);
    await putManifest(store, [logged, unlogged], tag('sig'));
    const names = { publicKey: '--key', certificateIdentity: '--certificate-identity', certificateOidcIssuer: '--certificate-oidc-issuer', trustedRoot: '--trusted-root', insecureIgnoreTlog: '--insecure-ignore-tlog' };

    const refused = await verifyReference(store, 'v1', { policy: { publicKey: spki(signer.publicKey) }, policyNames: names });
    expect(refused.referrers.map((r) => (r.outcome === 'refused' ? [r.check, r.message] : [r.outcome]))).toEqual([
      [
        'transparency-log',
        `signature verification failed (transparency-log): ocikit does not check the Rekor entry of cosign's legacy ${tag('sig')} signatures: ` +
          'pass --insecure-ignore-tlog if you accept signatures whose log entry is not checked, or sign again in the bundle format (cosign 3\'s default, `ocikit sign`)',
      ],
      [
        'transparency-log',
        `signature verification failed (transparency-log): the ${tag('sig')} signature has no transparency log (Rekor) entry: ` +
          'sign again in the bundle format (cosign 3\'s default, `ocikit sign`) with the transparency log, or pass --insecure-ignore-tlog if you accept signatures with no log entry',
      ],
    ]);
    const root = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };
    const accepted = await verifyReference(store, 'v1', { policy: { ...OPTED_IN, trustedRoot: root } });
    expect(accepted.referrers.map((r) => [r.outcome, r.outcome === 'verified' && r.result.transparencyLogIgnored])).toEqual([
      ['verified', true],
      ['verified', true],
    ]);
    await store.close();
  });

  it('verifies an .att layer as an attestation of its type; image signatures do not look at it', async () => {
    const { store, subject, tag } = await layoutWithSubject();
    await putManifest(store, [attLayer(subject.digest, signer.privateKey)], tag('att'));

    const attested = await verifyReference(store, 'v1', { policy: OPTED_IN, predicateType: SLSA });
    expect(attested.referrers.map((r) => [r.outcome, r.legacy?.tag, r.outcome === 'verified' ? r.result.statement._type : undefined])).toEqual([
      ['verified', tag('att'), 'https://in-toto.io/Statement/v0.1'],
    ]);
    const otherType = await verifyReference(store, 'v1', { policy: OPTED_IN, predicateType: 'https://spdx.dev/Document' });
    expect(otherType.referrers.map((r) => r.outcome)).toEqual(['skipped']);
    const signatures = await verifyReference(store, 'v1', { policy: OPTED_IN });
    expect(signatures.referrers).toEqual([]);
    await store.close();
  });
});
