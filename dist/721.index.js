export const id = 721;
export const ids = [721];
export const modules = {

/***/ 89629:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $I: () => (/* binding */ parseAnnotationArguments),
/* harmony export */   O$: () => (/* binding */ parseAnnotationArgumentList),
/* harmony export */   f8: () => (/* binding */ unprefixedAnnotations),
/* harmony export */   yp: () => (/* binding */ checkAnnotationPlaces)
/* harmony export */ });
/* unused harmony exports ANNOTATION_LEVELS, parseAnnotationArgument */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71403);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77837);
/**
 * `key=value` annotation arguments (`--annotation`, the `annotations` input), with
 * Docker's level prefixes as docker/metadata-action and buildx write them:
 * `manifest:`, `index:`, `manifest-descriptor:`, `index-descriptor:`, several at
 * once (`index,manifest:`) and a platform for a per-platform level
 * (`manifest[linux/arm64]:`). A prefix says where the annotation goes; a verb
 * takes it there or refuses it, and never keeps the prefix as part of the key.
 */


const ANNOTATION_LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];
const PREFIX = /^([a-z,-]+)(?:\[([^\]]*)\])?:(.*)$/s;
/** One `[levels[platforms]:]key=value` argument. */
function parseAnnotationArgument(text) {
    const eq = text.indexOf('=');
    const bad = () => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation "${text}" is not key=value`, {
            hint: `e.g. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .optionRef */ .$j)('annotation')} org.opencontainers.image.source=https://github.com/org/repo`,
        });
    };
    if (eq <= 0)
        bad();
    const name = text.slice(0, eq);
    const value = text.slice(eq + 1);
    const prefixed = PREFIX.exec(name);
    const words = prefixed?.[1].split(',') ?? [];
    // A key may hold a colon of its own (`com.example:build`): only Docker's four words make a prefix.
    if (!prefixed || !words.every((word) => ANNOTATION_LEVELS.includes(word))) {
        if (/[[\]]/.test(name))
            bad();
        return { key: name, value };
    }
    const key = prefixed[3];
    if (key === '')
        bad();
    const platforms = prefixed[2]?.split(',').map((p) => (0,_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePlatform */ .Y8)(p.trim()));
    return { key, value, levels: [...new Set(words)], ...(platforms ? { platforms } : {}) };
}
function parseAnnotationArgumentList(values) {
    return values.map(parseAnnotationArgument);
}
/** The user's map as arguments with no prefix (what a CI run adds, for a verb that takes levels). */
function unprefixedAnnotations(annotations) {
    return Object.entries(annotations).map(([key, value]) => ({ key, value }));
}
const WHAT_WRITES = {
    manifest: 'push, attach, sign and release write manifests',
    index: 'index create and release write an index',
    'manifest-descriptor': 'release writes an index whose entries are its manifests',
    'index-descriptor': "no ocikit verb writes a descriptor of an index (it would live in an OCI layout's index.json or a parent index)",
};
/** Refuses an argument whose prefix names a level or platform the verb has no place for. */
function checkAnnotationPlaces(argument, places) {
    for (const level of argument.levels ?? []) {
        if (places.levels.includes(level))
            continue;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation ${level}:${argument.key} has nowhere to go: ${places.verb} writes no ${level.replace('-', ' ')}`, {
            hint: `${WHAT_WRITES[level]}; drop the ${level}: prefix to annotate what ${places.verb} writes (${places.levels.join(', ')})`,
        });
    }
    if (argument.platforms && !places.perPlatform) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OcikitError */ .Gu('INVALID_INPUT', `annotation ${argument.key} names platforms (${argument.platforms.map(_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .platformString */ .Fd).join(', ')}), and ${places.verb} writes one manifest for none`, {
            hint: 'drop the [platform] part; release writes a manifest per platform',
        });
    }
}
/**
 * The annotations of a verb that writes one thing: unprefixed keys and those
 * prefixed with its level; any other prefix is refused with where it could go.
 */
function parseAnnotationArguments(values, verb) {
    const annotations = {};
    for (const argument of parseAnnotationArgumentList(values)) {
        checkAnnotationPlaces(argument, { verb, levels: [verb === 'index' ? 'index' : 'manifest'] });
        annotations[argument.key] = argument.value;
    }
    return annotations;
}
//# sourceMappingURL=annotation-arguments.js.map

/***/ }),

/***/ 5721:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./packages/core/dist/artifact/artifact-inputs.js
var artifact_inputs = __webpack_require__(35469);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-arguments.js
var annotation_arguments = __webpack_require__(89629);
// EXTERNAL MODULE: ./packages/core/dist/util/source-date-epoch.js
var source_date_epoch = __webpack_require__(45355);
// EXTERNAL MODULE: ./packages/core/dist/reference/reference.js
var reference_reference = __webpack_require__(37473);
// EXTERNAL MODULE: ./packages/core/dist/target/open-target.js
var open_target = __webpack_require__(55232);
// EXTERNAL MODULE: ./packages/core/dist/artifact/push-artifact.js + 1 modules
var push_artifact = __webpack_require__(35034);
// EXTERNAL MODULE: ./packages/core/dist/artifact/annotation-file.js
var annotation_file = __webpack_require__(25963);
// EXTERNAL MODULE: ./packages/core/dist/platform/platform.js
var platform_platform = __webpack_require__(77837);
;// CONCATENATED MODULE: ./packages/core/dist/results/push-result-json.js

/** `reference` is where the push went (its tag, if any, is the first of `result.tags`). */
function pushResultJson(reference, result) {
    return {
        reference: (0,reference_reference/* pinnedReference */.ct)(reference, result.tags[0], result.descriptor.digest),
        digest: result.descriptor.digest,
        mediaType: result.descriptor.mediaType,
        size: result.descriptor.size,
        artifactType: result.manifest.artifactType,
        tags: result.tags,
        layers: result.layers.map((l) => ({ ...l.descriptor, outcome: l.outcome })),
    };
}
//# sourceMappingURL=push-result-json.js.map
// EXTERNAL MODULE: ./packages/github/dist/inputs.js
var inputs = __webpack_require__(43345);
// EXTERNAL MODULE: ./packages/github/dist/outputs.js
var outputs = __webpack_require__(28796);
// EXTERNAL MODULE: ./packages/github/dist/run-action.js + 2 modules
var run_action = __webpack_require__(99345);
// EXTERNAL MODULE: ./packages/github/dist/run-annotations.js
var run_annotations = __webpack_require__(10912);
// EXTERNAL MODULE: ./packages/github/dist/summary.js
var summary = __webpack_require__(52902);
// EXTERNAL MODULE: ./packages/github/dist/target-options.js + 2 modules
var target_options = __webpack_require__(19152);
;// CONCATENATED MODULE: ./packages/github/dist/actions/push.js
/**
 * The root action: push files and directories as an OCI artifact. Inputs → the
 * same core calls as `ocikit push` (openTarget, parseFileArgument,
 * parseAnnotationArguments, pushArtifact) → outputs and the job summary.
 */








async function run(env = process.env) {
    await (0,run_action/* runAction */.Cs)('push', async (secrets, signal) => {
        const { progress, connection, reference } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const files = (0,inputs/* getList */.vS)('files', {}, env).map((file) => (0,artifact_inputs/* parseFileArgument */.L3)(file));
        const annotations = (0,annotation_arguments/* parseAnnotationArguments */.$I)((0,inputs/* getList */.vS)('annotations', {}, env), 'push');
        const annotationFile = (0,inputs/* getString */.AA)('annotation-file', env);
        const config = (0,inputs/* getString */.AA)('config', env);
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const platform = (0,inputs/* getString */.AA)('platform', env);
        const chunkSize = (0,inputs/* getPositiveInteger */.o0)('chunk-size', undefined, env);
        const inlineMax = (0,inputs/* getPositiveInteger */.o0)('inline-max', undefined, env);
        const concurrency = (0,inputs/* getPositiveInteger */.o0)('concurrency', 3, env);
        const epoch = (0,source_date_epoch/* sourceDateEpoch */.p)(env);
        const tags = (0,reference_reference/* pushTags */.YP)(reference, (0,inputs/* getList */.vS)('tags', { comma: true }, env));
        const overwrite = (0,inputs/* getBoolean */.pW)('overwrite', true, env);
        const { target } = await (0,open_target/* openTarget */.A)(reference, { ...connection, ...(chunkSize ? { chunkSize } : {}), create: true });
        try {
            const result = await (0,push_artifact/* pushArtifact */.X)(target, {
                files,
                tags,
                ...(artifactType ? { artifactType } : {}),
                annotations,
                ...(annotationFile ? { annotationFile: await (0,annotation_file/* readAnnotationFile */.yB)(annotationFile) } : {}),
                // Under the user's keys, the annotation file's `$manifest` included: core keeps the rule.
                runAnnotations: (0,run_annotations/* runAnnotations */.c)(env),
                ...(config ? { config: (0,artifact_inputs/* parseFileArgument */.L3)(config) } : {}),
                ...(platform ? { platform: (0,platform_platform/* parsePlatform */.Y8)(platform) } : {}),
                ...(inlineMax ? { inlineMax } : {}),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                concurrency,
                ...(overwrite ? {} : { noOverwrite: true }),
                progress,
                signal,
            });
            const json = pushResultJson(reference, result);
            core/* info */.pq(`Pushed ${json.reference}`);
            (0,outputs/* setOutputs */.n)({ digest: result.descriptor.digest, reference: json.reference, json });
            await (0,summary/* writePushSummary */.uk)(json.reference, result);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=push.js.map

/***/ }),

/***/ 10912:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ runAnnotations),
/* harmony export */   i: () => (/* binding */ withRunAnnotations)
/* harmony export */ });
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98034);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61415);
/**
 * The manifest annotations a workflow run knows: where the source lives and which
 * commit was built. `org.opencontainers.image.created` is left to core, which sets
 * it to the time of the push (the run's time) or to SOURCE_DATE_EPOCH, so a
 * reproducible build keeps a reproducible digest. Whatever the user sets wins.
 */

/** `org.opencontainers.image.source` and `.revision` from GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA. */
function runAnnotations(env = process.env) {
    const annotations = {};
    const server = (env.GITHUB_SERVER_URL ?? '').trim().replace(/\/+$/, '');
    const repository = (env.GITHUB_REPOSITORY ?? '').trim();
    if (server !== '' && repository !== '')
        annotations[_ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Source] = `${server}/${repository}`;
    const sha = (env.GITHUB_SHA ?? '').trim();
    if (sha !== '')
        annotations[_ocikit_core__WEBPACK_IMPORTED_MODULE_0__/* .Annotation */ .Y.Revision] = sha;
    return annotations;
}
/** The run's annotations under the user's (core's rule): a key the user sets is theirs. */
function withRunAnnotations(user, env = process.env) {
    return (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_1__/* .manifestAnnotations */ .g)({ run: runAnnotations(env), given: user });
}
//# sourceMappingURL=run-annotations.js.map

/***/ })

};
