// A small user-agent reader: enough to tell an agent "Chrome 120 on Android, phone".
export interface UaInfo {
  browser: string | null;
  os: string | null;
  device: 'mobile' | 'tablet' | 'desktop';
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/YaBrowser\/(\d+)/, 'Yandex'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
];

const SYSTEMS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/Windows NT 10/, () => 'Windows 10/11'],
  [/Windows NT ([\d.]+)/, (m) => 'Windows NT ' + m[1]],
  [/(?:iPhone|iPad|iPod).*? OS (\d+)/, (m) => 'iOS ' + m[1]],
  [/Android (\d+(?:\.\d+)?)/, (m) => 'Android ' + m[1]],
  [/CrOS/, () => 'ChromeOS'],
  [/Mac OS X (\d+)[._](\d+)/, (m) => 'macOS ' + m[1] + '.' + m[2]],
  [/Linux/, () => 'Linux'],
];

export function parseUserAgent(ua: string | null | undefined): UaInfo {
  if (!ua) return { browser: null, os: null, device: 'desktop' };
  let browser: string | null = null;
  for (const [re, name] of BROWSERS) {
    const m = ua.match(re);
    if (m) {
      browser = name + ' ' + m[1];
      break;
    }
  }
  let os: string | null = null;
  for (const [re, name] of SYSTEMS) {
    const m = ua.match(re);
    if (m) {
      os = name(m);
      break;
    }
  }
  const device = /iPad|Tablet|Android(?!.*Mobile)/.test(ua) ? 'tablet' : /Mobi|iPhone|iPod|Android/.test(ua) ? 'mobile' : 'desktop';
  return { browser, os, device };
}
