/**
 * verify: the signatures (or attestations of `type`) attached to `reference`,
 * each verified, the same core call as `ocikit verify` (verifyReference). The
 * step fails unless one verifies; the summary shows each referrer's outcome.
 */
import * as actions from '@actions/core';
import {
  COSIGN_SIGN_PREDICATE_TYPE,
  OcikitError,
  REFERRERS_MODES,
  type VerificationPolicy,
  type VerifyResultJson,
  openTarget,
  readTrustedRootFile,
  parseReference,
  verifyReference,
  verifyResultJson,
} from '@ocikit/core';
import { type Env, getChoice, getRequired, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { actionProgress, runAction } from '../run-action.js';
import { writeVerifySummary } from '../summaries/verify.js';
import { readConnectionInputs, readCredentialInputs, registryHosts } from '../target-options.js';

/** trusted_root.json of the public-good instance is some kilobytes; this bounds a wrong file. */

export async function run(env: Env = process.env): Promise<void> {
  await runAction(async (secrets) => {
    const progress = actionProgress(secrets);
    const auth = readCredentialInputs(env, secrets);
    const subject = parseReference(getRequired('reference', env));
    const policy = await policyFromInputs(env);
    const type = getString('type', env);
    const connection = readConnectionInputs(env, secrets, progress, auth, registryHosts(subject));
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await verifyReference(target, selector, { policy, ...(type ? { predicateType: type } : {}) });
      const json = verifyResultJson(reference, result);
      for (const r of json.referrers) actions.info(`${r.outcome.padEnd(8)} ${r.reference}${r.outcome === 'verified' ? '' : `: ${r.message ?? ''}`}`);
      setOutputs({ verified: json.verified, subject: json.subject.reference, json });
      await writeVerifySummary(json);
      if (!json.verified) throw noneVerified(json);
    } finally {
      await target.close();
    }
  });
}

async function policyFromInputs(env: Env): Promise<VerificationPolicy> {
  const publicKey = getString('public-key', env);
  const identity = getString('certificate-identity', env);
  const issuer = getString('certificate-oidc-issuer', env);
  const trustedRootPath = getString('trusted-root', env);
  const keyless = identity !== '' || issuer !== '';
  if (publicKey !== '' && keyless) {
    throw new OcikitError('INVALID_INPUT', 'the inputs public-key and certificate-identity/certificate-oidc-issuer cannot both be given', {
      hint: 'a signature is verified by its key, or (keyless) by the identity its certificate names',
    });
  }
  if (publicKey === '' && !keyless) {
    throw new OcikitError('INVALID_INPUT', 'verify needs the input public-key (PEM), or certificate-identity and certificate-oidc-issuer with trusted-root');
  }
  return {
    ...(publicKey !== '' ? { publicKey } : {}),
    ...(identity !== '' ? { certificateIdentity: identity } : {}),
    ...(issuer !== '' ? { certificateOidcIssuer: issuer } : {}),
    ...(trustedRootPath !== '' ? { trustedRoot: await readTrustedRootFile(trustedRootPath) } : {}),
  };
}

function noneVerified(json: VerifyResultJson): OcikitError {
  const what = json.predicateType === COSIGN_SIGN_PREDICATE_TYPE ? 'signature' : `${json.predicateType} attestation`;
  const refused = json.referrers.filter((r) => r.outcome === 'refused');
  if (refused.length === 0) {
    return new OcikitError('DENIED', `${json.subject.reference} has no ${what} to verify`, {
      hint: json.referrers.length > 0
        ? `its Sigstore bundles are of other kinds (${json.referrers.map((r) => r.message).join('; ')})`
        : 'sign it with the ocikit sign action; the discover action shows what is attached',
    });
  }
  return new OcikitError(
    'DENIED',
    `no ${what} of ${json.subject.reference} verified: ${refused.map((r) => `${r.digest} refused${r.check ? ` (${r.check})` : ''}: ${r.message ?? ''}`).join('; ')}`,
  );
}
