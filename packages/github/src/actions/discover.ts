/**
 * discover: the referrers graph of an image or artifact (signatures, SBOMs,
 * reports and theirs), the same core call as `ocikit discover`
 * (discoverReferrers), printed in `format`, drawn in the job summary as Mermaid.
 */
import * as actions from '@actions/core';
import {
  OcikitError,
  REFERRERS_MODES,
  discoverReferrers,
  openTarget,
  pinnedReference,
  referrersGraphJson,
  DISCOVER_FORMATS,
  renderReferrers,
} from '@ocikit/core';
import { type Env, getBoolean, getChoice, getPositiveInteger, getRequired, getString } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeDiscoverSummary } from '../summaries/discover.js';
import { flattenReferrers } from '../summaries/referrers-graph.js';
import { referenceInput, startStep } from '../target-options.js';


export async function run(env: Env = process.env): Promise<void> {
  await runAction('discover', async (secrets, signal) => {
    const { progress, connection, reference: subject } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const artifactType = getString('artifact-type', env);
    const depth = getPositiveInteger('depth', undefined, env);
    const format = getChoice('format', DISCOVER_FORMATS, 'tree', env);
    const legacy = getBoolean('legacy', true, env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    // Lists are small: read at least 8 at once, as the CLI does.
    const concurrency = Math.max(getPositiveInteger('concurrency', 3, env), 8);
    if (subject.kind === 'oci-layout' && subject.tag === undefined && subject.digest === undefined) {
      throw new OcikitError('INVALID_INPUT', `${getRequired('reference', env)} names no tag or digest`, { hint: 'add :<tag> or @<digest>' });
    }

    const { target, reference, selector } = await openTarget(subject, { ...connection, referrersMode });
    try {
      const result = await discoverReferrers(target, selector, {
        ...(artifactType ? { artifactType } : {}),
        ...(depth ? { depth } : {}),
        legacy,
        concurrency,
        progress,
      });
      const json = referrersGraphJson(result, target.name);
      const graph =
        format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : renderReferrers(result, target.name, format);
      actions.info(graph.trimEnd());
      const pinned = pinnedReference(reference, reference.tag, result.subject.digest);
      setOutputs({ digest: result.subject.digest, reference: pinned, count: String(flattenReferrers(result.referrers).length), graph, json });
      await writeDiscoverSummary(pinned, json, result, target.name);
    } finally {
      await target.close();
    }
  });
}
