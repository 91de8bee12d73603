//! Charts as inline SVG: pure functions from plain data (labels, series, a threshold) to
//! SVG text, so that any report (plan, evaluation, sweep, compare) draws the same charts
//! and a test can count what is drawn.
//!
//! - [`bar_chart`]: one value per label.
//! - [`bars_by_label`]: one value per label, each label in its own colour with a legend.
//! - [`grouped_bars_with_threshold`]: several series per label and an optional limit line;
//!   a bar above the limit is outlined in red.
//!
//! A bar has its value written above it (upright when the bar is too narrow for it),
//! except a zero. A legend wraps into rows that fit the chart.
//! - [`line_chart`]: series over a numeric x axis (trade-off curves), optional limit line.
//! - [`flow_chart`]: flows from source groups to target groups as bands (a two-column
//!   Sankey diagram).
//!
//! Every chart is one `<svg class="chart" id=ID data-marks=N>`: each data mark (bar, line,
//! point, flow band) has class `mark` and a `<title>` with its exact value (shown on
//! hover, read by screen readers), and `data-marks` is how many marks were drawn. Series
//! `j` is coloured `PALETTE[j]` (series 0 is the neutral grey of a "before"). Nothing
//! refers to anything outside the SVG: no scripts, fonts or images.

mod bars;
mod flow;
mod line;

pub use bars::{bar_chart, bars_by_label, grouped_bars_with_threshold};
pub use flow::flow_chart;
pub use line::line_chart;

use std::fmt::Write;

/// What every chart needs besides its data.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    /// The `id` of the `<svg>`: unique in the page, and the hook for tests and CSS.
    pub id: String,
    /// Drawn at the top left and used as the SVG's accessible title.
    pub title: String,
    /// Under the x axis (empty: none).
    pub x_label: String,
    /// Beside the y axis (empty: none).
    pub y_label: String,
    pub width: f64,
    pub height: f64,
    /// Decimals of the values written on marks and in their titles; 0 also keeps the
    /// value axis to whole numbers (for counts).
    pub decimals: usize,
}

impl ChartOptions {
    /// A 720 x 320 chart with no axis labels and values to 2 decimals.
    pub fn new(id: &str, title: &str) -> Self {
        ChartOptions {
            id: id.to_string(),
            title: title.to_string(),
            x_label: String::new(),
            y_label: String::new(),
            width: 720.0,
            height: 320.0,
            decimals: 2,
        }
    }
}

/// One named series of values; `None` is a missing value (no mark drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

impl Series {
    pub fn new(name: &str, values: Vec<Option<f64>>) -> Self {
        Series { name: name.to_string(), values }
    }
}

/// A limit drawn as a dashed horizontal line, with its label at the right end.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub value: f64,
    pub label: String,
}

/// `value` people (or anything) going from source `from` to target `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flow {
    pub from: usize,
    pub to: usize,
    pub value: f64,
}

/// Colours of series 0, 1, ...: a neutral grey (before, baseline), then blue, orange,
/// green, purple, red; chosen to stay apart for the common colour-vision deficiencies.
pub const PALETTE: [&str; 6] = ["#8c96a5", "#2b6cb0", "#dd6b20", "#2f855a", "#805ad5", "#c53030"];

pub(crate) fn colour(j: usize) -> &'static str {
    PALETTE[j % PALETTE.len()]
}

/// Escapes text for SVG and HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A number with `decimals` decimals ("-0.00" written as "0.00").
pub(crate) fn fmt(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s[1..].to_string()
    } else {
        s
    }
}

/// Rough width of `text` in pixels at `size`: CJK characters are square, others about
/// 0.6 em. Used only to decide whether labels fit and where to put them.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if c as u32 >= 0x2E80 { size } else { 0.6 * size }).sum()
}

/// A linear axis over "nice" round ticks covering `lo..hi`.
#[derive(Debug, Clone)]
pub(crate) struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl Scale {
    /// Round ticks (steps of 1, 2, 2.5 or 5 times a power of ten), about five of them.
    pub fn nice(lo: f64, hi: f64) -> Scale {
        Scale::nice_with(lo, hi, 0.0)
    }

    /// [`Scale::nice`] with steps of at least `min_step` (1 for counts: no tick at 0.5).
    pub fn nice_with(lo: f64, hi: f64, min_step: f64) -> Scale {
        let (lo, hi) = if hi - lo > 1e-12 { (lo, hi) } else { (lo, lo + 1.0) };
        let raw = (hi - lo) / 5.0;
        let power = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= raw).unwrap_or(10.0 * power);
        let step = if step < min_step {
            min_step
        } else if min_step >= 1.0 && step.fract() != 0.0 {
            step.ceil()
        } else {
            step
        };
        let first = (lo / step).floor() * step;
        let last = (hi / step).ceil() * step;
        let n = ((last - first) / step).round() as usize;
        let ticks = (0..=n).map(|i| first + i as f64 * step).collect();
        Scale { lo: first, hi: last, ticks }
    }

    /// Position of `v` between `a` (at `lo`) and `b` (at `hi`).
    pub fn at(&self, v: f64, a: f64, b: f64) -> f64 {
        a + (v - self.lo) / (self.hi - self.lo) * (b - a)
    }

    /// Decimals that tell the ticks apart.
    pub fn decimals(&self) -> usize {
        let step = self.ticks.get(1).map_or(1.0, |t| t - self.ticks[0]);
        (0..4).find(|&d| (step * 10f64.powi(d as i32)).fract().abs() < 1e-6).unwrap_or(4)
    }
}

/// The plotting area inside the margins.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plot {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// `<svg ...>` with the title, and the chart title drawn at the top left.
pub(crate) fn open(opts: &ChartOptions, marks: usize) -> String {
    let id = escape(&opts.id);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" \
         width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title\" data-marks=\"{marks}\">\
         <title id=\"{id}-title\">{t}</title>",
        w = opts.width,
        h = opts.height,
        t = escape(&opts.title)
    );
    if !opts.title.is_empty() {
        let _ = write!(
            s,
            "<text class=\"chart-title\" x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"600\">{}</text>",
            escape(&opts.title)
        );
    }
    s
}

/// The closing tag, or a "no data" note and the closing tag when nothing was drawn.
pub(crate) fn close(mut svg: String, opts: &ChartOptions, marks: usize) -> String {
    if marks == 0 {
        let _ = write!(
            svg,
            "<text class=\"no-data\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#718096\">–</text>",
            opts.width / 2.0,
            opts.height / 2.0
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal grid lines with their tick labels, and the y axis label.
pub(crate) fn y_axis(svg: &mut String, scale: &Scale, p: Plot, label: &str) {
    let d = scale.decimals();
    for &t in &scale.ticks {
        let y = scale.at(t, p.bottom, p.top);
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{l}\" x2=\"{r}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e2e8f0\"/>\
             <text class=\"tick\" x=\"{x}\" y=\"{ty:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a5568\">{v}</text>",
            l = p.left,
            r = p.right,
            x = p.left - 6.0,
            ty = y + 4.0,
            v = fmt(t, d)
        );
    }
    if !label.is_empty() {
        let (x, y) = (14.0, (p.top + p.bottom) / 2.0);
        let _ = write!(
            svg,
            "<text class=\"axis-label\" x=\"{x}\" y=\"{y:.1}\" transform=\"rotate(-90 {x} {y:.1})\" \
             text-anchor=\"middle\" font-size=\"12\" fill=\"#4a5568\">{}</text>",
            escape(label)
        );
    }
}

/// The limit line and its label, across the plot.
pub(crate) fn threshold_line(svg: &mut String, t: &Threshold, scale: &Scale, p: Plot) {
    let y = scale.at(t.value, p.bottom, p.top);
    let _ = write!(
        svg,
        "<line class=\"threshold\" x1=\"{l}\" x2=\"{r}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#c53030\" \
         stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>{label}</title></line>\
         <text class=\"threshold-label\" x=\"{r}\" y=\"{ly:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"#c53030\">{label}</text>",
        l = p.left,
        r = p.right,
        ly = y - 4.0,
        label = escape(&t.label)
    );
}

/// Where each legend entry goes: `(x, row)`, rows wrapping before `right`.
fn legend_layout(names: &[&str], x: f64, right: f64) -> Vec<(f64, usize)> {
    let mut at = x;
    let mut row = 0;
    names
        .iter()
        .map(|name| {
            let width = 14.0 + text_width(name, 12.0);
            if at > x && at + width > right {
                at = x;
                row += 1;
            }
            let place = (at, row);
            at += width + 16.0;
            place
        })
        .collect()
}

/// Rows the legend of `names` takes from `x` to `right`.
pub(crate) fn legend_rows(names: &[&str], x: f64, right: f64) -> usize {
    legend_layout(names, x, right).last().map_or(0, |p| p.1 + 1)
}

/// Height of one legend row.
pub(crate) const LEGEND_ROW: f64 = 18.0;

/// A legend of coloured squares and series names from `x` at baseline `y`, wrapping into
/// rows of [`LEGEND_ROW`] before `right`; entry `j` has the colour of series `j + shift`.
pub(crate) fn legend(svg: &mut String, names: &[&str], shift: usize, x: f64, y: f64, right: f64) {
    for (j, (name, (at, row))) in names.iter().zip(legend_layout(names, x, right)).enumerate() {
        let y = y + LEGEND_ROW * row as f64;
        let _ = write!(
            svg,
            "<rect class=\"legend-key\" x=\"{at:.1}\" y=\"{ky:.1}\" width=\"10\" height=\"10\" fill=\"{c}\"/>\
             <text class=\"legend\" x=\"{tx:.1}\" y=\"{y:.1}\" font-size=\"12\">{n}</text>",
            ky = y - 9.0,
            c = colour(j + shift),
            tx = at + 14.0,
            n = escape(name)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks_cover_the_data() {
        let s = Scale::nice(0.0, 0.537);
        assert_eq!(s.ticks.first(), Some(&0.0));
        assert!(s.hi >= 0.537 && s.hi <= 0.6 + 1e-9, "{s:?}");
        assert_eq!(s.decimals(), 1);
        let s = Scale::nice(0.0, 37.0);
        assert_eq!((s.hi, s.decimals()), (40.0, 0));
        assert_eq!(Scale::nice_with(0.0, 1.0, 1.0).ticks, [0.0, 1.0]);
        assert_eq!(Scale::nice_with(0.0, 12.0, 1.0).ticks, [0.0, 3.0, 6.0, 9.0, 12.0]);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(fmt(-0.0001, 2), "0.00");
    }
}
