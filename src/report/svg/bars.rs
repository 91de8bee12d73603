//! Bar charts: one bar per label (in one colour, or each in its own), or a group of bars
//! per label with a limit line. Every bar but a zero carries its value.

use super::{
    close, colour, escape, fmt, legend, legend_rows, open, text_width, threshold_line, y_axis, ChartOptions, Plot,
    Scale, Series, Threshold, LEGEND_ROW,
};
use std::fmt::Write;

/// One bar per label. `values[i]` belongs to `labels[i]`.
///
/// ```
/// use rotaplan::report::svg::{bar_chart, ChartOptions};
/// let svg = bar_chart(&["urban".into(), "rural".into()], &[3.0, 7.0], &ChartOptions::new("gaps", "Unfilled posts"));
/// assert_eq!(svg.matches("class=\"mark bar").count(), 2);
/// ```
pub fn bar_chart(labels: &[String], values: &[f64], opts: &ChartOptions) -> String {
    let series = [Series { name: opts.y_label.clone(), values: values.iter().map(|&v| Some(v)).collect() }];
    draw(labels, &series, None, opts, Colours::Series(1))
}

/// One bar per label, each in its own colour, that of series `i + shift` for label `i`,
/// and the labels as a legend: for a chart whose labels are the series of the other
/// charts on the page (compare's rules, `shift` 1 after the grey "before").
///
/// ```
/// use rotaplan::report::svg::{bars_by_label, ChartOptions};
/// let labels = ["seniority".to_string(), "lottery".to_string()];
/// let svg = bars_by_label(&labels, &[100.0, 98.0], 1, &ChartOptions::new("moves", "Moves"));
/// assert!(svg.contains("class=\"mark bar s1\"") && svg.contains("class=\"mark bar s2\""));
/// assert_eq!(svg.matches("class=\"legend\"").count(), 2);
/// ```
pub fn bars_by_label(labels: &[String], values: &[f64], shift: usize, opts: &ChartOptions) -> String {
    let series = [Series { name: opts.y_label.clone(), values: values.iter().map(|&v| Some(v)).collect() }];
    draw(labels, &series, None, opts, Colours::Label(shift))
}

/// A group of bars per label, one bar per series (`series[j].values[i]` belongs to
/// `labels[i]`), a legend when there are several series, and the optional limit as a
/// dashed line; a bar above the limit gets class `over` and a red outline.
///
/// ```
/// use rotaplan::report::svg::{grouped_bars_with_threshold, ChartOptions, Series, Threshold};
/// let labels = vec!["Degree".to_string(), "Backbone".to_string()];
/// let series = vec![
///     Series::new("Before", vec![Some(0.31), Some(0.54)]),
///     Series::new("After", vec![Some(0.28), Some(0.35)]),
/// ];
/// let limit = Threshold { value: 0.45, label: "limit 0.45".into() };
/// let svg = grouped_bars_with_threshold(&labels, &series, Some(&limit), &ChartOptions::new("cv-junior", "CV"));
/// assert_eq!(svg.matches("class=\"mark bar").count(), 4);
/// assert_eq!(svg.matches(" over\"").count(), 1);
/// ```
pub fn grouped_bars_with_threshold(
    labels: &[String],
    series: &[Series],
    threshold: Option<&Threshold>,
    opts: &ChartOptions,
) -> String {
    draw(labels, series, threshold, opts, Colours::Series(0))
}

/// How bars are coloured: by series (series `j` as `j + shift`) or by label.
#[derive(Debug, Clone, Copy)]
enum Colours {
    Series(usize),
    Label(usize),
}

impl Colours {
    fn index(self, label: usize, series: usize) -> usize {
        match self {
            Colours::Series(shift) => series + shift,
            Colours::Label(shift) => label + shift,
        }
    }
}

/// Writes `v` above the bar at `x`, `width` wide, whose top is at `top`: level at up to 10 px
/// when it fits the bar, else upright; nothing for a zero (no bar to label).
fn write_value(svg: &mut String, v: f64, decimals: usize, x: f64, width: f64, top: f64) {
    if v.abs() < 1e-12 {
        return;
    }
    let text = fmt(v, decimals);
    let (cx, y) = (x + width / 2.0, top - 3.0);
    let size = (width / text_width(&text, 1.0)).min(10.0);
    let (size, turn) = if size >= 7.5 {
        (size, " text-anchor=\"middle\"".to_string())
    } else {
        (9.0, format!(" transform=\"rotate(-90 {cx:.1} {y:.1})\" text-anchor=\"start\" dominant-baseline=\"central\""))
    };
    let _ = write!(
        svg,
        "<text class=\"value\" x=\"{cx:.1}\" y=\"{y:.1}\"{turn} font-size=\"{size:.1}\" fill=\"#2d3748\">{text}</text>",
    );
}

/// A category's label under its group of bars, slanted when the labels are too wide.
fn write_category(svg: &mut String, label: &str, cx: f64, y: f64, slant: bool) {
    let transform = if slant {
        format!(" transform=\"rotate(-35 {cx:.1} {y:.1})\" text-anchor=\"end\"")
    } else {
        " text-anchor=\"middle\"".into()
    };
    let _ = write!(
        svg,
        "<text class=\"category\" x=\"{cx:.1}\" y=\"{y:.1}\"{transform} font-size=\"11\" fill=\"#2d3748\">{}</text>",
        escape(label)
    );
}

fn draw(
    labels: &[String],
    series: &[Series],
    threshold: Option<&Threshold>,
    opts: &ChartOptions,
    colours: Colours,
) -> String {
    let values = || series.iter().flat_map(|s| s.values.iter().take(labels.len()).flatten().copied());
    let marks = values().filter(|v| v.is_finite()).count();
    let mut svg = open(opts, marks);
    if marks == 0 || labels.is_empty() {
        return close(svg, opts, 0);
    }
    let lo = values().filter(|v| v.is_finite()).fold(0.0, f64::min);
    let hi = values().filter(|v| v.is_finite()).fold(0.0, f64::max);
    let top_value = threshold.map_or(hi, |t| t.value.max(hi));
    // Room above the tallest bar for its value.
    let scale = Scale::nice_with(lo, top_value.max(hi * 1.12), if opts.decimals == 0 { 1.0 } else { 0.0 });
    let band_guess = (opts.width - 64.0) / labels.len() as f64;
    let widest = labels.iter().map(|l| text_width(l, 11.0)).fold(0.0, f64::max);
    let rotate = widest > band_guess - 4.0;
    let label_room = if rotate { (widest * 0.6).min(110.0) + 14.0 } else { 20.0 };
    let left = if opts.y_label.is_empty() { 44.0 } else { 58.0 };
    let names: Vec<&str> = match colours {
        Colours::Label(_) => labels.iter().map(String::as_str).collect(),
        Colours::Series(_) if series.len() > 1 => series.iter().map(|s| s.name.as_str()).collect(),
        Colours::Series(_) => Vec::new(),
    };
    let rows = legend_rows(&names, left, opts.width - 12.0);
    let legend_room = LEGEND_ROW * rows as f64 + if rows > 0 { 2.0 } else { 0.0 };
    let x_room = if opts.x_label.is_empty() { 0.0 } else { 18.0 };
    let p = Plot {
        left,
        right: opts.width - 12.0,
        top: 30.0 + legend_room,
        bottom: opts.height - label_room - x_room - 6.0,
    };
    if rows > 0 {
        let shift = match colours {
            Colours::Series(shift) | Colours::Label(shift) => shift,
        };
        legend(&mut svg, &names, shift, p.left, 40.0, p.right);
    }
    y_axis(&mut svg, &scale, p, &opts.y_label);
    let band = (p.right - p.left) / labels.len() as f64;
    let bar = band * 0.8 / series.len().max(1) as f64;
    let zero = scale.at(0.0, p.bottom, p.top);
    for (i, label) in labels.iter().enumerate() {
        let x0 = p.left + band * i as f64 + band * 0.1;
        for (j, s) in series.iter().enumerate() {
            let Some(v) = s.values.get(i).copied().flatten().filter(|v| v.is_finite()) else { continue };
            let y = scale.at(v, p.bottom, p.top);
            let (top, h) = (y.min(zero), (y - zero).abs().max(0.5));
            let over = threshold.is_some_and(|t| v > t.value + 1e-12);
            let c = colours.index(i, j);
            let class = format!("mark bar s{c}{}", if over { " over" } else { "" });
            let stroke = if over { " stroke=\"#c53030\" stroke-width=\"2\"" } else { "" };
            let x = x0 + bar * j as f64;
            let value = fmt(v, opts.decimals);
            let title =
                if s.name.is_empty() { format!("{label}: {value}") } else { format!("{}: {label} = {value}", s.name) };
            let _ = write!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{top:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"{stroke}>\
                 <title>{t}</title></rect>",
                w = (bar - 1.0).max(1.0),
                fill = colour(c),
                t = escape(&title)
            );
            write_value(&mut svg, v, opts.decimals, x, bar - 1.0, top);
        }
        write_category(&mut svg, label, p.left + band * (i as f64 + 0.5), p.bottom + 14.0, rotate);
    }
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{l}\" x2=\"{r}\" y1=\"{zero:.1}\" y2=\"{zero:.1}\" stroke=\"#4a5568\"/>",
        l = p.left,
        r = p.right
    );
    if let Some(t) = threshold {
        threshold_line(&mut svg, t, &scale, p);
    }
    if !opts.x_label.is_empty() {
        let _ = write!(
            svg,
            "<text class=\"axis-label\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4a5568\">{}</text>",
            escape(&opts.x_label),
            x = (p.left + p.right) / 2.0,
            y = opts.height - 6.0
        );
    }
    close(svg, opts, marks)
}
