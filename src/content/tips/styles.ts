/** A tip's width in pixels (less on a narrow window): placement keeps this much room beside an error. */
export const TIP_WIDTH = 380;
/** A tip's greatest height in pixels; a taller one scrolls inside. */
export const MAX_HEIGHT = 520;

/**
 * The tip's styles: in a <style> inside the shadow root (Firefox content scripts mishandle adoptedStyleSheets).
 * The keyboard shortcut's focus is a ring around the tip, set off from the page by a band of the tip's own
 * colour so it shows on any page (drawn inside, the sticky buttons would hide part of it). Reduced motion:
 * the tip's one animation runs only for those who have not asked for less. Forced colours (Windows high contrast): system colours, and every edge, button and focus
 * ring drawn. Comments stay out of the string: it ships in the content script.
 */
export const TIP_CSS = `
:host { all: initial; }
.stack.left { inset: auto auto 16px 16px; }
.stack { position: fixed; inset: auto 16px 16px auto; z-index: 2147483647; display: flex; flex-direction: column-reverse; gap: 8px; max-height: calc(100vh - 32px); pointer-events: none; }
.tip { --bg: #ffffff; --fg: #1d1d1f; --muted: #5b5b63; --line: #d7d7de; --accent: #1461d6; --accent-fg: #ffffff; --code: #f1f1f4;
  box-sizing: border-box; width: min(${TIP_WIDTH}px, calc(100vw - 32px)); max-height: var(--max-height, min(70vh, ${MAX_HEIGHT}px)); overflow: hidden auto; pointer-events: auto;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 12px 14px; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left; }
.dark .tip { --bg: #232328; --fg: #f2f2f5; --muted: #b4b4bd; --line: #3d3d45; --accent: #6ea4ff; --accent-fg: #0d1526; --code: #32323a; }
.head { display: flex; align-items: flex-start; gap: 8px; }
.head h2 { flex: 1; margin: 0; font-size: 14px; line-height: 1.35; font-weight: 650; }
.meta { margin: 2px 0 6px; color: var(--muted); font-size: 12px; }
.summary { margin: 0 0 8px; }
.body p { margin: 0 0 8px; }
.body ol, .body ul { margin: 0 0 8px; padding-left: 20px; }
.body li { margin: 2px 0; }
.body code { background: var(--code); border-radius: 3px; padding: 0 3px; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
/* a long line wraps (inline code) or scrolls inside its own block (code blocks): the tip never widens */
.body pre { max-width: 100%; overflow-x: auto; white-space: pre; margin: 0 0 8px; }
.body pre code { overflow-wrap: normal; }
.body, .summary, .head h2 { min-width: 0; overflow-wrap: anywhere; }
.body a { color: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px -14px -12px; padding: 8px 14px 12px; position: sticky; bottom: -12px; background: var(--bg); border-top: 1px solid var(--line); }
button { font: inherit; font-size: 12px; cursor: pointer; border-radius: 6px; padding: 4px 10px; border: 1px solid var(--line); background: transparent; color: var(--fg); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
button.close { border: 0; padding: 0 4px; font-size: 18px; line-height: 1; color: var(--muted); }
button:focus-visible, .body a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.tip:focus { outline: 3px solid var(--accent); outline-offset: 2px; box-shadow: 0 0 0 2px var(--bg), 0 6px 24px rgba(0,0,0,.18); }
.announcer { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.note { color: var(--muted); font-size: 12px; margin-left: auto; align-self: center; }
@media (prefers-reduced-motion: no-preference) { .tip { animation: in .12s ease-out; } @keyframes in { from { opacity: 0; transform: translateY(4px); } } }
@media (forced-colors: active) {
  .tip { border: 1px solid CanvasText; border-left-width: 4px; box-shadow: none; }
  .actions, .feedback { border-top-color: CanvasText; }
  button, button.primary, button.close { border: 1px solid ButtonText; background: ButtonFace; color: ButtonText; }
  .tip:focus, button:focus-visible, .body a:focus-visible { outline: 2px solid Highlight; }
}
`;
