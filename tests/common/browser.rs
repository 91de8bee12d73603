//! Headless Chromium for the report tests (Debian's `chromium` package; `.ci/run` installs
//! it with CJK fonts). Tests call [`find`] first: where no browser is installed they skip
//! with a message, unless `CI` or `ROTAPLAN_REQUIRE_BROWSER=1` is set, where they fail.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Appended to a copy of a report page. Writes, after layout, three `<pre>` elements:
/// `probe`, one line per chart `id width height drawn marks values`; `overflow`, one line
/// per element wider than its box (a box whose content is wider and spills out, a chart
/// text outside its chart, two level or upright texts of a chart drawn over each other); `headings`, one
/// line per `h1`-`h3`; `text`, the page's rendered text.
pub const PROBE: &str = r#"<script>
(function () {
  function name(el) {
    var cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls;
  }
  var charts = [], over = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var r = svg.getBoundingClientRect(), drawn = 0;
    svg.querySelectorAll('.mark').forEach(function (m) {
      var b = m.getBBox();
      if (b.width > 0 || b.height > 0) drawn++;
    });
    charts.push([svg.id, Math.round(r.width), Math.round(r.height), drawn, svg.getAttribute('data-marks'),
      svg.querySelectorAll('text.value').length].join(' '));
    var texts = [];
    svg.querySelectorAll('text').forEach(function (t) {
      var b = t.getBoundingClientRect();
      if (b.width === 0) return;
      if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
        over.push(svg.id + ' text "' + t.textContent + '" outside the chart');
      // A slanted label's box is wider than its glyphs: only level and upright texts are compared.
      var turn = t.getAttribute('transform') || '';
      if (!turn || turn.indexOf('rotate(-90') === 0) texts.push([t, b]);
    });
    for (var i = 0; i < texts.length; i++) for (var j = i + 1; j < texts.length; j++) {
      var a = texts[i][1], b = texts[j][1];
      var w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 2) over.push(svg.id + ' texts "' + texts[i][0].textContent + '" and "' + texts[j][0].textContent + '" overlap');
    }
  });
  document.querySelectorAll('body *').forEach(function (el) {
    if (el.closest('svg')) return;
    var s = getComputedStyle(el);
    if (s.display === 'inline' || s.display === 'none' || s.overflowX !== 'visible') return;
    if (el.scrollWidth > el.clientWidth + 1) over.push(name(el) + ' content ' + el.scrollWidth + ' wide in ' + el.clientWidth);
  });
  var page = document.documentElement;
  if (page.scrollWidth > window.innerWidth + 1) over.push('page ' + page.scrollWidth + ' wide in a window of ' + window.innerWidth);
  var text = document.body.innerText, heads = [];
  document.querySelectorAll('h1, h2, h3').forEach(function (h) { heads.push(h.textContent.replace(/\s+/g, ' ')); });
  [['probe', charts.join('\n')], ['overflow', over.join('\n')], ['headings', heads.join('\n')], ['text', text]].forEach(function (p) {
    var pre = document.createElement('pre');
    pre.id = p[0];
    pre.textContent = p[1];
    document.body.appendChild(pre);
  });
})();
</script>"#;

/// Where Debian and Ubuntu put Chromium, and other names of Chrome on the PATH.
const CANDIDATES: [&str; 4] = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/// Whether this run must have a browser: `CI` set (to anything but `false`/`0`) or
/// `ROTAPLAN_REQUIRE_BROWSER=1`.
pub fn required() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"));
    ci || std::env::var("ROTAPLAN_REQUIRE_BROWSER").is_ok_and(|v| v.trim() == "1")
}

/// The browser: `ROTAPLAN_CHROMIUM`, else the first of [`CANDIDATES`] on the PATH. `None`
/// (and a message) where there is none; a panic instead when [`required`].
pub fn find() -> Option<PathBuf> {
    let found = std::env::var_os("ROTAPLAN_CHROMIUM").map(PathBuf::from).filter(|p| p.is_file()).or_else(|| {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path).flat_map(|dir| CANDIDATES.map(|c| dir.join(c))).find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !required(),
            "no Chromium found (ROTAPLAN_CHROMIUM, or {} on the PATH) and CI or ROTAPLAN_REQUIRE_BROWSER=1 asks for \
             one: install Debian's `chromium` and `fonts-noto-cjk` (.ci/run does)",
            CANDIDATES.join(", ")
        );
        println!("skipped the browser check: no Chromium installed");
    }
    found
}

/// Runs `browser` headless on `page` with `extra` arguments; its stdout, or a panic with
/// its stderr. Killed after two minutes.
pub fn chromium(browser: &Path, page: &Path, profile: &Path, extra: &[&str]) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read both pipes while waiting: a page's DOM is larger than a pipe's buffer.
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout piped")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr piped")));
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("chromium runs") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert!(status.success(), "chromium failed: {}", String::from_utf8_lossy(&stderr));
    String::from_utf8(stdout).expect("the DOM is UTF-8")
}

/// What the probe found in a page.
#[derive(Debug)]
pub struct Probed {
    /// Per chart: id, width, height, marks drawn, `data-marks`, value labels.
    pub charts: Vec<(String, u32, u32, usize, usize, usize)>,
    /// What overflows, one line each (empty: nothing).
    pub overflow: Vec<String>,
    /// Every `h1`, `h2` and `h3`, in page order.
    pub headings: Vec<String>,
    /// The rendered text of the page.
    pub text: String,
}

/// The text of `<pre id="ID">` in a dumped DOM, unescaped.
fn pre(dom: &str, id: &str) -> String {
    let open = format!("<pre id=\"{id}\">");
    let start = dom.find(&open).unwrap_or_else(|| panic!("the probe wrote no {id}")) + open.len();
    let raw = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    raw.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

/// Loads a copy of `html` with [`PROBE`] appended (written as `copy`) in a window
/// `width` pixels wide, and reads what the probe wrote.
pub fn probe(browser: &Path, html: &str, copy: &Path, profile: &Path, width: u32) -> Probed {
    std::fs::write(copy, html.replace("</body>", &format!("{PROBE}</body>"))).unwrap();
    let dom = chromium(browser, copy, profile, &["--dump-dom", &format!("--window-size={width},1000")]);
    let charts = pre(&dom, "probe")
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let n = |i: usize| f[i].parse::<usize>().unwrap_or_else(|_| panic!("probe line {l}"));
            (f[0].to_string(), n(1) as u32, n(2) as u32, n(3), n(4), n(5))
        })
        .collect();
    let overflow = pre(&dom, "overflow").lines().map(str::to_string).collect();
    let headings = pre(&dom, "headings").lines().map(str::to_string).collect();
    Probed { charts, overflow, headings, text: pre(&dom, "text") }
}

/// Every chart laid out at a readable size with every mark drawn, every bar chart with
/// values written on its bars, and nothing wider than its box.
pub fn assert_laid_out(p: &Probed, what: &str) {
    assert!(!p.charts.is_empty(), "{what}: no chart");
    for (id, width, height, drawn, marks, _) in &p.charts {
        assert!(*width > 200 && *height > 150, "{what}: {id} is {width}x{height}");
        assert!(*marks > 0, "{what}: {id} has no marks");
        assert_eq!(drawn, marks, "{what}: {id} drew {drawn} of its {marks} marks");
    }
    assert!(p.overflow.is_empty(), "{what}: overflows:\n{}", p.overflow.join("\n"));
}

/// Codes a reader should never see: dotted keys (`policy.exchange.share`; file names such
/// as `results.csv` are fine) and snake_case names (`degree_per_100`, `time_limit`).
pub fn raw_keys(text: &str) -> Vec<String> {
    let files = [".csv", ".json", ".toml", ".html", ".xlsx"];
    let mut keys: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| {
            let dotted = t.contains('.')
                && t.split('.').all(|part| part.chars().any(|c| c.is_ascii_lowercase()))
                && !files.iter().any(|f| t.ends_with(f));
            dotted || (t.contains('_') && t.chars().any(|c| c.is_ascii_lowercase()))
        })
        .map(str::to_string)
        .collect();
    keys.dedup();
    keys
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A Chinese page reads as Chinese: every heading has Chinese in it, `words` are in the
/// rendered text, and no key or code shows.
pub fn assert_reads_chinese(p: &Probed, what: &str, words: &[&str]) {
    assert!(p.headings.len() >= 3, "{what}: headings {:?}", p.headings);
    for h in &p.headings {
        assert!(has_chinese(h), "{what}: heading {h:?} is not Chinese");
    }
    for w in words {
        assert!(p.text.contains(w), "{what}: {w:?} is not on the page");
    }
    let keys = raw_keys(&p.text);
    assert!(keys.is_empty(), "{what}: raw keys on the page: {keys:?}");
}
