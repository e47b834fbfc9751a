// Right after the planner's root element: with scripting, the form shows at once, before the
// page's modules have loaded (a file, not an inline script: see generator/pages/security.py).
document.getElementById("hg-planner")?.classList.add("hg-planner--js");
