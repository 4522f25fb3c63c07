// A Stryker ignore-plugin: mutants that change only the words of an error or a warning
// (its message, hint, detail) are not run. They change what a user reads, never what
// ocikit decides, and the words users see are checked where they are printed, by the
// CLI, action and reliability tests, which run the built bundle and so cannot see a
// mutant of the sources anyway. What counts as words is narrow, so that a decision
// hiding in a message is still mutated:
//   - in the text arguments of `new XError(code, message, options)`, `fail(what, problem)`,
//     `unsafe(entry, reason)`, `registryError(what, ...)`, `warnOnce(key, message)`,
//     `onWarning(message)`, `readBounded(body, limit, what)`, `requestDeadline(ms, what)`: a string, a template whose parts only quote or list values
//     (no call that computes something, such as a slice that bounds registry text), or
//     a choice between two such;
//   - the `hint`, `detail` (and, for `fail`/`*Problem`, `reason`) values of an object in
//     those arguments, and that object itself when it holds nothing else (no `status`,
//     no `cause`).
// The error's code, the check that refused, a status, and every condition stay mutated.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

export const REASON = 'message text only: the words of an error or warning (stryker/ignore-message-text.mjs)';

/** Callee name -> index of the first argument that is text. */
const TEXT_CALLS = new Map([
  ['fail', 1],
  ['unsafe', 1],
  ['registryError', 0],
  ['warnOnce', 1],
  ['onWarning', 0],
  // What a bounded read or a deadline is about: only their error messages say it.
  ['readBounded', 2],
  ['requestDeadline', 1],
]);
/** Calls a message may make to quote or list a value, or to name an option (optionRef: each front end renders it in its words). */
const QUOTING_CALLS = new Set(['show', 'shown', 'stringify', 'String', 'join', 'optionRef']);
const TEXT_KEYS = new Set(['hint', 'detail']);
const PROBLEM_KEYS = new Set(['hint', 'detail', 'reason']);

function calleeName(node) {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** For a call or `new` whose arguments hold text: the index of the first text argument. */
function firstTextArgument(node) {
  if (node.type === 'NewExpression') {
    const name = calleeName(node);
    if (name === 'Error' || name === 'TypeError') return 0;
    return name?.endsWith('Error') ? 1 : undefined;
  }
  if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') return TEXT_CALLS.get(calleeName(node));
  return undefined;
}

function isQuotingExpression(node) {
  switch (node.type) {
    case 'Identifier':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'ThisExpression':
      return true;
    case 'MemberExpression':
      return !node.computed && isQuotingExpression(node.object);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return isQuotingExpression(node.expression);
    case 'CallExpression':
      return QUOTING_CALLS.has(calleeName(node)) && node.arguments.every((a) => a.type === 'StringLiteral' || isQuotingExpression(a)) &&
        (node.callee.type === 'Identifier' || isQuotingExpression(node.callee.object));
    case 'SpreadElement':
      return isQuotingExpression(node.argument);
    case 'ArrayExpression':
      return node.elements.every((e) => e && isQuotingExpression(e));
    case 'TemplateLiteral':
      return node.expressions.every(isQuotingExpression);
    default:
      return false;
  }
}

/** A string, a template that only quotes values, or a choice of two such (or of one and nothing). */
function isText(node) {
  if (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') return isQuotingExpression(node);
  if (node.type === 'ConditionalExpression') return isTextOrNothing(node.consequent) && isTextOrNothing(node.alternate);
  if (node.type === 'BinaryExpression' && node.operator === '+') return isText(node.left) && isText(node.right);
  return false;
}

function isTextOrNothing(node) {
  return (node.type === 'Identifier' && node.name === 'undefined') || isText(node);
}

function keyName(property) {
  if (property.type !== 'ObjectProperty' || property.computed) return undefined;
  return property.key.type === 'Identifier' ? property.key.name : property.key.type === 'StringLiteral' ? property.key.value : undefined;
}

/** The text keys of an object at `path`, if it is an argument of a text call or a `*Problem` function's result. */
function textKeysOf(path) {
  const parent = path.parentPath;
  if (!parent) return undefined;
  if (firstTextArgument(parent.node) !== undefined && parent.node.arguments?.includes(path.node)) {
    return calleeName(parent.node) === 'fail' ? PROBLEM_KEYS : TEXT_KEYS;
  }
  if (parent.node.type === 'ReturnStatement') {
    const fn = path.getFunctionParent();
    const name = fn?.node.id?.name;
    if (name?.endsWith('Problem')) return PROBLEM_KEYS;
  }
  return undefined;
}

export function shouldIgnore(path) {
  const node = path.node;
  const parent = path.parentPath;
  if (!parent) return undefined;
  // A text argument.
  const first = firstTextArgument(parent.node);
  if (first !== undefined) {
    const index = parent.node.arguments.indexOf(node);
    if (index >= first && isText(node)) return REASON;
  }
  // A text value in an options or problem object.
  if (parent.node.type === 'ObjectProperty' && parent.node.value === node && parent.parentPath) {
    const keys = textKeysOf(parent.parentPath);
    if (keys?.has(keyName(parent.node)) && isTextOrNothing(node)) return REASON;
  }
  // The options or problem object itself, when it holds only text (or a choice of such objects).
  const keys = textKeysOf(path);
  if (keys && isTextObject(node, keys)) return REASON;
  return undefined;
}

function isTextObject(node, keys) {
  if (node.type === 'ConditionalExpression') return isTextObject(node.consequent, keys) && isTextObject(node.alternate, keys);
  return node.type === 'ObjectExpression' &&
    node.properties.every((p) => keys.has(keyName(p)) && (isTextOrNothing(p.value) || p.value.type === 'Identifier' || p.value.type === 'MemberExpression'));
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'message-text', { shouldIgnore })];
