import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign as cryptoSign } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { inspect } from 'node:util';
import { OcikitError } from '../errors.js';

/** The key types ocikit signs with: what cosign and the Sigstore clients verify everywhere. */
export type SigningKeyAlgorithm = 'ecdsa-p256-sha256' | 'ed25519';

/** A key file is a few hundred bytes; anything this large is not one. */
const MAX_KEY_BYTES = 64 * 1024;

const HOW_TO_MAKE_A_KEY =
  'create one with `openssl genpkey -algorithm ed25519 -out key.pem` or ' +
  '`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem`, ' +
  'keep it in a CI secret, and give verifiers its public key (`openssl pkey -in key.pem -pubout`)';

/**
 * A private key loaded for signing. The key material stays inside: it is not an
 * enumerable property, and JSON, `util.inspect` and template strings show only the
 * algorithm and the public key's hint.
 */
export class SigningKey {
  readonly algorithm: SigningKeyAlgorithm;
  /** The SPKI public key, PEM. */
  readonly publicKeyPem: string;
  /**
   * base64(sha256(SPKI DER)): what cosign puts in `verificationMaterial.publicKey.hint`
   * (cosign's internal/key SignerVerifierKeypair), so verifiers can pick the key.
   */
  readonly hint: string;
  readonly #privateKey: KeyObject;

  private constructor(privateKey: KeyObject, algorithm: SigningKeyAlgorithm) {
    this.#privateKey = privateKey;
    this.algorithm = algorithm;
    const publicKey = createPublicKey(privateKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.hint = publicKeyHint(publicKey);
  }

  /** @internal Used by loadSigningKey and by tests that generate keys. */
  static fromKeyObject(privateKey: KeyObject, what = 'the signing key'): SigningKey {
    return new SigningKey(privateKey, algorithmOf(privateKey, what));
  }

  /** Signs bytes: ECDSA P-256 over SHA-256 (DER signature), or pure Ed25519. */
  sign(data: Uint8Array): Buffer {
    return this.algorithm === 'ed25519' ? cryptoSign(null, data, this.#privateKey) : cryptoSign('sha256', data, this.#privateKey);
  }

  toJSON(): { algorithm: SigningKeyAlgorithm; hint: string } {
    return { algorithm: this.algorithm, hint: this.hint };
  }

  toString(): string {
    return `SigningKey(${this.algorithm}, hint ${this.hint})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** base64(sha256(SPKI DER)) of a public key, as cosign and sigstore-go compute key hints. */
export function publicKeyHint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

function algorithmOf(key: KeyObject, what: string): SigningKeyAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ecdsa-p256-sha256';
    throw new OcikitError('UNSUPPORTED', `${what} is an ECDSA key on curve ${curve ?? 'unknown'}; ocikit signs with ECDSA P-256 or Ed25519 keys`, {
      hint: HOW_TO_MAKE_A_KEY,
    });
  }
  throw new OcikitError('UNSUPPORTED', `${what} is an ${key.asymmetricKeyType ?? 'unknown'} key; ocikit signs with ECDSA P-256 or Ed25519 keys`, {
    hint: HOW_TO_MAKE_A_KEY,
  });
}

export type SigningKeySource =
  | { path: string; pem?: undefined }
  /** PEM text, e.g. an environment variable's content; `origin` names it in messages ("$SIGNING_KEY"). */
  | { pem: string; origin?: string; path?: undefined };

interface PemBlock {
  label: string;
  headers: string;
  text: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'EC PRIVATE KEY']);

function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    const body = match[2] ?? '';
    const headerEnd = body.indexOf('\n\n');
    const headers = /^[A-Za-z-]+:/.test(body) && headerEnd >= 0 ? body.slice(0, headerEnd) : '';
    blocks.push({ label: match[1] ?? '', headers, text: match[0] });
  }
  return blocks;
}

/**
 * Loads an unencrypted ECDSA P-256 or Ed25519 private key from PEM (PKCS#8
 * `PRIVATE KEY`, or SEC1 `EC PRIVATE KEY`), from a file or from text such as an
 * environment variable's content. Every refusal says what was found and what to
 * do; none repeats any of the key's text.
 */
export async function loadSigningKey(source: SigningKeySource): Promise<SigningKey> {
  let text: string;
  let what: string;
  if (source.path !== undefined && source.pem === undefined) {
    what = `the signing key file ${source.path}`;
    text = await readKeyFile(source.path, what);
  } else if (source.pem !== undefined && source.path === undefined) {
    what = source.origin ? `the signing key in ${source.origin}` : 'the signing key';
    if (source.pem.length > MAX_KEY_BYTES) {
      throw new OcikitError('INVALID_INPUT', `${what} is ${source.pem.length} characters long; a PEM private key is far smaller`);
    }
    text = source.pem;
  } else {
    throw new OcikitError('INVALID_INPUT', 'a signing key comes from a file path or from PEM text, not both and not neither');
  }
  return parseSigningKey(text, what);
}

async function readKeyFile(path: string, what: string): Promise<string> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new OcikitError('INVALID_INPUT', `${what} is a directory, not a PEM file`);
    if (info.size > MAX_KEY_BYTES) {
      throw new OcikitError('INVALID_INPUT', `${what} is ${info.size} bytes; a PEM private key is far smaller`, {
        hint: 'check the path: it should name the private key file',
      });
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof OcikitError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OcikitError('INVALID_INPUT', `${what} does not exist`);
    if (code === 'EACCES' || code === 'EPERM') throw new OcikitError('INVALID_INPUT', `${what} cannot be read (permission denied)`);
    throw new OcikitError('INVALID_INPUT', `${what} cannot be read${code ? ` (${code})` : ''}`);
  }
}

function parseSigningKey(text: string, what: string): SigningKey {
  const blocks = pemBlocks(text.replace(/\r\n/g, '\n'));
  if (blocks.length === 0) {
    throw new OcikitError('INVALID_INPUT', `${what} is not PEM: no "-----BEGIN ...-----" block`, {
      hint: `give the private key in PEM form; ${HOW_TO_MAKE_A_KEY}`,
    });
  }
  const labels = blocks.map((b) => b.label);
  if (labels.includes('ENCRYPTED SIGSTORE PRIVATE KEY') || labels.includes('ENCRYPTED COSIGN PRIVATE KEY')) {
    throw new OcikitError('UNSUPPORTED', `${what} is a password-encrypted cosign key; ocikit reads unencrypted PKCS#8 or SEC1 PEM keys`, {
      hint: `a cosign-encrypted key cannot be decrypted here; ${HOW_TO_MAKE_A_KEY}`,
    });
  }
  if (labels.includes('ENCRYPTED PRIVATE KEY')) {
    throw new OcikitError('INVALID_INPUT', `${what} is encrypted (PKCS#8 with a passphrase); ocikit reads unencrypted keys`, {
      hint: 'decrypt it into a CI secret with `openssl pkey -in encrypted.pem -out key.pem`; the secret store protects it',
    });
  }
  const privateBlocks = blocks.filter((b) => PRIVATE_LABELS.has(b.label));
  if (privateBlocks.length === 0) {
    if (labels.includes('RSA PRIVATE KEY')) {
      throw new OcikitError('UNSUPPORTED', `${what} is an RSA key; ocikit signs with ECDSA P-256 or Ed25519 keys`, { hint: HOW_TO_MAKE_A_KEY });
    }
    if (labels.includes('OPENSSH PRIVATE KEY')) {
      throw new OcikitError('UNSUPPORTED', `${what} is an OpenSSH key; ocikit reads PKCS#8 or SEC1 PEM keys`, {
        hint: 'convert it with `ssh-keygen -p -m PKCS8 -f <key>` (an Ed25519 or ECDSA P-256 key), or create a new one',
      });
    }
    if (labels.includes('PUBLIC KEY') || labels.includes('CERTIFICATE')) {
      throw new OcikitError('INVALID_INPUT', `${what} holds a ${labels.includes('PUBLIC KEY') ? 'public key' : 'certificate'}, not a private key`, {
        hint: 'signing needs the private key; the public key is what verifiers get',
      });
    }
    throw new OcikitError('UNSUPPORTED', `${what} holds PEM of type ${labels.map((l) => `"${l}"`).join(', ')}, not a private key`, {
      hint: HOW_TO_MAKE_A_KEY,
    });
  }
  if (privateBlocks.length > 1) {
    throw new OcikitError('INVALID_INPUT', `${what} holds ${privateBlocks.length} private keys; give exactly one`);
  }
  const block = privateBlocks[0] as PemBlock;
  if (/Proc-Type:\s*4,ENCRYPTED/i.test(block.headers)) {
    throw new OcikitError('INVALID_INPUT', `${what} is encrypted (a legacy PEM passphrase); ocikit reads unencrypted keys`, {
      hint: 'decrypt it into a CI secret with `openssl pkey -in encrypted.pem -out key.pem`; the secret store protects it',
    });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: block.text, format: 'pem' });
  } catch (error) {
    // Node's messages carry no key material, but only its code is repeated to be sure.
    const code = (error as { code?: string }).code;
    throw new OcikitError('INVALID_INPUT', `${what} could not be read as a ${block.label === 'EC PRIVATE KEY' ? 'SEC1 EC' : 'PKCS#8'} private key`, {
      detail: code ? `crypto: ${code}` : undefined,
      hint: `check the secret was stored whole, with its line breaks; ${HOW_TO_MAKE_A_KEY}`,
    });
  }
  return SigningKey.fromKeyObject(key, what);
}

/** A verifier's public key from PEM (`PUBLIC KEY`, SPKI); refuses anything else by name. */
export function parsePublicKey(pem: string, what = 'the public key'): KeyObject {
  const blocks = pemBlocks(pem.replace(/\r\n/g, '\n'));
  const block = blocks.find((b) => b.label === 'PUBLIC KEY');
  if (!block) {
    const found = blocks.map((b) => b.label);
    throw new OcikitError('INVALID_INPUT', `${what} is not a PEM "PUBLIC KEY"${found.length ? ` (found ${found.map((l) => `"${l}"`).join(', ')})` : ''}`, {
      hint: PRIVATE_LABELS.has(found[0] ?? '')
        ? 'give verifiers the public half only: `openssl pkey -in key.pem -pubout`'
        : 'give the signer\'s public key in PEM form (`openssl pkey -in key.pem -pubout`, or cosign\'s cosign.pub)',
    });
  }
  try {
    return createPublicKey({ key: block.text, format: 'pem' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new OcikitError('INVALID_INPUT', `${what} could not be read as a public key`, { detail: code ? `crypto: ${code}` : undefined });
  }
}
