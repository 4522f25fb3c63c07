// Supply-chain documents as the tools that make them write them, small but
// well-formed: what `ocikit attach` is given in the tests. Node built-ins only.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const hexOf = (digest: string): string => digest.slice(digest.indexOf(':') + 1);

/** An in-toto v1 statement about `digest`. */
export function statement(digest: string, predicateType = 'https://sigstore.dev/cosign/sign/v1', predicate: unknown = {}): Record<string, unknown> {
  return { _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: { sha256: hexOf(digest) } }], predicateType, predicate };
}

/** A DSSE envelope around a statement, signed with a throwaway P-256 key (the PAE of DSSE v1). */
export function dsseEnvelope(payload: Record<string, unknown>): Record<string, unknown> {
  const body = Buffer.from(JSON.stringify(payload));
  const type = 'application/vnd.in-toto+json';
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${body.length} `), body]);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { payload: body.toString('base64'), payloadType: type, signatures: [{ sig: sign('sha256', pae, privateKey).toString('base64') }] };
}

/**
 * A Sigstore bundle v0.3 as cosign's new bundle format writes a signature of a
 * manifest digest: a DSSE envelope of the cosign-sign statement, the key's hint.
 */
export function sigstoreBundle(digest: string): Record<string, unknown> {
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint: createHash('sha256').update(digest).digest('base64') }, tlogEntries: [] },
    dsseEnvelope: dsseEnvelope(statement(digest)),
  };
}

export function spdx(name = 'app'): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://ocikit.test/spdx/${name}`,
    creationInfo: { created: '2026-01-01T00:00:00Z', creators: ['Tool: ocikit-test'] },
    packages: [{ SPDXID: 'SPDXRef-Package-app', name, downloadLocation: 'NOASSERTION' }],
  };
}

export function cyclonedx(): Record<string, unknown> {
  return { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'left-pad', version: '1.3.0' }] };
}

export function sarif(): Record<string, unknown> {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'trivy', version: '0.50.0' } }, results: [] }],
  };
}

/** cosign's legacy "simple signing" payload for a manifest digest. */
export function cosignPayload(digest: string): Record<string, unknown> {
  return { critical: { identity: { 'docker-reference': 'registry.test/app' }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' }, optional: null };
}

/** A Notation JWS envelope (JSON serialization) with a throwaway certificate chain. */
export function notationJws(): Record<string, unknown> {
  const protectedHeader = Buffer.from(JSON.stringify({ alg: 'PS256', cty: 'application/vnd.cncf.notary.payload.v1+json', crit: ['io.cncf.notary.signingScheme'], 'io.cncf.notary.signingScheme': 'notary.x509' })).toString('base64url');
  return { payload: Buffer.from('{}').toString('base64url'), protected: protectedHeader, header: { x5c: [Buffer.from('leaf-cert-der').toString('base64')] }, signature: 'c2ln' };
}

/** Writes a JSON document into `dir` and returns its path. */
export async function writeJson(dir: string, name: string, document: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(document, null, 2));
  return path;
}
