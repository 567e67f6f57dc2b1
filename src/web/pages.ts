/**
 * The two HTML pages served beside the API. Both are static: every piece of corpus or answer text
 * is put in by the scripts with DOM calls, so nothing here is built from data. What the Chronicle page
 * says about its corpus (title, subtitle, the timeline's period) page.js reads from GET /api/corpus;
 * the words here are what it shows before that, true of any corpus.
 */

const PAGE_STYLES = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1d21;--muted:#596170;--line:#d5dae1;--accent:#1f4fbf;--hit:#fff3c4;--hit-line:#c98a00}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--card:#17191e;--fg:#e7e9ee;--muted:#a3aab7;--line:#363b46;--accent:#93b4ff;--hit:#3a3012;--hit-line:#e3a82c}}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;display:flex;flex-direction:column}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.top{padding:12px 20px;border-bottom:1px solid var(--line);background:var(--card)}
.top h1{margin:0;font-size:20px}
.top p{margin:2px 0 0;color:var(--muted)}
.layout{flex:1;min-height:0;display:grid;grid-template-columns:minmax(320px,460px) minmax(0,1fr);gap:16px;padding:16px}
.chat{min-height:0;border:1px solid var(--line);border-radius:14px;overflow:hidden;background:var(--card)}
.timeline{min-height:0;display:flex;flex-direction:column;border:1px solid var(--line);border-radius:14px;background:var(--card)}
.tl-head{padding:12px 16px;border-bottom:1px solid var(--line)}
.tl-head h2{margin:0 0 8px;font-size:17px}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px}
.filters label{display:flex;flex-direction:column;gap:2px;font-size:13px;color:var(--muted);flex:1 1 160px}
.filters select,.filters input{font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--line);border-radius:8px;padding:6px 8px;min-height:36px}
.status{margin:8px 0 0;font-size:13px;color:var(--muted)}
.retry{margin-left:4px;padding:4px 12px;min-height:30px;border:1px solid var(--accent);border-radius:8px;background:var(--accent);color:var(--card);font:inherit;font-weight:600;cursor:pointer;vertical-align:baseline}
.retry:hover{filter:brightness(1.12)}
.retry:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.tl-list{flex:1;min-height:0;overflow-y:auto;padding:0 16px 16px}
.month h3{position:sticky;top:0;z-index:1;margin:0;padding:10px 0 6px;background:var(--card);font-size:14px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.month ol{list-style:none;margin:0 0 8px;padding:0 0 0 14px;border-left:2px solid var(--line)}
.entry{position:relative;margin:0 0 10px;padding:6px 10px;border-radius:8px;scroll-margin:48px}
.entry::before{content:"";position:absolute;left:-21px;top:13px;width:10px;height:10px;border-radius:50%;background:var(--accent)}
.entry time{display:block;font-weight:600;font-size:14px}
.entry p{margin:2px 0 0;overflow-wrap:anywhere}
.entry.hit{background:var(--hit);box-shadow:inset 4px 0 0 var(--hit-line)}
@media (max-width:800px){body{height:auto;display:block}.layout{display:flex;flex-direction:column;padding:8px}.chat{height:75vh;min-height:420px}.tl-list{overflow:visible}}
`;

/** The page's icon: an open book with a citation mark, drawn small enough to read at 16 px. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d3557"/><path d="M7 9.5c3-1.3 6-1.3 9 .5 3-1.8 6-1.8 9-.5v13c-3-1.3-6-1.3-9 .5-3-1.8-6-1.8-9-.5z" fill="#f1faee"/><path d="M16 10v13" stroke="#1d3557" stroke-width="1.4"/><text x="20.5" y="19.5" font-family="sans-serif" font-size="7" font-weight="700" fill="#e63946">1</text></svg>`;

/** GET /: the chat full-size, with the chronology as a filterable timeline beside it. */
export function chroniclePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>Chronicle</title>
<style>${PAGE_STYLES}</style>
<script src="/page.js" defer></script>
</head>
<body>
<header class="top">
<h1 id="page-title">Chronicle</h1>
<p id="page-subtitle">Ask a question about these documents, or read their timeline. Every answer cites its sources.</p>
</header>
<main class="layout">
<section class="chat" aria-label="Ask Chronicle">
<chronicle-chat mode="inline" heading="Ask about the documents" placeholder="Ask about an event, a name or a date…"></chronicle-chat>
</section>
<section class="timeline" aria-labelledby="tl-title">
<div class="tl-head">
<h2 id="tl-title">Timeline</h2>
<div class="filters">
<label>Month<select id="tl-month"><option value="">All months</option></select></label>
<label>Filter entries<input id="tl-q" type="search" placeholder="e.g. a name or a word" autocomplete="off"></label>
</div>
<p id="tl-status" class="status" role="status">Loading the chronology…</p>
</div>
<div id="tl-list" class="tl-list"></div>
</section>
</main>
</body>
</html>
`;
}

// A site owner's own stylesheet at its worst: universal !important rules, transforms on every
// top-level element (which would trap a fixed-position widget), giant buttons, odd fonts.
const DEMO_STYLES = `
html{font-size:11px!important}
*{font-family:"Comic Sans MS","Comic Sans",cursive!important;color:#7a1f00!important;line-height:2.4!important;letter-spacing:.06em!important;box-sizing:content-box!important}
body{margin:0;background:repeating-linear-gradient(45deg,#fffbe6,#fffbe6 12px,#fff1c2 12px,#fff1c2 24px)!important}
body>*{transform:translateZ(0)!important;filter:saturate(1.2)!important;position:relative!important;z-index:1!important}
div,section,header,footer,nav{border:3px dashed #e07b00!important;padding:14px!important;margin:8px!important}
button,input,textarea{all:unset;background:hotpink!important;font-size:24px!important;padding:18px!important;text-transform:uppercase!important;border:4px solid #000!important}
p{text-align:justify!important;font-size:18px!important}
h1,h2{font-size:44px!important;text-shadow:3px 3px 0 #ffb300!important}
svg{display:none!important}
[hidden]{display:block!important}
ul,ol{list-style:square!important}
`;

/** GET /demo: a plain sample host site that embeds the widget with the one-line script tag. */
export function demoPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The Steppe Review · a sample site embedding Chronicle</title>
<style>${DEMO_STYLES}</style>
</head>
<body>
<header><h1>The Steppe Review</h1><nav>Home · Analysis · Archive · About</nav></header>
<main>
<section>
<h2>Our reading room</h2>
<p>This is a sample host page, as a site owner would have it, with its own loud stylesheet. The Chronicle widget is
embedded with one line and lives in its own shadow root, so none of these styles reach it and none of its styles leak out.
Open it from the button in the corner.</p>
<p>Embed code: <code>&lt;script src="/widget.js" data-title="Ask our documents" async&gt;&lt;/script&gt;</code></p>
<button type="button">A host page button</button>
</section>
</main>
<footer>© The Steppe Review</footer>
<script src="/widget.js" data-title="Ask our documents" async></script>
</body>
</html>
`;
}
