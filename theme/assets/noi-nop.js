// A procedure's page (thu-tuc-<tỉnh>/<mã>/) and a sector's list of them (thu-tuc-<tỉnh>/linh-vuc/<lĩnh vực>/) are one
// page for every commune of the province. Reached from a commune's page (?xa=<commune>), they show that commune's
// centre, its hours and telephone where the page says where to go, from the commune's small noi-nop.json, and a way
// back to the commune's list; a sector's list carries ?xa= on to each procedure. Without a script, or without ?xa,
// the page still says where to go in general. Built with DOM calls: nothing from the file is parsed as HTML.

const root = new URL("../", import.meta.url); // the site root: this file is in assets/
const slug = new URLSearchParams(location.search).get("xa") || "";
const box = document.getElementById("cchc-noi-nop");

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function fact(list, term, ...values) {
  list.append(element("dt", term));
  const detail = element("dd");
  detail.append(...values);
  list.append(detail);
}

function phone(number) {
  return element("a", number, { href: `tel:${number.startsWith("+") ? "+" : ""}${number.replace(/\D/g, "")}` });
}

async function show() {
  const response = await fetch(new URL(`${slug}/du-lieu/noi-nop.json`, root));
  if (!response.ok) return;
  const place = await response.json();
  const heading = element("h2", `Nộp hồ sơ ở đâu: ${place.noi_nop.ten}`, { id: "noi-nop" });
  const facts = element("dl", "", { class: "cchc-office" });
  fact(facts, "Địa chỉ", place.noi_nop.dia_chi || "Chưa cập nhật");
  if (place.noi_nop.gio_lam_viec) fact(facts, "Giờ tiếp nhận hồ sơ", place.noi_nop.gio_lam_viec);
  for (const number of place.noi_nop.dien_thoai) fact(facts, "Điện thoại", phone(number));
  if (!place.noi_nop.dien_thoai.length) {
    const asks = place.goi.flatMap((call, i) => [i ? ", " : "; khi cần hỏi, gọi ", phone(call.so), ` (${call.noi})`]);
    fact(facts, "Điện thoại", "Chưa cập nhật", ...asks);
  }
  const back = element("p");
  back.append(element("a", `← Các thủ tục hành chính của ${place.ten}`, { href: new URL(place.thu_tuc, root).href }));
  box.replaceChildren(heading, facts, back);
}

if (box && /^[a-z0-9-]+$/.test(slug)) {
  for (const link of document.querySelectorAll(".cchc-procedure-list a")) {
    const target = new URL(link.href);
    target.searchParams.set("xa", slug);
    link.href = target.href;
  }
  show().catch(() => {});
}
