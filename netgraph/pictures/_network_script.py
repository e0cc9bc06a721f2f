"""The script and style of the network page and the platform map.

The script reads the page's data block (``#ng-data``, JSON), draws it with vis-network
(physics off: the positions come from Python) and adds the legend, the tooltip, search
by name and the click that highlights a person's chains. Every text it shows is set
with ``textContent``; it never builds HTML from data. When the first drawing is done it
sets ``data-drawn`` on the canvas' container and the time it took in ``data-draw-ms``,
which the tests and the benchmark read.
"""

from __future__ import annotations

__all__ = ["NETWORK_SCRIPT", "NETWORK_STYLE"]

NETWORK_STYLE = """
[hidden]{display:none !important}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222}
.ng-net{display:flex;flex-direction:column;height:100vh;box-sizing:border-box;padding:8px}
.ng-title{font-size:19px;margin:0 0 2px}
.ng-bar{display:flex;flex-wrap:wrap;gap:16px;align-items:center;padding:4px 0}
.ng-bar input[type=search]{font:inherit;padding:3px 6px;min-width:16em}
.ng-none{color:#a33}
.ng-switch{border:0;display:flex;gap:10px;align-items:center;margin:0;padding:0}
.ng-switch legend{float:left;padding:0 6px 0 0}
.ng-main{display:flex;flex:1;min-height:420px;gap:8px}
.ng-stage{flex:1;position:relative;display:flex}
.ng-canvas{flex:1;border:1px solid #ddd;border-radius:4px;background:#fff}
.ng-side{width:300px;overflow:auto;font-size:14px}
.ng-side h2{font-size:15px;margin:12px 0 4px}
.ng-panel h3{font-size:16px;margin:0 0 4px}
.ng-panel p{margin:2px 0}
.ng-panel ol{padding-left:1.2em;margin:4px 0}
.ng-legend{list-style:none;padding:0;margin:0}
.ng-legend li{display:flex;align-items:center;gap:6px;margin:2px 0}
.ng-swatch{display:inline-block;width:12px;height:12px;border-radius:50%;flex:none}
.ng-size{background:#999;width:16px;height:16px}
.ng-line{display:inline-block;width:18px;height:3px;flex:none;background:#bbb}
.ng-line.ng-chain{background:#d9480f;height:5px}
.ng-line.ng-referral{background:#d9480f;height:2px}
.ng-tip{position:absolute;z-index:5;pointer-events:none;background:#fffbe6;
border:1px solid #c9b458;border-radius:3px;padding:4px 8px;font-size:13px;max-width:320px;
white-space:pre-wrap;box-shadow:0 1px 4px rgba(0,0,0,.2)}
.ng-tip div:first-child{font-weight:600}
.ng-note{font-size:13px;color:#555;margin:4px 0}
@media print{.ng-bar,.ng-tip{display:none}.ng-net{height:auto}.ng-main{height:600px}}
"""

NETWORK_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ng-data").textContent);
  var words = data.words;
  var byId = function (id) { return document.getElementById(id); };
  var container = byId("ng-canvas");
  var tip = byId("ng-tip");
  var colorBy = data.color_by;
  var selected = null;
  var started = performance.now();

  function text(element, value) { element.textContent = value; return element; }
  function make(tag, value, className) {
    var element = document.createElement(tag);
    if (value !== undefined && value !== null) { element.textContent = value; }
    if (className) { element.className = className; }
    return element;
  }

  function colourOf(node) {
    if (node.role === "member") { return data.member_colour; }
    if (colorBy === "role") { return data.role_colours[node.role] || data.other_colour; }
    return data.palette[node.community] || data.other_colour;
  }
  var tieColour = "rgba(150,150,150,0.45)";
  function edgeColour(edge) { return edge.kind === "tie" ? tieColour : data.chain_colour; }

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return {
      id: node.id, x: node.x, y: node.y, size: node.size, label: node.label,
      shape: "dot", color: colourOf(node), borderWidth: node.role === "member" ? 3 : 1
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    var drawn = { id: edge.id, from: edge.from, to: edge.to, width: edge.width,
      color: { color: edgeColour(edge), inherit: false } };
    if (edge.kind !== "tie") {
      drawn.arrows = { to: { enabled: true, scaleFactor: 0.6 } };
      drawn.smooth = { enabled: true, type: "curvedCW", roundness: 0.15 };
      drawn.dashes = edge.kind === "referral";
    }
    return drawn;
  }));
  var large = data.nodes.length > 800;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false,
    layout: { improvedLayout: false, randomSeed: 0 },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: large,
      hideEdgesOnZoom: large, multiselect: false },
    nodes: { font: { size: 13, face: "system-ui, sans-serif", strokeWidth: 3,
      strokeColor: "#ffffff" } },
    edges: { smooth: false, selectionWidth: 0, hoverWidth: 0 }
  });
  network.once("afterDrawing", function () {
    container.dataset.drawMs = String(Math.round(performance.now() - started));
    container.dataset.drawn = "yes";
  });

  // the tooltip: plain text, one line a div (beside the drawing: vis-network empties
  // the element it draws in)
  network.on("hoverNode", function (params) {
    var node = data.nodes[params.node];
    tip.replaceChildren();
    node.tip.forEach(function (line) { tip.appendChild(make("div", line)); });
    tip.hidden = false;
    var x = params.pointer.DOM.x + 14, y = params.pointer.DOM.y + 14;
    tip.style.left = Math.min(x, container.clientWidth - 200) + "px";
    tip.style.top = Math.min(y, container.clientHeight - 60) + "px";
    tip.dataset.node = String(node.id);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  // the side panel and the highlight of a person's chains
  var panel = byId("ng-panel");
  function showEmpty() { panel.replaceChildren(make("p", words["panel.empty"])); }
  function select(id) {
    selected = (id === null || id === undefined) ? null : id;
    var lit = null, litEdges = null;
    if (selected !== null) {
      var node = data.nodes[selected];
      lit = {}; litEdges = {};
      lit[selected] = true;
      node.chains.forEach(function (c) {
        data.chains[c].nodes.forEach(function (n) { lit[n] = true; });
        data.chains[c].edges.forEach(function (e) { litEdges[e] = true; });
      });
      data.edges.forEach(function (edge) {
        if (edge.kind !== "tie" && (edge.from === selected || edge.to === selected)) {
          litEdges[edge.id] = true; lit[edge.from] = true; lit[edge.to] = true;
        }
      });
      panel.replaceChildren(make("h3", node.name));
      node.panel.forEach(function (line) { panel.appendChild(make("p", line)); });
      if (data.kind === "member") {
        panel.appendChild(make("h4", words["panel.chains"]));
        if (node.chains.length) {
          var list = make("ol");
          node.chains.forEach(function (c) { list.appendChild(make("li", data.chains[c].text)); });
          panel.appendChild(list);
        } else {
          panel.appendChild(make("p", words["panel.no_chains"]));
        }
      }
      panel.dataset.node = String(selected);
    } else {
      showEmpty();
      delete panel.dataset.node;
    }
    nodes.update(data.nodes.map(function (node) {
      var on = lit === null || lit[node.id];
      return { id: node.id, color: on ? colourOf(node) : "#e6e6e6",
        font: { color: on ? "#222222" : "#bbbbbb" } };
    }));
    edges.update(data.edges.map(function (edge) {
      var on = litEdges === null ? true : !!litEdges[edge.id];
      return { id: edge.id, color: { color: on ? edgeColour(edge) : "rgba(210,210,210,0.25)",
        inherit: false } };
    }));
    byId("ng-net").dataset.selected = selected === null ? "" : String(selected);
  }
  network.on("click", function (params) {
    select(params.nodes.length ? params.nodes[0] : null);
  });

  // the legend, for the colouring chosen
  function drawLegend() {
    var legend = byId("ng-legend");
    legend.replaceChildren();
    data.legend[colorBy].forEach(function (item) {
      var li = make("li");
      var swatch = make("span", null, "ng-swatch");
      swatch.style.background = item.color;
      li.appendChild(swatch); li.appendChild(make("span", item.text));
      legend.appendChild(li);
    });
    data.legend.lines.forEach(function (item) {
      var li = make("li");
      var kind = item.kind === "size" ? "ng-swatch ng-size" : "ng-line ng-" + item.kind;
      li.appendChild(make("span", null, kind));
      li.appendChild(make("span", item.text));
      legend.appendChild(li);
    });
  }
  text(byId("ng-legend-title"), words.legend);
  text(byId("ng-color-by-label"), words.color_by);
  text(byId("ng-color-community"), words["color.community"]);
  text(byId("ng-color-role"), words["color.role"]);
  document.querySelectorAll("input[name=ng-color]").forEach(function (input) {
    input.checked = input.value === colorBy;
    input.addEventListener("change", function () {
      colorBy = input.value; drawLegend(); select(selected);
    });
  });
  byId("ng-color-by").hidden = data.kind !== "member";

  // search by name
  text(byId("ng-search-label"), words.search);
  var names = byId("ng-names");
  var seen = {};
  // the names a node is found by: a person's own, or a group's most central people
  function namesOf(node) { return node.search || [node.name]; }
  data.nodes.forEach(function (node) {
    namesOf(node).forEach(function (name) {
      if (name && !seen[name]) {
        seen[name] = true;
        var option = document.createElement("option");
        option.value = name;
        names.appendChild(option);
      }
    });
  });
  var none = text(byId("ng-search-none"), words["search.none"]);
  function matches(node, test) {
    return namesOf(node).some(function (name) { return test(name.toLowerCase()); });
  }
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { none.hidden = true; return; }
    var found = null;
    var tests = [function (name) { return name === q; },
                 function (name) { return name.indexOf(q) >= 0; }];
    tests.forEach(function (test) {
      for (var i = 0; i < data.nodes.length && found === null; i++) {
        if (matches(data.nodes[i], test)) { found = i; }
      }
    });
    none.hidden = found !== null;
    if (found !== null) {
      select(found);
      network.focus(found, { scale: 1.2, animation: false });
    }
  }
  var search = byId("ng-search");
  search.addEventListener("change", function () { find(search.value); });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { find(search.value); }
  });

  text(byId("ng-title"), data.title);
  container.setAttribute("role", "img");
  container.setAttribute("aria-label", data.title + ". " + data.note);
  text(byId("ng-hint"), data.hint);
  text(byId("ng-note"), data.note);
  drawLegend();
  showEmpty();
  if (data.selected !== null && data.selected !== undefined) { select(data.selected); }
  window.netgraphPage = { network: network, select: select, find: find, data: data };
})();
"""
