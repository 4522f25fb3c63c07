export const id = 665;
export const ids = [665];
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

/***/ 62665:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(89629);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(58162);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(45355);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(55232);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(23871);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(94438);
/* harmony import */ var _ocikit_core__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(68706);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43345);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28796);
/* harmony import */ var _run_action_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99345);
/* harmony import */ var _signer_inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39981);
/* harmony import */ var _summaries_sign_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9796);
/* harmony import */ var _target_options_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(19152);
/**
 * sign: signs the manifest `reference` names as `cosign sign` does (a Sigstore
 * bundle) and attaches the bundle as its referrer, the same core call as
 * `ocikit sign` (signReference). With a key (`key`: the PEM text, from a secret)
 * or keyless (`keyless: true`: the job's GitHub OIDC identity, certified by Fulcio).
 * The key text and the OIDC request token are masked before anything runs.
 */








async function run(env = process.env) {
    await (0,_run_action_js__WEBPACK_IMPORTED_MODULE_3__/* .runAction */ .Cs)('sign', async (secrets, signal) => {
        (0,_signer_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .maskSigningKeyInput */ .BA)(env, secrets);
        const { progress, connection, reference: subject } = (0,_target_options_js__WEBPACK_IMPORTED_MODULE_6__/* .startStep */ .bP)(env, secrets, signal, (0,_target_options_js__WEBPACK_IMPORTED_MODULE_6__/* .referenceInput */ .Ie)(env, 'reference'));
        const signer = await (0,_signer_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .signerFromInputs */ .KF)('sign', env, secrets);
        const annotations = (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_7__/* .parseAnnotationArguments */ .$I)((0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .getList */ .vS)('annotations', {}, env), 'sign');
        const referrersMode = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .getChoice */ .m)('referrers-mode', _ocikit_core__WEBPACK_IMPORTED_MODULE_8__/* .REFERRERS_MODES */ .kz, 'auto', env);
        const epoch = (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_9__/* .sourceDateEpoch */ .p)(env);
        const { target, reference, selector } = await (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_10__/* .openTarget */ .A)(subject, { ...connection, referrersMode });
        try {
            const result = await (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_11__/* .signReference */ .r3)(target, selector, {
                signer,
                ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
                ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
                progress,
            }).catch((error) => {
                throw (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_12__/* .explainUnreachableRekor */ .hQ)(error, signer, _signer_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .TLOG_HINT */ .Tx);
            });
            const json = (0,_ocikit_core__WEBPACK_IMPORTED_MODULE_13__/* .signResultJson */ .T)(reference, result);
            const by = json.signer.kind === 'key' ? `key ${json.signer.hint}` : json.signer.identity;
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Signed ${json.subject.reference} with ${by}: ${json.reference}`);
            (0,_outputs_js__WEBPACK_IMPORTED_MODULE_2__/* .setOutputs */ .n)({ digest: json.digest, reference: json.reference, subject: json.subject.reference, json });
            await (0,_summaries_sign_js__WEBPACK_IMPORTED_MODULE_5__/* .writeSignSummary */ .dD)(json);
        }
        finally {
            await target.close();
        }
    });
}
//# sourceMappingURL=sign.js.map

/***/ }),

/***/ 9796:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MX: () => (/* binding */ evidence),
/* harmony export */   dD: () => (/* binding */ writeSignSummary),
/* harmony export */   jw: () => (/* binding */ signerCell)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52902);
/* harmony import */ var _attach_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49720);
/** sign's job summary: what was signed, by what (key hint or certificate identity), with what evidence, and where the signature went. */



function signerCell(signer) {
    return signer.kind === 'key' ? `key ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(signer.hint)}` : `keyless: ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(signer.identity)}`;
}
function evidence(tlog, timestamps) {
    const parts = [];
    if (tlog > 0)
        parts.push(`${tlog} Rekor entr${tlog === 1 ? 'y' : 'ies'}`);
    if (timestamps > 0)
        parts.push(`${timestamps} signed timestamp${timestamps === 1 ? '' : 's'}`);
    return parts.length > 0 ? parts.join(', ') : 'no transparency log entry, no timestamp';
}
async function writeSignSummary(json, verb = 'sign') {
    const summary = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z
        .addHeading(`ocikit ${verb}`, 3)
        .addTable([
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(verb === 'sign' ? 'Signed' : 'Attested', 'Signed by', 'Evidence', verb === 'sign' ? 'Signature' : 'Attestation', 'Listed by'),
        [(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.subject.reference), signerCell(json.signer), evidence(json.transparencyLogEntries, json.signedTimestamps), (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.reference), (0,_attach_js__WEBPACK_IMPORTED_MODULE_2__/* .listingCell */ .R)(json.referrers)],
    ])
        .addRaw(`${verb === 'sign' ? 'Signature' : 'Attestation'} manifest ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.digest)}, ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(json.size)}, predicate ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(json.predicateType)}`, true);
    await (0,_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .writeSummary */ .Sy)(summary);
}
//# sourceMappingURL=sign.js.map

/***/ })

};
