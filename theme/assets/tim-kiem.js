// The search page (tim-kiem/?q=…): asks Pagefind and lists the pages found.
// Loaded only by this page; Pagefind fetches only the parts of the index that the words need.
// Pagefind folds tone marks ("thu tuc" finds "thủ tục") but not "đ", which has no decomposition: a word typed
// with "d" is also looked up with "đ", and the pages found either way are merged, best score first.
// Results are built with DOM calls: nothing from the index is parsed as HTML except Pagefind's <mark> around the
// words found, which is rebuilt here from the escaped excerpt.

const root = new URL("../", document.baseURI); // the site root, wherever the portal is published
const form = document.querySelector(".cchc-search-form"); // the search box under the header of every page
const input = document.getElementById("cchc-q");
const status = document.getElementById("cchc-search-status");
const list = document.getElementById("cchc-search-results");
const PER_PAGE = 10;

const params = new URLSearchParams(location.search);
// In a portal of many communes each commune has its own small index (<xã>/pagefind/), searched with the portal's
// when the search starts from one of its pages: what a query downloads does not grow with the number of communes.
const commune = /^[a-z0-9-]+$/.test(params.get("xa") || "") ? params.get("xa") : null;
// The province's procedures (thu-tuc-<tỉnh>/): one index per province, searched from its communes' pages.
const procedures = /^thu-tuc-[a-z0-9-]+$/.test(params.get("tt") || "") ? params.get("tt") : null;

let pagefind;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    if (commune) {
      // indexWeight: the commune's own pages rank before the portal's general pages.
      await pagefind.mergeIndex(new URL(`${commune}/pagefind/`, root).pathname,
        { baseUrl: new URL(`${commune}/`, root).pathname, excerptLength: 24, indexWeight: 3 });
    }
    if (procedures) {
      // A procedure a citizen can act on ranks before a report that mentions it.
      await pagefind.mergeIndex(new URL(`${procedures}/pagefind/`, root).pathname,
        { baseUrl: new URL(`${procedures}/`, root).pathname, excerptLength: 24, indexWeight: 6 });
    }
  }
  return pagefind;
}

// Pagefind's excerpt is HTML-escaped text with <mark> around matches: rebuild it without innerHTML.
function excerptNodes(excerpt) {
  const decode = (text) => new DOMParser().parseFromString(`<!doctype html><body>${text}`, "text/html").body.textContent;
  const nodes = [];
  excerpt.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const marked = part.match(/^<mark>(.*)<\/mark>$/);
    if (marked) {
      const mark = document.createElement("mark");
      mark.textContent = decode(marked[1]);
      nodes.push(mark);
    } else if (part) {
      nodes.push(document.createTextNode(decode(part)));
    }
  });
  return nodes;
}

function show(result) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = result.meta.title || result.url;
  const heading = document.createElement("h2");
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(heading, excerpt);
  list.append(item);
}

const MAX_D_WORDS = 4; // at most 2^4 spellings of one query

// "dang ky khai sinh" -> ["dang ky khai sinh", "đang ky khai sinh"]: every way to read its d's as đ.
function spellings(query) {
  let variants = [""];
  let dWords = 0;
  for (const word of query.trim().split(/\s+/)) {
    const alternatives = [word];
    if (/d/i.test(word) && dWords < MAX_D_WORDS) {
      dWords += 1;
      alternatives.push(word.replace(/d/g, "đ").replace(/D/g, "Đ"));
    }
    variants = variants.flatMap((start) => alternatives.map((w) => (start ? `${start} ${w}` : w)));
  }
  return variants;
}

// One list of results from the searches of every spelling: a page found twice keeps its best score.
async function searchAll(pf, query) {
  const searches = await Promise.all(spellings(query).map((q) => pf.search(q)));
  const best = new Map();
  for (const search of searches) {
    for (const result of search.results) {
      const seen = best.get(result.id);
      if (!seen || result.score > seen.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "Nhập từ cần tìm, có dấu hay không dấu đều được.";
    return;
  }
  status.textContent = "Đang tìm…";
  try {
    const found = await searchAll(await engine(), query);
    // A commune's home is in both indexes (the portal's holds its name): shown once.
    const loaded = await Promise.all(found.slice(0, PER_PAGE + 1).map((r) => r.data()));
    const results = loaded.filter((r, i) => loaded.findIndex((other) => other.url === r.url) === i);
    results.slice(0, PER_PAGE).forEach(show);
    const total = found.length - (loaded.length - results.length);
    status.textContent = total === 0
      ? `Không tìm thấy trang nào có “${query}”.`
      : `Tìm thấy ${total} trang có “${query}”` + (total > PER_PAGE ? `, hiện ${PER_PAGE} trang khớp nhất.` : ".");
  } catch (error) {
    status.textContent = "Chưa tìm được: không tải được chỉ mục tìm kiếm. Hãy thử lại sau.";
  }
}

const query = params.get("q") || "";
input.value = query;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const again = new URLSearchParams({ q: input.value });
  if (commune) again.set("xa", commune);
  if (procedures) again.set("tt", procedures);
  history.replaceState(null, "", `?${again}`);
  run(input.value);
});
if (query) run(query);
