// The editor page: read the form as data, ask the server for the preview (debounced),
// put each message at its field, save, download, warn before losing changes.
// Every rule lives on the server; this script only moves data and messages around.
"use strict";

const state = JSON.parse(document.getElementById("state").textContent);
const form = document.getElementById("form");
const DEBOUNCE_MS = 250;
let dirty = false;
let timer = null;
let sequence = 0;  // answers to older requests are dropped

// -- the form as data --------------------------------------------------------------------

function ownFields(container) {
  // The [data-key] elements that belong to `container` and not to a group or list inside it.
  return [...container.querySelectorAll("[data-key]")].filter(
    (el) => el.parentElement.closest("[data-widget]") === container);
}

function rows(list) {
  return [...list.querySelector(".rows").children];
}

function scalarValue(el) {
  const input = el.querySelector(":scope > input, :scope > select, :scope > textarea, :scope > .row-body > input, :scope > .row-body > select, :scope > .row-body > textarea");
  const widget = el.dataset.widget;
  const text = input.value;
  if (widget === "flag") return text === "" ? null : text === "true";
  if (widget === "number") return text.trim() === "" ? null : (/^-?\d+$/.test(text.trim()) ? Number(text) : text);
  if (widget === "textarea") return text.trim() === "" ? null : text.replace(/\r\n/g, "\n");
  return text.trim() === "" ? null : text;
}

function valueOf(el, path) {
  el.dataset.path = path.join(".");
  const widget = el.dataset.widget;
  if (widget === "group") {
    const result = {};
    for (const child of ownFields(el)) {
      result[child.dataset.key] = valueOf(child, path.concat(child.dataset.key));
    }
    return result;
  }
  if (widget === "list") {
    return rows(el).map((row, index) => valueOf(row, path.concat(index)));
  }
  return scalarValue(el);
}

function collect() {
  return Object.assign({}, state.extra, valueOf(form, []));
}

// -- messages at their fields ------------------------------------------------------------

function clearErrors() {
  for (const el of document.querySelectorAll(".error")) el.textContent = "";
  for (const el of document.querySelectorAll(".has-error")) el.classList.remove("has-error");
}

function fieldFor(path) {
  // The field of `path`, or of its nearest ancestor shown in the form.
  const parts = path ? path.split(".") : [];
  while (parts.length) {
    const el = form.querySelector(`[data-path="${CSS.escape(parts.join("."))}"]`);
    if (el && el !== form) return el;
    parts.pop();
  }
  return null;
}

function showErrors(errors) {
  clearErrors();
  const general = document.getElementById("general-errors");
  for (const error of errors) {
    const el = fieldFor(error.path);
    const box = el ? el.querySelector(":scope > .error, :scope > .row-body > .error") : null;
    if (box) {
      box.textContent += (box.textContent ? "\n" : "") + error.message;
      el.classList.add("has-error");
    } else {
      general.textContent += (general.textContent ? "\n" : "") + error.message;
    }
  }
}

function showPreview(answer) {
  showErrors(answer.errors);
  const problem = document.getElementById("problem");
  problem.hidden = !answer.problem;
  problem.textContent = answer.problem;
  const pages = document.getElementById("pages");
  if (answer.pages) {
    pages.innerHTML = answer.pages;
    pages.classList.remove("stale");
  } else if (pages.querySelector(".page")) {
    pages.classList.add("stale");  // the last good pages stay, greyed, while there are errors
  } else {
    pages.innerHTML = '<p class="placeholder">表单里还有需要修改的地方（见左边的红字），改正后这里显示文稿。</p>';
  }
  const status = document.getElementById("status");
  const count = answer.errors.length;
  status.textContent = count ? `有 ${count} 处需要修改，预览暂停更新` : (answer.problem ? "模板有错误" : "预览已更新");
  status.className = "status " + (count || answer.problem ? "bad" : "good");
  if (answer.pages) showFindings(answer.findings);
}

function showFindings(findings) {
  const list = document.getElementById("findings");
  list.innerHTML = "";
  document.getElementById("no-findings").hidden = findings.length > 0;
  for (const finding of findings) {
    const item = document.createElement("li");
    item.className = finding.severity === "错误" ? "finding bad" : "finding hint";
    item.tabIndex = 0;
    item.dataset.para = finding.paragraph;
    const head = document.createElement("span");
    head.className = "where";
    head.textContent = `第 ${finding.paragraph} 段 · ${finding.severity}`;
    const text = document.createElement("span");
    text.textContent = finding.message + (finding.suggestion ? " → " + finding.suggestion : "");
    item.append(head, text);
    item.addEventListener("click", () => showParagraph(finding.paragraph));
    item.addEventListener("keydown", (event) => { if (event.key === "Enter") showParagraph(finding.paragraph); });
    list.append(item);
  }
}

function showParagraph(number) {
  for (const el of document.querySelectorAll(".ln.marked")) el.classList.remove("marked");
  const lines = document.querySelectorAll(`.ln[data-para="${number}"]`);
  for (const el of lines) el.classList.add("marked");
  if (lines.length) lines[0].scrollIntoView({behavior: "smooth", block: "center"});
}

// -- talking to the server ---------------------------------------------------------------

async function post(url, body) {
  let response;
  try {
    response = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  } catch (error) {
    throw new Error("无法连接 drafter serve：它可能已经停止运行。请重新运行 drafter serve 后刷新本页（未保存的内容会丢失，可先复制出来）。");
  }
  return response;
}

async function refresh() {
  const mine = ++sequence;
  const status = document.getElementById("status");
  status.textContent = "正在更新……";
  status.className = "status";
  try {
    const response = await post("/api/preview", {data: collect()});
    const answer = await response.json();
    if (mine !== sequence) return;
    if (!response.ok) { notify(answer.message, true); return; }
    showPreview(answer);
    document.dispatchEvent(new CustomEvent("drafter:preview", {detail: mine}));
  } catch (error) {
    if (mine === sequence) notify(error.message, true);
  }
}

function changed() {
  setDirty(true);
  clearTimeout(timer);
  timer = setTimeout(refresh, DEBOUNCE_MS);
}

function setDirty(value) {
  dirty = value;
  document.querySelector(".dirty").hidden = !value;
}

function notify(message, bad) {
  const notice = document.getElementById("notice");
  notice.textContent = message;
  notice.className = "notice " + (bad ? "bad" : "good");
  notice.hidden = false;
  if (!bad) setTimeout(() => { if (notice.textContent === message) notice.hidden = true; }, 4000);
}

async function save(force) {
  document.getElementById("conflict").hidden = true;
  const response = await post("/api/save", {file: state.file, data: collect(), base: state.base, force: !!force});
  const answer = await response.json();
  if (response.status === 409 && answer.conflict) {
    const box = document.getElementById("conflict");
    box.querySelector(".text").textContent = answer.message;
    box.hidden = false;
    return;
  }
  if (!response.ok) { notify(answer.message, true); return; }
  state.base = answer.base;
  setDirty(false);
  notify(answer.message, false);
}

// Another template: the server says which fields the new one lacks (they leave the file),
// the user confirms, the file is saved with the form's data and the page reloads.
async function switchTemplate(select) {
  const chosen = select.value;
  const body = {file: state.file, data: collect(), base: state.base, template: chosen};
  const check = await post("/api/switch", body);
  const answer = await check.json();
  if (!check.ok) { select.value = select.dataset.current; notify(answer.message, true); return; }
  let question = `改用模板“${answer.title}”，并保存文件“${state.file}”？`;
  if (answer.dropped.length) question += `\n新模板没有这些字段，它们会从文件中删除：${answer.dropped.join("、")}`;
  if (!window.confirm(question)) { select.value = select.dataset.current; return; }
  const done = await post("/api/switch", {...body, confirm: true});
  const result = await done.json();
  if (!done.ok) { select.value = select.dataset.current; notify(result.message, true); return; }
  setDirty(false);
  window.location.href = result.reload;
}

async function download(format) {
  notify(format === "pdf" ? "正在用 LibreOffice 生成 PDF，请稍候……" : "正在生成……", false);
  const response = await post("/api/download?format=" + format, {data: collect()});
  if (!response.ok) { notify((await response.json()).message, true); return; }
  const disposition = response.headers.get("content-disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = match ? decodeURIComponent(match[1]) : "文稿";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  document.getElementById("notice").hidden = true;
}

// -- list rows ---------------------------------------------------------------------------

form.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  const list = button.closest(".list");
  if (button.classList.contains("add")) {
    const template = list.querySelector(":scope > template");
    list.querySelector(".rows").append(template.content.cloneNode(true));
    const added = rows(list).at(-1);
    const first = added.querySelector("input, textarea, select");
    if (first) first.focus();
  } else {
    const row = button.closest(".row");
    if (!row) return;
    if (button.classList.contains("remove")) row.remove();
    else if (button.classList.contains("up") && row.previousElementSibling) row.previousElementSibling.before(row);
    else if (button.classList.contains("down") && row.nextElementSibling) row.nextElementSibling.after(row);
    else return;
  }
  changed();
});

form.addEventListener("input", changed);
form.addEventListener("change", changed);
form.addEventListener("submit", (event) => event.preventDefault());
document.getElementById("save").addEventListener("click", () => save(false));
document.getElementById("template-choice").addEventListener("change", (event) => switchTemplate(event.target));
document.getElementById("overwrite").addEventListener("click", () => save(true));
document.getElementById("reload").addEventListener("click", () => { setDirty(false); location.reload(); });
document.getElementById("cancel-conflict").addEventListener("click", () => { document.getElementById("conflict").hidden = true; });
for (const button of document.querySelectorAll(".download")) {
  button.addEventListener("click", () => download(button.dataset.format));
}
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(false); }
});
window.addEventListener("beforeunload", (event) => {
  if (!dirty) return;
  event.preventDefault();
  event.returnValue = "";  // the browser shows its own “leave the page?” question
});

collect();  // gives every field its data-path
showPreview(state.preview);
