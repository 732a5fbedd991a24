import { chromium } from 'playwright-core';
const [,, route, name, user] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext();
const page = await context.newPage();
if (user) {
  await page.goto('http://127.0.0.1:8099/#/console');
  await page.fill('#username', user);
  await page.fill('#password', 'saylau-demo-2023');
  await page.click('form.login button');
  await page.waitForSelector('.whoami');
}
for (const lang of ['kk', 'ru', 'en']) {
  for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`http://127.0.0.1:8099/?lang=${lang}#${route}`);
    await page.waitForTimeout(2500);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) => t.scrollWidth - t.parentElement.clientWidth));
    await page.screenshot({ path: `/work/shots/${name}-${lang}-${tag}.png`, fullPage: false });
    console.log(lang, tag, 'page overflow', overflow, 'tables beyond their box', wide.join(','));
  }
}
await browser.close();
