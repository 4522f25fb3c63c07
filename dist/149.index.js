export const id = 149;
export const ids = [149];
export const modules = {

/***/ 80149:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/credentials/credential-chain.js + 2 modules
var credential_chain = __webpack_require__(32808);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/registry/registry-client.js + 4 modules
var registry_client = __webpack_require__(310);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/copy/copy-graph.js + 1 modules
var copy_graph = __webpack_require__(49626);
;// CONCATENATED MODULE: ./packages/core/dist/copy/copy-reference.js




/**
 * `ocikit copy <src> <dst>`: opens both ends and copies the graph. Two
 * repositories of one registry share one client, so one token can cover both
 * (a mount needs pull on the source and push on the destination) and
 * connections are reused. An OCI layout destination is created if need be.
 * The destination's tag or digest names the copy; without either it takes the
 * source's tag (or digest).
 */
async function copyReference(source, destination, options = {}) {
    const from = typeof source === 'string' ? (0,reference/* parseReference */.F2)(source) : source;
    const to = typeof destination === 'string' ? (0,reference/* parseReference */.F2)(destination) : destination;
    const shared = from.kind === 'registry' && to.kind === 'registry' && from.registry === to.registry
        ? new registry_client/* RegistryClient */.bP({ ...options, registry: from.registry, endpointHost: (0,reference/* registryEndpointHost */.dU)(from.registry) })
        : undefined;
    const targetOptions = { ...options, ...(shared ? { client: shared } : {}) };
    try {
        const sourceTarget = (await (0,open_target/* openTarget */.A)(from, targetOptions)).target;
        try {
            const destinationTarget = (await (0,open_target/* openTarget */.A)(to, { ...targetOptions, create: true })).target;
            try {
                const destinationRef = to.tag ?? to.digest;
                const result = await (0,copy_graph/* copyGraph */.a)(sourceTarget, (0,reference/* referenceSelector */.d3)(from), destinationTarget, destinationRef, options);
                return { ...result, source: from, destination: to };
            }
            finally {
                await destinationTarget.close();
            }
        }
        finally {
            await sourceTarget.close();
        }
    }
    finally {
        await shared?.close();
    }
}
//# sourceMappingURL=copy-reference.js.map
;// CONCATENATED MODULE: ./packages/core/dist/results/copy-result-json.js

function copyResultJson(result) {
    return {
        source: (0,reference/* formatReference */.FH)(result.source),
        destination: (0,reference/* pinnedReference */.ct)(result.destination, result.tag, result.descriptor.digest),
        ...result.descriptor,
        blobs: result.blobs,
        manifests: result.manifests,
        bytes: result.bytes,
        ...(result.referrers ? { referrers: result.referrers } : {}),
    };
}
//# sourceMappingURL=copy-result-json.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
;// CONCATENATED MODULE: ./packages/github/dist/summaries/copy.js
/** copy's job summary: from where to where, the counts, and every blob and manifest that moved with its size. */


async function writeCopySummary(json, transfers) {
    const { blobs, manifests, referrers } = json;
    await (0,summary/* writeSummary */.Sy)((0,summary/* addTransfers */.Ub)(core/* summary */.z
        .addHeading('ocikit copy', 3)
        .addTable([
        (0,summary/* header */.wx)('Source', 'Destination', 'Media type'),
        [(0,summary/* code */.aY)(json.source), (0,summary/* code */.aY)(json.destination), (0,summary/* code */.aY)(json.mediaType)],
    ])
        .addTable([
        (0,summary/* header */.wx)('Blobs copied', 'Blobs mounted', 'Blobs present', 'Manifests copied', 'Manifests present', 'Bytes sent', ...(referrers ? ['Referrers copied', 'Referrers present'] : [])),
        [
            String(blobs.copied),
            String(blobs.mounted),
            String(blobs.skipped),
            String(manifests.copied),
            String(manifests.skipped),
            (0,summary/* formatBytes */.z3)(json.bytes),
            ...(referrers ? [String(referrers.copied), String(referrers.skipped)] : []),
        ],
    ]), transfers));
}
//# sourceMappingURL=copy.js.map
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/copy.js
/**
 * copy: an image, index or artifact with everything it points to (and with
 * `referrers: true` its signatures, SBOMs and reports) between registries and
 * layouts, the same core call as `ocikit copy` (copyReference).
 */







async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('copy', async (secrets, signal) => {
        const { progress, connection, source, destination } = (0,target_options/* startStep */.bP)(env, secrets, signal, () => {
            const source = (0,reference/* parseReference */.F2)((0,inputs/* getRequired */.kA)('source', env));
            const destination = (0,reference/* parseReference */.F2)((0,inputs/* getRequired */.kA)('destination', env));
            return { source, destination, registries: (0,target_options/* registryHosts */.j$)(source, destination), givenFor: (0,credential_chain/* givenCredentialRegistries */.Gq)(destination, [source]) };
        });
        const referrers = (0,inputs/* getBoolean */.pW)('referrers', false, env);
        const anonymousMount = (0,inputs/* getBoolean */.pW)('anonymous-mount', false, env);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const result = await copyReference(source, destination, {
            ...connection,
            concurrency,
            progress,
            referrersMode,
            ...(referrers ? { referrers: true } : {}),
            ...(anonymousMount ? { anonymousMount: true } : {}),
        });
        const json = copyResultJson(result);
        core/* info */.pq(`Copied ${json.source} to ${json.destination}`);
        (0,outputs/* setOutputs */.n)({ digest: json.digest, reference: json.destination, json });
        await writeCopySummary(json, progress.transfers);
    });
}
//# sourceMappingURL=copy.js.map

/***/ })

};
