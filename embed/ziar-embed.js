// Ziar widgets: <ziar-recent-posts>, <ziar-share> and <ziar-article>.
//
// A host page adds one `<script type="module" src=".../ziar-embed.js">` and the
// elements. This file is the stable entry (serve it with `Cache-Control: no-cache`);
// scripts/embed.sh fills in the content-hashed names of the widget bundles (each a
// wasm-bindgen glue module, its wasm and the stylesheet of its elements), which can be cached
// forever. Each bundle serves some of the elements: a page loads the cheapest set
// of bundles that covers the elements on it (`<ziar-share>` alone loads only the
// share bar), each once, so every element of one kind shares one wasm instance
// (and one clock).
const base = import.meta.url;
/** `[{ name, tags, core, wasm, css, bytes }]`: `bytes` is the bundle's brotli size. */
const BUNDLES = __ZIAR_BUNDLES__;
const TAGS = ['ziar-recent-posts', 'ziar-share', 'ziar-article'];
// The attributes each element reacts to: its own and every config.json key
// (src/embed.rs `observed_attributes`; a host test checks the two agree).
const OWN = { 'ziar-recent-posts': [], 'ziar-share': ['url', 'title', 'text', 'targets'], 'ziar-article': ['slug'] };
const KEYS = ['api', 'kind', 'mapping', 'locale', 'site-name', 'recent-count', 'excerpt-chars', 'page-size', 'poll-seconds', 'auto-insert', 'push-url', 'share', 'follow', 'iframe-hosts', 'link-target', 'timeout-seconds', 'max-response-kb', 'count', 'poll'];

const loading = new Map(); // bundle → Promise of its initialised glue module
const provider = new Map(); // tag → the bundle its elements use

/** Starts loading a bundle (the glue and the wasm in parallel), once. */
function load(bundle) {
  if (!loading.has(bundle)) {
    const wasm = fetch(new URL(bundle.wasm, base));
    loading.set(bundle, import(new URL(bundle.core, base).href).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue;
    }));
  }
  return loading.get(bundle);
}

/** The set of bundles serving every tag in `tags` with the fewest bytes still to load. */
function cover(tags) {
  let best = [];
  let bestBytes = Infinity;
  for (let mask = 1; mask < 1 << BUNDLES.length; mask++) {
    const set = BUNDLES.filter((_, i) => mask & (1 << i));
    if (!tags.every((t) => set.some((b) => b.tags.includes(t)))) continue;
    const bytes = set.reduce((n, b) => n + (loading.has(b) ? 0 : b.bytes), 0);
    if (bytes < bestBytes) [best, bestBytes] = [set, bytes];
  }
  return best;
}

/** Picks and starts the bundles for `tags` (those without one yet). */
function provide(tags) {
  const wanted = tags.filter((t) => !provider.has(t));
  if (!wanted.length) return;
  for (const bundle of cover(wanted)) {
    for (const t of wanted) if (!provider.has(t) && bundle.tags.includes(t)) provider.set(t, bundle);
    load(bundle);
  }
}

/** The glue module serving `tag`. */
function bundleFor(tag) {
  provide([tag]);
  return load(provider.get(tag));
}

// The elements in the page now are served together; one added later gets the
// cheapest bundle for it then (one already loaded costs nothing).
provide(TAGS.filter((t) => document.querySelector(t)));

/** Starts loading the code for elements a script will add later (the iframe page
 *  adds its list once it has read config.json). */
export function preload(...tags) {
  provide(tags.filter((t) => TAGS.includes(t)));
}

/**
 * One custom element. Each renders into its own open Shadow DOM (the host's CSS
 * cannot reach in, ours cannot leak out), styled by a <link> to the widget
 * stylesheet of its bundle (allowed by `style-src` naming this script's origin; no inline style).
 * Attribute changes are applied in place where they can be (the bundle decides);
 * removal unmounts it, which stops its polling and timers.
 */
class ZiarWidget extends HTMLElement {
  #handle = null;
  #container = null;
  #styled = null;
  #scheduled = false;

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected) this.#schedule();
  }

  /** The shadow root's container, created once with its stylesheet. */
  #root() {
    if (!this.#container) {
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      provide([this.localName]);
      const cssUrl = new URL(provider.get(this.localName).css, base).href;
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = cssUrl;
      this.#styled = new Promise((resolve) => {
        link.addEventListener('load', resolve, { once: true });
        link.addEventListener('error', () => {
          console.warn(`Ziar: the widget stylesheet ${cssUrl} did not load (check the page's style-src)`);
          resolve();
        }, { once: true });
      });
      this.#container = document.createElement('div');
      this.#container.className = 'ziar-root';
      this.#container.setAttribute('part', 'root');
      shadow.append(link, this.#container);
    }
    return this.#container;
  }

  /** Mounts (or updates) once the stylesheet and the bundle are in, coalescing attribute bursts. */
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const container = this.#root();
    Promise.all([bundleFor(this.localName), this.#styled]).then(([glue]) => {
      this.#scheduled = false;
      if (!this.isConnected) return;
      const attrs = Array.from(this.attributes, (a) => [a.name, a.value]);
      if (this.#handle) this.#handle.update(attrs);
      else this.#handle = glue.mount_widget(this.localName, container, attrs);
    }, (e) => {
      this.#scheduled = false;
      console.error(`Ziar: <${this.localName}> could not load its code:`, e);
    });
  }

  #unmount() {
    const handle = this.#handle;
    this.#handle = null;
    if (handle) {
      handle.unmount();
      handle.free();
    }
  }
}

for (const tag of TAGS) {
  if (!customElements.get(tag)) {
    customElements.define(tag, class extends ZiarWidget {
      static observedAttributes = [...OWN[tag], ...KEYS];
    });
  }
}
