// mkdocs-material's inline content script, as a file (overrides/partials/javascripts/content.html):
// opens the content tab that the address names. Instant navigation runs it again on every page.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
