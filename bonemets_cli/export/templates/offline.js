/* bonemets offline: the walk and the quiz in one page.
   The walk is the state machine of walk/engine.py: a walk is its start and the answers
   given; the position is found by replaying them, so back and restart are exact.
   All text comes from the data below (the pathways and model/wording.py). Text is set
   with textContent only, never parsed as HTML. Nothing is fetched. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("bonemets-data").textContent);
  var NODES = DATA.nodes;
  var W = DATA.words;
  var MAX_STEPS = 10000;
  var STORE_KEY = "bonemets.progress.v1";

  // ---------------------------------------------------------------- DOM helpers
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var key;
    for (key in attrs || {}) {
      if (attrs[key] === null || attrs[key] === undefined || attrs[key] === false) continue;
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key] === true ? "" : attrs[key]);
    }
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }
  function add(node) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { add(node, c); });
      else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  /* ui/walkviews.py walked_line: the titles of the pathways walked, in order. */
  function walkedLine(pids) {
    return pids.map(function (p) { return DATA.pathways[p].title; }).join(" \u203a ");
  }
  function focusHeading(view) {
    var h = view.querySelector("[data-focus]");
    if (h) h.focus();
  }

  // ---------------------------------------------------------------- the engine
  function pathwayOf(key) { return key.slice(0, key.indexOf(":")); }
  function itemName(key, item) { return item ? key + "." + item : key; }
  function bandFor(node, total) {
    for (var i = 0; i < node.bands.length; i++) {
      if (node.bands[i].min <= total && total <= node.bands[i].max) return node.bands[i];
    }
    return null;
  }
  function minPoints(item) {
    return Math.min.apply(null, item.choices.map(function (c) { return c.points; }));
  }
  function maxPoints(item) {
    return Math.max.apply(null, item.choices.map(function (c) { return c.points; }));
  }
  function find(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }
  function nodeAt(key) {
    var node = NODES[key];
    if (!node) throw new Error("no node '" + key + "' in this page");
    return node;
  }

  /* Replay the answers from the start: the steps passed and what the walk waits for. */
  function position(state) {
    var steps = [];
    var key = state.start;
    var pending = state.answers.slice();
    for (var n = 0; n < MAX_STEPS; n++) {
      var node = nodeAt(key);
      if (node.kind === "outcome") return { steps: steps, key: key, node: node, scored: [], total: 0 };
      if (node.kind === "info") {
        steps.push({ key: key, node: node, answers: [] });
        key = node.next;
        continue;
      }
      if (node.kind === "question") {
        if (!pending.length) return { steps: steps, key: key, node: node, scored: [], total: 0 };
        var answer = pending.shift();
        var option = find(node.options, answer.choice);
        if (answer.node !== key || answer.item || !option) throw new Error("answer does not fit " + key);
        steps.push({ key: key, node: node, answers: [answer] });
        key = option.next;
        continue;
      }
      var scored = [];
      var total = 0;
      for (var i = 0; i < node.items.length; i++) {
        var item = node.items[i];
        if (!pending.length) {
          return { steps: steps, key: key, node: node, item: item, total: total, scored: scored };
        }
        var a = pending.shift();
        var choice = find(item.choices, a.choice);
        if (a.node !== key || a.item !== item.id || !choice) throw new Error("answer does not fit " + key);
        total += choice.points;
        scored.push(a);
      }
      var band = bandFor(node, total);
      if (!band) throw new Error("no band of '" + key + "' covers total " + total);
      steps.push({ key: key, node: node, answers: scored, band: band, total: total });
      key = band.next;
    }
    throw new Error("the walk from '" + state.start + "' never ends");
  }

  function describe(answer) {
    var node = nodeAt(answer.node);
    if (node.kind === "question") {
      var option = find(node.options, answer.choice);
      return option ? option.label : answer.choice;
    }
    if (node.kind === "score") {
      var item = find(node.items, answer.item);
      var picked = item && find(item.choices, answer.choice);
      if (picked) return item.label + ": " + picked.label + " (" + picked.points + ")";
    }
    return answer.choice;
  }
  function describeAnswer(answer) { return nodeAt(answer.node).title + ": " + describe(answer); }

  /* walk/engine.py pathways_walked: the pathways of the steps so far, the current one
     last, a run of steps in one pathway named once. */
  function pathwaysWalked(steps, here) {
    var out = [];
    steps.map(function (s) { return s.key; }).concat([here]).forEach(function (k) {
      var p = pathwayOf(k);
      if (!out.length || out[out.length - 1] !== p) out.push(p);
    });
    return out;
  }

  /* The waiting step as the CLI's prompters see it (walk/session.py make_ask). */
  function makeAsk(state) {
    var pos = position(state);
    var offers = [];
    if (pos.node.kind === "question") {
      offers = pos.node.options.map(function (o) { return { id: o.id, label: o.label, red: o.red }; });
    } else if (pos.item) {
      offers = pos.item.choices.map(function (c) { return { id: c.id, label: c.label, points: c.points }; });
    }
    var passed = [];
    for (var i = pos.steps.length - 1; i >= 0 && pos.steps[i].node.kind === "info"; i--) {
      passed.unshift(pos.steps[i]);
    }
    var last = state.answers[state.answers.length - 1];
    return {
      name: itemName(pos.key, pos.item ? pos.item.id : null),
      pos: pos,
      offers: offers,
      walked: pathwaysWalked(pos.steps, pos.key),
      passed: pos.scored.length ? [] : passed,
      discards: last ? describeAnswer(last) : null,
      number: state.answers.length + 1
    };
  }

  function answerState(state, id) {
    var pos = position(state);
    return {
      start: state.start,
      answers: state.answers.concat([{ node: pos.key, choice: id, item: pos.item ? pos.item.id : null }])
    };
  }

  /* The end of a walk as walk/summary.py summarise() collects it. */
  function summarise(state) {
    var pos = position(state);
    var steps = pos.steps.map(function (step) {
      var chosen = step.answers.map(function (a) { return a.choice; });
      var red = step.node.kind === "question" && step.node.options.some(function (o) {
        return o.red && chosen.indexOf(o.id) >= 0;
      });
      return {
        key: step.key,
        node: step.node,
        answers: step.answers,
        labels: step.answers.map(describe),
        red: red,
        score: step.band ? "total " + step.total + ": " + step.band.label : null
      };
    });
    var notes = [];
    if (pos.node.kind === "outcome") {
      for (var i = pos.steps.length - 1; i >= 0 && pos.steps[i].node.kind === "info"; i--) {
        notes.unshift(pos.steps[i].node);
      }
    }
    var visited = pos.steps.map(function (s) { return s.key; }).concat([pos.key]);
    var sources = [];
    visited.forEach(function (key) {
      nodeAt(key).sources.forEach(function (c) { if (sources.indexOf(c) < 0) sources.push(c); });
    });
    var cited = {};
    var found = [];
    var missing = [];
    sources.forEach(function (c) {
      var cite = DATA.cites[c];
      if (!cite.found) { if (missing.indexOf(cite.key) < 0) missing.push(cite.key); }
      else if (!cited[cite.key]) { cited[cite.key] = true; found.push(cite); }
    });
    var pathways = [];
    visited.forEach(function (k) { var p = pathwayOf(k); if (pathways.indexOf(p) < 0) pathways.push(p); });
    return {
      start: state.start, pos: pos, steps: steps, notes: notes, visited: visited,
      outcome: pos.node.kind === "outcome" ? pos.node : null, outcomeKey: pos.key,
      sources: found, missing: missing, pathways: pathways
    };
  }

  // ---------------------------------------------------------------- the walk view
  var walk = { state: null, note: 0, here: null };  // note: which passed note is shown; here: the pathway on screen
  var walkView = document.getElementById("walk-view");
  var walkStatus = document.getElementById("walk-status");

  function say(text) { walkStatus.textContent = text; }
  function brief(node) {
    if (!node.sources.length) return null;
    return el("p", { className: "src", text: "Sources: " + node.sources.map(function (c) {
      return DATA.cites[c].short;
    }).join("; ") });
  }
  function offerLabel(offer) {
    var label = offer.label;
    if (offer.points !== undefined) label += " (" + offer.points + " point" + (offer.points !== 1 ? "s" : "") + ")";
    return label;
  }
  function scoreLine(ask) {
    var node = ask.pos.node;
    if (node.kind !== "score" || !ask.pos.item) return null;
    var remaining = node.items.slice(ask.pos.scored.length);
    var least = ask.pos.total + remaining.reduce(function (s, i) { return s + minPoints(i); }, 0);
    var band = ask.pos.scored.length ? bandFor(node, least) : null;  // nothing scored: no band yet
    var low = node.items.reduce(function (s, i) { return s + minPoints(i); }, 0);
    var high = node.items.reduce(function (s, i) { return s + maxPoints(i); }, 0);
    return "Item " + (ask.pos.scored.length + 1) + " of " + node.items.length + ": " +
      ask.pos.item.label + ". Running total " + ask.pos.total + " (range " + low + "\u2013" + high +
      (band ? ", band so far: " + band.label : "") + ").";
  }
  function whyBlock(ask) {
    var node = ask.pos.node;
    var list = el("ul", null, node.sources.map(function (c) {
      return el("li", { text: DATA.cites[c].full });
    }));
    if (!node.sources.length) add(list, el("li", { text: "(none cited)" }));
    return el("div", { className: "why", id: "why", hidden: true },
      el("h4", { text: "Why this step?" }),
      el("p", { className: "text", text: node.rationale || "No rationale is recorded for this step." }),
      el("h4", { text: "Sources" }), list);
  }
  function command(cmd, label, extra) {
    var attrs = { type: "button", "data-cmd": cmd, text: label };
    for (var k in extra || {}) attrs[k] = extra[k];
    return el("li", null, el("button", attrs));
  }

  function renderAsk(ask) {
    var node = ask.pos.node;
    /* ui/prompters.py: the notes passed on the way, one at a time ("Note 2 of 5"). */
    var count = ask.passed.length;
    var at = Math.min(walk.note, count - 1);
    var notes = count ? el("aside", { className: "note", "aria-label": "Note: " + ask.passed[at].node.title },
      el("h3", { text: (count > 1 ? "Note " + (at + 1) + " of " + count + ": " : "Note: ") + ask.passed[at].node.title }),
      el("p", { className: "text", text: ask.passed[at].node.text }), brief(ask.passed[at].node),
      at + 1 < count ? el("p", null, el("button", { type: "button", "data-cmd": "next-note", text: "Next note" })) : null) : null;
    var shown = count ? pathwayOf(ask.passed[at].key) : pathwayOf(ask.pos.key);
    var crossed = walk.here !== null && walk.here !== shown;
    walk.here = shown;
    var offers = el("ol", { className: "offers", "aria-labelledby": "step-title" },
      ask.offers.map(function (offer, i) {
        return el("li", null, el("button", {
          type: "button", className: "offer" + (offer.red ? " red" : ""), "data-choice": offer.id
        }, el("span", { className: "num", "aria-hidden": "true", text: (i + 1) + "." }), offerLabel(offer),
        offer.red ? [" ", el("strong", { className: "flag", text: W.red_flag })] : null));
      }));
    var item = ask.pos.item;
    if (notes) {  /* read first: focus goes to the note, ahead of the question */
      var heading = notes.querySelector("h3");
      heading.setAttribute("tabindex", "-1");
      heading.setAttribute("data-focus", "true");
    }
    if (at + 1 < count) {
      /* as at the terminal, the question waits until the notes before it are read */
      return el("article", { className: "step reading", "data-name": ask.name, "aria-label": "Notes before the next question" },
        crossed ? el("p", { className: "now-in", role: "status", text: "Now in: " + DATA.pathways[shown].title }) : null,
        notes,
        el("ul", { className: "commands", "aria-label": "Walk commands" },
          command("back", ask.discards ? "Back (discards: " + ask.discards + ")" : "Back (nothing to undo yet)",
            { "aria-disabled": ask.discards ? null : "true" }),
          command("restart", "Restart")));
    }
    return el("article", { className: "step", "data-name": ask.name, "aria-labelledby": "step-title" },
      crossed ? el("p", { className: "now-in", role: "status", text: "Now in: " + DATA.pathways[shown].title }) : null,
      notes,
      el("p", { className: "step-head", text: "Step " + ask.number + " \u00b7 " + DATA.pathways[pathwayOf(ask.pos.key)].title }),
      el("p", { className: "crumbs", text: "Pathways walked: " + walkedLine(ask.walked) }),
      el("h3", { id: "step-title", tabindex: "-1", "data-focus": true,
        text: item ? node.title + ": " + item.label : node.title }),
      el("p", { className: "text", text: node.text }),
      scoreLine(ask) ? el("p", { className: "score", text: scoreLine(ask) }) : null,
      item && item.text ? el("p", { className: "text", text: item.text }) : null,
      brief(node),
      el("p", { className: "discuss", text: "Discuss: " + node.discuss }),
      offers,
      el("ul", { className: "commands", "aria-label": "Walk commands" },
        command("back", ask.discards ? "Back (discards: " + ask.discards + ")" : "Back (nothing to undo yet)",
          { "aria-disabled": ask.discards ? null : "true" }),
        command("restart", "Restart"),
        command("why", "Why? (rationale and sources)", { "aria-expanded": "false", "aria-controls": "why" })),
      whyBlock(ask));
  }

  function outcomeBlock(sum) {
    var out = sum.outcome;
    if (!out) return el("section", { className: "outcome" }, el("p", { text: "Walk not finished: stopped at " + sum.pos.node.title + "." }));
    var headline = W.headline[out.urgency];
    return el("section", {
      className: "outcome u-" + out.urgency, "aria-labelledby": "outcome-heading",
      "data-outcome": sum.outcomeKey, "data-urgency": out.urgency
    },
      el("h3", { id: "outcome-heading", className: "banner", text: headline }),
      el("p", null, el("strong", { text: "Outcome: " }), out.title),
      el("p", { className: "urgency" }, el("strong", { text: "Urgency: " }), headline),
      el("p", { className: "text", text: out.text }),
      el("p", null, el("strong", { text: "What to do: " }), out.action),
      el("p", { className: "discuss" }, el("strong", { text: "Discuss: " }), out.discuss));
  }

  function renderSummary(sum) {
    var path = el("ol", { className: "path" }, sum.steps.map(function (step) {
      var li = el("li", null, el("strong", { text: step.node.title }));
      if (step.score) {
        add(li, " (" + step.score + ")");
        add(li, el("ul", null, step.labels.map(function (l) { return el("li", { text: l }); })));
      } else if (step.labels.length) {
        add(li, ": " + step.labels.join("; "));
      }
      if (step.red) add(li, [" ", el("strong", { className: "flag", text: W.red_flag })]);
      return li;
    }));
    var notes = sum.notes.map(function (n) {
      return el("aside", { className: "note", "aria-label": "Note: " + n.title },
        el("h4", { text: "Note: " + n.title }), el("p", { className: "text", text: n.text }));
    });
    var sources = el("ul", { className: "sources" }, sum.sources.map(function (c) {
      return el("li", null, "[" + c.key + "] " + c.ref + (c.url ? " " : ""), c.url ? el("span", { text: c.url }) : null);
    }), sum.missing.map(function (k) { return el("li", { text: "[" + k + "] " + W.not_found }); }));
    var clinician = DATA.pathways[pathwayOf(sum.start)].clinician_only;
    return el("article", { className: "summary", "aria-labelledby": "summary-title" },
      el("h3", { id: "summary-title", tabindex: "-1", "data-focus": true, text: "Your walk" }),
      sum.outcome ? el("p", { className: "banner u-" + sum.outcome.urgency, text: "Where it leads: " + W.headline[sum.outcome.urgency] }) : null,
      el("p", { className: "crumbs", text: "Pathways walked: " + walkedLine(sum.pathways) }),
      sum.steps.length ? path : el("p", { text: "(no answers)" }),
      notes,
      el("p", { className: "src", text: "Sources: " + (sum.sources.length + sum.missing.length) + " cited; choose \u2018Sources\u2019 to see them." }),
      el("p", null, el("button", { type: "button", "data-cmd": "sources", "aria-expanded": "false", "aria-controls": "all-sources",
        text: "Sources (every source, in full)" })),
      el("div", { id: "all-sources", hidden: true }, el("h4", { text: "Sources" }), sources),
      el("p", { className: "disclaimer", text: W.disclaimer }),
      outcomeBlock(sum),
      el("ul", { className: "commands", "aria-label": "Walk commands" },
        walk.state.answers.length ? command("back", "Back (discards: " + describeAnswer(walk.state.answers[walk.state.answers.length - 1]) + ")") : null,
        command("restart", "Restart"),
        command("print", clinician ? "Print this summary (clinician-only pathway: no patient leaflet)" : "Print my leaflet for this route")));
  }

  function renderWalk(focus) {
    clear(walkView);
    var pos = position(walk.state);
    if (pos.node.kind === "outcome") {
      var sum = summarise(walk.state);
      add(walkView, renderSummary(sum));
      buildLeaflet(sum);
    } else {
      add(walkView, renderAsk(makeAsk(walk.state)));
      clear(document.getElementById("leaflet"));
    }
    if (focus) focusHeading(walkView);
  }

  function startWalk(pid, focus) {
    walk.state = { start: DATA.pathways[pid].start, answers: [] };
    walk.note = 0;
    walk.here = null;
    say("");
    renderWalk(focus);
  }

  function doCommand(cmd) {
    if (!walk.state) return;
    if (cmd === "back") {
      if (!walk.state.answers.length) { say("This is the first question: there is nothing to go back to."); return; }
      var discarded = walk.state.answers[walk.state.answers.length - 1];
      walk.state = { start: walk.state.start, answers: walk.state.answers.slice(0, -1) };
      walk.note = 0;
      say("Back: discarded your answer (" + describeAnswer(discarded) + ").");
      renderWalk(true);
    } else if (cmd === "restart") {
      walk.state = { start: walk.state.start, answers: [] };
      walk.note = 0;
      walk.here = null;
      say("Restarted: all answers discarded.");
      renderWalk(true);
    } else if (cmd === "why") {
      var why = document.getElementById("why");
      var button = walkView.querySelector("[data-cmd=why]");
      if (!why || !button) return;
      why.hidden = !why.hidden;
      button.setAttribute("aria-expanded", why.hidden ? "false" : "true");
      if (!why.hidden) { why.setAttribute("tabindex", "-1"); why.focus(); }
    } else if (cmd === "next-note") {
      walk.note += 1;
      renderWalk(false);
      var note = walkView.querySelector(".note h3");
      if (note) { note.setAttribute("tabindex", "-1"); note.focus(); }
    } else if (cmd === "sources") {
      var all = document.getElementById("all-sources");
      var open = walkView.querySelector("[data-cmd=sources]");
      if (!all || !open) return;
      all.hidden = !all.hidden;
      open.setAttribute("aria-expanded", all.hidden ? "false" : "true");
    } else if (cmd === "print") {
      window.print();  // beforeprint below picks the leaflet
    }
  }

  function choose(id) {
    if (!walk.state || position(walk.state).node.kind === "outcome") return;
    walk.state = answerState(walk.state, id);
    walk.note = 0;
    say("");
    renderWalk(true);
  }

  /* Printing at the end of a walk (the button or the browser's own Print) prints the
     leaflet for the route taken; anywhere else, the page as it is. */
  window.addEventListener("beforeprint", function () {
    var walking = !document.getElementById("walk").hidden;
    if (walking && document.getElementById("leaflet").firstChild) document.body.classList.add("print-leaflet");
  });
  window.addEventListener("afterprint", function () { document.body.classList.remove("print-leaflet"); });

  walkView.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !walkView.contains(button)) return;
    if (button.hasAttribute("data-choice")) choose(button.getAttribute("data-choice"));
    else if (button.hasAttribute("data-cmd")) doCommand(button.getAttribute("data-cmd"));
  });

  document.getElementById("start-form").addEventListener("submit", function (event) {
    event.preventDefault();
    startWalk(document.getElementById("start-select").value, true);
  });

  // ---------------------------------------------------------------- the personal leaflet
  /* For printing: the steps taken in plain words and where they lead, like
     'bonemets leaflet PATHWAY --answers walk.json'. */
  /* export/signs.py along_red_flags: the pathways' nodes, in walk order, and every node
     a red-flag answer leads to, through info steps and links. */
  function alongRedFlags(pids) {
    var out = [];
    var seen = {};
    pids.forEach(function (p) { DATA.pathways[p].order.forEach(function (k) { if (!seen[k]) { seen[k] = true; out.push(k); } }); });
    function onward(key) {
      var node = NODES[key];
      if (node.kind === "info") return [node.next];
      if (node.kind === "question") return node.options.filter(function (o) { return o.red; }).map(function (o) { return o.next; });
      return [];
    }
    var todo = [];
    out.forEach(function (k) { if (NODES[k].kind === "question") todo = todo.concat(onward(k)); });
    while (todo.length) {
      var key = todo.shift();
      if (seen[key] || !NODES[key]) continue;
      seen[key] = true;
      out.push(key);
      todo = todo.concat(onward(key));
    }
    return out;
  }
  function stableByUrgency(list) {
    return list.map(function (s, i) { return [s, i]; }).sort(function (a, b) {
      return W.rank[a[0].urgency] - W.rank[b[0].urgency] || a[1] - b[1];
    }).map(function (p) { return p[0]; });
  }
  /* export/leaflet.py: the panel's sources, then every source the printed steps cite, each
     once, in first-cited order (keys no bibliography has are left out). */
  function leafletSources(first, keys) {
    var listed = {};
    var out = [];
    var add = function (c) {
      var cite = DATA.cites[c];
      if (!listed[cite.key] && cite.found) { listed[cite.key] = true; out.push(cite); }
    };
    first.forEach(add);
    keys.forEach(function (key) { NODES[key].sources.forEach(add); });
    return out;
  }
  /* Leaflet.source_names: each publisher once, then how many papers. */
  function sourceNames(cited) {
    var names = [];
    cited.forEach(function (c) { if (c.publisher && names.indexOf(c.publisher) < 0) names.push(c.publisher); });
    var papers = cited.filter(function (c) { return !c.publisher; }).length;
    if (papers) names.push(papers + " research paper" + (papers > 1 ? "s" : "") + " in medical journals");
    return names;
  }

  function buildLeaflet(sum) {
    var box = document.getElementById("leaflet");
    clear(box);
    var pid = pathwayOf(sum.start);
    var pw = DATA.pathways[pid];
    if (pw.clinician_only || !sum.outcome) {
      add(box, el("h1", { text: "Your walk: " + pw.title }), Array.prototype.slice.call(
        walkView.querySelector(".summary").cloneNode(true).childNodes));
      var cmds = box.querySelector(".commands");
      if (cmds) cmds.parentNode.removeChild(cmds);
      Array.prototype.forEach.call(box.querySelectorAll("[id], [data-focus], [tabindex]"), function (node) {
        node.removeAttribute("id");
        node.removeAttribute("data-focus");
        node.removeAttribute("tabindex");
      });
      return;
    }
    var out = sum.outcome;
    var steps = sum.steps.map(function (step) {
      var answer = null;
      if (step.node.kind === "question") {
        var option = find(step.node.options, step.answers[0].choice);
        answer = option.lay;
      } else if (step.node.kind === "score") {
        answer = step.labels.join("; ") + " (" + step.score + ")";
      }
      return el("li", null, el("strong", { text: step.node.title }), el("p", { className: "text", text: step.node.lay }),
        answer ? el("p", null, el("strong", { text: W.leaflet.your_answer + ": " }), answer) : null);
    });
    // export/leaflet.py _prompts: each step's parts joined; questions end in "?", the
    // rest is to tell the team; each listed once
    var asked = [];
    var told = [];
    sum.visited.forEach(function (key) {
      asked = asked.concat(nodeAt(key).prompt.ask);
      told = told.concat(nodeAt(key).prompt.tell);
    });
    var once = function (list) { return list.filter(function (q, i) { return list.indexOf(q) === i; }); };
    var asks = once(asked.filter(function (q) { return q.slice(-1) === "?"; }));
    var tells = once(asked.filter(function (q) { return q.slice(-1) !== "?"; }).concat(told));
    var L = W.leaflet;
    var signNodes = alongRedFlags(sum.pathways.slice().sort());
    var signs = [];
    signNodes.forEach(function (key) { signs = signs.concat(NODES[key].signs || []); });
    signs = stableByUrgency(signs);
    var emergencies = [];
    signNodes.forEach(function (key) {
      if (NODES[key].kind === "outcome" && NODES[key].urgency === "emergency") emergencies.push(key);
    });
    signNodes.forEach(function (key) {
      (NODES[key].red_outcomes || []).forEach(function (o) { if (emergencies.indexOf(o) < 0) emergencies.push(o); });
    });
    var cited = leafletSources(DATA.pathways[pathwayOf(sum.start)].panel_sources,
      sum.visited.concat(signNodes.filter(function (key) {
        return NODES[key].kind === "question" && NODES[key].options.some(function (o) { return o.red; });
      }), emergencies));
    var urgentSigns = signs.filter(function (s) { return s.urgency === "emergency" && !s.follow_up; });
    var otherSigns = signs.filter(function (s) { return s.urgency !== "emergency"; });
    function blanks(onlyEmergency) {
      return el("dl", { className: "numbers" }, L.contact_lines.filter(function (line) {
        return !onlyEmergency || line.emergency;
      }).map(function (line) {
        return el("div", null, el("dt", { text: line.label + ":" }), el("dd", { className: "blank", text: "\u00a0" }));
      }));
    }
    var emergencyBox = el("section", { className: "outcome u-emergency" },
      el("h2", { text: L.emergency_heading }),
      el("p", { text: urgentSigns.length || emergencies.length ? L.emergency_intro : L.no_signs_intro }),
      blanks(true),
      urgentSigns.length ? el("ul", null, urgentSigns.map(function (sign) {
        return el("li", null, el("strong", { text: sign.title }), " " + sign.text, el("br"), sign.when);
      })) : null,
      emergencies.map(function (key) {
        var e = NODES[key];
        return el("div", { className: "what" },
          el("p", null, el("strong", { text: L.may_mean + ": " + e.title + "." }), " " + e.lay),
          el("p", null, el("strong", { text: L.what_to_do + ": " }), e.discuss));
      }));
    var otherBox = otherSigns.length ? el("section", { className: "outcome" },
      el("h2", { text: L.other_heading }), el("p", { text: L.other_intro }),
      el("ul", null, otherSigns.map(function (sign) {
        return el("li", null, el("strong", { text: sign.title }), " " + sign.text, el("br"), sign.when, el("br"),
          el("strong", { text: L.how_soon + ": " }), W.lay[sign.urgency],
          sign.escalates ? [el("br"), el("strong", { text: L.escalates })] : null);
      }))) : null;
    var versions = sum.pathways.map(function (p) { return p + " " + DATA.pathways[p].version; }).join("; ");
    add(box,
      el("h1", { text: "Your path: " + pw.title }),
      el("p", { text: "A personal summary of the answers you gave" }),
      el("p", { className: "disclaimer", text: W.leaflet_disclaimer }),
      emergencyBox, otherBox,
      el("h2", { text: "The steps you went through" }), el("ol", null, steps),
      el("h2", { text: "Where your answers lead" }),
      el("section", { className: "outcome u-" + out.urgency },
        el("h3", { text: out.title }), el("p", { className: "text", text: out.lay }),
        el("p", null, el("strong", { text: L.how_soon + ": " }), W.lay[out.urgency])),
      asks.length ? [el("h2", { text: L.questions }),
        el("ul", { className: "questions" }, asks.map(function (q) { return el("li", { text: q }); }))] : null,
      tells.length ? [el("h2", { text: L.tell }),
        el("ul", { className: "tell" }, tells.map(function (q) { return el("li", { text: q }); }))] : null,
      el("h2", { text: L.contacts }), blanks(false),
      cited.length ? [el("h2", { text: L.sources }), el("p", { text: sourceNames(cited).join("; ") + ". The full references are at the end." })] : null,
      el("h2", { text: L.about }),
      el("p", { text: "Produced by " + pw.producer + ". Version " + (sum.pathways.length > 1 ? versions : pw.version) +
        ". Reviewed " + pw.reviewed + "; next review " + pw.next_review + ". bonemets " + DATA.version + "." }),
      cited.length ? [el("h2", { text: L.references }),
        el("ol", { className: "references" }, cited.map(function (c) { return el("li", { text: c.text + (c.url ? " " + c.url : "") }); }))] : null);
  }

  // ---------------------------------------------------------------- the quiz
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  var quiz = { order: [], at: 0, answered: null, right: 0, done: 0 };
  var quizView = document.getElementById("quiz-view");
  var quizStatus = document.getElementById("quiz-status");
  var memory = [];
  var stored = true;

  function reviews() {
    try {
      var raw = window.localStorage.getItem(STORE_KEY);
      var list = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? list : [];
    } catch (e) { stored = false; return memory; }
  }
  function saveReview(review) {
    var list = reviews();
    list.push(review);
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(list)); } catch (e) {
      stored = false; memory = list;
    }
  }
  /* Each item's latest answer (by time; a later entry wins a tie): right or wrong. */
  function latest(list) {
    var at = {};
    var last = {};
    list.forEach(function (r) {
      var when = Date.parse(r.reviewed_at);
      if (!(r.item_id in at) || when >= at[r.item_id]) { at[r.item_id] = when; last[r.item_id] = r.correct; }
    });
    return last;
  }
  function lastAnswers() { return latest(reviews()); }
  /* Wrong last time first (FSRS makes them due within minutes), then unseen, then the rest. */
  function quizOrder() {
    var last = lastAnswers();
    var idx = DATA.quiz.map(function (_, i) { return i; });
    function rank(i) { var l = last[DATA.quiz[i].id]; return l === false ? 0 : l === undefined ? 1 : 2; }
    return idx.slice().sort(function (a, b) { return rank(a) - rank(b) || a - b; });
  }

  function renderQuestion(focus) {
    clear(quizView);
    if (!DATA.quiz.length) { add(quizView, el("p", { text: "This page holds no quiz items." })); return; }
    if (quiz.at >= quiz.order.length) {
      add(quizView, el("div", { className: "question" },
        el("h3", { tabindex: "-1", "data-focus": true, text: "Score: " + quiz.right + "/" + quiz.done + " right." }),
        el("ul", { className: "commands" }, el("li", null, el("button", { type: "button", "data-quiz": "again", text: "Start again" })))));
      if (focus) focusHeading(quizView);
      return;
    }
    var item = DATA.quiz[quiz.order[quiz.at]];
    var answered = quiz.answered;
    var offers = el("ol", { className: "offers", "aria-labelledby": "question-title" }, item.choices.map(function (text, i) {
      return el("li", null, el("button", {
        type: "button", className: "offer", "data-letter": LETTERS[i], "data-index": String(i),
        "aria-disabled": answered !== null ? "true" : null
      }, el("span", { className: "num", text: LETTERS[i] + "." }), text));
    }));
    var feedback = null;
    if (answered !== null) {
      var right = answered === item.correct;
      feedback = el("div", { className: "feedback", id: "feedback", tabindex: "-1" },
        right ? el("p", null, el("strong", { className: "right", text: "RIGHT" }), " (" + LETTERS[answered] + ". " + item.choices[answered] + ")")
          : el("p", null, el("strong", { className: "wrong", text: "WRONG" }),
            " (you chose " + LETTERS[answered] + ". " + item.choices[answered] + "); ",
            el("strong", { text: "the answer is " + LETTERS[item.correct] + ". " + item.choices[item.correct] })),
        el("p", { className: "text", text: item.explanation }),
        item.citations.map(function (c) { return el("p", { className: "src", text: "Source: " + c }); }),
        el("ul", { className: "commands" }, el("li", null, el("button", { type: "button", "data-quiz": "next", text: "Next question" }))));
    }
    add(quizView, el("article", { className: "question", "aria-labelledby": "question-title", "data-item": item.id },
      el("p", { className: "crumbs", text: "[" + item.type + " \u00b7 " + item.pathway + " \u00b7 " + item.stage + "]" }),
      el("h3", { id: "question-title", tabindex: "-1", "data-focus": true, text: "Question " + (quiz.at + 1) + " of " + quiz.order.length }),
      el("p", { className: "text", text: item.question }), offers, feedback));
    if (focus === "feedback") document.getElementById("feedback").focus();
    else if (focus) focusHeading(quizView);
  }

  function answerQuiz(index) {
    if (quiz.answered !== null || quiz.at >= quiz.order.length) return;
    var item = DATA.quiz[quiz.order[quiz.at]];
    quiz.answered = index;
    quiz.done += 1;
    if (index === item.correct) quiz.right += 1;
    saveReview({ item_id: item.id, pathway: item.pathway, stage: item.stage,
      reviewed_at: new Date().toISOString(), correct: index === item.correct });
    quizStatus.textContent = (index === item.correct ? "Right." : "Wrong.") + (stored ? " Saved in this browser." : " Not saved: this browser keeps no local storage for this page.");
    renderQuestion("feedback");
    renderProgress();
  }

  quizView.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-index")) answerQuiz(Number(button.getAttribute("data-index")));
    else if (button.getAttribute("data-quiz") === "next") { quiz.at += 1; quiz.answered = null; quizStatus.textContent = ""; renderQuestion(true); }
    else if (button.getAttribute("data-quiz") === "again") { startQuiz(); }
  });

  function startQuiz() {
    quiz = { order: quizOrder(), at: 0, answered: null, right: 0, done: 0 };
    renderQuestion(true);
  }

  // ---------------------------------------------------------------- progress (quiz/progress.py)
  var COLUMNS = ["pathway", "stage", "seen", "answers", "correct", "accuracy", "due", "streak_days", "last_answered"];
  function localDay(date) {
    return date.getFullYear() * 10000 + (date.getMonth() + 1) * 100 + date.getDate();
  }
  function dayStreak(moments, now) {
    var days = {};
    moments.forEach(function (m) { days[localDay(m)] = true; });
    var day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    if (!days[localDay(day)]) day.setDate(day.getDate() - 1);
    var streak = 0;
    while (days[localDay(day)]) { streak += 1; day.setDate(day.getDate() - 1); }
    return streak;
  }
  /* Python's repr(round(x, 4)): halves of the exact binary value go to even. */
  function pyRound4(x) {
    var exact = x.toFixed(20);
    var dot = exact.indexOf(".");
    var rest = exact.slice(dot + 5);
    var value = Number(x.toFixed(4));
    if (/^50*$/.test(rest)) {
      var down = Number(exact.slice(0, dot + 5));
      var last = Number(exact.charAt(dot + 4));
      value = last % 2 === 0 ? down : Number((down + 0.0001).toFixed(4));
    }
    var text = String(value);
    return text.indexOf(".") < 0 && text.indexOf("e") < 0 ? text + ".0" : text;
  }
  function isoSeconds(date) { return date.toISOString().slice(0, 19) + "+00:00"; }
  function progressRow(pathway, stage, list, now) {
    var ids = {};
    var last = latest(list);
    var correct = 0;
    var newest = null;
    list.forEach(function (r) {
      ids[r.item_id] = true;
      if (r.correct) correct += 1;
      var at = new Date(r.reviewed_at);
      if (!newest || at > newest) newest = at;
    });
    var due = Object.keys(last).filter(function (k) { return last[k] === false; }).length;
    return {
      pathway: pathway, stage: stage, seen: Object.keys(ids).length, answers: list.length, correct: correct,
      accuracy: list.length ? pyRound4(correct / list.length) : "", due: due,
      streak_days: dayStreak(list.map(function (r) { return new Date(r.reviewed_at); }), now),
      last_answered: newest ? isoSeconds(newest) : ""
    };
  }
  function progress(now) {
    var list = reviews();
    var groups = {};
    list.forEach(function (r) { groups[JSON.stringify([r.pathway, r.stage])] = [r.pathway, r.stage]; });
    var keys = Object.keys(groups).map(function (k) { return groups[k]; }).sort(function (a, b) {
      return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
    });
    var rows = keys.map(function (g) {
      // a bank item that names no pathway is shown as the fact bank, as 'bonemets progress' does
      var label = g[0] === "bank" ? "(fact bank)" : g[0];
      return progressRow(label, g[1], list.filter(function (r) { return r.pathway === g[0] && r.stage === g[1]; }), now);
    });
    rows.push(progressRow("all", "all", list, now));
    return rows;
  }
  function csvCell(value) {
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function progressCsv() {
    var lines = [COLUMNS.join(",")];
    progress(new Date()).forEach(function (row) {
      lines.push(COLUMNS.map(function (c) { return csvCell(row[c]); }).join(","));
    });
    return lines.join("\n") + "\n";
  }
  function renderProgress() {
    var view = document.getElementById("progress-view");
    clear(view);
    var rows = progress(new Date());
    if (rows.length === 1 && !rows[0].answers) { add(view, el("p", { text: "No answers yet." })); return; }
    var heads = ["Pathway", "Stage", "Seen", "Answers", "Accuracy", "Due", "Streak"];
    add(view, el("table", null, el("caption", { text: "Quiz progress in this browser. Due: items whose last answer was wrong. Streak: consecutive days with at least one answer, ending today or yesterday." }),
      el("thead", null, el("tr", null, heads.map(function (h) { return el("th", { scope: "col", text: h }); }))),
      el("tbody", null, rows.map(function (r) {
        var acc = r.accuracy === "" ? "\u2013" : Math.round(Number(r.accuracy) * 100) + "%";
        return el("tr", null, [r.pathway, r.stage, r.seen, r.answers, acc, r.due, r.streak_days].map(function (v, i) {
          return el(i ? "td" : "th", i ? { text: String(v) } : { scope: "row", text: String(v) });
        }));
      }))));
  }
  document.getElementById("progress-csv").addEventListener("click", function () {
    var blob = new Blob([progressCsv()], { type: "text/csv" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "bonemets-progress.csv" });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    quizStatus.textContent = "Progress saved as bonemets-progress.csv.";
  });
  document.getElementById("progress-clear").addEventListener("click", function () {
    if (!window.confirm("Clear every quiz answer kept in this browser?")) return;
    try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* nothing kept */ }
    memory = [];
    renderProgress();
    quizStatus.textContent = "Progress cleared.";
  });

  // ---------------------------------------------------------------- modes and keys
  function mode(name) {
    var isWalk = name === "walk";
    document.getElementById("walk").hidden = !isWalk;
    document.getElementById("quiz").hidden = isWalk;
    document.getElementById("mode-walk").setAttribute("aria-pressed", String(isWalk));
    document.getElementById("mode-quiz").setAttribute("aria-pressed", String(!isWalk));
    if (!isWalk && !quiz.order.length) startQuiz();
    else focusHeading(isWalk ? walkView : quizView);
    renderProgress();
  }
  document.getElementById("mode-walk").addEventListener("click", function () { mode("walk"); });
  document.getElementById("mode-quiz").addEventListener("click", function () { mode("quiz"); });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    var target = event.target;
    if (target && (target.tagName === "SELECT" || target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    var key = event.key;
    if (!document.getElementById("walk").hidden) {
      if (!walk.state) return;
      var buttons = walkView.querySelectorAll("[data-choice]");
      var reading = walkView.querySelector("[data-cmd=next-note]");
      var onNote = target && target.closest && target.closest(".note") && target.tagName !== "BUTTON";
      if (reading && (key === "n" || key === "N" || (key === "Enter" && onNote))) { event.preventDefault(); doCommand("next-note"); }
      else if (/^[1-9]$/.test(key) && Number(key) <= buttons.length) { event.preventDefault(); buttons[Number(key) - 1].click(); }
      else if (key === "b" || key === "B") { event.preventDefault(); doCommand("back"); }
      else if (key === "r" || key === "R") { event.preventDefault(); doCommand("restart"); }
      else if (key === "?" || key === "w" || key === "W") { event.preventDefault(); doCommand("why"); }
    } else {
      var letters = quizView.querySelectorAll("[data-letter]");
      var index = LETTERS.indexOf(key.toUpperCase());
      if (key.length === 1 && index >= 0 && index < letters.length) { event.preventDefault(); letters[index].click(); }
      else if (key === "n" || key === "N") { var next = quizView.querySelector("[data-quiz=next]"); if (next) { event.preventDefault(); next.click(); } }
    }
  });

  startWalk(DATA.starts[0], false);  // the first question is shown; focus stays at the top
}());
