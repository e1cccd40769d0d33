// Ziar iframe embeds: copy this file to your own site and load it with
//   <script src="/js/ziar-iframe-host.js" defer></script>
// It resizes every <iframe data-ziar-embed src="https://news.example/embed/recent.html?…">
// to the height its page reports. It accepts a message only from the window of one
// of those iframes AND from the origin its src points to; it sets nothing but the
// height, through the CSSOM (allowed by a `style-src 'self'` policy).
(function () {
  'use strict';
  var MAX = 20000;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'ziar:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    var frames = document.querySelectorAll('iframe[data-ziar-embed]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try {
        origin = new URL(frame.src, location.href).origin;
      } catch (e) {
        return;
      }
      if (event.origin !== origin) return;
      frame.style.height = Math.max(0, Math.min(Math.ceil(data.height), MAX)) + 'px';
      return;
    }
  });
})();
