// Vita's search page on a Pagefind site: results as you type, with highlighted excerpts, the
// matching sections of each page, and filters by type, tag, year and venue.
//
// Pagefind's own browser code (pagefind/pagefind.js) loads only the index chunks a query needs
// and one fragment per result shown. Its excerpts are HTML in which Pagefind has escaped the
// page text and added only <mark>; every other value (titles, filter names) is set as text.
// The query and the chosen filters live in the address (search.html?q=pixxel&type=note), so a
// result list can be linked to and the Back button returns to it.
const FILTERS = [
  ["type", "Type"],
  ["tag", "Tag"],
  ["year", "Year"],
  ["venue", "Venue"],
];
const PAGE_SIZE = 10;
const SUB_RESULTS = 3;

const root = document.querySelector(".vita-search");
const form = root.querySelector(".vita-search-form");
const input = root.querySelector(".vita-search-input");
const filterBox = root.querySelector(".vita-search-filters");
const statusLine = root.querySelector(".vita-search-status");
const list = root.querySelector(".vita-search-results");
const bundle = new URL(root.dataset.bundle, document.baseURI);
// Pagefind's URLs start at the site's root ("/experience.html"); the site may live below a
// path (Read the Docs' /en/latest/), which is where the bundle's folder sits.
const siteRoot = new URL("../", bundle).pathname;

let pagefind = null;
let generation = 0;
let shown = 0;
let lastResults = [];

const element = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const load = async () => {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind.js", bundle).href);
    // On the main thread: the worker would be one more script of 12 kB (gzipped) for each
    // visitor's first query, to keep a site-sized index's few milliseconds of work off it.
    await pagefind.options({ baseUrl: siteRoot, excerptLength: 24, noWorker: true });
    await pagefind.init();
  }
  return pagefind;
};

const chosenFilters = () => {
  const chosen = {};
  for (const box of filterBox.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] ||= []).push(box.value);
  }
  // Several values of one filter widen the search (any of them); filters narrow it (all).
  return Object.fromEntries(Object.entries(chosen).map(([name, values]) => [name, { any: values }]));
};

const renderFilters = (counts, params) => {
  filterBox.replaceChildren();
  for (const [name, label] of FILTERS) {
    const values = Object.keys(counts[name] || {}).sort((a, b) =>
      name === "year" ? b.localeCompare(a) : a.localeCompare(b));
    if (!values.length) continue;
    const group = element("fieldset", "vita-search-filter");
    group.append(element("legend", "", label));
    const wanted = params.getAll(name);
    for (const value of values) {
      const option = element("label", "vita-search-option");
      const box = element("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      box.checked = wanted.includes(value);
      box.addEventListener("change", () => search(input.value));
      const count = element("span", "vita-search-count", String(counts[name][value]));
      option.append(box, " ", value, " ", count);
      group.append(option);
    }
    filterBox.append(group);
  }
  filterBox.hidden = !filterBox.children.length;
};

const updateCounts = (counts) => {
  for (const box of filterBox.querySelectorAll("input[type=checkbox]")) {
    const count = box.parentElement.querySelector(".vita-search-count");
    if (count) count.textContent = String((counts[box.name] || {})[box.value] || 0);
  }
};

const remember = (query) => {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const box of filterBox.querySelectorAll("input[type=checkbox]:checked")) {
    params.append(box.name, box.value);
  }
  const address = new URL(location.href);
  address.search = params.toString();
  history.replaceState(null, "", address);
};

const describe = (data) => {
  const parts = [];
  const filters = data.filters || {};
  for (const name of ["type", "venue", "year"]) {
    for (const value of filters[name] || []) {
      if (!parts.includes(value)) parts.push(value);
    }
  }
  return parts.join(" · ");
};

const renderResult = (data) => {
  const item = element("li", "vita-search-result");
  const heading = element("h2", "vita-search-result-title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  item.append(heading);
  const about = describe(data);
  if (about) item.append(element("p", "vita-search-about", about));
  const sections = (data.sub_results || []).filter((sub) => sub.url !== data.url);
  const excerpt = element("p", "vita-search-excerpt");
  // Pagefind escapes the page's text and adds only <mark> around the matched words.
  excerpt.innerHTML = (data.sub_results || []).find((sub) => sub.url === data.url)?.excerpt
    || (sections.length ? "" : data.excerpt);
  if (excerpt.innerHTML) item.append(excerpt);
  if (sections.length) {
    const parts = element("ul", "vita-search-sections");
    for (const sub of sections.slice(0, SUB_RESULTS)) {
      const part = element("li", "vita-search-section");
      const partLink = element("a", "", sub.title);
      partLink.href = sub.url;
      const partExcerpt = element("p", "vita-search-excerpt");
      partExcerpt.innerHTML = sub.excerpt;
      part.append(partLink, partExcerpt);
      parts.append(part);
    }
    item.append(parts);
  }
  return item;
};

const showMore = async (mine) => {
  const next = lastResults.slice(shown, shown + PAGE_SIZE);
  const datas = await Promise.all(next.map((result) => result.data()));
  if (mine !== generation) return;
  for (const data of datas) list.append(renderResult(data));
  shown += next.length;
  root.querySelector(".vita-search-more")?.remove();
  if (shown < lastResults.length) {
    const more = element("button", "vita-search-more", "Show more results");
    more.type = "button";
    more.addEventListener("click", () => {
      const first = list.children.length;
      showMore(generation).then(() => list.children[first]?.querySelector("a")?.focus());
    });
    list.after(more);
  }
};

const search = async (query) => {
  const mine = ++generation;
  remember(query.trim());
  const filters = chosenFilters();
  if (!query.trim() && !Object.keys(filters).length) {
    list.replaceChildren();
    root.querySelector(".vita-search-more")?.remove();
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = "Searching…";
  let found;
  try {
    const engine = await load();
    found = await engine.search(query.trim() || null, { filters });
  } catch (error) {
    statusLine.textContent = "The search index could not be loaded.";
    throw error;
  }
  if (mine !== generation) return;
  lastResults = found.results;
  shown = 0;
  list.replaceChildren();
  root.querySelector(".vita-search-more")?.remove();
  updateCounts(found.filters);
  await showMore(mine);
  if (mine !== generation) return;
  const count = found.results.length;
  statusLine.textContent = count
    ? `${count} ${count === 1 ? "page" : "pages"} found.`
    : "Nothing on this site matches that search.";
};

const start = async () => {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 200);
  });
  try {
    const engine = await load();
    renderFilters(await engine.filters(), params);
  } catch (error) {
    statusLine.textContent = "The search index could not be loaded.";
    throw error;
  }
  if (input.value || filterBox.querySelector("input:checked")) await search(input.value);
};

start();
