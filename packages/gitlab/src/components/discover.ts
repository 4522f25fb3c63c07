/**
 * templates/discover.yml: the referrers graph in the job log, as JSON and as
 * ocikit-referrers.md, whose Mermaid graph GitLab draws (`ocikit discover`, run for
 * the JSON, the Mermaid graph and, for the log, the tree).
 */
import type { ReferrerJson, ReferrersGraphJson } from '@ocikit/core';
import { type Component, referrersModeOptions, registriesOf, valueOption } from '../component.js';

export const MARKDOWN = 'ocikit-referrers.md';
const FORMATS = ['tree', 'json', 'mermaid'] as const;
const FOUND: Record<string, string> = { api: 'with the referrers API', tag: 'in the sha256-<hex> tag schema', layout: 'in the layout' };

const count = (nodes: readonly ReferrerJson[]): number => nodes.reduce((n, node) => n + 1 + count(node.referrers ?? []), 0);

export const discover: Component<ReferrersGraphJson> = {
  verb: 'discover',
  inputs: { string: ['reference', 'artifact-type', 'format', 'referrers-mode'], boolean: ['legacy'], number: ['depth'] },
  switches: ['plain-http', 'insecure'],
  numbers: ['concurrency', 'depth'],
  plan(inputs) {
    const reference = inputs.required('reference');
    const format = inputs.choice('format', FORMATS, 'tree');
    const options = [...valueOption(inputs, 'artifact-type'), ...referrersModeOptions(inputs), ...(inputs.flag('legacy') ? [] : ['--no-legacy'])];
    // --json prints the graph as JSON; the Mermaid graph (and the tree for the log) take a run each.
    const more = [[...options, '--output', 'mermaid'], ...(format === 'tree' ? [[...options, '--output', 'tree']] : [])];
    return { command: ['discover'], options, positionals: [reference], registries: registriesOf(reference), more };
  },
  report(result, inputs, [mermaid = '', tree = '']) {
    const direct = (result.referrers ?? []).length;
    const all = count(result.referrers ?? []);
    const line = `${all} referrer${all === 1 ? '' : 's'} (${direct} direct), found ${FOUND[result.via ?? ''] ?? 'in the registry'}`;
    const format = inputs.choice('format', FORMATS, 'tree');
    const shown = format === 'tree' ? tree : format === 'mermaid' ? mermaid : JSON.stringify(result, null, 2);
    return {
      summary: [...shown.trimEnd().split('\n'), `${result.reference}: ${line}; the graph: ${MARKDOWN}`],
      outputs: { COUNT: String(all), MARKDOWN },
      files: { [MARKDOWN]: `# Referrers of ${result.reference}\n\n${line}.\n\n${mermaid.trimEnd()}\n` },
    };
  },
};
