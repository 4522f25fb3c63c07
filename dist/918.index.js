export const id = 918;
export const ids = [918];
export const modules = {

/***/ 62918:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pullCacheKey: () => (/* binding */ pullCacheKey),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/oci/media-types.js
var media_types = __webpack_require__(87536);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform_platform = __webpack_require__(77837);
// EXTERNAL MODULE: ./packages/core/dist/layout/oci-layout-store.js + 2 modules
var oci_layout_store = __webpack_require__(22235);
// EXTERNAL MODULE: ./packages/core/dist/artifact/pull-artifact.js + 2 modules
var pull_artifact = __webpack_require__(90277);
// EXTERNAL MODULE: ./packages/core/dist/referrers/remote-referrers.js
var remote_referrers = __webpack_require__(58162);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/errors.js
var errors = __webpack_require__(71403);
// EXTERNAL MODULE: ./packages/core/dist/referrers/referrer-descriptor.js
var referrer_descriptor = __webpack_require__(31386);
;// CONCATENATED MODULE: ./packages/core/dist/referrers/select-referrer.js


/**
 * The referrer of one artifact type that `subjectRef` has ("the SBOM of
 * app:v1"): the newest by `org.opencontainers.image.created` when there are
 * several, said as a warning on `progress`. None is a NOT_FOUND that names the
 * types there are.
 */
async function selectReferrer(target, subjectRef, artifactType, options = {}) {
    if (!target.referrers)
        throw new errors/* OcikitError */.Gu('UNSUPPORTED', `${target.name} cannot list referrers`);
    const resolved = await target.resolve(subjectRef);
    const subject = { mediaType: resolved.mediaType, digest: resolved.digest, size: resolved.size };
    const listing = await target.referrers(subject, { artifactType });
    const candidates = (0,referrer_descriptor/* sortNewestFirst */.BP)(listing.manifests);
    const chosen = candidates[0];
    if (!chosen) {
        const all = await target.referrers(subject);
        const types = [...new Set(all.manifests.map((d) => d.artifactType ?? d.mediaType))];
        throw new errors/* OcikitError */.Gu('NOT_FOUND', `${target.name}@${subject.digest} has no referrer of type ${artifactType}`, {
            hint: types.length ? `its referrers are of type ${types.join(', ')}; \`ocikit discover\` shows them` : 'it has no referrers at all; attach one with `ocikit attach`',
        });
    }
    if (candidates.length > 1) {
        const created = chosen.annotations?.['org.opencontainers.image.created'];
        options.progress?.warning?.(`${candidates.length} referrers of type ${artifactType} on ${subject.digest}; pulling the newest, ${chosen.digest}${created ? ` (created ${created})` : ''}`);
    }
    return { subject, chosen, candidates };
}
//# sourceMappingURL=select-referrer.js.map
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
;// CONCATENATED MODULE: ./packages/core/dist/results/pull-result-json.js


/** `reference` is what the pull named; `referrer` the referrer chosen when it asked for an artifact type. */
function pullResultJson(reference, result, referrer) {
    return {
        reference: (0,reference_reference/* pinnedReference */.ct)(reference, result.index || referrer ? undefined : reference.tag, result.descriptor.digest),
        digest: result.descriptor.digest,
        mediaType: result.descriptor.mediaType,
        artifactType: result.manifest.artifactType,
        ...(referrer ? { subject: referrer.subject.digest, candidates: referrer.candidates.length } : {}),
        ...(result.index && result.platform ? { index: result.index.digest, platform: (0,platform_platform/* platformString */.Fd)(result.platform) } : {}),
        files: result.files.map((f) => ({
            title: f.title,
            path: f.path,
            digest: f.descriptor.digest,
            size: f.descriptor.size,
            mediaType: f.descriptor.mediaType,
            unpacked: f.unpacked,
        })),
    };
}
//# sourceMappingURL=pull-result-json.js.map
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/pull.js
/**
 * pull: the files of an artifact into a directory, as `ocikit pull` (openTarget,
 * selectReferrer for `artifact-type`, pullArtifact). With `cache: true` the
 * Actions cache keeps the artifact's blobs (an OCI layout of exactly what the
 * pull reads), keyed by the manifest digest: the digest is resolved first, the
 * layout restored, and the files pulled from it, every manifest and blob verified
 * against the digests the key names, as from a registry. A miss copies what the
 * pull reads into the layout (one download), pulls from it and saves it; an entry
 * that does not verify is ignored, with a warning, and the pull goes to the registry.
 */











const loadActionsCache = async () => Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(863)]).then(__webpack_require__.bind(__webpack_require__, 91863));
/**
 * The cache key for a pull: the manifest digest, plus a hash of what changes which
 * files land from it: the media-type filter, and for an index the platform whose
 * entry is pulled (and whether a compatible one may be). Keys hold no commas and stay far below the service's 512 characters.
 */
function pullCacheKey(digest, mediaTypes, platform, compatiblePlatforms = false) {
    // v2: an entry holds the artifact's blobs as an OCI layout (v1 held the pulled files, unverifiable).
    const base = `ocikit-pull-v2-${digest.replace(':', '-')}`;
    const filter = [...new Set(mediaTypes)].sort();
    if (filter.length === 0 && platform === undefined)
        return base;
    // With compatible platforms, the entry for linux/arm/v7 may be arm/v6's: another key than the exact one.
    const parts = platform === undefined ? filter : [...filter, `platform=${platform}`, ...(compatiblePlatforms ? ['compatible'] : [])];
    return `${base}-${(0,external_node_crypto_.createHash)('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)}`;
}
/**
 * Whether and how this pull uses the cache; undefined (after a warning saying why)
 * when it cannot. `known` is the manifest when it is already resolved (a referrer).
 */
async function planCache(filter, target, wanted, known, env, dependencies) {
    const service = await (dependencies.loadCache ?? loadActionsCache)();
    if (!service.isFeatureAvailable()) {
        core/* warning */.$e('cache: the Actions cache service is not available on this runner; pulling without it');
        return undefined;
    }
    // Resolve first: the key is the digest, whatever tag named it; from an index, the platform picks the files.
    const descriptor = known ?? (await target.resolve(wanted));
    const platform = (0,media_types/* isIndexMediaType */.$$)(descriptor.mediaType) ? (filter.platform ?? (0,platform_platform/* platformString */.Fd)((0,platform_platform/* hostPlatform */.ol)())) : undefined;
    const key = pullCacheKey(descriptor.digest, filter.mediaTypes, platform, filter.compatiblePlatforms);
    return { service, digest: descriptor.digest, key, layout: (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'ocikit-pull-cache', key) };
}
/** Pulls from the cache's layout: by the key's digest, so every manifest and blob is checked against it. */
async function pullFromLayout(layout, digest, options) {
    const store = await oci_layout_store/* OciLayoutStore */.J.open(layout);
    try {
        return await (0,pull_artifact/* pullArtifact */.O)(store, digest, options);
    }
    finally {
        await store.close();
    }
}
/**
 * A miss: what the pull reads goes from the registry into a fresh layout (one
 * download), the files come from the layout, and the layout is saved.
 */
async function pullThroughCache(target, cache, options, secrets) {
    await (0,promises_.rm)(cache.layout, { recursive: true, force: true });
    const store = await oci_layout_store/* OciLayoutStore */.J.open(cache.layout, { create: true });
    try {
        await (0,pull_artifact/* copyForPull */.a)(target, cache.digest, store, options);
    }
    finally {
        await store.close();
    }
    const result = await pullFromLayout(cache.layout, cache.digest, options);
    try {
        await cache.service.saveCache([cache.layout], cache.key);
        core/* info */.pq(`cache: saved the artifact's blobs as ${cache.key}`);
    }
    catch (error) {
        core/* warning */.$e(`cache: not saved: ${secrets.redact(message(error))}`);
    }
    return result;
}
const message = (error) => String(error?.message ?? error);
async function run(env = process.env, dependencies = {}) {
    await (0,run_action/* runAction */.Cs)('pull', async (secrets, signal) => {
        const { progress, connection, reference: parsed } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const directory = (0,inputs/* getString */.AA)('path', env) || '.';
        const mediaTypes = (0,inputs/* getList */.vS)('media-types', { comma: true }, env);
        const keepOldFiles = (0,inputs/* getBoolean */.pW)('keep-old-files', false, env);
        const useCache = (0,inputs/* getBoolean */.pW)('cache', false, env);
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const platform = (0,inputs/* getString */.AA)('platform', env);
        if (platform)
            (0,platform_platform/* parsePlatform */.Y8)(platform); // refused now, before any request
        const compatiblePlatforms = (0,inputs/* getBoolean */.pW)('compatible-platforms', false, env);
        const maxUnpackedBytes = (0,inputs/* getPositiveInteger */.o0)('max-unpack-bytes', undefined, env);
        const referrersMode = (0,inputs/* getChoice */.m)('referrers-mode', remote_referrers/* REFERRERS_MODES */.kz, 'auto', env);
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const { target, reference, selector } = await (0,open_target/* openTarget */.A)(parsed, { ...connection, referrersMode });
        try {
            // "The SBOM of app:v1": a referrer of the reference, picked by artifact type (the newest of several).
            const referrer = artifactType ? await selectReferrer(target, selector, artifactType, { progress }) : undefined;
            const wanted = referrer ? referrer.chosen.digest : selector;
            const cache = useCache ? await planCache({ mediaTypes, platform: platform || undefined, compatiblePlatforms }, target, wanted, referrer?.chosen, env, dependencies) : undefined;
            const options = {
                outputDir: directory,
                mediaTypes,
                keepOldFiles,
                concurrency,
                progress,
                ...(platform ? { platform } : {}),
                ...(compatiblePlatforms ? { compatiblePlatforms: true } : {}),
                ...(maxUnpackedBytes ? { maxUnpackedBytes } : {}),
            };
            let result;
            let cacheHit = false;
            let entryBroken = false;
            if (cache) {
                const restored = await cache.service.restoreCache([cache.layout], cache.key).catch((error) => {
                    core/* warning */.$e(`cache: restore failed, pulling instead: ${secrets.redact(message(error))}`);
                    return undefined;
                });
                if (restored === cache.key) {
                    try {
                        result = await pullFromLayout(cache.layout, cache.digest, options);
                        cacheHit = true;
                    }
                    catch (error) {
                        // A tampered or broken entry: its blobs do not match the digests the key names. Its key
                        // is taken (cache entries are immutable), so the pull goes to the registry and saves nothing.
                        entryBroken = true;
                        core/* warning */.$e(`cache: the entry ${cache.key} does not hold what its digest names, so it is not used: ${secrets.redact(message(error))}; pulling from the registry`);
                    }
                }
                else {
                    core/* info */.pq(`cache: no entry for ${cache.key}; pulling`);
                }
            }
            result ??= cache && !entryBroken ? await pullThroughCache(target, cache, options, secrets) : await (0,pull_artifact/* pullArtifact */.O)(target, cache?.digest ?? wanted, options);
            const json = pullResultJson(reference, result, referrer);
            core/* info */.pq(`${cacheHit ? 'Restored' : 'Pulled'} ${json.reference} into ${directory}${json.platform ? ` (${json.platform} from index ${json.index})` : ''}${cacheHit ? ` from the Actions cache (key ${cache.key}), every file verified` : ''}`);
            (0,outputs/* setOutputs */.n)({
                digest: result.descriptor.digest,
                reference: json.reference,
                'cache-hit': String(cacheHit),
                files: result.files.map((f) => f.path).join('\n'),
                json: { ...json, cacheHit, ...(cache ? { cacheKey: cache.key } : {}) },
            });
            await (0,summary/* writePullSummary */.Rs)(json.reference, result, cacheHit ? cache.key : undefined);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=pull.js.map

/***/ })

};
