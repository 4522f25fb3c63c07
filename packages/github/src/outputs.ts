/**
 * Step outputs, so later steps chain: `digest`, `reference` (tag and digest, the
 * pinned form) and `json` (the whole result: core's `<verb>ResultJson`, the same
 * fields `ocikit <verb> --json` prints) for every verb, plus what a verb adds.
 */
import * as actions from '@actions/core';

/** Sets each output; an object is written as compact JSON, for `fromJSON(steps.<id>.outputs.json)`. */
export function setOutputs(outputs: Record<string, string | boolean | number | object>): void {
  for (const [name, value] of Object.entries(outputs)) {
    actions.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
}
