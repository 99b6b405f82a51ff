// The panel's CSS, injected into the shadow root. Logical properties throughout so RTL mirrors.
// Theme: --pc (primary) and --po (text on primary), from config or the page's --porsan-* vars.
export const CSS = `
.w{font:15px/1.45 system-ui,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;color:#1f1f1f}
.w *{box-sizing:border-box}
.panel{position:fixed;bottom:88px;z-index:2147483001;width:380px;max-width:calc(100vw - 40px);height:min(640px,calc(100vh - 108px));display:flex;flex-direction:column;background:#fff;border-radius:16px;box-shadow:0 8px 32px #0005;overflow:hidden;text-align:start}
.left{left:20px}.right{right:20px}
.hd{display:flex;align-items:center;gap:10px;padding:12px 14px;background:var(--pc);color:var(--po)}
h2{margin:0;font-size:17px}
.hd p{margin:0;font-size:13px}
.tt{flex:1}
.av{width:36px;height:36px;border-radius:50%}
button{font:inherit;cursor:pointer}
.ib{background:none;color:inherit;border:0;border-radius:8px;min-width:36px;height:36px;font-size:14px}
svg{width:20px;height:20px;fill:currentColor}
:focus-visible{outline:3px solid var(--pc);outline-offset:2px}
[tabindex="-1"]:focus{outline:0}
.hd :focus-visible{outline-color:currentColor;outline-offset:-3px}
.bn{margin:0;padding:8px 14px;font-size:14px;background:#fef7e0;color:#3d2e00}
.q{background:#e8f0fe;color:#0b2a5b;padding:4px 10px;border-radius:10px}
.log{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:10px;overscroll-behavior:contain;min-height:120px}
.m{display:flex;flex-direction:column;align-items:flex-start;max-width:85%}
.visitor{align-self:flex-end;align-items:flex-end}
.bub{padding:8px 12px;border-radius:16px;background:#eef1f4;overflow-wrap:anywhere;max-width:100%}
.plain{white-space:pre-wrap}
.visitor .bub{background:var(--pc);color:var(--po);border-end-end-radius:4px}
.bot .bub,.agent .bub{border-end-start-radius:4px}
.bub p{margin:0 0 6px}.bub p:last-child{margin:0}
.bub ul,.bub ol{margin:4px 0;padding-inline-start:20px}
a,.lk{color:#0842a0}
pre{white-space:pre-wrap}
.who,.meta,.sys{font-size:12px;color:#5c5f62;padding-inline:4px}
.err{color:#b3261e}
.lk{background:none;border:0;text-decoration:underline;font-size:12px}
.sys{align-self:center;text-align:center;font-size:13px;margin:0}
.acts{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.chip,.pri{border:1px solid var(--pc);background:#fff;color:#1f1f1f;border-radius:16px;padding:6px 12px;font-size:14px}
.pri{background:var(--pc);color:var(--po);font-weight:600}
.ft{border-top:1px solid #dadce0;padding:10px;overflow-y:auto}
.tc{display:block;margin:4px auto 0}
form{display:flex;gap:8px;margin:0}
textarea,input{font:inherit;font-size:16px;font-weight:400;color:#1f1f1f;background:#fff;border:1px solid #80868b;border-radius:12px;padding:9px 12px;width:100%}
textarea{flex:1;resize:none;max-height:120px}
::placeholder{color:#5c5f62;opacity:1}
.clip{display:flex;align-items:center;color:#5c5f62;cursor:pointer}.clip:focus-within{outline:3px solid var(--pc)}.clip svg{fill:none;stroke:currentColor;stroke-width:2}
.send{flex:none;width:42px;height:42px;border-radius:50%;border:0;background:var(--pc);color:var(--po)}
[dir=rtl] .flip{transform:scaleX(-1)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
.lx,.open .launcher svg{display:none}.open .launcher .lx{display:block}
@media (max-width:480px){
.panel{left:0;right:0;top:var(--vvt,0);bottom:auto;width:100%;max-width:none;height:var(--vvh,100dvh);border-radius:0}
.open .launcher{display:none}
}
`;
