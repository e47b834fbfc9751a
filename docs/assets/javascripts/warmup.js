// Every page: the planner's and the program builder's scripts only where they are, and an early start of its
// Python runtime when a mouse rests on a link to the planner.
//
// The warm-up downloads the runtime (about 13 MB compressed, see README) before the click, so it
// starts only from a mouse pointer resting on the link for a moment: never from a touch (a tap
// is a click: the planner page starts Python itself), never from keyboard focus (Tab walks
// through the menu's links on its way elsewhere), and never with Save-Data or on a slow
// connection, where the download would cost more than the second it saves.
import { everyPage } from "./pages.js";

const PLANNER = new URL("../../planner/", import.meta.url);
const REST_MS = 150;
let warming = null;

everyPage(() => {
  // Each mounts itself on this and every later page view (instant navigation).
  if (document.getElementById("hg-planner")) import("../planner/planner.js");
  if (document.getElementById("hg-program")) import("../program/program.js");
});

function isPlannerLink(target) {
  const link = target instanceof Element ? target.closest("a[href]") : null;
  if (!link) return null;
  const url = new URL(link.href, location.href);
  const same = url.origin === PLANNER.origin
    && (url.pathname === PLANNER.pathname || url.pathname === PLANNER.pathname.replace(/\/$/, ".html"));
  return same ? link : null;
}

/** Whether a download of the runtime ahead of a click is welcome on this connection. */
export function warmUpAllowed(connection = navigator.connection) {
  if (!connection) return true; // no Network Information API: the person's choice is unknown
  if (connection.saveData) return false;
  // effectiveType, not downlink: Chromium's downlink estimate read 1.4 Mbit/s on loopback.
  return !/^(slow-2g|2g|3g)$/.test(connection.effectiveType ?? "");
}

function warm() {
  warming ??= import("../planner/client.js").then(({ start, status }) => {
    if (status.state === "idle") start();
  });
}

document.addEventListener("pointerover", (event) => {
  if (warming || event.pointerType !== "mouse" || document.getElementById("hg-planner")) return;
  const link = isPlannerLink(event.target);
  if (!link || !warmUpAllowed()) return;
  const timer = setTimeout(warm, REST_MS);
  link.addEventListener("pointerout", () => clearTimeout(timer), { once: true });
}, { passive: true, capture: true });
