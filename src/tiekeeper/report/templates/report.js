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
    if (raw === "") { return null; }
    if (numeric) {
      var n = parseFloat(raw);
      return isNaN(n) ? null : n;
    }
    return raw.toLocaleLowerCase();
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, index) {
      th.setAttribute("tabindex", "0");
      th.setAttribute("role", "columnheader");
      var activate = function () {
        var numeric = th.getAttribute("data-type") === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[index], numeric);
          var y = sortKey(b.cells[index], numeric);
          if (x === null && y === null) { return 0; }
          if (x === null) { return 1; }
          if (y === null) { return -1; }
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      };
      th.addEventListener("click", activate);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(); }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);
  drawFigures();
})();
