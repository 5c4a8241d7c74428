(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("vn-cascade-data").textContent);
  var details = data.details;

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function describe(id, withLink) {
    var info = details[id];
    var box = element("div", "node-info");
    box.appendChild(element("strong", "", info.label));
    box.appendChild(element("div", "kind", info.kind));
    if (info.facts.length) {
      var list = element("ul");
      info.facts.forEach(function (fact) { list.appendChild(element("li", "", fact)); });
      box.appendChild(list);
    }
    if (info.text) box.appendChild(element("blockquote", "", info.text));
    if (withLink && info.href) {
      var link = element("a", "", "Mở / open");
      link.href = info.href;
      link.target = "_top";
      box.appendChild(link);
    }
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, {title: describe(node.id, false)});
  }));
  var network = new vis.Network(document.getElementById("network"),
                                {nodes: nodes, edges: new vis.DataSet(data.edges)}, data.options);
  var body = document.querySelector("#details .body");

  function show(id) {
    body.replaceChildren(describe(id, true));
  }

  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
  });
  network.once("afterDrawing", function () {
    window.vnCascadeReady = true;
    document.body.setAttribute("data-ready", "true");
  });
  window.vnCascadeNetwork = network;
  window.vnCascadeSelect = function (id) {
    network.selectNodes([id]);
    network.focus(id, {scale: 1});
    show(id);
  };
}());
