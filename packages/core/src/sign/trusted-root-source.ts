// The one rule for where a verification's trusted root comes from, which every
// front end reaches through verifyReference: a trusted root the policy carries (a
// file the user gave) wins; a keyless policy without one gets its instance's root
// through TUF (the public-good instance's unless told otherwise); a key policy
// never asks TUF (a key needs no certificate authority; the Rekor entry or
// timestamp it needs is checked against a root the user gives, or not at all).
import { type TufRepository, fetchTrustedRootThroughTuf } from './trusted-root-tuf.js';
import type { VerificationPolicy } from './verify.js';

/** Whether `policy` will get its trusted root through TUF: keyless, complete, and with no trusted root of its own. */
export function trustedRootFromTuf(policy: VerificationPolicy): boolean {
  return policy.publicKey === undefined && policy.trustedRoot === undefined && Boolean(policy.certificateIdentity) && Boolean(policy.certificateOidcIssuer);
}

/**
 * `policy` with the trusted root it verifies with: its own, or, keyless without
 * one, the one `tuf` names (false: none fetched, so keyless verification asks for
 * a trusted root). An incomplete policy is returned as it is, for the policy check
 * to refuse before anything is fetched.
 */
export async function withTrustedRoot(policy: VerificationPolicy, tuf: TufRepository | false = {}, env: NodeJS.ProcessEnv = process.env): Promise<VerificationPolicy> {
  if (tuf === false || !trustedRootFromTuf(policy)) return policy;
  return { ...policy, trustedRoot: await fetchTrustedRootThroughTuf(tuf, env) };
}
