/**
 * referrers-tidy: repairs and prunes the sha256-<hex> referrers indexes of a
 * repository, the same core call as `ocikit referrers tidy` (tidyReferrers); a
 * dry run unless `apply`. The report goes to the log, the outputs and the job summary.
 */
import * as actions from '@actions/core';
import { OcikitError, REFERRERS_MODES, openTarget, renderTidy, tidyReferrers, tidyResultJson } from '@ocikit/core';
import { ACTION_WORDS } from '../front-end-words.js';
import { type Env, getBoolean, getChoice } from '../inputs.js';
import { setOutputs } from '../outputs.js';
import { runAction } from '../run-action.js';
import { writeTidySummary } from '../summaries/referrers-tidy.js';
import { referenceInput, startStep } from '../target-options.js';

export async function run(env: Env = process.env): Promise<void> {
  await runAction('referrers-tidy', async (secrets, signal) => {
    const { progress, connection, reference: given } = startStep(env, secrets, signal, referenceInput(env, 'reference'));
    const apply = getBoolean('apply', false, env);
    const referrers = getBoolean('referrers', false, env);
    const referrersMode = getChoice('referrers-mode', REFERRERS_MODES, 'auto', env);
    const { target, reference, selector } = await openTarget(given, { ...connection, referrersMode });
    try {
      const one = reference.tag !== undefined || reference.digest !== undefined;
      const result = await tidyReferrers(target, one ? selector : undefined, { apply, referrers, progress });
      const report = renderTidy(result, ACTION_WORDS);
      actions.info(report.trimEnd());
      const json = tidyResultJson(result, ACTION_WORDS);
      setOutputs({ changes: String(result.changes), failed: String(result.failed), refused: String(result.refused), report, json });
      await writeTidySummary(json, report);
      if (result.refused > 0) actions.warning(`the registry refused ${result.refused} delete${result.refused === 1 ? '' : 's'}; each is listed in the log with its answer`);
      if (result.failed > 0) {
        throw new OcikitError('REGISTRY_ERROR', `${result.failed} change${result.failed === 1 ? '' : 's'} of the tidy failed (each is listed in the log with why)`, {
          hint: 'the others were made; run the step again to retry what failed',
        });
      }
    } finally {
      await target.close();
    }
  });
}
