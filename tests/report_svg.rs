//! The chart primitives on plain data: what is drawn, where, and what is left out.

use rotaplan::report::svg::{
    bar_chart, bars_by_label, flow_chart, grouped_bars_with_threshold, line_chart, ChartOptions, Flow, Series,
    Threshold, PALETTE,
};

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// The numeric value of attribute `attr` of every element whose class starts with `class`.
fn attr_of(svg: &str, class: &str, attr: &str) -> Vec<f64> {
    svg.split(&format!("class=\"{class}"))
        .skip(1)
        .map(|rest| {
            let tag = &rest[..rest.find('>').unwrap()];
            let at = tag.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
            tag[at..].split('"').next().unwrap().parse().unwrap()
        })
        .collect()
}

#[test]
fn bars_are_as_tall_as_their_values() {
    let svg = bar_chart(&labels(&["a", "b", "c"]), &[1.0, 2.0, 4.0], &ChartOptions::new("b", "Bars"));
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    assert!(svg.contains("data-marks=\"3\""));
    let h = attr_of(&svg, "mark bar", "height");
    assert_eq!(h.len(), 3);
    assert!((h[1] / h[0] - 2.0).abs() < 0.02 && (h[2] / h[0] - 4.0).abs() < 0.02, "{h:?}");
}

#[test]
fn threshold_outlines_the_bars_above_it_and_missing_values_draw_nothing() {
    let series = vec![
        Series::new("Before", vec![Some(0.6), Some(0.3), None]),
        Series::new("After", vec![Some(0.4), Some(0.2), Some(0.1)]),
    ];
    let limit = Threshold { value: 0.5, label: "limit ≤ 0.50".into() };
    let svg =
        grouped_bars_with_threshold(&labels(&["x", "y", "z"]), &series, Some(&limit), &ChartOptions::new("g", "G"));
    assert_eq!(svg.matches("class=\"mark bar").count(), 5);
    assert_eq!(svg.matches("class=\"mark bar s0 over\"").count(), 1);
    assert_eq!(svg.matches("class=\"threshold\"").count(), 1);
    assert!(svg.contains("limit ≤ 0.50") && svg.contains("class=\"legend\""));
    // The limit line is above the 0.4 bar's top and below the 0.6 bar's top.
    let y = attr_of(&svg, "threshold\"", "y1")[0];
    let tops = attr_of(&svg, "mark bar", "y");
    assert!(tops[0] < y && tops[1] > y, "{tops:?} vs {y}");
}

#[test]
fn no_data_is_a_dash_not_a_crash() {
    let opts = ChartOptions::new("e", "Empty");
    for svg in [
        bar_chart(&[], &[], &opts),
        grouped_bars_with_threshold(&labels(&["a"]), &[Series::new("s", vec![None])], None, &opts),
        line_chart(&[], &[], None, &opts),
        flow_chart(&labels(&["a"]), &labels(&["b"]), &[Flow { from: 0, to: 5, value: 3.0 }], &opts),
    ] {
        assert!(svg.contains("data-marks=\"0\"") && svg.contains("class=\"no-data\""), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}

#[test]
fn labels_are_escaped() {
    let svg = bar_chart(&labels(&["<b>&"]), &[1.0], &ChartOptions::new("x\"y", "a < b"));
    assert!(svg.contains("&lt;b&gt;&amp;") && svg.contains("id=\"x&quot;y\"") && svg.contains("a &lt; b"));
}

#[test]
fn a_missing_value_breaks_the_line() {
    let x = [0.1, 0.2, 0.3, 0.4];
    let s =
        vec![Series::new("cv", vec![Some(0.5), Some(0.4), None, Some(0.3)]), Series::new("posts", vec![Some(3.0); 4])];
    let svg = line_chart(&x, &s, None, &ChartOptions::new("l", "Line"));
    assert_eq!(svg.matches("class=\"mark point").count(), 7);
    assert_eq!(svg.matches("class=\"mark line").count(), 2);
    let first = svg.split("class=\"mark line s0\" d=\"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(first.matches('M').count(), 2, "two pieces: {first}");
}

#[test]
fn flow_bands_are_as_thick_as_their_values() {
    let svg = flow_chart(
        &labels(&["Urban", "Town", "New hires"]),
        &labels(&["Rural", "Town"]),
        &[
            Flow { from: 0, to: 0, value: 30.0 },
            Flow { from: 1, to: 0, value: 10.0 },
            Flow { from: 2, to: 1, value: 0.0 },
        ],
        &ChartOptions::new("f", "Flows"),
    );
    assert!(svg.contains("data-marks=\"2\""), "a flow of 0 is left out");
    let nodes = attr_of(&svg, "node\"", "height");
    // Sources Urban (30) and Town (10), target Rural (40): heights in proportion.
    assert_eq!(nodes.len(), 3);
    assert!((nodes[0] / nodes[1] - 3.0).abs() < 0.02 && (nodes[2] / nodes[1] - 4.0).abs() < 0.02, "{nodes:?}");
    assert!(svg.contains("Urban → Rural: 30"));
    assert!(!svg.contains(">New hires"), "a node without flows is not drawn");
}

/// The text of every `<text class="value">`, in order.
fn values_written(svg: &str) -> Vec<String> {
    svg.split("<text class=\"value\"")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_string())
        .collect()
}

#[test]
fn every_bar_but_a_zero_carries_its_value_above_it() {
    let series =
        vec![Series::new("Before", vec![Some(3.0), Some(0.0)]), Series::new("After", vec![Some(27.0), Some(1.0)])];
    let opts = ChartOptions { decimals: 0, ..ChartOptions::new("v", "Values") };
    let svg = grouped_bars_with_threshold(&labels(&["urban", "town"]), &series, None, &opts);
    assert_eq!(values_written(&svg), ["3", "27", "1"], "a zero bar has no number");
    // Each number sits just above its bar, and the tallest bar leaves room for its number.
    let (tops, ys) = (attr_of(&svg, "mark bar", "y"), attr_of(&svg, "value\"", "y"));
    assert!((ys[1] - (tops[1] - 3.0)).abs() < 0.11, "{ys:?} {tops:?}");
    assert!(ys[1] > 50.0 + 10.0, "the 27 is below the legend: {ys:?}");
}

#[test]
fn a_value_too_wide_for_its_bar_is_written_upright() {
    let names: Vec<String> = (0..12).map(|i| format!("s{i}")).collect();
    let series = vec![
        Series::new("Before", (0..12).map(|i| Some(100.0 + i as f64)).collect()),
        Series::new("After", (0..12).map(|_| Some(7.0)).collect()),
    ];
    let opts = ChartOptions { decimals: 0, width: 470.0, ..ChartOptions::new("n", "Narrow") };
    let svg = grouped_bars_with_threshold(&names, &series, None, &opts);
    assert_eq!(values_written(&svg).len(), 24);
    assert_eq!(svg.matches("transform=\"rotate(-90").count(), 12, "the three-digit values");
    let width = attr_of(&svg, "mark bar", "width")[0];
    assert!(width < 3.0 * 0.6 * 8.0, "the bar ({width}) is too narrow for 100 written level");
}

#[test]
fn bars_by_label_give_each_label_its_series_colour_and_a_legend() {
    let rules = labels(&["national-2014", "seniority", "lottery"]);
    let svg = bars_by_label(&rules, &[105.0, 100.0, 100.0], 1, &ChartOptions::new("m", "Moves"));
    for (i, rule) in rules.iter().enumerate() {
        assert!(svg.contains(&format!("class=\"mark bar s{}\"", i + 1)), "{rule}");
        assert!(svg.contains(&format!("fill=\"{}\"><title>", PALETTE[i + 1])), "{rule} in its colour");
        assert!(svg.contains(&format!("font-size=\"12\">{rule}</text>")), "{rule} in the legend");
    }
    assert_eq!(svg.matches("class=\"legend-key\"").count(), 3);
}

#[test]
fn a_legend_wider_than_the_chart_wraps_into_rows() {
    let names: Vec<String> = (0..8).map(|i| format!("a-rather-long-rule-name-{i}")).collect();
    let svg = bars_by_label(&names, &[1.0; 8], 1, &ChartOptions { width: 470.0, ..ChartOptions::new("w", "Wrap") });
    let xs = attr_of(&svg, "legend\"", "x");
    let ys: Vec<f64> = attr_of(&svg, "legend\"", "y");
    assert!(xs.iter().all(|&x| x + 0.6 * 12.0 * 25.0 <= 470.0), "every entry inside the chart: {xs:?}");
    let rows = {
        let mut r = ys.clone();
        r.dedup();
        r.len()
    };
    assert!(rows >= 4, "{ys:?}");
    // The plot starts below the last legend row.
    let grid_top = attr_of(&svg, "grid", "y1").into_iter().fold(f64::INFINITY, f64::min);
    assert!(grid_top > ys.iter().copied().fold(0.0, f64::max) + 5.0, "{grid_top} under {ys:?}");
}
