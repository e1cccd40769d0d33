// Ziar widgets: <ziar-recent-posts>, <ziar-share> and <ziar-article>.
//
// A host page adds one `<script type="module" src=".../ziar-embed.js">` and the
// elements. This file is the stable entry (serve it with `Cache-Control: no-cache`);
// scripts/embed.sh fills in the content-hashed names of the wasm-bindgen glue, the
// wasm and the stylesheet, which can be cached forever. It imports the wasm once,
// so every element on the page shares one wasm instance (and one clock).
import init, { mount_widget, observed } from './__ZIAR_CORE__';

const base = import.meta.url;
const cssUrl = new URL('./__ZIAR_CSS__', base).href;
await init({ module_or_path: new URL('./__ZIAR_WASM__', base) });

/**
 * One custom element. Each renders into its own open Shadow DOM (the host's CSS
 * cannot reach in, ours cannot leak out), styled by a <link> to the widget
 * stylesheet (allowed by `style-src` naming this script's origin; no inline style).
 * Attribute changes remount it; removal unmounts it, which stops its polling and timers.
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

  /** Mounts (or remounts) once the stylesheet is in, coalescing attribute bursts. */
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const container = this.#root();
    this.#styled.then(() => {
      this.#scheduled = false;
      if (!this.isConnected) return;
      this.#unmount();
      const attrs = Array.from(this.attributes, (a) => [a.name, a.value]);
      this.#handle = mount_widget(this.localName, container, attrs);
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

for (const tag of ['ziar-recent-posts', 'ziar-share', 'ziar-article']) {
  if (!customElements.get(tag)) {
    customElements.define(tag, class extends ZiarWidget {
      static observedAttributes = observed(tag);
    });
  }
}
