// Signing and verifying over descriptors and bytes: no registry here. The
// referrers/attach verbs put the bundles these functions make into registries.
export * from './constants.js';
export { explainUnreachableRekor, loadGivenSigningKey, oidcTokenSecrets, signingKeySecrets } from './signer-secrets.js';
export { SigningKey, loadSigningKey, parsePublicKey, publicKeyHint, type SigningKeyAlgorithm, type SigningKeySource } from './signing-key.js';
export {
  keySigner,
  keylessSignerFromEnvironment,
  type ImageSigner,
  type KeySigner,
  type KeylessSigner,
  type KeylessOptions,
  type ServiceOptions,
} from './signers.js';
export type { InTotoStatement, InTotoSubject } from './statement.js';
export { signImageDigest, attestStatement, type SignImageOptions, type AttestOptions } from './sign.js';
export {
  verifyImageSignature,
  verifyAttestation,
  SignatureVerificationError,
  MAX_BUNDLE_BYTES,
  type VerificationPolicy,
  type VerificationPolicyNames,
  type VerificationCheck,
  type VerificationResult,
} from './verify.js';
export { readTrustedRootFile } from './trusted-root-file.js';
export { readPredicateFile } from './predicate-file.js';
export { signerFromChoice, type SignerChoice, type SignerWording } from './signer-choice.js';
export { PUBLIC_GOOD_TUF_MIRROR, fetchTrustedRootThroughTuf, tufCacheDir, type TufRepository } from './trusted-root-tuf.js';
export { trustedRootFromTuf, withTrustedRoot } from './trusted-root-source.js';
