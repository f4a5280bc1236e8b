// Tidings: progressive enhancement only. Every feature works without this script.
(function () {
  'use strict';

  // Citations: highlight every piece of the cited sentence, not only the :target piece.
  function highlight(hash) {
    var m = /^#s-(\d+)$/.exec(hash || '');
    document.querySelectorAll('.s.is-cited').forEach(function (el) { el.classList.remove('is-cited'); });
    if (!m) return;
    document.querySelectorAll('.s[data-s="' + m[1] + '"]').forEach(function (el) { el.classList.add('is-cited'); });
  }
  window.addEventListener('hashchange', function () { highlight(location.hash); });
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href^="#s-"]') : null;
    if (a) highlight(a.getAttribute('href'));
  });
  highlight(location.hash);

  // Ask box: answer without reloading the page.
  var ask = document.querySelector('form[data-ask]');
  if (ask && window.fetch) {
    ask.addEventListener('submit', function (e) {
      e.preventDefault();
      var out = document.getElementById('answer');
      var button = ask.querySelector('button');
      if (button) button.disabled = true;
      out.hidden = false;
      out.setAttribute('aria-busy', 'true');
      out.textContent = 'Reading the article…';
      fetch(ask.action, { method: 'POST', body: new URLSearchParams(new FormData(ask)), headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
        .then(function (res) {
          out.textContent = '';
          if (!res.ok) { out.textContent = (res.body.error && res.body.error.message) || 'The question could not be answered.'; return; }
          var p = document.createElement('p');
          p.className = 'answer-text';
          p.textContent = res.body.answer;
          out.appendChild(p);
          if (res.body.citations && res.body.citations.length) {
            var ul = document.createElement('ul');
            ul.className = 'answer-citations';
            res.body.citations.forEach(function (c) {
              var li = document.createElement('li');
              var a = document.createElement('a');
              a.href = '#s-' + c.sentence;
              a.textContent = c.text;
              li.appendChild(a);
              ul.appendChild(li);
            });
            out.appendChild(ul);
          }
        })
        .catch(function () { out.textContent = 'The question could not be sent. Try again.'; })
        .then(function () { out.removeAttribute('aria-busy'); if (button) button.disabled = false; });
    });
  }

  // Outlet images that fail to load (gone, blocked hotlinking) leave no empty frame.
  document.querySelectorAll('img.thumb, .lead-image img, .story-card img').forEach(function (img) {
    function hide() { (img.closest('figure') || img).hidden = true; }
    if (img.complete && img.naturalWidth === 0 && img.getAttribute('src')) hide();
    img.addEventListener('error', hide);
  });

  // Keyboard: j/k move through the list of articles, "/" focuses search.
  function typing(t) { return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)); }
  var current = -1;
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (e.key === '/') {
      var q = document.getElementById('site-q');
      if (q) { e.preventDefault(); q.focus(); q.select(); }
      return;
    }
    if (e.key !== 'j' && e.key !== 'k') return;
    var items = Array.prototype.slice.call(document.querySelectorAll('[data-nav-item]'));
    if (!items.length) return;
    var focused = items.findIndex(function (el) { return el.contains(document.activeElement); });
    if (focused >= 0) current = focused;
    current = e.key === 'j' ? Math.min(items.length - 1, current + 1) : Math.max(0, current - 1);
    items.forEach(function (el) { el.classList.remove('is-current'); });
    var item = items[current];
    item.classList.add('is-current');
    var link = item.querySelector('a[data-nav-link]') || item.querySelector('a');
    if (link) link.focus();
    item.scrollIntoView({ block: 'nearest' });
  });
})();
