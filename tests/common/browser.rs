//! Headless Chromium for the report tests (Debian's `chromium` package). Tests call
//! [`available`] first and skip with a message where it is not installed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Appended to a copy of a report page: one line per chart, `id width height drawn marks`.
pub const PROBE: &str = r#"<script>
(function () {
  var lines = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var r = svg.getBoundingClientRect(), drawn = 0;
    svg.querySelectorAll('.mark').forEach(function (m) {
      var b = m.getBBox();
      if (b.width > 0 || b.height > 0) drawn++;
    });
    lines.push([svg.id, Math.round(r.width), Math.round(r.height), drawn, svg.getAttribute('data-marks')].join(' '));
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = lines.join('\n');
  document.body.appendChild(pre);
})();
</script>"#;

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether Chromium is installed here.
pub fn available() -> bool {
    Path::new(CHROMIUM).exists()
}

/// Runs Chromium headless on `page` with `extra` arguments; its stdout, or a panic with
/// its stderr. Killed after two minutes.
pub fn chromium(page: &Path, profile: &Path, extra: &[&str]) -> String {
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
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
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("chromium runs").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("chromium output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium failed: {stderr}");
    String::from_utf8(out.stdout).expect("the DOM is UTF-8")
}
