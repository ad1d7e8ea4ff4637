"""Static text the pages need: the chat CSS (Persian font stack, per-paragraph direction), a head script, the widget."""

from __future__ import annotations

FONT_STACK = (
    "Vazirmatn",
    "Vazir",
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Tahoma",
    "Segoe UI",
    "system-ui",
    "sans-serif",
)
"""System fonts that render Persian well, best first (none is shipped: Debian's fonts-noto-core has Noto)."""

CSS = """
.gradio-container { direction: rtl; }
.gradio-container .block[dir="ltr"] { direction: rtl; }
#kh-question textarea, #kh-admin-result textarea { unicode-bidi: plaintext; text-align: start; }
#kh-examples button div { unicode-bidi: plaintext; }
#kh-admin-urls textarea, #kh-since input, #kh-until input { direction: ltr; }
.kh-empty { margin: 2.5rem 0 1rem; text-align: center; color: var(--body-text-color-subdued); }
.kh-empty p { margin: .2rem 0; }
.kh-conversation { display: flex; flex-direction: column; gap: 1.1rem; line-height: 1.9; }
.kh-question, .kh-text, .kh-quote, .kh-title, .kh-searched, .kh-article-text, .kh-article h4, .kh-agency {
  unicode-bidi: plaintext; }
.kh-question { align-self: flex-start; max-width: 85%; padding: .45rem .9rem; border-radius: 14px;
  background: var(--color-accent-soft); font-weight: 500; }
.kh-answer { padding: .2rem .2rem; }
.kh-text { margin: 0 0 .4rem; font-size: 1.05em; }
.kh-marker { text-decoration: none; font-size: .78em; vertical-align: super; padding: 0 .1em; font-weight: 600; }
.kh-heading { margin: .6rem 0 .2rem; font-size: .9em; color: var(--body-text-color-subdued); }
.kh-sources { list-style: none; margin: 0; padding: 0; }
details.kh-source { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: .5rem .8rem;
  margin: .45rem 0; background: var(--background-fill-secondary); }
details.kh-source > summary { cursor: pointer; list-style: none; }
details.kh-source > summary::-webkit-details-marker { display: none; }
.kh-source-head { display: block; font-weight: 600; }
.kh-n { color: var(--color-accent); }
.kh-meta { display: block; font-size: .85em; color: var(--body-text-color-subdued); }
.kh-quote { display: block; margin: .35rem 0; padding-inline-start: .7rem;
  border-inline-start: 3px solid #f59e0b; }
.kh-open { display: block; font-size: .8em; color: var(--link-text-color); }
details[open] > summary .kh-open { display: none; }
mark.kh-cited { background: #fde68a; color: #1f2937; border-radius: 3px; padding: 0 .1em; }
.kh-passage { background: rgba(56, 189, 248, .16); }
.kh-article { margin-top: .5rem; padding-top: .5rem; border-top: 1px dashed var(--border-color-primary);
  max-height: 26rem; overflow: auto; }
.kh-article h4 { margin: 0 0 .3rem; }
.kh-article-text { white-space: pre-wrap; }
.kh-note { font-size: .8em; color: var(--body-text-color-subdued); }
.kh-not-found > .kh-text { padding: .5rem .8rem; border-radius: 10px; background: #fffbeb; color: #92400e;
  border: 1px solid #fcd34d; }
.kh-error > .kh-text { color: #b91c1c; }
.kh-pending > .kh-text { color: var(--body-text-color-subdued); }
.kh-composing > .kh-text::after { content: "▍"; color: var(--color-accent); }
.kh-searched { font-size: .78em; color: var(--body-text-color-subdued); margin: .3rem 0 0; }
.kh-status { font-size: .85em; color: var(--body-text-color-subdued); margin: 0; }
.kh-brand h1 { margin: 0; font-size: 1.5em; }
.kh-brand p { margin: 0; color: var(--body-text-color-subdued); }
#kh-admin-table [role="gridcell"] span, #kh-admin-table th span { unicode-bidi: plaintext; text-align: start; }
.kh-admin-message { margin: .2rem 0; padding: .4rem .7rem; border-radius: 8px; }
.kh-admin-message:empty { display: none; }
.kh-admin-error { color: #991b1b; background: #fee2e2; border: 1px solid #fca5a5; }
.kh-admin-done { color: #166534; background: #dcfce7; border: 1px solid #86efac; }
@media (max-width: 640px) {
  #kh-ask-row { flex-wrap: wrap; }
  #kh-ask-row > .form { flex: 1 1 100% !important; min-width: 100% !important; }
}
#kh-m-person input { unicode-bidi: plaintext; }
table.kh-meetings { width: 100%; border-collapse: collapse; font-size: .92em; }
table.kh-meetings th, table.kh-meetings td { border-bottom: 1px solid var(--border-color-primary);
  padding: .35rem .5rem; text-align: start; vertical-align: top; }
.kh-m-status { font-size: .85em; padding: 0 .4em; border-radius: 6px; background: #e0f2fe; color: #075985; }
.kh-m-planned { background: #fef9c3; color: #854d0e; }
.kh-m-denied { background: #fee2e2; color: #991b1b; }
.kh-m-empty { color: var(--body-text-color-subdued); }
svg.kh-graph { display: block; margin: 0 auto; }
svg.kh-graph line { stroke: #94a3b8; stroke-linecap: round; }
svg.kh-graph a.kh-edge:hover line, svg.kh-graph a.kh-edge:focus line { stroke: var(--color-accent); }
svg.kh-graph circle { fill: #0ea5e9; stroke: #fff; stroke-width: 2; }
svg.kh-graph text { fill: var(--body-text-color); unicode-bidi: plaintext; paint-order: stroke;
  stroke: var(--background-fill-primary); stroke-width: 3px; stroke-linejoin: round; }
svg.kh-graph g.kh-node[data-person] { cursor: pointer; }
svg.kh-graph g.kh-node[data-person]:hover circle, svg.kh-graph g.kh-node[data-person]:focus circle { fill: #0369a1; }
.kh-hidden { display: none !important; }
.kh-p-people { padding-inline-start: 1.2rem; line-height: 2; }
button.kh-p-open { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0 .5em;
  background: var(--background-fill-secondary); cursor: pointer; unicode-bidi: plaintext; }
.kh-p-meta { color: var(--body-text-color-subdued); font-size: .88em; }
.kh-person-page ul.kh-p-spellings, .kh-person-page ul.kh-p-titles { display: flex; flex-wrap: wrap; gap: .3rem .6rem;
  list-style: none; padding: 0; }
.kh-person-page ul.kh-p-spellings li, .kh-person-page ul.kh-p-titles li { background: var(--background-fill-secondary);
  border-radius: 6px; padding: 0 .4em; unicode-bidi: plaintext; }
.kh-p-meetings, .kh-p-statements { padding-inline-start: 1.2rem; line-height: 1.8; }
.kh-p-meeting, .kh-p-statement { margin-bottom: .6rem; }
.kh-p-cite { display: block; font-size: .9em; }
.kh-edge-list { margin: .5rem 0; padding-inline-start: 1.2rem; }
.kh-edge-detail > summary { cursor: pointer; }
.kh-edge-detail[open] { background: rgba(56, 189, 248, .08); border-radius: 8px; }
.kh-m-quote { display: block; margin: .25rem 0; padding-inline-start: .6rem;
  border-inline-start: 3px solid #fde68a; unicode-bidi: plaintext; }
.kh-m-day { font-weight: 600; }
"""
"""Styles of the chat pages."""

HEAD = """
<meta name="referrer" content="strict-origin-when-cross-origin">
<script>
document.addEventListener("toggle", function (event) {
  var source = event.target;
  if (!source.matches || !source.matches("details.kh-source") || !source.open) return;
  var passage = source.querySelector(".kh-article .kh-passage");
  var box = source.querySelector(".kh-article");
  var text = source.querySelector(".kh-article .kh-article-text");
  if (!passage || !box || !text) return;
  var origin = box.getBoundingClientRect().top + box.clientTop - box.scrollTop;
  var first = Array.prototype.find.call(passage.getClientRects(), function (rect) { return rect.width > 1; });
  var line = parseFloat(getComputedStyle(text).lineHeight);
  var textTop = text.getBoundingClientRect().top - origin;
  if (!first || !line) return;
  var passageLine = Math.floor(((first.top + first.bottom) / 2 - origin - textTop) / line);
  if (textTop + (passageLine + 1) * line <= box.clientHeight / 2) { box.scrollTop = 0; return; }
  var lastStart = Math.floor((box.scrollHeight - box.clientHeight - textTop) / line);
  box.scrollTop = textTop + Math.max(0, Math.min(passageLine - 1, lastStart)) * line;
}, true);
document.addEventListener("click", function (event) {
  var person = event.target.closest && event.target.closest("g.kh-node[data-person], button.kh-p-open[data-person]");
  if (person) {
    var box = document.querySelector("#kh-p-open textarea, #kh-p-open input");
    var go = document.getElementById("kh-p-go");
    if (!box || !go) return;
    box.value = person.getAttribute("data-person");
    box.dispatchEvent(new Event("input", {bubbles: true}));
    setTimeout(function () { go.click(); }, 0);
    return;
  }
  var edge = event.target.closest && event.target.closest("a.kh-edge");
  if (!edge) return;
  event.preventDefault();
  var detail = document.getElementById(edge.getAttribute("data-edge"));
  if (!detail) return;
  detail.open = true;
  detail.scrollIntoView({block: "nearest"});
});
</script>
"""
"""Head of the chat pages (`pages.py` declares them Persian right-to-left): an opened article whose passage is not in
its top half scrolled to the line before the passage, by whole lines (the first one shown is never cut), a clicked
edge of the meetings graph opening its cited sentences, and a clicked person (in the graph or the list of people)
handed to the Meetings tab's hidden person box, which opens their page."""

WIDGET_JS = """(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = script.src.replace(/\\/widget\\.js(?:[?#].*)?$/, "");
  var label = script.getAttribute("data-label") || "پرسش از اخبار";
  var side = script.getAttribute("data-side") === "left" ? "left" : "right";
  var key = script.getAttribute("data-key");
  function start() {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("data-khabar-widget", "button");
    button.style.cssText = "position:fixed;bottom:20px;" + side + ":20px;z-index:2147483646;padding:10px 18px;" +
      "border:0;border-radius:22px;background:#1d4ed8;color:#fff;cursor:pointer;" +
      "font:15px Vazirmatn,'Noto Sans Arabic',Tahoma,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.25)";
    var frame = null;
    button.addEventListener("click", function () {
      if (!frame) {
        frame = document.createElement("iframe");
        frame.src = base + "/embed/" + (key ? "?key=" + encodeURIComponent(key) : "");
        frame.title = label;
        frame.setAttribute("data-khabar-widget", "frame");
        frame.style.cssText = "position:fixed;bottom:72px;" + side + ":20px;z-index:2147483647;" +
          "width:min(440px,calc(100vw - 40px));height:min(660px,calc(100vh - 100px));" +
          "border:1px solid #d1d5db;border-radius:12px;background:#fff;box-shadow:0 4px 24px rgba(0,0,0,.25)";
        document.body.appendChild(frame);
      } else {
        frame.hidden = !frame.hidden;
      }
      button.setAttribute("aria-expanded", String(!frame.hidden));
    });
    document.body.appendChild(button);
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""
"""`/widget.js`: a button in the corner of a portal page that opens the chat-only page in a frame; with keys set,
`data-key` names an embed key (KHABAR_EMBED_KEYS), which signs the frame in for reading through /embed/ only."""
