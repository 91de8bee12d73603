//! Flows between groups as bands from a left column of sources to a right column of
//! targets (a two-column Sankey diagram): teachers from urban, town and rural schools
//! (and new hires) to the schools they go to.

use super::{close, colour, escape, fmt, open, text_width, ChartOptions, Flow};
use std::fmt::Write;

/// Gap between two nodes of a column, in pixels.
const GAP: f64 = 14.0;
const NODE_WIDTH: f64 = 14.0;

/// Bands from `sources[f.from]` to `targets[f.to]`, each as thick as its `value`; each
/// node is a bar as tall as its total and labelled with it. Flows with a value of 0 or
/// less, or an index outside the lists, are left out; so are nodes without flows. Bands
/// take the colour of their source (`PALETTE[1 + from]`).
///
/// ```
/// use rotaplan::report::svg::{flow_chart, ChartOptions, Flow};
/// let sources = vec!["Urban".to_string(), "Town".to_string()];
/// let targets = vec!["Rural".to_string()];
/// let flows = [Flow { from: 0, to: 0, value: 40.0 }, Flow { from: 1, to: 0, value: 12.0 }];
/// let svg = flow_chart(&sources, &targets, &flows, &ChartOptions::new("flows", "Teacher flows"));
/// assert_eq!(svg.matches("class=\"mark flow").count(), 2);
/// ```
pub fn flow_chart(sources: &[String], targets: &[String], flows: &[Flow], opts: &ChartOptions) -> String {
    let flows: Vec<Flow> = flows
        .iter()
        .copied()
        .filter(|f| f.value.is_finite() && f.value > 0.0 && f.from < sources.len() && f.to < targets.len())
        .collect();
    let mut svg = open(opts, flows.len());
    if flows.is_empty() {
        return close(svg, opts, 0);
    }
    let out_total: Vec<f64> =
        (0..sources.len()).map(|i| flows.iter().filter(|f| f.from == i).map(|f| f.value).sum()).collect();
    let in_total: Vec<f64> =
        (0..targets.len()).map(|i| flows.iter().filter(|f| f.to == i).map(|f| f.value).sum()).collect();
    let total: f64 = out_total.iter().sum();
    let (top, bottom) = (34.0, opts.height - 12.0);
    let gaps = |totals: &[f64]| totals.iter().filter(|&&t| t > 0.0).count().saturating_sub(1) as f64 * GAP;
    let per_unit = (bottom - top - gaps(&out_total).max(gaps(&in_total))) / total;
    let label_room = |names: &[String], totals: &[f64]| {
        names.iter().zip(totals).map(|(n, t)| text_width(&format!("{n} {}", fmt(*t, 0)), 12.0)).fold(0.0, f64::max)
    };
    let left = 12.0 + label_room(sources, &out_total);
    let right = opts.width - 12.0 - label_room(targets, &in_total) - NODE_WIDTH;
    let source_y = node_positions(&out_total, top, per_unit);
    let target_y = node_positions(&in_total, top, per_unit);
    // Where the next band leaves each source and enters each target.
    let mut next_out = source_y.clone();
    let mut next_in = target_y.clone();
    let (x0, x1) = (left + NODE_WIDTH, right);
    let mid = (x0 + x1) / 2.0;
    let mut ordered = flows.clone();
    ordered.sort_by_key(|f| (f.from, f.to));
    for f in &ordered {
        let h = f.value * per_unit;
        let (s0, t0) = (next_out[f.from], next_in[f.to]);
        next_out[f.from] += h;
        next_in[f.to] += h;
        let title = format!("{} → {}: {}", sources[f.from], targets[f.to], fmt(f.value, opts.decimals.min(2)));
        let _ = write!(
            svg,
            "<path class=\"mark flow s{from}\" d=\"M{x0:.1} {s0:.1} C{mid:.1} {s0:.1} {mid:.1} {t0:.1} {x1:.1} {t0:.1} \
             L{x1:.1} {t1:.1} C{mid:.1} {t1:.1} {mid:.1} {s1:.1} {x0:.1} {s1:.1} Z\" fill=\"{c}\" fill-opacity=\"0.5\" \
             stroke=\"{c}\" stroke-opacity=\"0.8\"><title>{t}</title></path>",
            from = f.from,
            s1 = s0 + h,
            t1 = t0 + h,
            c = colour(1 + f.from),
            t = escape(&title)
        );
        // The value sits where the band leaves its source: bands are stacked there, so
        // their labels never overlap (in the middle, crossing bands would cover them).
        if h >= 14.0 {
            let _ = write!(
                svg,
                "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#1a202c\">{}</text>",
                x0 + 6.0,
                s0 + h / 2.0 + 4.0,
                fmt(f.value, 0)
            );
        }
    }
    nodes(&mut svg, sources, &out_total, &source_y, per_unit, left, true);
    nodes(&mut svg, targets, &in_total, &target_y, per_unit, right, false);
    close(svg, opts, flows.len())
}

/// Top of each node of a column, nodes without flows taking no room.
fn node_positions(totals: &[f64], top: f64, per_unit: f64) -> Vec<f64> {
    let mut y = top;
    totals
        .iter()
        .map(|&t| {
            let at = y;
            if t > 0.0 {
                y += t * per_unit + GAP;
            }
            at
        })
        .collect()
}

/// The node bars of one column with their labels (sources labelled on the left).
fn nodes(svg: &mut String, names: &[String], totals: &[f64], ys: &[f64], per_unit: f64, x: f64, left: bool) {
    for ((name, &t), &y) in names.iter().zip(totals).zip(ys) {
        if t <= 0.0 {
            continue;
        }
        let h = t * per_unit;
        let (lx, anchor) = if left { (x - 6.0, "end") } else { (x + NODE_WIDTH + 6.0, "start") };
        let _ = write!(
            svg,
            "<rect class=\"node\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_WIDTH}\" height=\"{h:.1}\" fill=\"#4a5568\">\
             <title>{n}: {v}</title></rect>\
             <text class=\"node-label\" x=\"{lx:.1}\" y=\"{ty:.1}\" text-anchor=\"{anchor}\" font-size=\"12\" fill=\"#1a202c\">{n} {v}</text>",
            ty = y + h / 2.0 + 4.0,
            n = escape(name),
            v = fmt(t, 0)
        );
    }
}
