// furo's sidebar search box on a Pagefind site: the top results drop down as you type.
//
// Pagefind (pagefind/pagefind.js and its WebAssembly) is fetched only once the box is focused,
// never with the page. The box stays a plain form: Enter submits to search.html?q=... unless
// an arrow key has picked a result. It is a combobox (WAI-ARIA's pattern with a listbox
// popup): focus stays in the box, the arrow keys move through the results, Escape closes them,
// and a status line tells screen readers how many there are. Each result is a real link, so a
// click, a middle click or a long press behaves as on any link.
//
// On Read the Docs with its search addon on, vita-rtd-search.js hands the box to Read the
// Docs' search (html[data-vita-search="readthedocs"]): this script then does nothing.
const FORMS = "form.sidebar-search-container";
const SHOWN = 5;
const DELAY_MS = 120;

const bundle = new URL("../pagefind/", import.meta.url);
// Pagefind's URLs start at the site's root; the site may live below a path (/en/latest/).
const siteRoot = new URL("../", bundle).pathname;

let engine = null;
const load = () => {
  engine ||= (async () => {
    const pagefind = await import(new URL("pagefind.js", bundle).href);
    await pagefind.options({ baseUrl: siteRoot, excerptLength: 14, noWorker: true });
    await pagefind.init();
    return pagefind;
  })();
  return engine;
};

const handedOver = () => document.documentElement.dataset.vitaSearch === "readthedocs";

const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

// The part of the page the words are in: the section or timeline entry with the best matches.
const bestPart = (data) => {
  let best = null;
  let bestScore = -1;
  for (const sub of data.sub_results || []) {
    const score = (sub.weighted_locations || []).reduce((sum, l) => sum + (l.balanced_score || 1), 0);
    if (score > bestScore) {
      best = sub;
      bestScore = score;
    }
  }
  return best;
};

const setUp = (form, number) => {
  const input = form.querySelector("input[name=q]");
  if (!input) return;
  const listId = `vita-search-box-${number}`;
  const list = element("ul", "vita-box-results");
  list.id = listId;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search results");
  list.hidden = true;
  const status = element("p", "vita-box-status");
  status.setAttribute("role", "status");
  form.append(list, status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");

  let generation = 0;
  let timer = 0;
  let active = -1;

  const options = () => [...list.querySelectorAll("[role=option]")];

  // index: the option to pick (wrapping around), or null for none.
  const choose = (index) => {
    const all = options();
    active = index === null || !all.length ? -1 : (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    if (active < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  };

  const open = (shown) => {
    list.hidden = !shown;
    input.setAttribute("aria-expanded", String(shown));
    if (!shown) choose(null);
  };

  const option = (href, index) => {
    const item = element("li");
    item.setAttribute("role", "none");
    const link = element("a", "vita-box-option");
    link.href = href;
    link.id = `${listId}-${index}`;
    link.tabIndex = -1;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    item.append(link);
    return [item, link];
  };

  const render = (query, datas, total) => {
    list.replaceChildren();
    choose(null);
    datas.forEach((data, index) => {
      const part = bestPart(data);
      const [item, link] = option(part ? part.url : data.url, index);
      const title = data.meta.title || data.url;
      const named = part && part.url !== data.url && part.title ? `${title} › ${part.title}` : title;
      link.append(element("span", "vita-box-title", named));
      const excerpt = element("span", "vita-box-excerpt");
      // Pagefind escapes the page's text and adds only <mark> around the matched words.
      excerpt.innerHTML = part ? part.excerpt : data.excerpt;
      link.append(excerpt);
      list.append(item);
    });
    const everything = new URL(form.getAttribute("action") || "search.html", document.baseURI);
    everything.search = new URLSearchParams({ q: query }).toString();
    const [item, link] = option(everything.href, datas.length);
    link.classList.add("vita-box-all");
    link.textContent = total ? `All ${total} results for “${query}”` : `Search for “${query}”`;
    list.append(item);
    status.textContent = total
      ? `${total} ${total === 1 ? "result" : "results"}, the first ${datas.length} below.`
      : "Nothing matches.";
    open(true);
  };

  const search = async () => {
    const mine = ++generation;
    const query = input.value.trim();
    if (!query || handedOver()) {
      list.replaceChildren();
      status.textContent = "";
      open(false);
      return;
    }
    let found;
    let datas;
    try {
      const pagefind = await load();
      found = await pagefind.search(query);
      if (mine !== generation) return;
      datas = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
    } catch (error) {
      // No dropdown then: Enter still goes to the search page.
      console.warn("Vita: the search index could not be loaded", error);
      return;
    }
    if (mine !== generation || document.activeElement !== input) return;
    render(query, datas, found.results.length);
  };

  input.addEventListener("focus", () => {
    if (handedOver()) return;
    load().catch(() => {});
    if (input.value.trim() && list.children.length) open(true);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden && event.key !== "ArrowDown") return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) {
        if (!list.children.length) return;
        open(true);
      }
      // Up from none picks the last ("All results").
      choose(active < 0 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      options()[active].click();
    }
  });
  // A click on a result must not blur the box first (which would close the list under it).
  list.addEventListener("mousedown", (event) => event.preventDefault());
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) open(false);
  });
  // Read the Docs' addons may take the box over while results are shown.
  document.addEventListener("readthedocs-addons-data-ready", () => {
    if (handedOver()) {
      generation += 1;
      open(false);
    }
  });
};

document.querySelectorAll(FORMS).forEach(setUp);
