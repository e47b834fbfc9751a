// Exercise index filters: pure client-side, re-mounted on every instant-navigation page.
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

  function apply() {
    const wanted = {};
    form.querySelectorAll("select[data-filter]").forEach(function (s) {
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
    if (count) count.textContent = "Showing " + shown + " of " + cards.length + " exercises";
    if (empty) empty.hidden = shown !== 0;
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
}

everyPage(mount);
