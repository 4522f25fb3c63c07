// The modules under mutation testing (issue 24): where a change nobody notices is a
// security or integrity bug. Each names the source it mutates and the test files that
// exercise it; Stryker runs only those. None runs the CLI or an action: those tests run
// the built bundles, which a mutant of the sources never reaches.
// `mutate` takes Stryker's syntax: a file, or `file:startLine-endLine` for a part.

export const MODULES = {
  digest: {
    mutate: ['packages/core/src/oci/digest.ts'],
    tests: ['test/core/digest.test.ts', 'test/core/registry-client-faults.test.ts'],
  },
  manifest: {
    mutate: ['packages/core/src/oci/manifest.ts'],
    tests: ['test/core/manifest.test.ts', 'test/reliability/properties.test.ts'],
  },
  reference: {
    mutate: ['packages/core/src/reference/reference.ts'],
    tests: ['test/core/reference.test.ts', 'test/reliability/properties.test.ts'],
  },
  'safe-extract': {
    mutate: ['packages/core/src/artifact/safe-extract.ts'],
    tests: ['test/core/safe-extract.test.ts', 'test/core/directory-tar.test.ts', 'test/reliability/properties.test.ts'],
  },
  'pull-artifact': {
    mutate: ['packages/core/src/artifact/pull-artifact.ts'],
    tests: ['test/core/pull-artifact.test.ts', 'test/core/artifact-roundtrip.test.ts'],
  },
  'registry-client': {
    mutate: ['packages/core/src/registry/registry-client.ts'],
    tests: ['test/core/registry-client.test.ts', 'test/core/registry-client-faults.test.ts', 'test/core/token-auth.test.ts'],
  },
  authenticator: {
    mutate: ['packages/core/src/registry/authenticator.ts'],
    tests: ['test/core/authenticator.test.ts', 'test/core/token-auth.test.ts', 'test/core/registry-client-faults.test.ts'],
  },
  'referrers-tag': {
    // The tag schema: the tag's name, and the read-modify-write of its index in remote-referrers.ts.
    mutate: ['packages/core/src/oci/referrers-tag.ts', 'packages/core/src/registry/remote-referrers.ts'],
    // The API path and the tidy's repairs and deletes live in remote-referrers.ts too; Harbor's immutable
    // sha256-<hex> tag is refused in registry-client-faults.test.ts.
    tests: ['test/core/referrers-tag-schema.test.ts', 'test/core/referrers-units.test.ts', 'test/core/referrers-registry.test.ts', 'test/core/referrers-api.test.ts', 'test/core/referrers-tidy.test.ts', 'test/core/registry-client-faults.test.ts'],
  },
  verify: {
    mutate: ['packages/core/src/sign/verify.ts'],
    tests: ['test/core/sign.test.ts', 'test/core/cosign-legacy.test.ts'],
  },
};
