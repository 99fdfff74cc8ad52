/* csrating: compare two councils on the static site (compare.html).
 *
 * Reads the two councils chosen in the form (?a=CODE&b=CODE), loads their figures from
 * downloads/compare/CODE.js and the lines from downloads/compare/lines.js (plain scripts,
 * so this works when the site is opened from a folder on disk), and draws, for every line,
 * a chart and a table: both councils, England, their ranks and quartiles in every period.
 * Nothing is fetched from anywhere but this site. Without this script the page explains
 * what to use instead.
 */
(function () {
  "use strict";

  var page = document.getElementById("compare-results");
  var fallback = document.getElementById("compare-fallback");
  if (!page || !fallback) {
    return;
  }
  fallback.hidden = true;
  var dataRoot = page.getAttribute("data-root") || "downloads/compare/";
  var received = {};
  var SVG = "http://www.w3.org/2000/svg";

  window.csratingCompare = {
    receive: function (payload) {
      received[payload.kind === "lines" ? "lines" : payload.code] = payload;
    }
  };

  function element(name, attributes, text) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function svg(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function say(text) {
    page.textContent = "";
    page.appendChild(element("p", { "class": "govuk-body" }, text));
    page.hidden = false;
  }

  function load(name, done) {
    var script = element("script", { src: dataRoot + name + ".js" });
    script.onload = done;
    script.onerror = function () {
      say("The figures could not be loaded. Each council's own page compares it with " +
        "its neighbours, its region and England.");
    };
    document.body.appendChild(script);
  }

  /* The chart: the same drawing as the site's own charts (csrating.presentation.charts). */
  var STYLES = {
    first: { colour: "#1d70b8", dash: null, marker: "circle", width: 3 },
    second: { colour: "#4c2c92", dash: "9 4", marker: "square", width: 3 },
    england: { colour: "#0b0c0c", dash: "12 4 3 4", marker: "diamond", width: 2 }
  };

  function niceTicks(low, high) {
    if (high === low) {
      var pad = Math.abs(high) * 0.1 || 1;
      low -= pad;
      high += pad;
    }
    var raw = (high - low) / 4;
    var power = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var step = [1, 2, 2.5, 5, 10].map(function (m) { return m * power; })
      .filter(function (s) { return s >= raw - 1e-12; })[0];
    var first = Math.floor(low / step + 1e-9) * step;
    var last = Math.ceil(high / step - 1e-9) * step;
    var ticks = [];
    for (var i = 0; i <= Math.round((last - first) / step); i += 1) {
      ticks.push(Math.round((first + i * step) * 1e10) / 1e10);
    }
    return ticks;
  }

  function marker(kind, x, y, colour) {
    var common = { fill: colour, stroke: "#ffffff", "stroke-width": "1" };
    var shape;
    if (kind === "circle") {
      shape = svg("circle", { cx: x, cy: y, r: 5 });
    } else if (kind === "square") {
      shape = svg("rect", { x: x - 4.5, y: y - 4.5, width: 9, height: 9 });
    } else {
      shape = svg("polygon", {
        points: [[x, y - 6], [x + 6, y], [x, y + 6], [x - 6, y]].join(" ")
      });
    }
    Object.keys(common).forEach(function (key) { shape.setAttribute(key, common[key]); });
    return shape;
  }

  function chart(id, title, description, labels, series, unit, axisTitle) {
    var left = 72, right = 700, top = 20, bottom = 250, width = 720, height = 328;
    var found = [];
    series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null) { found.push(v); } });
    });
    var low = found.length ? Math.min.apply(null, found) : 0;
    var high = found.length ? Math.max.apply(null, found) : 1;
    if (unit === "percent") {
      low = Math.max(low, 0);
      high = Math.min(high, 100);
    }
    var ticks = niceTicks(low, high);
    var floor = Math.min(ticks[0], low), ceiling = Math.max(ticks[ticks.length - 1], high);
    var span = (ceiling - floor) || 1;
    var step = (right - left) / labels.length;
    function yOf(v) { return bottom - (v - floor) / span * (bottom - top); }
    function xOf(i) { return left + step * (i + 0.5); }
    var root = svg("svg", {
      "class": "csr-chart__svg", role: "img", viewBox: "0 0 " + width + " " + height,
      width: width, height: height, focusable: "false",
      "aria-labelledby": id + "-title", "aria-describedby": id + "-desc"
    });
    root.appendChild(svg("title", { id: id + "-title" }, title));
    root.appendChild(svg("desc", { id: id + "-desc" }, description));
    root.appendChild(svg("rect", { x: 0, y: 0, width: width, height: height, fill: "#ffffff" }));
    var places = ticks.some(function (t) { return Math.abs(t - Math.round(t)) > 1e-6; }) ? 1 : 0;
    ticks.forEach(function (t) {
      root.appendChild(svg("line", {
        x1: left, y1: yOf(t), x2: right, y2: yOf(t), stroke: "#b1b4b6", "stroke-width": 1
      }));
      root.appendChild(svg("text", {
        x: left - 8, y: yOf(t) + 5, "text-anchor": "end", "font-size": 14, fill: "#0b0c0c"
      }, t.toFixed(places) + (unit === "percent" ? "%" : "")));
    });
    root.appendChild(svg("line", {
      x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#0b0c0c", "stroke-width": 1.5
    }));
    var middle = (top + bottom) / 2;
    root.appendChild(svg("text", {
      x: 16, y: middle, "text-anchor": "middle", "font-size": 14, fill: "#0b0c0c",
      transform: "rotate(-90 16 " + middle + ")"
    }, axisTitle));
    var longest = Math.max.apply(null, labels.map(function (l) { return l.length; }));
    var every = Math.max(1, Math.ceil(longest * 8 / step));
    labels.forEach(function (label, i) {
      if (i % every === 0 || i === labels.length - 1) {
        root.appendChild(svg("text", {
          x: xOf(i), y: bottom + 24, "text-anchor": "middle", "font-size": 14, fill: "#0b0c0c"
        }, label));
      }
    });
    series.forEach(function (s) {
      var d = [], down = false;
      s.values.forEach(function (v, i) {
        if (v === null) { down = false; return; }
        d.push((down ? "L" : "M") + xOf(i).toFixed(1) + " " + yOf(v).toFixed(1));
        down = true;
      });
      if (d.length) {
        var path = svg("path", {
          d: d.join(" "), fill: "none", stroke: s.style.colour,
          "stroke-width": s.style.width, "stroke-linejoin": "round"
        });
        if (s.style.dash) { path.setAttribute("stroke-dasharray", s.style.dash); }
        root.appendChild(path);
      }
      s.values.forEach(function (v, i) {
        if (v !== null) { root.appendChild(marker(s.style.marker, xOf(i), yOf(v), s.style.colour)); }
      });
    });
    series.slice().reverse().forEach(function (s, i) {
      var x = left + (width - left) / 2 * (i % 2), y = 296 + 24 * Math.floor(i / 2);
      var sample = svg("line", {
        x1: x, y1: y, x2: x + 36, y2: y, stroke: s.style.colour, "stroke-width": s.style.width
      });
      if (s.style.dash) { sample.setAttribute("stroke-dasharray", s.style.dash); }
      root.appendChild(sample);
      root.appendChild(marker(s.style.marker, x + 18, y, s.style.colour));
      root.appendChild(svg("text", { x: x + 46, y: y + 5, "font-size": 14, fill: "#0b0c0c" }, s.name));
    });
    return root;
  }

  function firstLast(labels, figures) {
    var present = [];
    figures.forEach(function (f, i) { if (f[1] !== null) { present.push([labels[i], f[0]]); } });
    if (!present.length) { return "no figure in any period"; }
    var first = present[0], last = present[present.length - 1];
    if (first[0] === last[0]) { return last[1] + " in " + last[0]; }
    return first[1] + " in " + first[0] + " and " + last[1] + " in " + last[0];
  }

  function table(line, a, b) {
    var figuresA = a.figures[line.key], figuresB = b.figures[line.key];
    var wrapper = element("div", { "class": "govuk-table-wrapper" });
    var wide = line.labels.length > 5 ? " csr-series--wide" : "";
    var node = element("table", { "class": "govuk-table csr-series" + wide });
    var unit = line.unit === "percent" ? "" : "; unit: " + line.unitText;
    node.appendChild(element("caption", { "class": "govuk-table__caption govuk-table__caption--s" },
      line.heading + " – " + a.name + " and " + b.name + ", " + line.span + " (" +
      line.polarity + unit + ")"));
    var head = element("thead", { "class": "govuk-table__head" });
    var headRow = element("tr", { "class": "govuk-table__row" });
    headRow.appendChild(element("th", { scope: "col", "class": "govuk-table__header" }, "Council or area"));
    line.labels.forEach(function (label) {
      headRow.appendChild(element("th", {
        scope: "col", "class": "govuk-table__header govuk-table__header--numeric"
      }, label));
    });
    head.appendChild(headRow);
    node.appendChild(head);
    var body = element("tbody", { "class": "govuk-table__body" });
    var rows = [
      [a.name, figuresA.map(function (f) { return f[0]; })],
      [b.name, figuresB.map(function (f) { return f[0]; })],
      ["England", line.england.map(function (f) { return f[0]; })],
      ["Rank of " + a.name + " (1 is best)", figuresA.map(function (f) { return f[2]; })],
      ["Rank of " + b.name + " (1 is best)", figuresB.map(function (f) { return f[2]; })],
      ["Quartile of " + a.name + " (A best to D worst)", figuresA.map(function (f) { return f[3]; })],
      ["Quartile of " + b.name + " (A best to D worst)", figuresB.map(function (f) { return f[3]; })]
    ];
    rows.forEach(function (row) {
      var tr = element("tr", { "class": "govuk-table__row" });
      tr.appendChild(element("th", { scope: "row", "class": "govuk-table__header" }, row[0]));
      row[1].forEach(function (text) {
        tr.appendChild(element("td", { "class": "govuk-table__cell govuk-table__cell--numeric" }, text));
      });
      body.appendChild(tr);
    });
    node.appendChild(body);
    wrapper.appendChild(node);
    return wrapper;
  }

  function draw(lines, a, b) {
    page.textContent = "";
    var heading = element("h2", {
      "class": "govuk-heading-l csr-focus-target", id: "compare-heading", tabindex: "-1"
    },
      a.name + " and " + b.name);
    page.appendChild(heading);
    page.appendChild(element("p", { "class": "govuk-body" },
      "Each line shows both councils and England in every period the data hold, with each " +
      "council's rank among all councils (1 is best) and its quartile (A is the best quarter)."));
    var byKey = {};
    lines.lines.forEach(function (line) { byKey[line.key] = line; });
    lines.sections.forEach(function (section) {
      page.appendChild(element("h3", { "class": "govuk-heading-m" }, section.heading));
      section.keys.forEach(function (key) {
        var line = byKey[key];
        page.appendChild(element("h4", { "class": "govuk-heading-s", id: "pair-" + key.toLowerCase() },
          line.heading + " (" + line.polarity + ")"));
        var a_ = a.figures[key], b_ = b.figures[key];
        var description = "Line chart of " + line.heading + " (" + line.polarity + "), " + line.span +
          ". " + a.name + ": " + firstLast(line.labels, a_) + ". " + b.name + ": " +
          firstLast(line.labels, b_) + ". England: " + firstLast(line.labels, line.england) +
          ". The table gives every figure.";
        var figure = element("figure", { "class": "csr-chart" });
        figure.appendChild(chart("pair-chart-" + key.toLowerCase(),
          line.heading + ": " + a.name + " and " + b.name + " over time", description, line.short, [
            { name: "England", values: line.england.map(function (f) { return f[1]; }), style: STYLES.england },
            { name: b.name, values: b_.map(function (f) { return f[1]; }), style: STYLES.second },
            { name: a.name, values: a_.map(function (f) { return f[1]; }), style: STYLES.first }
          ], line.unit, line.unit === "percent" ? "Per cent" : line.unitText));
        page.appendChild(figure);
        page.appendChild(table(line, a, b));
      });
    });
    page.hidden = false;
    document.title = a.name + " and " + b.name + " compared – " + document.title;
    heading.focus();
  }

  var query = new URLSearchParams(window.location.search);
  var first = query.get("a"), second = query.get("b");
  var choose = [["compare-a", first], ["compare-b", second]];
  choose.forEach(function (pair) {
    var select = document.getElementById(pair[0]);
    if (select && pair[1] && select.querySelector("option[value='" + pair[1].replace(/[^0-9A-Za-z]/g, "") + "']")) {
      select.value = pair[1];
    }
  });
  if (!first || !second) {
    return;
  }
  var codes = document.getElementById("compare-a");
  var known = codes ? Array.prototype.map.call(codes.options, function (o) { return o.value; }) : [];
  if (known.indexOf(first) < 0 || known.indexOf(second) < 0) {
    say("Choose two councils from the lists.");
    return;
  }
  if (first === second) {
    say("Choose two different councils.");
    return;
  }
  var waiting = 3;
  function loaded() {
    waiting -= 1;
    if (waiting === 0 && received.lines && received[first] && received[second]) {
      draw(received.lines, received[first], received[second]);
    }
  }
  load("lines", loaded);
  load(first, loaded);
  load(second, loaded);
}());
