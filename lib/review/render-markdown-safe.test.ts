import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdownSafe } from "./render-markdown-safe";

const render = (markdown: string) => renderMarkdownSafe({ markdown });

describe("renderMarkdownSafe", () => {
  it("splits paragraphs on blank lines and keeps single line breaks", () => {
    expect(render("one\ntwo\n\nthree")).toBe("<p>one<br>two</p>\n<p>three</p>");
  });

  it("renders strong, emphasis and inline code", () => {
    expect(render("**bold** and *em* and _also_ and `a <b>`")).toBe(
      "<p><strong>bold</strong> and <em>em</em> and <em>also</em> and <code>a &lt;b&gt;</code></p>",
    );
  });

  it("leaves snake_case words alone", () => {
    expect(render("set POSTGRES_PASSWORD_FILE")).toBe("<p>set POSTGRES_PASSWORD_FILE</p>");
  });

  it("escapes raw HTML instead of rendering it", () => {
    expect(render('<script>alert(1)</script><img src=x onerror="y">')).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;y&quot;&gt;</p>",
    );
  });

  it("renders http(s) and mailto links with rel=noopener noreferrer nofollow", () => {
    expect(render("see [the docs](https://12factor.net/dev-prod-parity) or [mail](mailto:ops@example.com)")).toBe(
      '<p>see <a href="https://12factor.net/dev-prod-parity" rel="noopener noreferrer nofollow">the docs</a> or <a href="mailto:ops@example.com" rel="noopener noreferrer nofollow">mail</a></p>',
    );
  });

  it("refuses javascript:, data: and relative links, showing them as text", () => {
    expect(render("[x](javascript:alert(1))")).not.toContain("<a");
    expect(render("[x](javascript:alert)")).toBe("<p>[x](javascript:alert)</p>");
    expect(render("[x](data:text/html,hi)")).toBe("<p>[x](data:text/html,hi)</p>");
    expect(render("[x](/relative)")).toBe("<p>[x](/relative)</p>");
  });

  it("escapes quotes inside link targets", () => {
    const html = render('[x](https://e.com/"onmouseover="a)');
    expect(html).not.toMatch(/"onmouseover/);
  });

  it("links bare URLs without swallowing trailing punctuation", () => {
    expect(render("fixed in https://github.com/o/r/pull/1.")).toBe(
      '<p>fixed in <a href="https://github.com/o/r/pull/1" rel="noopener noreferrer nofollow">https://github.com/o/r/pull/1</a>.</p>',
    );
  });

  it("renders fenced code blocks escaped and verbatim", () => {
    expect(render("before\n```yaml\nimage: <x> & **y**\n```\nafter")).toBe(
      "<p>before</p>\n<pre><code>image: &lt;x&gt; &amp; **y**</code></pre>\n<p>after</p>",
    );
  });

  it("never lets a tag other than its own through, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const html = render(s);
        const tags = [...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
        for (const t of tags) expect(["p", "br", "strong", "em", "code", "pre", "a"]).toContain(t);
        expect(html).not.toMatch(/href="(?!https?:|mailto:)/);
        expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
      }),
    );
  });

  it("stays fast on hostile input", () => {
    const started = Date.now();
    render("*".repeat(10_000) + "[".repeat(5_000) + "`".repeat(5_000) + "_a".repeat(5_000));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
