export const id = 721;
export const ids = [721];
export const modules = {

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
var run_action = __webpack_require__(66501);
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
    await (0,run_action/* runAction */.Cs)(async (secrets, signal) => {
        const { progress, connection, reference } = (0,target_options/* startStep */.bP)(env, secrets, signal, (0,target_options/* referenceInput */.Ie)(env, 'reference'));
        const files = (0,inputs/* getList */.vS)('files', {}, env).map((file) => (0,artifact_inputs/* parseFileArgument */.L3)(file));
        const annotations = (0,annotation_arguments/* parseAnnotationArguments */.$I)((0,inputs/* getList */.vS)('annotations', {}, env), 'push');
        const annotationFile = (0,inputs/* getString */.AA)('annotation-file', env);
        const config = (0,inputs/* getString */.AA)('config', env);
        const artifactType = (0,inputs/* getString */.AA)('artifact-type', env);
        const platform = (0,inputs/* getString */.AA)('platform', env);
        const chunkSize = (0,inputs/* getPositiveInteger */.o0)('chunk-size', undefined, env);
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
