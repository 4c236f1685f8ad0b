import { describe, expect, it } from "vitest";
import { attrs, html, htmlString, joinHtml, trustedHtml, type HtmlValue } from "@/lib/safe-html";

const HOSTILE = [`<img src=x onerror=alert(1)>`, `"quoted" & 'single'`, `</script><script>alert(1)</script>`];
const text = (v: ReturnType<typeof html>) => htmlString(v);

describe("html`` (lib/safe-html.ts)", () => {
  it("escapes every interpolated text and number, in element text and in quoted attributes", () => {
    for (const name of HOSTILE) {
      const out = text(html`<a href="/areas/${name}" title='${name}'>${name}</a>`);
      expect(out).not.toMatch(/<img|<script|<\/script|onerror=alert\(1\)>|"quoted"|'single'/);
      expect(out.match(/</g)).toHaveLength(2); // only the template's own <a> and </a>
    }
    expect(text(html`<td>${`"quoted" & 'single'`}</td>`)).toBe("<td>&quot;quoted&quot; &amp; &#39;single&#39;</td>");
    expect(text(html`<td>${1234.5}</td><td>${0}</td>`)).toBe("<td>1234.5</td><td>0</td>");
  });

  it("inserts nested SafeHtml as it is (escaped once, not twice), and lists one after the other", () => {
    const name = html`<b>${"a & b"}</b>`;
    expect(text(html`<td>${name}</td>`)).toBe("<td><b>a &amp; b</b></td>");
    const rows: HtmlValue[] = ["x<y", html`<i>z</i>`, null, undefined, false, [1, html`<br>`]];
    expect(text(html`<p>${rows}</p>`)).toBe("<p>x&lt;y<i>z</i>1<br></p>");
    expect(text(joinHtml([html`<tr>`, "<", html`</tr>`]))).toBe("<tr>&lt;</tr>");
  });

  it("a plain string is never markup: not in html``, and <Markup> accepts SafeHtml only (checked by tsc)", () => {
    const fromDatabase: string = "<script>alert(1)</script>";
    expect(text(html`${fromDatabase}`)).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    // @ts-expect-error a string is not SafeHtml: tsc fails this file if it ever becomes one
    const notSafe: ReturnType<typeof html> = fromDatabase;
    void notSafe;
  });

  it("refuses places where escaping is not enough", () => {
    const x = "x onmouseover=alert(1)";
    // An unquoted attribute value: a space in x would start another attribute.
    expect(() => html`<a href=${x}>`).toThrow(/unquoted/);
    // Between a tag's attributes only attrs(...) (or other SafeHtml) may stand.
    expect(() => html`<a ${x}>`).toThrow(/attrs/);
    expect(text(html`<a${attrs({ href: x, title: null })}>`)).toBe('<a href="x onmouseover=alert(1)">');
    // Markup inside an attribute value would carry its quotes: text only there.
    expect(() => html`<a title="${html`<b class="c">`}">`).toThrow(/attribute value/);
    // No script or style blocks: their content is not HTML text, so escaping would not apply.
    expect(() => html`<script>${x}</script>`).toThrow(/script/);
    // A quoted attribute that holds ">" does not end the tag for the check.
    expect(text(html`<a title="a>b" href="${x}">`)).toBe('<a title="a>b" href="x onmouseover=alert(1)">');
  });

  it("attrs() escapes values, leaves out null and undefined, and refuses a name that is not one", () => {
    expect(text(attrs({ d: "M0,0H10", "stroke-width": 2, fill: undefined }))).toBe(' d="M0,0H10" stroke-width="2"');
    expect(() => attrs({ 'x" onload="y': 1 })).toThrow(/attribute name/);
  });

  it("trustedHtml() is the one raw insertion", () => {
    expect(text(html`<p>${trustedHtml("<b>as is</b>")}</p>`)).toBe("<p><b>as is</b></p>");
  });
});
