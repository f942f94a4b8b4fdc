// The page's one script, inlined by listsmith: search as you type, filters that combine, counts
// that follow, the query kept in the address, and the theme chooser. Without it every entry is
// still on the page; it only shows the controls and hides what doesn't match.
"use strict";
(() => {
  const THEME = "listsmith-theme";
  const root = document.documentElement;
  const saved = (() => {
    try {
      return localStorage.getItem(THEME) || "";
    } catch {
      return "";
    }
  })();
  if (saved) root.dataset.theme = saved; // before the body paints: no flash of the other theme

  // Folded as listsmith folds each entry's data-s: accents dropped, lowercase.
  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const plural = (n) => `${n} resource${n === 1 ? "" : "s"}`;

  function themeChooser() {
    const chooser = document.getElementById("theme");
    if (!chooser) return;
    chooser.value = saved;
    chooser.addEventListener("change", () => {
      if (chooser.value) root.dataset.theme = chooser.value;
      else delete root.dataset.theme;
      try {
        localStorage.setItem(THEME, chooser.value);
      } catch {
        // Storage refused (a private window): the choice lasts until the page closes.
      }
    });
    chooser.parentElement.hidden = false;
  }

  function filtering() {
    const form = document.getElementById("filters");
    if (!form) return;
    const controls = [...form.elements].filter((c) => c.name);
    const search = form.elements.namedItem("q");
    const status = document.getElementById("status");
    const empty = document.getElementById("empty");
    // Sections and list-item groups; an entry counts in every one it sits in.
    const groups = [...document.querySelectorAll("main [data-section]")];
    const groupIndex = new Map(groups.map((el, i) => [el, i]));
    const counters = groups.map((el) => el.querySelector(".count"));
    const totals = counters.map((el) => Number(el.dataset.total));
    const nav = new Map([...document.querySelectorAll("nav [data-for]")].map((el) => [el.dataset.for, el]));
    // Lists: a section's entries come in several; an emptied one is hidden, or the browser would
    // keep its remembered height off screen.
    const lists = [...document.querySelectorAll("main ul.entries")];
    const listIndex = new Map(lists.map((el, i) => [el, i]));
    const groupList = groups.map((el) => listIndex.get(el.parentElement) ?? -1);
    const elements = [...document.querySelectorAll("main .entry")];
    const entryIndex = new Map(elements.map((el, i) => [el, i]));
    const entries = elements.map((el) => {
      const chain = [];
      for (let g = el.closest("[data-section]"); g; g = g.parentElement.closest("[data-section]")) {
        chain.push(groupIndex.get(g));
      }
      const parent = el.parentElement.closest(".entry");
      return {
        el,
        text: el.dataset.s || "",
        topics: (el.dataset.t || "").split(" "),
        level: el.dataset.l || "",
        paid: el.dataset.p === "paid",
        section: groups[chain[0]].dataset.section,
        chain,
        parent: parent ? entryIndex.get(parent) : -1,
        list: listIndex.get(el.parentElement),
        shown: true,
        context: false,
      };
    });

    function matcher(query) {
      const words = fold(query.q || "").split(/\s+/).filter(Boolean);
      const below = `${query.section}/`;
      return (e) =>
        (!query.section || e.section === query.section || e.section.startsWith(below)) &&
        (!query.topic || e.topics.includes(query.topic)) &&
        (!query.level || e.level === query.level) &&
        (!query.price || (query.price === "paid") === e.paid) &&
        words.every((w) => e.text.includes(w));
    }

    function apply() {
      queued = false;
      const query = Object.fromEntries(controls.map((c) => [c.name, c.value.trim()]));
      const active = Object.values(query).some(Boolean);
      const matches = matcher(query);
      const counts = new Array(groups.length).fill(0);
      const shown = new Uint8Array(entries.length);
      const filled = new Uint8Array(lists.length);
      let total = 0;
      // Backwards, so sub-items are judged before their parent: a parent stays in sight
      // (dimmed, as context) when one of its sub-items matches.
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i];
        const match = matches(e);
        if (match) {
          total++;
          for (const g of e.chain) counts[g]++;
        }
        if (match || shown[i]) {
          shown[i] = 1;
          if (e.parent >= 0) shown[e.parent] = 1;
        }
        const visible = shown[i] === 1;
        if (visible) filled[e.list] = 1;
        if (e.shown !== visible) e.el.hidden = !(e.shown = visible);
        const context = visible && !match;
        if (e.context !== context) e.el.classList.toggle("context", (e.context = context));
      }
      groups.forEach((el, i) => {
        const text = active ? `${counts[i]} of ${totals[i]}` : `${totals[i]}`;
        const hide = active && counts[i] === 0; // a section of text alone shows until a search
        if (el.hidden !== hide) el.hidden = hide;
        if (!hide && groupList[i] >= 0) filled[groupList[i]] = 1;
        if (counters[i].textContent !== text) counters[i].textContent = text;
        const link = nav.get(el.dataset.section);
        if (link) {
          link.hidden = el.hidden;
          link.querySelector(".count").textContent = text;
        }
      });
      lists.forEach((el, i) => {
        const hide = !filled[i];
        if (el.hidden !== hide) el.hidden = hide;
      });
      status.textContent = active ? `${total} of ${plural(entries.length)}` : plural(entries.length);
      empty.hidden = total > 0;
      return query;
    }

    // The address keeps the query, for links and reloads. Written once typing pauses: replacing
    // the history entry costs more than filtering 10,000 entries.
    function remember(query) {
      const kept = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
      try {
        history.replaceState(null, "", `${location.pathname}${kept ? `?${kept}` : ""}${location.hash}`);
      } catch {
        // Some browsers refuse it for file:// pages; the filters work all the same.
      }
    }

    let queued = false;
    let pause = 0;
    const schedule = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        const query = apply();
        clearTimeout(pause);
        pause = setTimeout(() => remember(query), 300);
      });
    };

    const params = new URLSearchParams(location.search);
    for (const control of controls) {
      const value = params.get(control.name);
      if (value === null) continue;
      if (control.tagName === "SELECT" && ![...control.options].some((o) => o.value === value)) continue;
      control.value = value;
    }
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("reset", schedule);
    form.addEventListener("submit", (event) => event.preventDefault());
    document.getElementById("clear").addEventListener("click", () => {
      form.reset();
      schedule();
      search.focus();
    });
    document.addEventListener("keydown", (event) => {
      const typing = event.target instanceof Element && event.target.closest("input, select, textarea");
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        search.focus();
      }
    });
    form.hidden = false;
    apply();
  }

  document.addEventListener("DOMContentLoaded", () => {
    themeChooser();
    filtering();
  });
})();
