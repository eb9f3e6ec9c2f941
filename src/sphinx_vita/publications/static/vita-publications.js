// Vita publications: the "Copy" button under each BibTeX block copies the entry's BibTeX.
// In a list the block is a <details> toggle that works without this script; on a
// publication's own page it is always open.
(() => {
  "use strict";
  // The stylesheet shows the Copy buttons only on pages where this script runs.
  document.documentElement.classList.add("vita-js");
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".vita-bibtex button.vita-copy");
    if (!button) return;
    const pre = button.closest(".vita-bibtex").querySelector("pre");
    if (!pre || !navigator.clipboard) return;
    navigator.clipboard.writeText(pre.textContent).then(
      () => {
        button.textContent = "Copied";
        setTimeout(() => { button.textContent = "Copy"; }, 1500);
      },
      () => { button.textContent = "Copy failed"; },
    );
  });
})();
