// Build a printed sheet's element tree (generator/planner/sheet.py, made in Python) into DOM
// nodes, like assets/planner/view.js does for plans: strings only ever become text nodes, and
// tags and attributes are checked against the allow-list sheet.py's sheet_html enforces.
const SVG = "http://www.w3.org/2000/svg";
const COMMON = ["class", "id", "data-kind", "data-id", "role", "aria-label", "aria-hidden"];
const ALLOWED = new Map([
  ...["div", "header", "footer", "section", "h1", "h2", "h3", "p", "ol", "ul", "li", "span", "strong",
    "table", "thead", "tbody", "tr", "th", "td"].map((tag) => [tag, COMMON]),
  ["img", [...COMMON, "src", "alt", "width", "height"]],
  ["svg", [...COMMON, "viewBox", "width", "height", "focusable"]],
  ["path", ["class", "d"]],
]);
// Pictures only from this site's own figures (relative links); never javascript: or data:.
const SAFE_SRC = /^(\.\.\/)*[a-z0-9][a-z0-9._/-]*\.(svg|png|webp|jpg)$/i;
const MAX_DEPTH = 12;

function build(node, depth, inSvg) {
  if (typeof node === "string") return document.createTextNode(node);
  if (!Array.isArray(node) || depth > MAX_DEPTH) throw new TypeError("not a sheet tree");
  const [tag, attrs, ...children] = node;
  const allowed = ALLOWED.get(tag);
  if (!allowed || typeof attrs !== "object" || attrs === null) throw new TypeError(`tag not allowed: ${tag}`);
  const svg = inSvg || tag === "svg";
  const element = svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (!allowed.includes(name) || typeof value !== "string") throw new TypeError(`attribute not allowed: ${name}`);
    if (name === "src" && !SAFE_SRC.test(value)) throw new TypeError("picture not allowed");
    element.setAttribute(name, value);
  }
  for (const child of children) element.append(build(child, depth + 1, svg));
  return element;
}

/** Replace the contents of `container` with the sheet; returns the sheet element. */
export function showSheet(container, tree) {
  const sheet = build(tree, 0, false);
  container.replaceChildren(sheet);
  return sheet;
}
