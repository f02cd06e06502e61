/**
 * Fixture Douyin web pages, served at their real URLs by the e2e fixtures. Like the real site:
 * the first load carries the owner in a URL-encoded RENDER_DATA script (and the signed-in viewer
 * under `app.user.info`); in-app moves to another creator change the URL with pushState and
 * redraw only the visible header (RENDER_DATA is not refreshed), after a short "XHR" delay.
 */

export interface DouyinFixtureProfile {
  uid: string;
  secUid: string;
  nickname: string;
  uniqueId: string;
}

export const DOUYIN_ORIGIN = 'https://www.douyin.com';

export function douyinUserUrl(secUid: string, query = ''): string {
  return `${DOUYIN_ORIGIN}/user/${secUid}${query}`;
}

/** The signed-in visitor (never the creator). */
export const VIEWER: DouyinFixtureProfile = {
  uid: '1111111111111111',
  secUid: 'MS4wLjABAAAAviewer-viewer-viewer-viewer-viewer-viewer01',
  nickname: '看客小王',
  uniqueId: 'viewer_wang',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderData(owner: DouyinFixtureProfile): string {
  const data = {
    app: { user: { info: { uid: VIEWER.uid, secUid: VIEWER.secUid, nickname: VIEWER.nickname, uniqueId: VIEWER.uniqueId } } },
    '41': {
      user: {
        user: {
          uid: owner.uid,
          secUid: owner.secUid,
          nickname: owner.nickname,
          uniqueId: owner.uniqueId,
          shortId: '0',
          followerCount: 1234567,
        },
      },
      post: { data: [] },
    },
  };
  // The uid as a JSON number, as some builds send it: only digit-keeping parsing survives it.
  const json = JSON.stringify(data).replace(`"uid":"${owner.uid}"`, `"uid":${owner.uid}`);
  return encodeURIComponent(json);
}

/**
 * A Douyin creator page for `owner`. `others` are linked from the page ("related creators") and
 * reachable with in-app navigation. `variant: 'captcha'` serves a risk-control page instead.
 */
export function douyinCreatorHtml(
  owner: DouyinFixtureProfile | null,
  others: readonly DouyinFixtureProfile[] = [],
  variant: 'normal' | 'captcha' = 'normal',
): string {
  if (variant === 'captcha' || owner === null) {
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>验证码中间页</title></head>
<body><div id="captcha-verify"><p>请完成下列验证后继续</p><div class="slider"></div></div></body></html>`;
  }
  const all = [owner, ...others];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(owner.nickname)}的抖音 - 抖音</title>
<style>body{font-family:sans-serif;margin:0}header{padding:12px 24px;border-bottom:1px solid #eee}
[data-e2e=user-info]{padding:24px}main{padding:0 24px}a{margin-right:12px}</style></head>
<body>
<header><a href="/" data-spa>首页</a><a href="/discover" data-spa id="nav-feed">推荐</a></header>
<div data-e2e="user-info"><h1 data-e2e="user-info-name">${escapeHtml(owner.nickname)}</h1><p class="unique">抖音号：${escapeHtml(owner.uniqueId)}</p></div>
<main><h2>相关推荐</h2>${others
    .map((o) => `<a href="/user/${o.secUid}" data-spa class="related" data-sec-uid="${o.secUid}">${escapeHtml(o.nickname)}</a>`)
    .join('')}</main>
<script id="RENDER_DATA" type="application/json">${renderData(owner)}</script>
<script id="fixture-profiles" type="application/json">${JSON.stringify(all).replace(/</g, '\\u003c')}</script>
<script>
(function () {
  var profiles = JSON.parse(document.getElementById('fixture-profiles').textContent);
  function draw() {
    var m = /^\\/user\\/([^/?#]+)/.exec(location.pathname);
    var info = document.querySelector('[data-e2e="user-info"]');
    var p = m && profiles.filter(function (x) { return x.secUid === m[1]; })[0];
    if (!p) { if (info) info.style.display = 'none'; return; }
    info.style.display = '';
    info.querySelector('h1').textContent = p.nickname;
    info.querySelector('.unique').textContent = '抖音号：' + p.uniqueId;
  }
  document.addEventListener('click', function (event) {
    var a = event.target instanceof Element ? event.target.closest('a[data-spa]') : null;
    if (!a) return;
    event.preventDefault();
    history.pushState({}, '', a.getAttribute('href'));
    setTimeout(draw, 150); // the new profile arrives by XHR
  });
  window.addEventListener('popstate', function () { setTimeout(draw, 150); });
})();
</script>
</body></html>`;
}
