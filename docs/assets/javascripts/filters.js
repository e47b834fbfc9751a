// Exercise index filters: pure client-side, re-mounted on every instant-navigation page.
// The filters live in the address (?level=beginner&muscle=gluteus-maximus), so a filtered list
// can be shared or bookmarked; the body map's regions set the same muscle filter as the select.
import { everyPage } from "./pages.js";

function mount() {
  const form = document.querySelector("[data-hg-filters]");
  const list = document.querySelector("[data-hg-cards]");
  if (!form || !list || form.dataset.mounted) return;
  form.dataset.mounted = "1";
  form.hidden = false;
  const cards = Array.prototype.slice.call(list.querySelectorAll(".hg-card"));
  const count = document.querySelector("[data-hg-count]");
  const empty = document.querySelector("[data-hg-empty]");
  const selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  const map = document.querySelector("[data-hg-bodymap]");
  const regions = map ? Array.prototype.slice.call(map.querySelectorAll("[data-muscle][role=button]")) : [];
  const muscle = form.querySelector('select[data-filter="muscle"]');

  // Start from the address: only values the selects offer are taken.
  const params = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    const value = params.get(s.dataset.filter);
    if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) s.value = value;
  });

  function remember() {
    const next = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      if (s.value) next.set(s.dataset.filter, s.value);
      else next.delete(s.dataset.filter);
    });
    const query = next.toString();
    const url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function apply() {
    const wanted = {};
    selects.forEach(function (s) {
      if (s.value) wanted[s.dataset.filter] = s.value;
    });
    let shown = 0;
    cards.forEach(function (card) {
      const ok = Object.keys(wanted).every(function (key) {
        return (card.getAttribute("data-" + key) || "").split(" ").indexOf(wanted[key]) !== -1;
      });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    regions.forEach(function (r) {
      r.setAttribute("aria-pressed", String(!!muscle && r.getAttribute("data-muscle") === muscle.value));
    });
    if (count) count.textContent = "Showing " + shown + " of " + cards.length + " exercises";
    if (empty) empty.hidden = shown !== 0;
    remember();
  }

  function pick(region) {
    if (!muscle) return;
    const id = region.getAttribute("data-muscle");
    muscle.value = muscle.value === id ? "" : id; // choosing the chosen muscle again clears it
    apply();
  }

  regions.forEach(function (r) {
    r.addEventListener("click", function () { pick(r); });
    r.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick(r);
      }
    });
  });
  if (map && muscle && regions.length) map.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
}

everyPage(mount);
