// sae4j browse: the index's sort and token search, a document's latent shading, and (only when served by
// sae4j browse --serve with the language model at hand) "try your own text". Plain JavaScript, no library, no
// network beyond the server the page came from.
(function () {
  'use strict';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function fmt(v) {
    if (v === 0) { return '0'; }
    var s = Number(v).toPrecision(4);
    if (s.indexOf('e') < 0 && s.indexOf('.') >= 0) { s = s.replace(/0+$/, '').replace(/\.$/, ''); }
    return s;
  }

  function pct(f) {
    if (f === 0) { return '0%'; }
    return String(Number(Number(100 * f).toPrecision(3))) + '%';
  }

  // Token text as the pages show it: a newline as a visible mark, spaces kept.
  function show(t) { return t.replace(/\n/g, '\u21b5').replace(/\t/g, '\u21e5'); }

  function indexPage(data) {
    var body = document.querySelector('#latents tbody');
    var search = document.getElementById('search');
    var sort = document.getElementById('sort');
    var more = document.getElementById('more');
    var count = document.getElementById('count');
    var matchCol = document.getElementById('matchcol');
    var limit = 500;
    var keys = { id: 0, density: 2, max: 3, mean: 4 };

    var byId = {};
    data.latents.forEach(function (l) { byId[l[0]] = l; });
    var vocab = window.SAE4J_VOCAB || { shard: 1, tokens: [] };
    var shards = {};
    window.SAE4J_TOKEN_SHARD = function (n, tokens) { shards[n] = tokens; };

    // The token ids a query names: tokens whose text equals it (case and surrounding spaces ignored); if none,
    // tokens that contain it (the first 200).
    function tokenIds(q) {
      var exact = [], partial = [];
      vocab.tokens.forEach(function (t) {
        var s = t[1].trim().toLowerCase();
        if (s === q) { exact.push(t[0]); } else if (partial.length < 200 && s.indexOf(q) >= 0) { partial.push(t[0]); }
      });
      return exact.length ? exact : partial;
    }

    // Loads the shards holding ids (a script per shard, which file:// allows), then calls done.
    function loadShards(ids, done) {
      var need = {};
      ids.forEach(function (id) { var n = Math.floor(id / vocab.shard); if (!(n in shards)) { need[n] = true; } });
      var left = Object.keys(need).length;
      if (left === 0) { done(); return; }
      Object.keys(need).forEach(function (n) {
        var s = el('script', { src: 'data/tokens/' + n + '.js' });
        s.onload = s.onerror = function () { if (!(n in shards)) { shards[n] = {}; } if (--left === 0) { done(); } };
        document.head.appendChild(s);
      });
    }

    // Every latent that is among the strongest on one of the ids, with its largest activation on them.
    function matches(ids) {
      var best = {};
      ids.forEach(function (id) {
        var list = (shards[Math.floor(id / vocab.shard)] || {})[id] || [];
        list.forEach(function (lv) { if (!(lv[0] in best) || lv[1] > best[lv[0]]) { best[lv[0]] = lv[1]; } });
      });
      var found = Object.keys(best).filter(function (k) { return k in byId; })
        .map(function (k) { return [byId[k], best[k]]; });
      found.sort(function (a, b) { return b[1] - a[1] || a[0][0] - b[0][0]; });
      return found;
    }

    var searchSeq = 0;
    function render() {
      var q = search.value.trim().toLowerCase();
      if (q && data.tokens) {
        var seq = ++searchSeq, ids = tokenIds(q);
        loadShards(ids, function () { if (seq === searchSeq) { fill(q, matches(ids)); } });
        return;
      }
      var rows;
      if (q) {
        rows = data.latents.filter(function (l) { return String(l[0]).indexOf(q) === 0; }).map(function (l) { return [l, null]; });
      } else {
        var k = keys[sort.value];
        rows = data.latents.slice().sort(function (a, b) {
          return k === 0 ? a[0] - b[0] : (b[k] - a[k] || a[0] - b[0]);
        }).map(function (l) { return [l, null]; });
      }
      fill(q, rows);
    }

    function fill(q, rows) {
      matchCol.hidden = !(q && data.tokens);
      body.textContent = '';
      var shown = rows.slice(0, limit);
      shown.forEach(function (r) {
        var l = r[0];
        var tr = el('tr', { 'data-latent': l[0] });
        var a = el('a', { href: 'latents/' + l[0] + '.html' }, String(l[0]));
        var td = el('td'); td.appendChild(a); tr.appendChild(td);
        tr.appendChild(el('td', { 'class': 'n' }, pct(l[2])));
        tr.appendChild(el('td', { 'class': 'n' }, fmt(l[3])));
        tr.appendChild(el('td', { 'class': 'n' }, fmt(l[4])));
        if (q && data.tokens) { tr.appendChild(el('td', { 'class': 'n match' }, fmt(r[1]))); }
        var toks = el('td', { 'class': data.tokens ? 'text' : '' });
        toks.textContent = data.tokens ? l[5].map(function (t) { return '\u00ab' + show(t[0]) + '\u00bb'; }).join(' ')
          : l[5].map(function (t) { return t[0].replace('row ', ''); }).join(', ');
        tr.appendChild(toks);
        body.appendChild(tr);
      });
      count.textContent = rows.length === data.latents.length ? rows.length + ' latents'
        : rows.length + ' of ' + data.latents.length + ' latents match' + (q && data.tokens
          ? ' (the ' + vocab.perToken + ' strongest on each matching token, over every token of the data)' : '');
      more.hidden = rows.length <= limit;
    }

    search.addEventListener('input', render);
    sort.addEventListener('change', render);
    more.addEventListener('click', function () { limit = Infinity; render(); });
    var initial = new URLSearchParams(location.search).get('q');
    if (initial) { search.value = initial; }
    render();
  }

  // A document page: choosing a latent shades every token by its activation; a link from a latent's example
  // (?latent=L) opens the page with that latent chosen.
  function documentPage(doc) {
    var toks = document.querySelectorAll('#doctext .tok');
    document.querySelectorAll('#doclatents button.shade').forEach(function (b) {
      b.addEventListener('click', function () {
        var tr = b.closest('tr');
        var latent = Number(tr.getAttribute('data-latent'));
        document.querySelectorAll('#doclatents tr.chosen').forEach(function (r) { r.classList.remove('chosen'); });
        tr.classList.add('chosen');
        var max = 0, v = [];
        for (var i = 0; i < toks.length; i++) {
          var j = doc.latents[i].indexOf(latent);
          v.push(j >= 0 ? doc.values[i][j] : 0);
          max = Math.max(max, v[i]);
        }
        for (var t = 0; t < toks.length; t++) {
          toks[t].style.background = v[t] > 0 ? 'rgba(255,118,0,' + (v[t] / max).toFixed(3) + ')' : '';
          toks[t].classList.toggle('fire', v[t] === max && max > 0);
        }
      });
    });
    var chosen = new URLSearchParams(location.search).get('latent');
    var button = chosen && document.querySelector('#doclatents tr[data-latent="' + Number(chosen) + '"] button.shade');
    if (button) { button.click(); }
  }

  function tryBox() {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') { return; }
    fetch('api/status').then(function (r) { return r.ok ? r.json() : {}; }).then(function (s) {
      if (!s.tryText) { return; }
      var box = document.getElementById('try');
      if (!box) { return; }
      box.hidden = false;
      document.getElementById('tryform').addEventListener('submit', function (ev) {
        ev.preventDefault();
        var out = document.getElementById('tryout');
        out.textContent = 'Running the model\u2026';
        fetch('api/try', { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          body: document.getElementById('trytext').value })
          .then(function (r) { return r.json(); })
          .then(function (res) {
            out.textContent = '';
            if (res.error) { out.textContent = res.error; return; }
            res.tokens.forEach(function (t, i) {
              var d = el('div', { 'class': 'trytok' });
              d.appendChild(el('b', {}, show(t)));
              res.top[i].forEach(function (lv) {
                d.appendChild(el('br'));
                var a = el('a', { href: 'latents/' + lv[0] + '.html', 'class': 'trylatent' }, String(lv[0]));
                d.appendChild(a);
                d.appendChild(document.createTextNode(' ' + fmt(lv[1])));
              });
              out.appendChild(d);
            });
          });
      });
    });
  }

  if (window.SAE4J_INDEX) { indexPage(window.SAE4J_INDEX); tryBox(); }
  if (window.SAE4J_DOC) { documentPage(window.SAE4J_DOC); }
})();
