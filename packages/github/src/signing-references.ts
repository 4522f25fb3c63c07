/**
 * What the sign and attest actions share about what they sign: the `reference`
 * input and the `references` list (the same image pushed to several registries,
 * or several images), opened as the CLI opens its arguments; and the report of
 * every signature: log lines, outputs (`digest` and `reference` the first
 * signature's, as for one reference; `signatures` all of them) and the summary.
 */
import * as actions from '@actions/core';
import {
  type OpenedTarget,
  type OpenTargetOptions,
  type Reference,
  type SignedManifest,
  openTarget,
  parseReference,
  signResultsJson,
} from '@ocikit/core';
import { type Env, getList, getRequired } from './inputs.js';
import { setOutputs } from './outputs.js';
import { writeSignSummary } from './summaries/sign.js';
import { registryHosts } from './target-options.js';

/** `reference`, then each line of `references`. */
export function signingReferencesInput(env: Env): () => { references: Reference[]; registries: string[] } {
  return () => {
    const references = [getRequired('reference', env), ...getList('references', {}, env)].map((text) => parseReference(text));
    return { references, registries: [...new Set(registryHosts(...references))] };
  };
}

/** Each reference's store; `close` closes them all. */
export async function openSubjects(references: readonly Reference[], options: OpenTargetOptions): Promise<{ opened: OpenedTarget[]; close: () => Promise<void> }> {
  const opened: OpenedTarget[] = [];
  const close = async () => {
    await Promise.all(opened.map((o) => o.target.close()));
  };
  try {
    for (const reference of references) opened.push(await openTarget(reference, options));
  } catch (error) {
    await close();
    throw error;
  }
  return { opened, close };
}

/** A line per signature, the outputs and the summary rows. */
export async function reportSignatures(verb: 'sign' | 'attest', opened: readonly OpenedTarget[], signed: readonly SignedManifest[], what = ''): Promise<void> {
  const json = signResultsJson(
    opened.map((o) => o.reference),
    signed,
  );
  for (const signature of json.signatures) {
    const by = signature.signer.kind === 'key' ? `key ${signature.signer.hint}` : signature.signer.identity;
    actions.info(`${verb === 'sign' ? 'Signed' : 'Attested'} ${signature.subject.reference}${what} with ${by}: ${signature.reference}`);
  }
  setOutputs({ digest: json.digest, reference: json.reference, subject: json.subject.reference, signatures: json.signatures, json });
  await writeSignSummary(json.signatures, verb);
}
