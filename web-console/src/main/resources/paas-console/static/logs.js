// The logs page, followed live: reads the app's new lines from the page's follow route (NDJSON, same origin,
// the session cookie) and adds each to the page as a text node, never as markup: a line is whatever a tenant printed.
(function () {
  'use strict';
  var log = document.getElementById('log');
  var status = document.getElementById('log-status');
  if (!log || !status || !log.dataset.follow || !window.fetch || !window.TextDecoder) {
    return; // the page works as it is: its refresh link shows new lines
  }
  var KEPT = 5000; // lines on the page at most: a busy app followed for hours must not fill the tab's memory

  function say(text) {
    status.textContent = text;
  }

  function add(line) {
    var atEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 8;
    var empty = document.getElementById('log-empty');
    if (empty) {
      empty.parentNode.removeChild(empty);
    }
    log.appendChild(document.createTextNode(line + '\n'));
    while (log.childNodes.length > KEPT) {
      log.removeChild(log.firstChild);
    }
    if (atEnd) {
      window.scrollTo(0, document.body.scrollHeight);
    }
  }

  function again() {
    say('(following stopped: trying again in 5 seconds)');
    setTimeout(follow, 5000);
  }

  function follow() {
    fetch(log.dataset.follow, { credentials: 'same-origin', redirect: 'manual', cache: 'no-store',
      headers: { Accept: 'application/x-ndjson' } }).then(function (response) {
      if (!response.ok || !response.body) {
        // signed out, or the app is gone: trying again would not help
        say('(following stopped: reload the page)');
        return;
      }
      say('(new lines appear below as they come)');
      var reader = response.body.getReader();
      var decoder = new TextDecoder();
      var rest = '';
      function read() {
        return reader.read().then(function (chunk) {
          if (chunk.done) {
            again();
            return;
          }
          var parts = (rest + decoder.decode(chunk.value, { stream: true })).split('\n');
          rest = parts.pop();
          parts.forEach(function (part) {
            if (part.trim()) {
              var item = JSON.parse(part);
              if (typeof item.line === 'string') { // a heartbeat has none
                add(item.line);
              }
            }
          });
          return read();
        });
      }
      return read();
    }).catch(again);
  }

  follow();
})();
