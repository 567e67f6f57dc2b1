/**
 * The widget's whole stylesheet, scoped by its shadow root. `:host` resets everything with
 * !important because, across shadow boundaries, important declarations from the inner context win:
 * a host page's `* { … !important }` cannot reach in, and the widget leaks nothing out.
 */
export const STYLES = `
:host{all:initial!important;contain:style}
:host([mode=inline]){display:block!important;width:100%!important;height:100%!important;min-height:0!important}
.root{--p:#1f4fbf;--on-p:#fff;--pt:var(--p);--bg:#fff;--fg:#1b1d21;--muted:#596170;--line:#d5dae1;--soft:#f1f3f7;--user:#e6edfb;--warn:#fff5db;--warn-l:#b77900;--err:#fdeceb;--err-l:#c2281f;--focus:#1f4fbf;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);color-scheme:light;text-align:left;-webkit-text-size-adjust:100%;height:100%}
@media (prefers-color-scheme:dark){.root{--pt:color-mix(in srgb,var(--p) 45%,#fff);--bg:#17191e;--fg:#e7e9ee;--muted:#a3aab7;--line:#363b46;--soft:#23272f;--user:#253352;--warn:#382d10;--warn-l:#e3a82c;--err:#3e2020;--err-l:#ff8f86;--focus:#93b4ff;color-scheme:dark}}
*,::before,::after{box-sizing:border-box}
button,textarea,input{font:inherit;color:inherit;letter-spacing:inherit;text-transform:none;margin:0}
button{cursor:pointer}
button:disabled{cursor:default;opacity:.55}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
[hidden]{display:none!important}
svg{width:22px;height:22px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;flex:none}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:var(--p);color:var(--on-p);box-shadow:0 4px 16px rgba(0,0,0,.28);display:grid;place-items:center}
.launcher svg{width:26px;height:26px}
.left .launcher{right:auto;left:20px}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:min(400px,calc(100vw - 40px));height:min(640px,calc(100vh - 108px));display:flex;flex-direction:column;overflow:hidden;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.3)}
.left .panel{right:auto;left:20px}
@media (max-width:480px),(max-height:520px){.floating .panel{inset:0;width:auto;height:auto;border:0;border-radius:0}}
@media (prefers-reduced-motion:no-preference){.floating .panel{animation:cc-in .16s ease-out}}
@keyframes cc-in{from{opacity:0;transform:translateY(8px)}}
.inline .panel{position:relative;inset:auto;z-index:auto;width:100%;height:100%;border:0;border-radius:0;box-shadow:none}
.head{display:flex;align-items:center;gap:4px;padding:8px 8px 8px 16px;background:var(--p);color:var(--on-p);flex:none}
.head :focus-visible{outline-color:currentColor;outline-offset:-3px}
.title{flex:1;min-width:0;margin:0;font-size:16px;font-weight:600;line-height:1.3;overflow-wrap:anywhere}
.ib{width:40px;height:40px;padding:0;border:0;border-radius:8px;background:transparent;color:inherit;display:grid;place-items:center;flex:none}
.ib:hover{background:rgba(127,127,127,.2)}
.body{position:relative;flex:1;min-height:0;display:flex;flex-direction:column}
.scroll{flex:1;min-height:0;overflow-y:auto;overflow-x:hidden;overscroll-behavior:contain;padding:14px 14px 6px}
.log{display:flex;flex-direction:column;gap:14px}
.empty{display:flex;flex-direction:column;gap:8px;margin-bottom:8px}
.empty p{margin:0 0 4px;color:var(--muted)}
.sug{width:100%;text-align:left;padding:9px 12px;border:1px solid var(--line);border-radius:10px;background:var(--soft)}
.sug:hover,.src:hover{border-color:var(--pt)}
.msg{overflow-wrap:anywhere;min-width:0}
.user{align-self:flex-end;max-width:88%;padding:8px 12px;border-radius:14px 14px 4px 14px;background:var(--user);white-space:pre-wrap}
.user.failed{opacity:.75}
.bot p{margin:0 0 8px}
.bot ul{margin:0 0 8px;padding-left:20px}
.bot li{margin:0 0 4px}
.busy{color:var(--muted);font-style:italic}
.chip{display:inline-block;min-width:24px;height:20px;margin:0 2px;padding:0 6px;border:1px solid var(--pt);border-radius:10px;background:transparent;color:var(--pt);font-size:12px;font-weight:600;line-height:18px;text-align:center;vertical-align:1px}
.chip:hover,.chip[aria-describedby]{background:var(--pt);color:var(--bg)}
.refused{padding:10px 12px;border-left:4px solid var(--warn-l);border-radius:8px;background:var(--warn)}
.refused .label{margin:0 0 4px;font-weight:600}
.hint{margin:4px 0 0;color:var(--muted);font-size:13px}
.hint p{margin:0}
.try{display:block;width:100%;margin:6px 0 0;padding:6px 10px;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg);text-align:left;line-height:1.4}
.try:hover{border-color:var(--pt)}
.sources{margin-top:6px;padding-top:8px;border-top:1px solid var(--line);font-size:13px}
.sources h3{margin:0 0 6px;color:var(--muted);font-size:12px;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.sources ol{margin:0;padding:0;list-style:none;display:grid;gap:6px}
.src{display:flex;gap:8px;width:100%;padding:6px 8px;border:1px solid var(--line);border-radius:8px;background:var(--soft);text-align:left;line-height:1.4}
.src .n{flex:none;min-width:20px;color:var(--pt);font-weight:700}
.src .when{display:block;font-weight:600}
.src .what{display:block;color:var(--muted)}
.alert{display:flex;flex-wrap:wrap;align-items:center;gap:8px;padding:10px 12px;border-left:4px solid var(--err-l);border-radius:8px;background:var(--err)}
.alert p{flex:1 1 180px;margin:0}
.btn{padding:6px 14px;border:1px solid var(--p);border-radius:8px;background:var(--p);color:var(--on-p);font-weight:600}
.notice{margin:0 0 12px;padding:10px 12px;border-left:4px solid var(--err-l);border-radius:8px;background:var(--err)}
.notice p{margin:0}
.busy.wait{font-style:normal;color:var(--fg)}
.fb{margin-top:8px}
.fbbar{display:flex;flex-wrap:wrap;align-items:center;gap:6px}
.rate{width:40px;height:32px;padding:0;border:1px solid var(--line);border-radius:16px;background:var(--bg);color:var(--muted);display:inline-grid;place-items:center}
.rate svg{width:18px;height:18px}
.rate:hover{border-color:var(--pt);color:var(--pt)}
.rate[aria-pressed=true]{border-color:var(--pt);background:color-mix(in srgb,var(--p) 18%,var(--bg));color:var(--pt);box-shadow:inset 0 0 0 1px var(--pt)}
.rate[aria-pressed=true] svg{fill:color-mix(in srgb,var(--pt) 35%,transparent)}
.rate:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.fb .fbstatus{flex:1 1 120px;margin:0 0 0 4px;color:var(--muted);font-size:13px}
.fb .fbstatus.err{color:var(--err-l)}
.fbform{display:flex;flex-direction:column;gap:4px;margin-top:8px}
.fbform label{color:var(--muted);font-size:13px}
.fbform textarea{flex:none;width:100%;min-height:60px;resize:vertical}
.fbrow{display:flex;justify-content:flex-end}
.form{display:flex;align-items:flex-end;gap:8px;padding:10px;border-top:1px solid var(--line);flex:none}
textarea{flex:1;min-width:0;min-height:42px;max-height:140px;resize:none;padding:9px 11px;border:1px solid var(--line);border-radius:10px;background:var(--bg);line-height:1.4}
textarea::placeholder{color:var(--muted);opacity:1}
.send{width:42px;height:42px;padding:0;border:0;border-radius:10px;background:var(--p);color:var(--on-p);display:grid;place-items:center;flex:none}
.tip{position:absolute;z-index:6;max-width:min(320px,calc(100% - 16px));padding:8px 10px;border-radius:8px;background:var(--fg);color:var(--bg);font-size:13px;line-height:1.4;box-shadow:0 6px 20px rgba(0,0,0,.3);pointer-events:none;overflow-wrap:anywhere}
.tip b,.tip span{display:block}
.tip .o{opacity:.8;font-size:12px;margin-bottom:2px}
.detail{position:absolute;inset:0;z-index:5;display:flex;flex-direction:column;background:var(--bg)}
.dhead{display:flex;align-items:center;gap:6px;padding:6px 10px;border-bottom:1px solid var(--line);flex:none}
.dhead h3{margin:0;font-size:15px}
.dbody{flex:1;min-height:0;overflow:auto;padding:12px 16px;overflow-wrap:anywhere}
.meta{margin:0 0 10px;color:var(--muted);font-size:13px}
.full{margin:0 0 10px;white-space:pre-wrap}
mark{border-radius:2px;background:color-mix(in srgb,var(--p) 24%,transparent);color:inherit}
`;
