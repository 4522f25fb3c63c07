import type { BundleWithDsseEnvelope } from '@sigstore/bundle';
import type {
  Artifact,
  DSSEBundleBuilder,
  IdentityProvider,
  Signature,
  Signer as SigstoreSigner,
  Witness,
} from '@sigstore/sign';
import { OcikitError, type ErrorCode } from '../errors.js';
import { DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL } from './constants.js';
import { reusingFulcioCertificate } from './fulcio-certificate-reuse.js';
import { oidcTokenSecrets } from './signer-secrets.js';
import type { SigningKey } from './signing-key.js';
import { redactSecrets } from '../util/text.js';

/** How often and how long the Sigstore services are tried (make-fetch-happen's retry and timeout). */
export interface ServiceOptions {
  /** Retries after the first attempt, on connection errors, 408, 429 and 5xx (default 2). */
  retries?: number;
  /** Milliseconds per request (default 30 000). */
  timeoutMs?: number;
}

/** Signs with a key of one's own; the bundle names the key by its hint, not by a certificate. */
export interface KeySigner extends ServiceOptions {
  kind: 'key';
  key: SigningKey;
  /**
   * Where the signature is logged. `cosign verify --key` wants a Rekor entry (unless
   * given `--insecure-ignore-tlog`), so, as cosign does, a key signature is logged in
   * the public-good Rekor unless this is `false`. Mind that the entry is public.
   */
  rekorURL: string | false;
  /** An RFC 3161 timestamp authority, e.g. https://timestamp.sigstore.dev (default: none). */
  tsaURL?: string | undefined;
}

/** Signs keyless: an ephemeral key, certified by Fulcio for the CI job's OIDC identity. */
export interface KeylessSigner extends ServiceOptions {
  kind: 'keyless';
  fulcioURL: string;
  /** A keyless signature must be logged or timestamped, or it outlives its 10-minute certificate unverifiable. */
  rekorURL: string | false;
  tsaURL?: string | undefined;
  /** Where the OIDC identity token comes from (audience `sigstore`). */
  identity: IdentityProvider;
}

export type ImageSigner = KeySigner | KeylessSigner;

export function keySigner(key: SigningKey, options: Partial<Pick<KeySigner, 'rekorURL' | 'tsaURL'>> & ServiceOptions = {}): KeySigner {
  const signer: KeySigner = { kind: 'key', key, rekorURL: options.rekorURL ?? DEFAULT_REKOR_URL, ...pick(options) };
  if (options.tsaURL) signer.tsaURL = options.tsaURL;
  return signer;
}

export interface KeylessOptions extends ServiceOptions {
  fulcioURL?: string;
  rekorURL?: string | false;
  tsaURL?: string;
  /**
   * A token to use instead of the CI's (e.g. from a `--identity-token` flag). It is
   * handed to Fulcio only and appears in no message.
   */
  identityToken?: string;
}

/**
 * A keyless signer for the CI job this runs in. The OIDC token comes from, in this
 * order of presence: GitHub Actions (`ACTIONS_ID_TOKEN_REQUEST_URL` and
 * `_TOKEN`, which need `permissions: id-token: write`), Buildkite, or
 * `SIGSTORE_ID_TOKEN` (GitLab CI's `id_tokens:`, or any CI), always for audience
 * `sigstore` (sigstore-js's CIContextProvider). Fulcio and Rekor default to the
 * public-good instance.
 */
export function keylessSignerFromEnvironment(options: KeylessOptions = {}): KeylessSigner {
  const env = process.env;
  let identity: IdentityProvider;
  if (options.identityToken !== undefined) {
    const token = options.identityToken;
    if (token.trim() === '') throw new OcikitError('INVALID_INPUT', 'the identity token given for keyless signing is empty');
    identity = { getToken: async () => token };
  } else {
    const github = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const buildkite = env.BUILDKITE === 'true';
    const explicit = Boolean(env.SIGSTORE_ID_TOKEN);
    if (!github && !buildkite && !explicit) {
      throw new OcikitError('UNAUTHORIZED', 'keyless signing needs an OIDC identity token, and this job offers none', {
        hint: env.GITHUB_ACTIONS === 'true'
          ? 'give the job `permissions: id-token: write` (GitHub only offers the token then)'
          : 'GitHub Actions: `permissions: id-token: write`; GitLab CI: `id_tokens: { SIGSTORE_ID_TOKEN: { aud: sigstore } }`; elsewhere set SIGSTORE_ID_TOKEN, or sign with a key',
      });
    }
    // sigstore-js's CIContextProvider, loaded when the token is asked for (it picks its source then too).
    identity = { getToken: async () => new (await loadSigstoreSign()).CIContextProvider('sigstore').getToken() };
  }
  const rekorURL = options.rekorURL ?? DEFAULT_REKOR_URL;
  if (rekorURL === false && !options.tsaURL) {
    throw new OcikitError('INVALID_INPUT', 'a keyless signature needs a transparency log (Rekor) or a timestamp authority', {
      hint: 'its certificate is valid for 10 minutes; only a log entry or a signed timestamp proves it was made in that time',
    });
  }
  return { kind: 'keyless', fulcioURL: options.fulcioURL ?? DEFAULT_FULCIO_URL, rekorURL, tsaURL: options.tsaURL, identity, ...pick(options) };
}

function pick(options: ServiceOptions): ServiceOptions {
  const out: ServiceOptions = {};
  if (options.retries !== undefined) out.retries = options.retries;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}

function fetchOptions(signer: ImageSigner): { retry: number; timeout: number } {
  return { retry: signer.retries ?? 2, timeout: signer.timeoutMs ?? 30_000 };
}

/**
 * @sigstore/sign, loaded on first use: it is the heaviest dependency (about a third
 * of what loading all of core costs), and only signing needs it. Once loaded it is
 * kept, so `signingError` can tell its errors (none can exist before it is loaded).
 */
let sigstoreSign: typeof import('@sigstore/sign') | undefined;
async function loadSigstoreSign(): Promise<typeof import('@sigstore/sign')> {
  sigstoreSign ??= await import('@sigstore/sign');
  return sigstoreSign;
}

/** @internal The sigstore-js builder that turns a payload into a DSSE bundle for this signer. */
export async function dsseBundleBuilder(signer: ImageSigner): Promise<DSSEBundleBuilder> {
  const { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } = await loadSigstoreSign();
  const fetch = fetchOptions(signer);
  const witnesses: Witness[] = [];
  if (signer.rekorURL !== false) {
    witnesses.push(new RekorWitness({ rekorBaseURL: trimSlash(signer.rekorURL), entryType: 'dsse', fetchOnConflict: true, ...fetch }));
  }
  if (signer.tsaURL) witnesses.push(new TSAWitness({ tsaBaseURL: trimSlash(signer.tsaURL), ...fetch }));
  let bundleSigner: SigstoreSigner;
  if (signer.kind === 'key') {
    const { key } = signer;
    bundleSigner = {
      sign: async (data: Buffer) => ({
        signature: key.sign(data),
        key: { $case: 'publicKey', publicKey: key.publicKeyPem, hint: key.hint },
      }),
    };
  } else {
    // One certificate for every statement this builder signs (a SigningSession's), while it is valid.
    const fulcioBaseURL = trimSlash(signer.fulcioURL);
    bundleSigner = reusingFulcioCertificate((keyHolder) => new FulcioSigner({ fulcioBaseURL, identityProvider: signer.identity, keyHolder, ...fetch }));
  }
  /**
   * sigstore-js puts a key's hint into the DSSE signature's `keyid` too. Go verifiers
   * (sigstore-go, so `cosign verify`) skip a DSSE signature whose keyid differs from
   * their own key id for the key (an SSH-style SHA256 fingerprint), so such an
   * envelope fails there. cosign leaves the keyid empty; so does this builder,
   * before the envelope is logged. The keyid is not signed (DSSE signs only the
   * payload type and payload); the hint stays in `verificationMaterial.publicKey`.
   * (Declared here: its base class is in the lazily loaded @sigstore/sign.)
   */
  class CosignDSSEBundleBuilder extends DSSEBundleBuilder {
    protected override async package(artifact: Artifact, signature: Signature): Promise<BundleWithDsseEnvelope> {
      const bundle = await super.package(artifact, signature);
      for (const sig of bundle.content.dsseEnvelope.signatures) sig.keyid = '';
      return bundle;
    }
  }
  return new CosignDSSEBundleBuilder({ signer: bundleSigner, witnesses });
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Turns what sigstore-js throws into an OcikitError naming the service and its
 * answer. OIDC tokens never pass: sigstore-js puts a malformed token into its
 * message, so token errors are described without it, and every service answer is
 * scrubbed of anything shaped like a JWT.
 */
export function signingError(error: unknown, signer: ImageSigner): OcikitError {
  if (error instanceof OcikitError) return error;
  const InternalError = sigstoreSign?.InternalError;
  if (!InternalError || !(error instanceof InternalError)) {
    return new OcikitError('REGISTRY_ERROR', `signing failed: ${redact(String((error as Error)?.message ?? error))}`);
  }
  const status = httpStatus(error.cause);
  const answer = serviceAnswer(error.cause);
  const codeFor = (fallback: ErrorCode): ErrorCode =>
    status === 401 || status === 403 ? 'UNAUTHORIZED' : status === undefined ? 'NETWORK' : fallback;
  switch (error.code) {
    case 'IDENTITY_TOKEN_READ_ERROR':
      return new OcikitError('UNAUTHORIZED', 'keyless signing could not get an OIDC identity token from the CI', {
        hint: 'GitHub Actions: give the job `permissions: id-token: write`; GitLab CI: declare `id_tokens: { SIGSTORE_ID_TOKEN: { aud: sigstore } }`',
      });
    case 'IDENTITY_TOKEN_PARSE_ERROR':
      return new OcikitError('UNAUTHORIZED', 'the OIDC identity token is not a JWT with a subject (`sub`, or `email` with `email_verified: true`)', {
        hint: 'check what provides the token: it must be an OIDC ID token for audience "sigstore"',
      });
    case 'CA_CREATE_SIGNING_CERTIFICATE_ERROR':
      return new OcikitError(codeFor('REGISTRY_ERROR'), `Fulcio at ${signer.kind === 'keyless' ? signer.fulcioURL : '?'} did not issue a signing certificate`, {
        detail: answer,
        status,
        hint: status === undefined
          ? 'Fulcio could not be reached; check the URL and the network, then retry'
          : 'Fulcio refuses tokens of issuers it does not know and expired tokens; check the token\'s issuer and audience ("sigstore")',
      });
    case 'TLOG_CREATE_ENTRY_ERROR':
    case 'TLOG_FETCH_ENTRY_ERROR':
      return new OcikitError(codeFor('REGISTRY_ERROR'), `Rekor at ${signer.rekorURL || '?'} did not record the signature`, {
        detail: answer,
        status,
        hint: status === undefined ? 'Rekor could not be reached; check the URL and the network, then retry' : 'retry; if it persists, check the Rekor URL',
      });
    case 'TSA_CREATE_TIMESTAMP_ERROR':
      return new OcikitError(codeFor('REGISTRY_ERROR'), `the timestamp authority at ${signer.tsaURL ?? '?'} did not timestamp the signature`, {
        detail: answer,
        status,
        hint: status === undefined ? 'it could not be reached; check the URL and the network, then retry' : 'retry; if it persists, check the TSA URL',
      });
    default:
      return new OcikitError(codeFor('REGISTRY_ERROR'), `signing failed (${error.code})`, { detail: answer, status });
  }
}

function httpStatus(cause: unknown): number | undefined {
  const status = (cause as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function serviceAnswer(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  const c = cause as { message?: unknown; code?: unknown };
  const text = typeof c.message === 'string' ? c.message : typeof c.code === 'string' ? c.code : undefined;
  return text ? redact(text).slice(0, 500) : undefined;
}

/** Anything shaped like a JWT (three base64url parts, the first a JSON header). */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*)?/g;

export function redact(text: string): string {
  return redactSecrets(text.replace(JWT_SHAPE, '[redacted token]'), oidcTokenSecrets(process.env), '[redacted token]');
}
