//! Line charts over a numeric x axis: how results move as a parameter moves (a sweep's
//! exchange share against the CV, against unfilled posts).

use super::{
    close, colour, escape, fmt, legend, legend_rows, open, threshold_line, y_axis, ChartOptions, Plot, Scale, Series,
    Threshold, LEGEND_ROW,
};
use std::fmt::Write;

/// One line per series over `x` (`series[j].values[i]` is the value at `x[i]`; a `None`
/// breaks the line), a point at each value, a legend when there are several series, and
/// the optional limit line. Points are drawn in the order of `x` as given, so pass `x`
/// sorted for a curve.
///
/// ```
/// use rotaplan::report::svg::{line_chart, ChartOptions, Series, Threshold};
/// let x = [0.10, 0.15, 0.20];
/// let series = vec![Series::new("junior backbone CV", vec![Some(0.35), Some(0.31), None])];
/// let limit = Threshold { value: 0.45, label: "limit".into() };
/// let svg = line_chart(&x, &series, Some(&limit), &ChartOptions::new("share-cv", "Exchange share and CV"));
/// assert_eq!(svg.matches("class=\"mark point").count(), 2);
/// assert_eq!(svg.matches("class=\"mark line").count(), 1);
/// ```
pub fn line_chart(x: &[f64], series: &[Series], threshold: Option<&Threshold>, opts: &ChartOptions) -> String {
    let points = |s: &Series| -> Vec<Option<(f64, f64)>> {
        x.iter().zip(&s.values).map(|(&a, v)| v.filter(|v| v.is_finite() && a.is_finite()).map(|v| (a, v))).collect()
    };
    let all: Vec<(f64, f64)> = series.iter().flat_map(|s| points(s).into_iter().flatten()).collect();
    let lines = series.iter().filter(|s| points(s).iter().flatten().count() > 1).count();
    let marks = all.len() + lines;
    let mut svg = open(opts, marks);
    if all.is_empty() {
        return close(svg, opts, 0);
    }
    let ys = all.iter().map(|p| p.1).chain(threshold.map(|t| t.value));
    let (y_lo, y_hi) = ys.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (x_lo, x_hi) = all.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let ys = Scale::nice_with(y_lo, y_hi, if opts.decimals == 0 { 1.0 } else { 0.0 });
    // Whole-number x (years, counts) gets whole-number ticks.
    let whole = all.iter().all(|p| p.0.fract() == 0.0);
    let xs = if whole { Scale::nice_with(x_lo, x_hi, 1.0) } else { Scale::nice(x_lo, x_hi) };
    let names: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let left = if opts.y_label.is_empty() { 44.0 } else { 58.0 };
    let rows = if series.len() > 1 { legend_rows(&names, left, opts.width - 16.0) } else { 0 };
    let legend_room = LEGEND_ROW * rows as f64 + if rows > 0 { 2.0 } else { 0.0 };
    let p = Plot {
        left,
        right: opts.width - 16.0,
        top: 30.0 + legend_room,
        bottom: opts.height - if opts.x_label.is_empty() { 26.0 } else { 42.0 },
    };
    if rows > 0 {
        legend(&mut svg, &names, 1, p.left, 40.0, p.right);
    }
    y_axis(&mut svg, &ys, p, &opts.y_label);
    let xd = xs.decimals();
    for &t in &xs.ticks {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4a5568\">{}</text>",
            xs.at(t, p.left, p.right),
            p.bottom + 16.0,
            fmt(t, xd)
        );
    }
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{l}\" x2=\"{r}\" y1=\"{b:.1}\" y2=\"{b:.1}\" stroke=\"#4a5568\"/>",
        l = p.left,
        r = p.right,
        b = p.bottom
    );
    if let Some(t) = threshold {
        threshold_line(&mut svg, t, &ys, p);
    }
    let at = |(a, v): (f64, f64)| (xs.at(a, p.left, p.right), ys.at(v, p.bottom, p.top));
    for (j, s) in series.iter().enumerate() {
        let pts = points(s);
        if pts.iter().flatten().count() > 1 {
            let mut d = String::new();
            let mut pen_down = false;
            for pt in &pts {
                match pt {
                    Some(pt) => {
                        let (px, py) = at(*pt);
                        let _ = write!(d, "{}{px:.1} {py:.1} ", if pen_down { "L" } else { "M" });
                        pen_down = true;
                    }
                    None => pen_down = false,
                }
            }
            let _ = write!(
                svg,
                "<path class=\"mark line s{j}\" d=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"2\"><title>{t}</title></path>",
                d.trim_end(),
                c = colour(j + 1),
                t = escape(&s.name)
            );
        }
        for &(a, v) in pts.iter().flatten() {
            let (px, py) = at((a, v));
            let t = format!("{}: {} → {}", s.name, fmt(a, xd.max(opts.decimals)), fmt(v, opts.decimals));
            let _ = write!(
                svg,
                "<circle class=\"mark point s{j}\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3.5\" fill=\"{c}\"><title>{t}</title></circle>",
                c = colour(j + 1),
                t = escape(&t)
            );
        }
    }
    if !opts.x_label.is_empty() {
        let _ = write!(
            svg,
            "<text class=\"axis-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4a5568\">{}</text>",
            (p.left + p.right) / 2.0,
            opts.height - 6.0,
            escape(&opts.x_label)
        );
    }
    close(svg, opts, marks)
}
