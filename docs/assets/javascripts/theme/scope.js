// mkdocs-material's inline head script, as a file so the Content-Security-Policy needs no
// 'unsafe-inline' (overrides/partials/javascripts/base.html). It defines the globals the theme's
// bundle expects; the scope (the site's root) comes from the script element's data attribute.
/* eslint-disable no-var */
var __md_scope = new URL(document.currentScript.dataset.mdScope, location);
var __md_hash = (e) => [...e].reduce((h, c) => (h << 5) - h + c.charCodeAt(0), 0);
var __md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
var __md_set = (e, _, t = localStorage, a = __md_scope) => {
  try {
    t.setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (error) {
    // storage full or off
  }
};
