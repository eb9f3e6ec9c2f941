// Vita on Read the Docs: furo's search box opens Read the Docs' server-side search.
//
// Read the Docs injects its addons script into every page it serves. Once it knows the
// project's settings it sets `window.ReadTheDocsEventData` and fires
// `readthedocs-addons-data-ready` on document; its search modal opens on the
// `readthedocs-search-show` event. Until (unless) that happens this script does nothing, so on
// any other host, or with the search addon turned off, furo's box submits to search.html.
(() => {
  "use strict";
  const FORMS = "form.sidebar-search-container";
  let active = false;

  const searchEnabled = (eventData) => {
    if (!eventData || typeof eventData.data !== "function") return false;
    let config;
    try {
      // data() throws when the page lacks <meta name="readthedocs-addons-api-version">.
      config = eventData.data();
    } catch (error) {
      return false;
    }
    return Boolean(config && config.addons && config.addons.search
      && config.addons.search.enabled);
  };

  const showReadTheDocsSearch = () => {
    document.dispatchEvent(new CustomEvent("readthedocs-search-show"));
  };

  const openFromFocus = (event) => {
    showReadTheDocsSearch();
    // Not every addons release moves focus into its modal; a box left focused behind it would
    // swallow typing and get no focusin on the next click.
    if (document.activeElement === event.target) event.target.blur();
  };

  const takeOver = (eventData) => {
    if (active || !searchEnabled(eventData)) return;
    active = true;
    // The box's live Pagefind results (vita-pagefind-box.js) stand aside.
    document.documentElement.dataset.vitaSearch = "readthedocs";
    for (const form of document.querySelectorAll(FORMS)) {
      // focusin covers a click, a tab into the box and Sphinx's "/" shortcut (which focuses
      // the first input[name=q]).
      form.addEventListener("focusin", openFromFocus);
      // A box that had focus before the addons were ready gets no focusin: its Enter opens
      // the modal rather than leaving the page.
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        showReadTheDocsSearch();
      });
    }
  };

  document.addEventListener("readthedocs-addons-data-ready", (event) => takeOver(event.detail));
  // The addons may have been ready before this deferred script ran.
  takeOver(window.ReadTheDocsEventData);
})();
