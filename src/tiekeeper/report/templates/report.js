(function () {
  "use strict";

  // Charts are SVG, which every browser draws. WebGL traces cannot draw here at all:
  // plotly's WebGL code compiles functions at run time, which this page's
  // Content-Security-Policy forbids (no eval), so a browser with WebGL would still show
  // only "WebGL is not supported". Any WebGL trace is therefore drawn as its SVG twin.
  function svgOnly(spec) {
    (spec.data || []).forEach(function (trace) {
      if (trace.type === "scattergl") { trace.type = "scatter"; }
    });
    return spec;
  }

  function drawFigures() {
    var config = JSON.parse(document.getElementById("plotly-config").textContent);
    var blocks = document.querySelectorAll('script[type="application/json"][data-figure]');
    var drawing = Array.prototype.map.call(blocks, function (block) {
      var target = document.getElementById(block.getAttribute("data-figure"));
      var fail = function (err) {
        target.textContent = "This chart could not be drawn: " + (err && err.message ? err.message : err);
        console.error(err);
      };
      try {
        var spec = svgOnly(JSON.parse(block.textContent));
        return Promise.resolve(Plotly.newPlot(target, spec.data, spec.layout, config)).catch(fail);
      } catch (err) {
        fail(err);
        return Promise.resolve();
      }
    });
    // every chart drawn (or failed with a message): a mark for tests and print scripts
    Promise.all(drawing).then(function () {
      document.body.setAttribute("data-figures-drawn", String(drawing.length));
    });
  }

  function sortKey(cell, numeric) {
    var raw = cell.getAttribute("data-sort");
    if (raw === null) { raw = cell.textContent.trim(); }
    return keyOf(raw, numeric);
  }

  function keyOf(raw, numeric) {
    if (raw === null || raw === undefined || raw === "") { return null; }
    if (numeric) {
      var n = typeof raw === "number" ? raw : parseFloat(raw);
      return isNaN(n) ? null : n;
    }
    return String(raw).toLocaleLowerCase();
  }

  // Missing keys sort last in both directions; equal keys keep their order.
  function compare(x, y, ascending) {
    if (x === null && y === null) { return 0; }
    if (x === null) { return 1; }
    if (y === null) { return -1; }
    var order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  }

  // Clickable, keyboard-usable headers; onSort(index, header, ascending) reorders the rows.
  function sortHeaders(table, onSort) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("role", "columnheader");
      var activate = function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        onSort(index, th, ascending);
      };
      th.addEventListener("click", activate);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(); }
      });
    });
  }

  function makeSortable(table) {
    sortHeaders(table, function (index, th, ascending) {
      var numeric = th.getAttribute("data-type") === "number";
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
        return { row: row, i: i, key: sortKey(row.cells[index], numeric) };
      });
      rows.sort(function (a, b) { return compare(a.key, b.key, ascending) || a.i - b.i; });
      rows.forEach(function (item) { body.appendChild(item.row); });
    });
  }

  // ------------------------------------------------------------------ paged table
  // A table whose rows live in a JSON block (data-rows): every row is offered,
  // data-page at a time, sorted and searched here (no request, no eval).
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
  }

  function td(tr, text, sort, cls) {
    var cell = document.createElement("td");
    if (cls) { cell.className = cls; }
    if (sort !== undefined) { cell.setAttribute("data-sort", sort === null ? "" : String(sort)); }
    cell.textContent = text;
    tr.appendChild(cell);
    return cell;
  }

  function span(parent, cls, text) {
    var el = document.createElement("span");
    el.className = cls;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function pagedTable(table) {
    var prefix = table.id.replace(/-table$/, "");
    var source = document.getElementById(table.getAttribute("data-rows"));
    var tools = document.getElementById(prefix + "-tools");
    if (!source || !tools) { return; }
    var data = JSON.parse(source.textContent);
    var S = data.strings;
    var C = {};
    data.columns.forEach(function (name, i) { C[name] = i; });
    var size = parseInt(table.getAttribute("data-page"), 10) || 50;
    var all = data.rows.map(function (r, i) { return { r: r, i: i, text: null }; });
    var shown = all;
    var page = 0;
    var query = "";
    var search = document.getElementById(prefix + "-search");
    var prev = document.getElementById(prefix + "-prev");
    var next = document.getElementById(prefix + "-next");
    var position = document.getElementById(prefix + "-position");
    var count = document.getElementById(prefix + "-count");
    var total = all.length.toLocaleString("en");

    function haystack(item) {
      if (item.text === null) {
        var r = item.r;
        var parts = [S[r[C.name]], S[r[C.company]], S[r[C.status]]];
        r[C.reasons].forEach(function (k) { parts.push(S[k]); });
        item.text = fold(parts.join(" \n "));
      }
      return item.text;
    }

    function row(item) {
      var r = item.r;
      var tr = document.createElement("tr");
      td(tr, S[r[C.name]]);
      td(tr, S[r[C.company]]);
      td(tr, S[r[C.strength]], r[C.strength_sort], "num");
      var status = S[r[C.status]];
      span(td(tr, "", r[C.status_sort]), "pill status-" + status.replace(/ /g, "-"), status);
      td(tr, S[r[C.cadence]], r[C.cadence_sort]);
      var last = td(tr, S[r[C.last_contact]] + " ", S[r[C.last_contact_sort]]);
      span(last, "note", "(" + S[r[C.since]] + ")");
      td(tr, S[r[C.drop]], r[C.drop_sort], "num");
      var list = document.createElement("ul");
      list.className = "reasons";
      r[C.reasons].forEach(function (k) {
        var li = document.createElement("li");
        li.textContent = S[k];
        list.appendChild(li);
      });
      td(tr, "").appendChild(list);
      return tr;
    }

    function render() {
      var pages = Math.max(1, Math.ceil(shown.length / size));
      page = Math.min(Math.max(page, 0), pages - 1);
      var start = page * size;
      var end = Math.min(start + size, shown.length);
      var body = table.tBodies[0];
      while (body.firstChild) { body.removeChild(body.firstChild); }
      for (var i = start; i < end; i += 1) { body.appendChild(row(shown[i])); }
      if (!shown.length) {
        position.textContent = "No tie matches “" + query + "”";
      } else {
        position.textContent = (start + 1).toLocaleString("en") + "–" + end.toLocaleString("en") +
          " of " + shown.length.toLocaleString("en") + (query ? " matching (" + total + " in all)" : "");
      }
      prev.disabled = page === 0;
      next.disabled = end >= shown.length;
    }

    function filter() {
      var q = fold(query.trim());
      shown = q ? all.filter(function (item) { return haystack(item).indexOf(q) !== -1; }) : all;
    }

    var keys = {
      name: function (r) { return S[r[C.name]]; },
      company: function (r) { return S[r[C.company]]; },
      strength: function (r) { return r[C.strength_sort]; },
      status: function (r) { return r[C.status_sort]; },
      cadence: function (r) { return r[C.cadence_sort]; },
      last_contact: function (r) { return S[r[C.last_contact_sort]]; },
      drop: function (r) { return r[C.drop_sort]; },
      reasons: function (r) { return r[C.reasons].length ? S[r[C.reasons][0]] : ""; }
    };

    sortHeaders(table, function (index, th, ascending) {
      var numeric = th.getAttribute("data-type") === "number";
      var get = keys[th.getAttribute("data-key")] || keys.name;
      all.forEach(function (item) { item.key = keyOf(get(item.r), numeric); });
      all.sort(function (a, b) { return compare(a.key, b.key, ascending) || a.i - b.i; });
      filter();
      page = 0;
      render();
    });
    search.addEventListener("input", function () {
      query = search.value;
      filter();
      page = 0;
      render();
    });
    prev.addEventListener("click", function () { page -= 1; render(); });
    next.addEventListener("click", function () { page += 1; render(); });
    tools.hidden = false;
    if (count) { count.hidden = true; }
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    if (table.hasAttribute("data-rows")) { pagedTable(table); } else { makeSortable(table); }
  });
  drawFigures();
})();
