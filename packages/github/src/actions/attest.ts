/**
 * attest: signs an in-toto statement about the manifest `reference` names (and each
 * one `references` lists; with `recursive: true` every manifest an index lists, each
 * statement about its own digest) and attaches each Sigstore bundle as its referrer,
 * as `cosign attest` does; the same core call as `ocikit attest`
 * (attestReferences). Signed with a key or keyless, as the sign action.
 */
import { REFERRERS_MODES, attestReferences, explainUnreachableRekor, readPredicateFile, sourceDateEpoch } from '@ocikit/core';
import { type Env, getBoolean, getChoice, getRequired } from '../inputs.js';
import { runAction } from '../run-action.js';
import { TLOG_HINT, maskSigningKeyInput, signerFromInputs } from '../signer-inputs.js';
import { openSubjects, reportSignatures, signingReferencesInput } from '../signing-references.js';
import { startStep } from '../target-options.js';
import { uploadInputs } from '../upload-inputs.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('attest', async (secrets, signal) => {
    maskSigningKeyInput(env, secrets);
    const { progress, connection, references } = startStep(env, secrets, signal, signingReferencesInput(env));
    const predicateType = getRequired('type', env);
    const predicate = await readPredicateFile(getRequired('predicate', env));
    const signer = await signerFromInputs('attest', env, secrets);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const recursive = getBoolean('recursive', false, env);
    const epoch = sourceDateEpoch(env);

    const { opened, close } = await openSubjects(references, { ...connection, ...uploadInputs(env), referrersMode });
    try {
      const attested = await attestReferences(
        // cosign attest names the subject by its repository; a layout directory is no such name.
        opened.map(({ target, reference, selector }) => ({ target, selector, ...(reference.kind === 'registry' ? { subjectName: target.name } : {}) })),
        {
          signer,
          recursive,
          predicateType,
          predicate,
          ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
          progress,
        },
      ).catch((error: unknown) => {
        throw explainUnreachableRekor(error, signer, TLOG_HINT);
      });
      await reportSignatures('attest', opened, attested, ` (${predicateType})`);
    } finally {
      await close();
    }
  });
}
