import { isOcikitError } from '../errors.js';
import type { Descriptor } from '../oci/manifest.js';
import type { ProgressListener } from '../progress/progress.js';
import type { RemoteRepository } from '../registry/remote-repository.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import type { RemoteReferrers } from '../registry/remote-referrers.js';
import type { OrphanReferrer, TidiedIndex } from './tidy-result.js';

/** An index looked at, with what tidy needs of it besides what it reports. */
export interface InspectedIndex {
  report: TidiedIndex;
  subject: Descriptor;
  /** The entries as read. */
  entries: Descriptor[];
  /** The repair to make (action `repair`). */
  describe: Descriptor[];
  /** To be deleted because its subject, a referrer of a gone subject, is deleted in this tidy (not because it is gone). */
  cascaded?: boolean;
}

/**
 * Writes what a tidy planned. Repairs go through the tag schema's one
 * read-modify-write (RemoteReferrers.repairTagIndex: If-Match, read-back,
 * retries), which redoes them on whatever another writer left meanwhile. Indexes
 * of gone subjects are deleted before the referrers they list, so deleting a
 * referrer (which takes it out of its subject's index) finds no index to write.
 * A failure of one index or referrer is recorded on it and the others go on.
 */
export async function applyTidy(
  target: RemoteRepository,
  schema: RemoteReferrers,
  inspected: InspectedIndex[],
  referrers: OrphanReferrer[],
  concurrency: number,
  progress: ProgressListener | undefined,
): Promise<void> {
  await mapConcurrent(
    inspected.filter((i) => i.report.action === 'repair'),
    concurrency,
    (index) => settle(index.report, progress, () => repair(schema, index)),
  );
  await mapConcurrent(
    inspected.filter((i) => i.report.action === 'delete'),
    concurrency,
    (index) => settle(index.report, progress, () => deleteIndex(target, schema, index)),
  );
  await mapConcurrent(
    referrers.filter((r) => r.action === 'delete'),
    concurrency,
    (referrer) => settle(referrer, progress, () => deleteReferrer(target, referrer)),
  );
}

async function repair(schema: RemoteReferrers, index: InspectedIndex): Promise<void> {
  const { report } = index;
  const update = await schema.repairTagIndex(index.subject, {
    describe: index.describe,
    drop: report.dropped.filter((d) => d.why === 'gone').map((d) => d.digest),
    dedupe: report.dropped.some((d) => d.why === 'duplicate'),
  });
  // The index the tag names after the update: another than the one read means written (by us, or a writer before us made it so).
  report.outcome = update.index !== undefined && update.index !== report.index ? 'written' : 'unchanged';
  if (update.index !== undefined) report.written = update.index;
  if (update.attempts !== undefined) report.attempts = update.attempts;
}

async function deleteIndex(target: RemoteRepository, schema: RemoteReferrers, index: InspectedIndex): Promise<void> {
  const { report } = index;
  // A subject pushed again since it was found gone (the same digest) keeps its referrers.
  if (!index.cascaded && (await target.exists(index.subject))) {
    report.outcome = 'unchanged';
    report.reason = `its subject ${index.subject.digest} is back; left`;
    return;
  }
  const deletion = await schema.deleteTagIndex(index.subject, report.index!);
  report.outcome = deletion.outcome;
  if (deletion.outcome === 'rewritten') report.written = deletion.index;
  if (deletion.outcome === 'refused') {
    report.status = deletion.status;
    report.answer = deletion.answer;
  }
}

async function deleteReferrer(target: RemoteRepository, referrer: OrphanReferrer): Promise<void> {
  try {
    await target.deleteManifest({ mediaType: referrer.mediaType, digest: referrer.digest as Descriptor['digest'], size: 0 });
    referrer.outcome = 'deleted';
  } catch (error) {
    if (isOcikitError(error, 'NOT_FOUND')) {
      referrer.outcome = 'deleted'; // deleted meanwhile
      return;
    }
    if (isOcikitError(error) && error.status !== undefined && error.status >= 400 && error.status < 500) {
      referrer.outcome = 'refused';
      referrer.status = error.status;
      if (error.detail) referrer.answer = error.detail;
      return;
    }
    throw error;
  }
}

/** Runs one change, recording a failure on its report instead of stopping the others. */
async function settle(report: TidiedIndex | OrphanReferrer, progress: ProgressListener | undefined, change: () => Promise<void>): Promise<void> {
  try {
    await change();
  } catch (error) {
    report.outcome = 'failed';
    report.error = isOcikitError(error) ? [error.message, error.detail && `registry said: ${error.detail}`, error.hint && `hint: ${error.hint}`].filter(Boolean).join('; ') : String(error);
    if (isOcikitError(error) && error.status !== undefined) report.status = error.status;
    progress?.warning?.(`${'tag' in report ? report.tag : report.digest}: ${report.error}`);
  }
}
