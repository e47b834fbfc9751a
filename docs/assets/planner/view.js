// Build a plan's element tree (made by generator/planner/tree.py, in Python) into DOM nodes.
//
// The tree is `[tag, {attributes}, ...children]`, children being trees or strings. Strings
// only ever become text nodes; tags, attributes and link targets are checked against the
// same allow-list the Python side enforces, so even a tampered tree cannot inject markup.

// The tags of a plan tree and the attributes each may carry: the same lists as ALLOWED in
// generator/planner/tree.py (tests/test_tree.py checks that they match). A new element goes
// into both.
const COMMON = ["class", "id", "data-kind", "data-status", "data-id", "aria-labelledby", "role"];
export const ALLOWED = Object.freeze({
  section: COMMON, div: COMMON, h2: COMMON, h3: COMMON, h4: COMMON, p: COMMON, ul: COMMON, ol: COMMON,
  li: COMMON, a: [...COMMON, "href"], strong: COMMON, span: COMMON, details: COMMON, summary: COMMON,
  img: [...COMMON, "src", "alt", "width", "height"],
});
const ATTRS = new Map(Object.entries(ALLOWED).map(([tag, names]) => [tag, new Set(names)]));
const SAFE_HREF = /^(\.\.\/|[a-z0-9][a-z0-9._-]*\/?)[a-z0-9._/-]*(#[a-z0-9_-]*)?$/i;
// An image is only ever an exercise's thumbnail under the site's assets/figures/.
const SAFE_SRC = /^(\.\.\/)*assets\/figures\/[a-z0-9][a-z0-9-]*\.svg$/;
const MAX_DEPTH = 12;

function build(node, depth) {
  if (typeof node === "string") return document.createTextNode(node);
  if (!Array.isArray(node) || depth > MAX_DEPTH) throw new TypeError("not a plan tree");
  const [tag, attrs, ...children] = node;
  const names = ATTRS.get(tag);
  if (!names || typeof attrs !== "object" || attrs === null) throw new TypeError(`tag not allowed: ${tag}`);
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (!names.has(name) || typeof value !== "string") throw new TypeError(`attribute not allowed: ${name}`);
    if (name === "href" && !SAFE_HREF.test(value)) throw new TypeError("link not allowed");
    if (name === "src" && !SAFE_SRC.test(value)) throw new TypeError("image not allowed");
    element.setAttribute(name, value);
  }
  for (const child of children) element.append(build(child, depth + 1));
  return element;
}

/** The DOM for a plan tree (TypeError if the tree breaks the allow-list). */
export function buildTree(tree) {
  return build(tree, 0);
}

/** Replace the plan body inside `section` with the tree's DOM; returns the new body. */
export function showTree(section, tree) {
  const body = buildTree(tree);
  const old = section.querySelector(".hg-plan__body");
  if (old) old.replaceWith(body);
  else section.append(body);
  return body;
}
