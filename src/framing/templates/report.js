(function () {
  "use strict";
  var PAGE = 25;
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  // --- tabs
  function show(view) {
    $$(".view").forEach(function (v) { v.hidden = v.id !== "view-" + view; });
    $$(".tab").forEach(function (t) { t.classList.toggle("active", t.dataset.view === view); });
  }
  $$(".tab").forEach(function (t) { t.addEventListener("click", function () { show(t.dataset.view); }); });

  // --- corpus panels
  var unitSel = $("#unit-select"), groupSel = $("#group-select");
  function showPanel() {
    if (!unitSel) return;
    var any = false;
    $$(".panel").forEach(function (p) {
      var on = p.dataset.unit === unitSel.value && p.dataset.group === groupSel.value;
      p.hidden = !on; any = any || on;
    });
    if (!any) {
      var first = $$(".panel").filter(function (p) { return p.dataset.group === groupSel.value; })[0];
      if (first) { unitSel.value = first.dataset.unit; showPanel(); }
    }
  }
  if (unitSel) { unitSel.addEventListener("change", showPanel); groupSel.addEventListener("change", showPanel); showPanel(); }

  // --- document list: filter and pages
  var items = $$(".doc-item"), page = 0, filterBox = $("#doc-filter"), labelSel = $("#label-filter");
  function matching() {
    var q = filterBox.value.trim().toLowerCase(), lab = labelSel ? labelSel.value : "";
    return items.filter(function (li) {
      return (!q || li.dataset.search.indexOf(q) >= 0) && (!lab || li.dataset.label === lab);
    });
  }
  function renderList() {
    var m = matching(), pages = Math.max(1, Math.ceil(m.length / PAGE));
    page = Math.min(page, pages - 1);
    items.forEach(function (li) { li.hidden = true; });
    m.slice(page * PAGE, (page + 1) * PAGE).forEach(function (li) { li.hidden = false; });
    $("#page-info").textContent = "page " + (page + 1) + " of " + pages + " (" + m.length + " documents)";
    $("#prev-page").disabled = page === 0;
    $("#next-page").disabled = page >= pages - 1;
  }
  filterBox.addEventListener("input", function () { page = 0; renderList(); });
  if (labelSel) labelSel.addEventListener("change", function () { page = 0; renderList(); });
  $("#prev-page").addEventListener("click", function () { page--; renderList(); });
  $("#next-page").addEventListener("click", function () { page++; renderList(); });
  renderList();

  // --- evidence highlighting
  var evSel = $("#evidence-select");
  function highlight(root) {
    var v = evSel ? evSel.value : "all";
    function hit(k) { k = k.replace(/^!/, ""); return v === "all" || k === v || (v.slice(-1) === ":" && k.indexOf(v) === 0); }
    $$("mark.ev", root).forEach(function (m) {
      var keys = m.dataset.keys.split(" ");  // "!task:label": the label's top sentence
      m.classList.toggle("on", keys.some(hit));
      m.classList.toggle("top", keys.some(function (k) { return k.charAt(0) === "!" && hit(k); }));
    });
  }
  if (evSel) evSel.addEventListener("change", function () { highlight($("#doc-view")); });

  // --- a document, rendered from its templates when opened
  function addPage(article, i, k) {
    var tpl = document.getElementById("doc-" + i + "-page-" + k);
    if (!tpl) return false;
    var box = $(".passages", article), frag = tpl.content.cloneNode(true);
    highlight(frag);
    box.appendChild(frag);
    box.dataset.shown = String(k + 1);
    return true;
  }
  function openDoc(i) {
    var tpl = document.getElementById("doc-" + i), view = $("#doc-view");
    if (!tpl) return;
    view.textContent = "";
    view.appendChild(tpl.content.cloneNode(true));
    var article = $("article.doc", view);
    addPage(article, i, 0);
    var more = $(".more", article);
    if (more) more.addEventListener("click", function () {
      var k = Number($(".passages", article).dataset.shown || "1");
      addPage(article, i, k);
      if (k + 1 >= Number($(".passages", article).dataset.pages)) more.hidden = true;
    });
    items.forEach(function (li) { li.classList.toggle("current", li.dataset.i === String(i)); });
    show("documents");
    if (location.hash !== "#doc-" + i) history.replaceState(null, "", "#doc-" + i);
  }
  $$(".doc-link").forEach(function (b) { b.addEventListener("click", function () { openDoc(b.dataset.i); }); });
  var m = /^#doc-(\d+)$/.exec(location.hash);
  if (m) openDoc(m[1]);
  window.framingReport = { openDoc: openDoc, show: show };
})();
