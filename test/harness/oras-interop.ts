// Shared by the oras interop tests (test/interop/oras*.test.ts): the three kinds of
// registry every row runs on, oras and ocikit as a user runs them in one working
// directory, and the referrers graph as both tools print it, reduced to what they
// must agree on.
import { expect } from '@jest/globals';
import { createHash } from 'node:crypto';
import { ocikit } from './ocikit-cli.js';
import { oras } from './peer-tools.js';
import type { RunResult } from './peers.js';
import { API_REGISTRIES, type ApiRegistryKind, useApiRegistry, useRegistry } from './registry.js';

/** distribution has no referrers API (the `sha256-<hex>` tag schema); ggcr and olareg have it. */
export type RegistryKind = 'distribution' | ApiRegistryKind;
export const REGISTRY_KINDS: readonly RegistryKind[] = ['distribution', ...API_REGISTRIES];

/** A registry of that kind for the tests of a describe block. */
export function useRegistryOf(kind: RegistryKind): { readonly host: string; readonly url: string } {
  return kind === 'distribution' ? useRegistry() : useApiRegistry(kind);
}

export function sha256(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** oras in `cwd`, where the inputs are (give `--plain-http` for a loopback registry, `--oci-layout` for a layout). */
export function orasAt(cwd: string): (args: string[], options?: { allowFailure?: boolean }) => Promise<RunResult> {
  return (args, options = {}) => oras(args, { cwd, ...options });
}

/** `ocikit <args>` in `cwd`; throws with what it said unless it exits 0. */
export function ocikitAt(cwd: string): (args: string[], options?: { input?: string }) => Promise<string> {
  return async (args, options = {}) => {
    const result = await ocikit(args, { cwd, ...(options.input !== undefined ? { input: options.input } : {}) });
    if (result.code !== 0) throw new Error(`ocikit ${args.join(' ')} exited ${result.code}\n${result.stderr}`);
    return result.stdout;
  };
}

/** The `Digest: sha256:…` line both tools print. */
export function digestIn(text: string): string {
  const match = /Digest: (sha256:[0-9a-f]{64})/.exec(text);
  if (!match) throw new Error(`no "Digest:" line in:\n${text}`);
  return match[1]!;
}

/** A referrers graph node as `oras discover --format json` and `ocikit discover -o json` both give it. */
export interface GraphNode {
  digest: string;
  artifactType?: string;
  annotations?: Record<string, string>;
  referrers?: GraphNode[];
}

/** What both must agree on: digest, type and annotations of every node, siblings in digest order. */
export interface Reduced {
  digest: string;
  artifactType: string | undefined;
  annotations: Record<string, string>;
  referrers: Reduced[];
}

export function reduceGraph(nodes: GraphNode[] | undefined): Reduced[] {
  return (nodes ?? [])
    .map((node) => ({
      digest: node.digest,
      artifactType: node.artifactType,
      annotations: node.annotations ?? {},
      referrers: reduceGraph(node.referrers),
    }))
    .sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
}

/**
 * The artifact type oras shows for a referrer. ggcr's referrers API lists each
 * with its config's media type as the artifactType, never the manifest's own
 * (pkg/registry/manifest.go, handleReferrers): there every OCI 1.1 artifact is
 * `application/vnd.oci.empty.v1+json`, and oras takes the list as it comes.
 */
export function typeListedBy(kind: RegistryKind | 'layout', artifactType: string): string {
  return kind === 'ggcr' ? 'application/vnd.oci.empty.v1+json' : artifactType;
}

/** Checks `reduced` has exactly these nodes (by digest) with these types, recursively. */
export function expectShape(reduced: Reduced[], expected: Array<{ digest: string; artifactType: string; referrers?: unknown[] }>): void {
  const shape = (nodes: Reduced[]): unknown[] => nodes.map((n) => ({ digest: n.digest, artifactType: n.artifactType, referrers: shape(n.referrers) }));
  const want = (nodes: Array<{ digest: string; artifactType: string; referrers?: unknown[] }>): unknown[] =>
    [...nodes]
      .sort((a, b) => (a.digest < b.digest ? -1 : 1))
      .map((n) => ({ digest: n.digest, artifactType: n.artifactType, referrers: want((n.referrers ?? []) as typeof nodes) }));
  expect(shape(reduced)).toEqual(want(expected));
}
