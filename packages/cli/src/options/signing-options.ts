import type { Command } from 'commander';
import { DEFAULT_FULCIO_URL, DEFAULT_REKOR_URL, type ImageSigner, type SignerWording, explainUnreachableRekor, signerFromChoice } from '@ocikit/core';
import type { CliContext } from '../context.js';

/** The flags of the verbs that sign (sign, attest, attach --sign), named as cosign names them. */
export interface SigningFlags {
  key?: string;
  keyless?: boolean;
  fulcioUrl?: string;
  rekorUrl?: string;
  tsaUrl?: string;
  /** False with --no-tlog. */
  tlog: boolean;
}

export function addSigningOptions(command: Command): Command {
  return command
    .option('--key <path|env://NAME>', 'sign with this private key: ECDSA P-256 or Ed25519 PEM, unencrypted; env://NAME reads it from an environment variable')
    .option('--keyless', 'sign keyless with the CI job\'s OIDC identity (GitHub Actions: permissions id-token: write; elsewhere SIGSTORE_ID_TOKEN), certified by Fulcio')
    .option('--fulcio-url <url>', `the Fulcio certificate authority for --keyless (default ${DEFAULT_FULCIO_URL})`)
    .option('--rekor-url <url>', `the Rekor transparency log the signature is recorded in (default ${DEFAULT_REKOR_URL}; entries are public)`)
    .option('--tsa-url <url>', 'also get an RFC 3161 timestamp from this timestamp authority (e.g. https://timestamp.sigstore.dev)')
    .option('--no-tlog', 'do not record the signature in Rekor (offline CI); `ocikit verify` and `cosign verify` then need --insecure-ignore-tlog');
}

/** Whether any signing flag was given (attach signs only with --sign). */
export function givesSigningFlags(flags: SigningFlags): boolean {
  return Boolean(flags.key !== undefined || flags.keyless || flags.fulcioUrl || flags.rekorUrl || flags.tsaUrl || !flags.tlog);
}

/**
 * The signer the flags describe, ready before anything is pushed: the key read
 * and checked, or the CI's OIDC token found. Key text and tokens are registered
 * as secrets, so nothing printed can show them.
 */
export async function signerFromFlags(flags: SigningFlags, context: CliContext): Promise<ImageSigner> {
  const { key, keyless, tlog, rekorUrl, fulcioUrl, tsaUrl } = flags;
  return signerFromChoice(
    { ...(key !== undefined ? { key } : {}), keyless: Boolean(keyless), tlog, ...(rekorUrl ? { rekorUrl } : {}), ...(fulcioUrl ? { fulcioUrl } : {}), ...(tsaUrl ? { tsaUrl } : {}) },
    CLI_SIGNING_WORDS,
    context.env,
    (secret) => context.secrets.add(secret),
  );
}

const CLI_SIGNING_WORDS: SignerWording = {
  key: '--key',
  keyless: '--keyless',
  noTlog: '--no-tlog',
  rekorUrl: '--rekor-url',
  fulcioUrl: '--fulcio-url',
  keySource: '--key',
  neither: {
    message: 'signing needs --key <private.pem> or --keyless',
    hint: 'a key: --key cosign.key or --key env://SIGNING_KEY; keyless in GitHub Actions: --keyless with permissions id-token: write',
  },
};

/**
 * Offline CI cannot reach the public Rekor a key signature is logged in by
 * default; when that is what failed, the error says how to sign without it.
 */
export function explainSigningFailure(error: unknown, signer: ImageSigner): unknown {
  return explainUnreachableRekor(error, signer, 'where Rekor cannot be reached (offline CI), sign with --no-tlog, or give your own log with --rekor-url');
}
